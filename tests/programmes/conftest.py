"""Fixtures for programme tests: synthetic files (never real programmes), a few communes, and the
programmes of a made-up 2020 election in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.synthetic import (
    SyntheticPage,
    docx_bytes,
    html_bytes,
    pdf_bytes,
    plain_text,
)
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, set_cells

DIGITAL_PAGE = SyntheticPage(
    "Une mairie ouverte",
    (
        "Nous créerons un guichet unique en ligne où chaque habitant suivra toutes ses démarches "
        "avec un seul compte.",
        "Les données publiques de la ville seront publiées en open data.",
        "Nous rénoverons la piscine municipale.",
    ),
)
PLAIN_PAGE = SyntheticPage(
    "Vivre mieux",
    (
        "Nous planterons cent arbres le long des avenues.",
        "La police municipale sera présente en soirée dans les quartiers.",
        "Une navette gratuite reliera la gare au centre-ville.",
    ),
)


def render(pages: list[SyntheticPage], fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf_bytes(pages)
    if fmt == "html":
        return html_bytes(pages)
    if fmt == "docx":
        return docx_bytes(pages)
    return plain_text(pages).encode("utf-8")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a synthetic programme (or raw bytes) under tmp_path and return its path."""

    def write(
        name: str, pages: list[SyntheticPage] | None = None, data: bytes | None = None
    ) -> Path:
        path = tmp_path / name
        fmt = {".pdf": "pdf", ".html": "html", ".docx": "docx"}.get(path.suffix, "text")
        path.write_bytes(data if data is not None else render(pages or [DIGITAL_PAGE], fmt))
        return path

    return write


@pytest.fixture
def communes(db: None) -> dict[str, Commune]:
    """Three communes in three size brackets."""
    return {
        "big": CommuneFactory(code="69123", name="Grandeville", population=500_000),
        "mid": CommuneFactory(code="38185", name="Moyenneville", population=150_000),
        "small": CommuneFactory(code="01004", name="Petiteville", population=2_000),
    }


def programme(
    commune: Commune,
    name: str,
    *,
    election: int = 2020,
    themes: tuple[str, ...] = (),
    disruptive: bool = False,
    round: int = 1,
    won: bool = False,
    status: str = "ok",
    sentences: tuple[tuple[str, tuple[str, ...], bool], ...] = (),
) -> Programme:
    item = Programme.objects.create(
        commune=commune,
        election=election,
        list_name=name,
        round=round,
        won=won,
        source_name=f"{name}.pdf",
        format="pdf",
        file_sha256=f"{name}-{election}-{round}",
        text="" if status == "no_text" else "texte",
        status=status,
        mentions_digital=bool(themes),
        themes=list(themes),
        disruptive=disruptive,
    )
    for index, (text, sentence_themes, is_disruptive) in enumerate(sentences):
        ProgrammeSentence.objects.create(
            programme=item,
            index=index,
            start=0,
            end=len(text),
            text=text,
            themes=list(sentence_themes),
            disruptive=is_disruptive,
        )
    return item


GUICHET = "Nous créerons un guichet unique en ligne."


@pytest.fixture
def election_2020(communes: dict[str, Commune]) -> dict[str, Commune]:
    big, mid, small = communes["big"], communes["mid"], communes["small"]
    programme(
        big,
        "Liste A",
        themes=("ecole_numerique", "guichet_unique", "open_data"),
        disruptive=True,
        won=True,
        sentences=(
            (GUICHET, ("guichet_unique",), False),
            ("Les données seront ouvertes.", ("open_data",), True),
            ("Des tablettes dans chaque école.", ("ecole_numerique",), False),
        ),
    )
    programme(big, "Liste A", round=2, themes=("site_web",))  # counted once, as round 1
    programme(big, "Liste B", themes=("guichet_unique",))
    programme(big, "Liste C", themes=("guichet_unique",))
    programme(big, "Liste D")
    programme(mid, "Liste E", themes=("site_web",))
    programme(mid, "Liste F")
    programme(small, "Liste G")
    programme(small, "Liste H")
    programme(small, "Liste scannée", status="no_text")
    return communes


def measured_campaign(
    name: str,
    created: dt.datetime,
    levels: dict[tuple[str, str], int | str],
    *,
    measured: dt.date | None = None,
) -> Campaign:
    """A campaign created at `created` and measured that day, or on `measured`."""
    codes = {code for code, _ in levels}
    campaign = CampaignFactory(name=name, communes=list(Commune.objects.filter(code__in=codes)))
    set_cells(campaign, levels)
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=created, measured_on=measured or created.date()
    )
    return campaign
