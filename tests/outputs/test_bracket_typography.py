"""A population bracket keeps its numbers on one line where a reader sees it, and stays as the
data write it (plain spaces) in the machine formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from barometre.core.statecache import MEMO
from barometre.outputs.opendata.package import table_rows
from barometre.outputs.pdf.reports import campaign_pdf_html, commune_pdf_html
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from barometre.web.selectors import _CONTEXTS

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
# Aville (300,000 inhabitants) and Bville (5,000), as the data write their brackets
LARGE, SMALL = "200 000 habitants et plus", "3 500 à 9 999 habitants"
# as a page prints them: a no-break space between the digit groups, nowhere else
LARGE_SHOWN, SMALL_SHOWN = "200\u00a0000 habitants et plus", "3\u00a0500 à 9\u00a0999 habitants"


@pytest.fixture(autouse=True)
def _fresh_pages() -> None:
    """Pages laid out afresh (the scores too: the conftest's `_fresh_scores`)."""
    MEMO.clear()
    _CONTEXTS.clear()


def _bracket_rows(page: str) -> list[str]:
    """The row headers of the page's table by bracket, as the page writes them."""
    for table in LexborHTMLParser(page).css("table"):
        headers = [th.text().lower() for th in table.css("thead th")]
        if headers and headers[0] == "tranche":
            return [th.text() for th in table.css("tbody th")]
    raise AssertionError("no table by bracket")


def test_the_pages_and_reports_keep_a_bracket_s_numbers_on_one_line(
    client,  # type: ignore[no-untyped-def]
    after: Campaign,
    tmp_path: Path,
) -> None:
    """On a 390 px phone « 200 » ended a line and « 000 habitants » began the next: the campaign
    page, the HTML report and the campaign PDF print the bracket with no-break spaces."""
    (html,) = report_write(campaign="2026", formats=["html"], out=tmp_path / "r.html", now=NOW)
    pages = {
        "web": client.get("/campagne/2026/").content.decode(),
        "html": html.read_text(encoding="utf-8"),
        "pdf": campaign_pdf_html(campaign=after, now=NOW),
    }
    for name, page in pages.items():
        # the brackets, then the total row
        assert _bracket_rows(page) == [SMALL_SHOWN, LARGE_SHOWN, "Ensemble"], name


def test_a_commune_s_bracket_is_printed_on_one_line(
    client,  # type: ignore[no-untyped-def]
    after: Campaign,
) -> None:
    """The commune page's tile (« parmi les communes de … »), its PDF's heading and the filter's
    choices of bracket."""
    page = client.get("/commune/90001/?campagne=2026").content.decode()
    tiles = [p.text() for p in LexborHTMLParser(page).css(".fr-tile__desc")]
    # Aville is the only commune of its bracket: no rank there, the bracket named all the same
    alone = f"seule commune classée de la tranche {LARGE_SHOWN}\u00a0: aucun rang à donner"
    assert alone in tiles, tiles
    pdf = LexborHTMLParser(commune_pdf_html(campaign=after, code="90001", now=NOW))
    assert f"· {LARGE_SHOWN}" in pdf.body.text(), pdf.body.text()[:300]
    ranking = client.get("/campagne/2026/classement/").content.decode()
    choices = [o.text() for o in LexborHTMLParser(ranking).css("#f-tranche option")]
    assert LARGE_SHOWN in choices and SMALL_SHOWN in choices, choices


def test_the_machine_formats_carry_the_bracket_as_written(
    client,  # type: ignore[no-untyped-def]
    after: Campaign,
    tmp_path: Path,
) -> None:
    """JSON, CSV, open data: the label as the data write it, plain spaces, no U+00A0."""
    (path,) = report_write(campaign="2026", formats=["json"], out=tmp_path / "r.json", now=NOW)
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["brackets"]["ge200000"]["label"] == LARGE
    assert report["brackets"]["3500-9999"]["label"] == SMALL
    labels = {row[3] for row in table_rows(after, "scores", now=NOW) if row[1] == "bracket"}
    assert labels == {LARGE, SMALL}, labels
    download = client.get("/donnees/2026/scores.csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text)) if row[1:2] == ["bracket"]]
    assert {row[3] for row in rows} == {LARGE, SMALL}, rows
    assert "\u00a0" not in text
