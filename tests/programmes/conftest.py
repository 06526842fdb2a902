"""Fixtures for programme tests: synthetic files (never real programmes) and a few communes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.programmes.synthetic import (
    SyntheticPage,
    docx_bytes,
    html_bytes,
    pdf_bytes,
    plain_text,
)
from barometre.referential.models import Commune
from tests.factories import CommuneFactory

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
