"""PROGRAMMES.md: every report also gives the digital share without the programmes whose only
digital sentences are about video-protection (comparable with studies that leave it out)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from barometre.programmes.analysis import analyse_text
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


def stored(commune: Commune, name: str, text: str) -> Programme:
    """A programme read by the real analysis, stored with its evidence as the import does."""
    analysis = analyse_text(text)
    item = Programme.objects.create(
        commune=commune,
        election=2026,
        list_name=name,
        round=1,
        source_name=f"{name}.html",
        format="html",
        file_sha256=name,
        text=text,
        status="ok",
        mentions_digital=analysis.mentions_digital,
        themes=list(analysis.themes),
        disruptive=analysis.disruptive,
    )
    for sentence in analysis.evidence:
        ProgrammeSentence.objects.create(
            programme=item,
            index=sentence.index,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            themes=list(sentence.themes),
            disruptive=sentence.disruptive,
            evidence=list(sentence.evidence),
        )
    return item


@pytest.fixture
def programmes_2026(communes: dict[str, Commune]) -> None:
    big, small = communes["big"], communes["small"]
    stored(big, "Caméras seules", "Nous installerons des caméras aux entrées de la ville.")
    stored(
        big,
        "Caméras et démarches",
        "Un centre de supervision urbain. Toutes les démarches en ligne, sans se déplacer.",
    )
    stored(small, "Capteurs", "Des capteurs pour piloter l'arrosage des jardins publics.")
    stored(small, "Rien", "Nous rénoverons la salle des fêtes et le terrain de football.")


@pytest.mark.usefixtures("programmes_2026")
def test_the_share_without_video_protection_drops_only_video_only_programmes() -> None:
    summary = programmes_report(election=2026, now=NOW).summary
    assert (summary.digital.count, summary.digital.n) == (3, 4)
    without = summary.digital_without_video_protection
    assert (without.count, without.n) == (2, 4)
    assert without.low is not None and without.low < without.share < (without.high or 1)
    by_bracket = {row.bracket: row for row in summary.by_bracket}
    big = next(row for row in by_bracket.values() if row.digital.n == 2 and row.digital.count == 2)
    assert big.digital_without_video_protection.count == 1


@pytest.mark.usefixtures("programmes_2026")
def test_every_format_shows_the_share_without_video_protection() -> None:
    report = programmes_report(election=2026, now=NOW)
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    row = next(r for r in rows if r["key"] == "without_video_protection")
    assert (row["section"], row["count"], row["n"]) == ("digital", "2", "4")
    data = json.loads(render(report, "json"))
    assert data["summary"]["digital_without_video_protection"]["count"] == 2
    assert "le seul numérique est la vidéoprotection" in render(report, "html")
