"""The standalone reports read out right: language, title, headings, tables with captions and
header scopes, charts whose text sends to their table; the PDFs are tagged, in French, titled."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from barometre.outputs.pdf.reports import (
    campaign_pdf,
    campaign_pdf_html,
    commune_pdf,
    commune_pdf_html,
)
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.a11y import document_problems

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("compare", ["2014", None])
def test_the_html_report_reads_out_right(
    after: Campaign, before: Campaign, tmp_path: Path, compare: str | None
) -> None:
    (path,) = report_write(
        campaign="2026", compare=compare, formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    html = path.read_text(encoding="utf-8")
    assert document_problems(html) == []
    assert '<abbr title="sans objet">s.o.</abbr>' in html  # 90002 has a service not applicable


def test_the_pdf_sources_read_out_right(after: Campaign, before: Campaign) -> None:
    assert document_problems(campaign_pdf_html(campaign=after, now=NOW)) == []
    for code in ("90001", "90002", "90003"):  # 90003: nothing measured
        assert document_problems(commune_pdf_html(campaign=after, code=code, now=NOW)) == []


def test_the_commune_pdf_gives_the_campaign_mean_its_chart_draws(after: Campaign) -> None:
    html = commune_pdf_html(campaign=after, code="90001", now=NOW)
    assert "moyenne de la campagne" in html


@pytest.mark.parametrize("which", ["campaign", "commune"])
def test_the_pdfs_are_tagged_french_and_titled(
    after: Campaign, before: Campaign, which: str
) -> None:
    content = (
        campaign_pdf(campaign=after, now=NOW)
        if which == "campaign"
        else commune_pdf(campaign=after, code="90001", now=NOW)
    )
    reader = PdfReader(BytesIO(content))
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).lower().startswith("fr")
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    title = reader.metadata.title if reader.metadata else ""
    expected = "Baromètre de l'e-administration locale" if which == "campaign" else "Aville"
    assert title and expected in title and "2026" in title


def test_the_pdf_splits_the_heatmap_table_to_fit_the_page(after: Campaign) -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(campaign_pdf_html(campaign=after, now=NOW))
    tables = [
        t for t in tree.css("table") if "Communes × services" in t.css_first("caption").text()
    ]
    headers = [[th.text() for th in t.css("thead th")] for t in tables]
    assert len(tables) == 3  # 18 services, 6 by table: 8 columns fit an A4 page
    assert all(h[:2] == ["commune", "code"] and len(h) == 8 for h in headers)
    services = [name for h in headers for name in h[2:]]
    assert len(services) == len(set(services)) == 18
    assert "(colonnes 13\u00a0à\u00a018\u00a0sur\u00a018)" in tables[2].css_first("caption").text()
    assert [[td.text() for td in row.css("th, td")][:2] for row in tables[2].css("tbody tr")] == [
        ["Aville", "90001"],
        ["Bville", "90002"],
    ]


def _cells(node: object, found: list[object]) -> list[object]:
    """The /TD structure elements under `node` of a PDF's structure tree."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _cells(child, found)
    elif hasattr(node, "get"):
        if node.get("/S") == "/TD":
            found.append(node)
        elif node.get("/K") is not None:
            _cells(node["/K"], found)
    return found


def test_a_pdf_cell_is_read_with_its_row_and_its_column(after: Campaign) -> None:
    content = commune_pdf(campaign=after, code="90001", now=NOW)
    tree = PdfReader(BytesIO(content)).trailer["/Root"]["/StructTreeRoot"]
    cells = _cells(tree["/K"], [])
    # the service (th scope="row") and the column's header: WeasyPrint maps both from scope
    assert cells and all(len(cell["/A"]["/Headers"]) == 2 for cell in cells)
