"""Which way a domain's Wilcoxon test leans, and the communes that rose and fell, in the JSON
report, the API and the XLSX as in the HTML report's sentence: a reuser reading p < 0,05 could
not tell whether the domain rose or fell."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from barometre.outputs.html_report import html_render
from barometre.outputs.json_report import report_dict
from barometre.outputs.pdf.reports import campaign_pdf
from barometre.outputs.published import published_report
from barometre.outputs.xlsx_report import xlsx_write
from barometre.referential.models import Campaign
from tests.caches import forget_computed
from tests.factories import campaign_pair, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)
FAMILY = ["inscription-scolaire", "periscolaire", "paiement-famille", "petite-enfance"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


@pytest.fixture
def pair() -> tuple[Campaign, Campaign]:
    """Famille: 11 communes gain 1 on one cell, one loses 3 on each: the test leans up,
    significantly; état civil: nothing measured, no test."""
    before, after, codes = campaign_pair(12)
    set_cells(before, {(c, s): 1 for c in codes[:11] for s in FAMILY})
    set_cells(after, {(c, s): 1 for c in codes[:11] for s in FAMILY[1:]})
    set_cells(after, {(c, FAMILY[0]): 2 for c in codes[:11]})
    set_cells(before, {(codes[11], s): 4 for s in FAMILY})
    set_cells(after, {(codes[11], s): 1 for s in FAMILY})
    return before, after


def test_json_report_gives_the_test_s_direction(pair: tuple[Campaign, Campaign]) -> None:
    before, after = pair
    data = published_report(campaign=after, reference=before, now=NOW)
    domains = report_dict(data)["comparison"]["by_domain"]
    famille = domains["famille"]
    assert famille["p_value"] < 0.05
    assert (famille["test_direction"], famille["test_communes_rose"]) == ("up", 11)
    assert famille["test_communes_fell"] == 1
    untested = domains["etat-civil"]
    assert (untested["test_direction"], untested["test_communes_rose"]) == (None, 0)


def test_api_gives_the_test_s_direction(client, pair: tuple[Campaign, Campaign]) -> None:  # type: ignore[no-untyped-def]
    query = {"campaign": "apres", "reference": "avant"}
    body = client.get("/api/v1/comparisons", query).json()
    tests = {d["key"]: d["test"] for d in body["domains"]}
    famille = tests["famille"]
    assert (famille["direction"], famille["communes_rose"], famille["communes_fell"]) == (
        "up",
        11,
        1,
    )
    assert tests["etat-civil"]["direction"] is None


def test_xlsx_gives_the_test_s_direction(pair: tuple[Campaign, Campaign], tmp_path: Path) -> None:
    before, after = pair
    path = xlsx_write(
        published_report(campaign=after, reference=before, now=NOW), tmp_path / "r.xlsx"
    )
    rows = [list(r) for r in load_workbook(path)["Évolution"].iter_rows(values_only=True)]
    header = next(r for r in rows if r and r[0] == "domaine")
    famille = next(r for r in rows if r and r[0] == "Famille, école et petite enfance")
    said = dict(zip(header, famille, strict=True))
    assert (said["sens du test"], said["communes en hausse"], said["communes en baisse"]) == (
        "hausse",
        11,
        1,
    )


def _text(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def _famille_row(page: str, section: str) -> dict[str, str]:
    """The « Famille » row of the table that follows `section` in an HTML page, by header."""
    table = page[page.index(section) :]
    table = table[table.index("<table") : table.index("</table>")]
    headers = [_text(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)]
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "Famille" in r)
    cells = [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
    return dict(zip(headers, cells, strict=True))


FAMILLE_UP = "en hausse\u00a0: 11 communes en hausse, 1 en baisse"


def test_the_html_report_s_change_table_gives_the_test_s_direction(
    pair: tuple[Campaign, Campaign],
) -> None:
    """The table beside the change chart gave p and no direction, which the JSON and the API
    carry: its « sens du test » column says it, as the significance sentence words it."""
    before, after = pair
    page = html_render(published_report(campaign=after, reference=before, now=NOW))
    assert _famille_row(page, 'id="section-change"')["sens du test"] == FAMILLE_UP


def test_the_pdf_s_change_table_gives_the_test_s_direction(
    pair: tuple[Campaign, Campaign],
) -> None:
    _before, after = pair
    reader = PdfReader(BytesIO(campaign_pdf(campaign=after, now=NOW)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "p (Wilcoxon) sens du test remarque" in text  # the table's headers
    # the row: p, then the direction (the sentence above the charts says it too)
    assert re.search(r"0,0\d\d en hausse : 11 communes en hausse, 1 en baisse", text)


def test_the_overview_s_change_table_gives_the_test_s_direction(
    client,  # type: ignore[no-untyped-def]
    pair: tuple[Campaign, Campaign],
) -> None:
    page = client.get("/campagne/apres/").content.decode()
    assert _famille_row(page, 'aria-labelledby="titre-change"')["Sens du test"] == FAMILLE_UP
