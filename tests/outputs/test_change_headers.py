"""The tables that compare two campaigns head each mean column with what it holds: the bare
campaign name « 2014 » over a column of means left the reader to find in the caption that it
was a mean level, and on which scale. The same header in the HTML report, its PDF, the campaign
page and the XLSX sheet."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser

from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
BEFORE, AFTER = "niveau moyen 2014 (0\u00a0à\u00a05)", "niveau moyen 2026 (0\u00a0à\u00a05)"


def _heads(page: str) -> list[list[str]]:
    """The header row of each table of `page`, lower-cased (the campaign page capitalises)."""
    tables = LexborHTMLParser(page).css("table")
    return [
        [re.sub("[ \t\n]+", " ", th.text()).strip().lower() for th in t.css("thead th")]
        for t in tables
    ]


def test_every_mean_column_of_a_comparison_says_campaign_and_scale(
    client,  # type: ignore[no-untyped-def]
    after: Campaign,
    before: Campaign,
    tmp_path: Path,
) -> None:
    before.measured_on = date(2014, 3, 1)  # the PDF and the page compare with the one before
    before.save()
    (html,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    pages = {
        "html": html.read_text(encoding="utf-8"),
        "pdf": campaign_pdf_html(campaign=after, now=NOW),
        "web": client.get("/campagne/2026/").content.decode(),
    }
    for name, page in pages.items():
        heads = _heads(page)
        assert not [h for h in heads if "2014" in h or "2026" in h], (name, heads)
        # by domain (its means, its change) and by commune: both campaigns named each time
        compared = [h for h in heads if BEFORE in h]
        assert len(compared) >= 3, (name, heads)
        assert all(h.index(BEFORE) + 1 == h.index(AFTER) for h in compared), (name, compared)
    (xlsx,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = [list(r) for r in load_workbook(xlsx)["Évolution"].iter_rows(values_only=True)]
    heads = [r for r in rows if BEFORE in r]
    assert [r[0] for r in heads] == ["domaine", "code"]
    # the test's column named alike: « p » alone in the report, « p (Wilcoxon) » here
    change = [h for h in _heads(pages["html"]) if "évolution" in h and h[0] == "domaine"]
    assert [h[7] for h in change] == ["p (wilcoxon)"]
    assert "p (Wilcoxon)" in heads[0]
    assert all(r.index(BEFORE) + 1 == r.index(AFTER) for r in heads)


def test_the_cells_compared_have_one_name(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """The headline said « 213 cellules comparables (mesurées et applicables dans les deux
    campagnes) », the tables, their captions and the XLSX « cellules appariées », which
    nothing defined: one thing under two names for a reader."""
    html, xlsx = report_write(
        campaign="2026", compare="2014", formats=["html", "xlsx"], out=tmp_path, now=NOW
    )
    page = html.read_text(encoding="utf-8")
    cells = [c for r in load_workbook(xlsx)["Évolution"].iter_rows(values_only=True) for c in r]
    texts = [page, *(c for c in cells if isinstance(c, str))]
    assert not [t for t in texts if "apparié" in t]
    assert "cellules comparables" in cells
    assert "Moyenne de chaque commune sur ses cellules comparables" in page
    assert "La comparaison porte sur les cellules comparables\u00a0: mêmes communes" in page


MEAN = "niveau moyen (0\u00a0à\u00a05)"


def test_a_mean_column_without_a_campaign_also_says_its_scale(
    client,  # type: ignore[no-untyped-def]
    after: Campaign,
    tmp_path: Path,
) -> None:
    """Without a comparison the domains' table, the ranking and the brackets headed their means
    « niveau moyen », where a comparison's say « niveau moyen 2014 (0\u00a0à\u00a05) »: every
    mean column says its scale, in the HTML report, its PDF, the web pages and the XLSX."""
    domain = after.catalogue.services.values_list("domain", flat=True)[0]
    commune = "90001"  # measured: Cville has no cell, so its page has no mean to head (the
    # first of after.communes, in no set order, was sometimes Cville on PostgreSQL)
    html, xlsx = report_write(campaign="2026", formats=["html", "xlsx"], out=tmp_path, now=NOW)
    pages = {
        "html": html.read_text(encoding="utf-8"),
        "pdf": campaign_pdf_html(campaign=after, now=NOW),
        "web": client.get("/campagne/2026/").content.decode(),
        "ranking": client.get("/campagne/2026/classement/").content.decode(),
        "domain": client.get(f"/campagne/2026/domaine/{domain}/").content.decode(),
        "commune": client.get(f"/commune/{commune}/").content.decode(),
    }
    for name, page in pages.items():
        cells = [h for heads in _heads(page) for h in heads if h.startswith("niveau moyen")]
        assert cells and set(cells) == {MEAN}, (name, cells)
    # the report and its PDF: the brackets, the domains and the ranking
    assert [len([h for h in _heads(pages[n]) if MEAN in h]) for n in ("html", "pdf")] == [3, 3]
    workbook = load_workbook(xlsx)
    cells = [
        c
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if isinstance(c, str) and c.startswith("niveau moyen")
    ]
    assert cells and set(cells) == {MEAN}, cells
