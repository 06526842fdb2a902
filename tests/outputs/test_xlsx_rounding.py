"""The XLSX report shows each share and p-value as the HTML report and the PDF print it: a
share « 20,5 % » in the sheet was « 21 % » in the report, a p-value « 0,4375 » was
« 0,438 », « 0,0005 » was « < 0,001 »: two figures to quote for one. The cells keep every
digit; only what they show is rounded alike."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from django.utils import translation
from openpyxl import load_workbook
from openpyxl.cell import Cell

from barometre.outputs.data import report_data
from barometre.outputs.html_report import _context
from barometre.outputs.labels import number, p_value, percent
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _shown(cell: Cell) -> str:
    """What a spreadsheet shows of `cell` with its number format (the formats this report
    uses: « 0.0% », « 0% », « 0.000 », and a section « [<0.001]"…" » first)."""
    fmt, value = cell.number_format, cell.value
    assert isinstance(value, float), cell
    if found := re.fullmatch(r'\[<([0-9.]+)\]"([^"]*)";(.*)', fmt):
        if value < float(found.group(1)):
            return found.group(2)
        fmt = found.group(3)
    digits = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    return percent(value, digits) if fmt.endswith("%") else number(value, digits)


def test_the_communes_sheet_shows_the_shares_of_the_html_ranking(
    after: Campaign, tmp_path: Path
) -> None:
    """Aville: 3 of its 16 cells that can reach level 4 do, 18,75 %: « 19 % » in the report."""
    (path,) = report_write(campaign="2026", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    sheet = load_workbook(path)["Communes"]
    header, *rows = list(sheet.iter_rows())
    aville = next(r for r in rows if r[1].value == "90001")
    with translation.override("fr"):
        charts = {c.id: c for c in _context(report_data(campaign=after, now=NOW))["charts"]}
        ranking = next(r for r in charts["ranking"].rows if r[2] == "90001")
        shown = [_shown(aville[j]) for j in (5, 7)]  # share of the maximum, level 4 or more
    assert shown == [ranking[4], ranking[5]]
    assert shown[1] == "19\u00a0%"


def test_the_change_sheet_shows_the_p_values_of_the_html_report(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Eleven cities whose civil-status level rose (p below 0,001), their electoral
    registration mixed: a p-value in two domains."""
    communes = [CommuneFactory(code=f"91{i:03}") for i in range(11)]
    for name, level in (("avant", 1), ("apres", 3)):
        campaign = CampaignFactory(name=name, communes=communes)
        cells = {(c.code, "actes-etat-civil"): level for c in communes}
        mixed = {
            (c.code, "listes-electorales"): (i % 3 + level) % 5 for i, c in enumerate(communes)
        }
        set_cells(campaign, cells | mixed)
    (path,) = report_write(
        campaign="apres", compare="avant", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = list(load_workbook(path)["Évolution"].iter_rows())
    header = next([c.value for c in r] for r in rows if r[0].value == "domaine")
    p = header.index("p (Wilcoxon)")
    tested = {
        r[0].value: _shown(r[p]) for r in rows if len(r) > p and isinstance(r[p].value, float)
    }
    after = Campaign.objects.get(name="apres")
    before = Campaign.objects.get(name="avant")
    data = report_data(campaign=after, reference=before, now=NOW)
    assert data.comparison is not None
    with translation.override("fr"):
        printed = {
            data.domain_label(d): p_value(x.test.p_value)
            for d, x in data.comparison.by_domain.items()
            if x.test.p_value is not None
        }
    assert tested == printed, (tested, printed)
    assert "<\u00a00,001" in tested.values() and len(tested) == 2


def test_the_change_s_interval_is_rounded_as_the_change(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """The change is the difference of the two printed means (2 decimals); its bootstrap bounds
    were raw floats beside it (0.6111111111111112): they hold the 2 decimals the HTML report
    prints, « +0,61 »."""
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = [list(r) for r in load_workbook(path)["Évolution"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "IC 95\u00a0% (bootstrap)")
    bounds = [r[1:4] for r in rows[start + 1 : start + 3]]
    data = report_data(campaign=after, reference=before, now=NOW)
    assert data.comparison is not None and data.comparison.ci_mean_change is not None
    raw = data.comparison.ci_mean_change
    assert round(raw.high, 2) != raw.high  # more digits than printed
    for value, low, high in bounds:
        assert [round(x, 2) for x in (value, low, high)] == [value, low, high]
    assert bounds[0][1:] == [round(raw.low, 2), round(raw.high, 2)]
