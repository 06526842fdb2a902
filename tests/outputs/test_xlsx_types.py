"""XLSX: levels are numbers, figures have number formats, dates are dates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from barometre.assessments.services import assessments_export
from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize("wide", [False, True])
def test_export_levels_are_numbers(after: Campaign, tmp_path: Path, wide: bool) -> None:
    out = tmp_path / "e.xlsx"
    assessments_export(campaign=after, out=out, wide=wide)
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    column = header.index("level" if not wide else "inscription-scolaire")
    levels = [r[column] for r in rows[1:] if r[column].value not in (None, "na")]
    assert levels and all(c.data_type == "n" and isinstance(c.value, int) for c in levels)
    assert 5 in {c.value for c in levels}
    codes = [r[header.index("commune_code")] for r in rows[1:]]
    assert all(c.data_type == "s" for c in codes)  # a code stays text ("01001" keeps its 0)


def test_report_sheets_have_number_formats(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    book = load_workbook(path)
    summary = {r[0].value: r for r in book["Synthèse"].iter_rows() if r[0].value}
    overall = summary["Ensemble"]
    assert overall[5].number_format == "0.00"  # mean level
    assert overall[7].number_format == "0%"  # share of max, as the HTML report prints it
    assert summary["cellules"][3].number_format == "0%"  # the share measured
    when = summary["généré le (UTC)"][1]
    assert when.is_date and when.value == datetime(2026, 3, 1, 0, 0)
    cities = list(book["Communes"].iter_rows())
    # 13/18 and 2/17: two decimals tell them apart, as in the HTML ranking (« 0,72 »)
    assert cities[1][4].number_format == "0.00" and cities[1][5].number_format == "0%"
    change = list(book["Évolution"].iter_rows())
    assert change[2][4].number_format == "+0.00;-0.00;0.00"
    grid = list(book["Communes × services"].iter_rows())
    assert grid[2][2].data_type == "n"  # under the legend line and the header


def test_p_value_format_is_on_the_p_value_column(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Seven cities whose civil-status level rose: the domain has a p-value."""
    communes = [CommuneFactory(code=f"9100{i}") for i in range(7)]
    for name, level in (("avant", 1), ("apres", 3)):
        campaign = CampaignFactory(name=name, communes=communes)
        set_cells(campaign, {(c.code, "actes-etat-civil"): level for c in communes})
    (path,) = report_write(
        campaign="apres", compare="avant", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    change = list(load_workbook(path)["Évolution"].iter_rows())
    header = next([c.value for c in r] for r in change if r[0].value == "domaine")
    p, rose = header.index("p (Wilcoxon)"), header.index("cellules en hausse")
    tested = [r for r in change if len(r) > p and isinstance(r[p].value, float)]
    shown = '[<0.001]"<\u00a00,001";0.000'  # as the HTML report: « 0,438 », « < 0,001 »
    assert tested and all(r[p].number_format == shown for r in tested)
    assert all(r[rose].value == 7 and r[rose].number_format == "General" for r in tested)


SHARES = (
    "part du maximum atteignable (moyenne sur les cellules applicables)",
    "part des cellules applicables au niveau maximal du service (entièrement en ligne)",
    "part des cellules au niveau 4 ou plus, parmi les cellules applicables des services qui "
    "peuvent l'atteindre",
)


def test_the_sheets_name_their_shares_for_what_they_count(after: Campaign, tmp_path: Path) -> None:
    """« entièrement en ligne », « transactionnels », « part du maximum »: shares of cells, not
    of services, the one at level 4 over the cells of the services that can reach it. Aville's
    3 cells at their maximum are 3 of its 18 applicable cells, its 3 cells at 4 or more 3 of the
    16 of the services that can reach 4 (the identity card and lost property stop at 3)."""
    (path,) = report_write(campaign="2026", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    book = load_workbook(path)
    summary = next(
        [c.value for c in r] for r in book["Synthèse"].iter_rows() if r[0].value == "groupe"
    )
    assert summary[-3:] == list(SHARES)
    header, *rows = ([c.value for c in r] for r in book["Communes"].iter_rows())
    assert "transactionnels" not in header and "entièrement en ligne" not in header
    aville = dict(zip(header, next(r for r in rows if r[1] == "90001"), strict=True))
    assert aville[SHARES[1]] == pytest.approx(3 / 18)
    assert aville[SHARES[2]] == pytest.approx(3 / 16)


def test_the_communes_sheet_names_each_bracket_as_the_summary_does(
    after: Campaign, tmp_path: Path
) -> None:
    """The Communes sheet's « tranche » was the bracket's key (« 100000-199999 »); the
    Synthèse sheet names it in words (« 100 000 à 199 999 habitants »)."""
    (path,) = report_write(campaign="2026", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW)
    book = load_workbook(path)
    named = {r[0].value for r in book["Synthèse"].iter_rows() if r[0].value}
    header, *rows = ([c.value for c in r] for r in book["Communes"].iter_rows())
    brackets = {r[header.index("tranche")] for r in rows}
    assert brackets and brackets <= named, (brackets, named)
    assert not any(b[0].isdigit() and "-" in b for b in brackets)


def _unlabelled_numbers(rows: list[list[object]]) -> list[tuple[int, list[object]]]:
    """The rows holding a number with neither a text on its left in the row nor a header above
    it: a row « cellules mesurées 450 450 » has two numbers under one label."""
    found = []
    header: list[object] = []
    for i, row in enumerate(rows):
        numbers = [j for j, v in enumerate(row) if isinstance(v, (int, float, datetime))]
        if not any(v is not None for v in row):
            continue
        if not numbers:
            header = row  # a title or a header row: the numbers below are under it
            continue
        labels = [j for j, v in enumerate(row) if isinstance(v, str)]
        if len(numbers) > 1 or not labels or labels[0] > numbers[0]:
            named = [j for j in numbers if j < len(header) and isinstance(header[j], str)]
            if len(named) < len(numbers):
                found.append((i, row))
    return found


def test_every_number_of_the_workbook_has_a_label(
    after: Campaign, before: Campaign, tmp_path: Path
) -> None:
    """« cellules mesurées 36 54 », « IC 95 % du niveau moyen 1,52 2,46 » in the summary: which
    number was which, the reader had to guess. Every number now has a header above it, or is
    alone on its row beside its label; the change's intervals are in the Évolution sheet."""
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    book = load_workbook(path)
    for sheet in book:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert not _unlabelled_numbers(rows), sheet.title
    change = [list(r) for r in book["Évolution"].iter_rows(values_only=True)]
    header = next(r for r in change if r[0] == "domaine")
    assert header[1:5] == [
        "cellules comparables",
        "niveau moyen 2014 (0\u00a0à\u00a05)",
        "niveau moyen 2026 (0\u00a0à\u00a05)",
        "évolution du niveau moyen",
    ]
    intervals = next(i for i, r in enumerate(change) if r[0] == "IC 95\u00a0% (bootstrap)")
    assert change[intervals][1:4] == ["valeur", "borne basse", "borne haute"]
    assert change[intervals + 1][0] == "évolution du niveau moyen"
    low, high = change[intervals + 1][2:4]
    assert low <= change[intervals + 1][1] <= high


def test_the_communes_sheet_prints_the_means_of_the_html_ranking(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sheet's means were always « 0.000 »: « 2,824 » where the HTML ranking prints
    « 2,82 », and 3 decimals where it needs 4 to tell two ranks apart (2.05871 and 2.05882,
    both « 2,059 »). It now takes the ranking's decimals (`separating_digits`)."""
    from dataclasses import replace

    from barometre.outputs.data import report_data
    from barometre.outputs.html_report import _context
    from barometre.outputs.xlsx_report import xlsx_write

    communes = [CommuneFactory(code=f"9200{i}") for i in range(2)]
    campaign = CampaignFactory(name="rang", communes=communes)
    set_cells(campaign, {(communes[0].code, "actes-etat-civil"): 3})
    set_cells(campaign, {(communes[1].code, "actes-etat-civil"): 1})
    data = report_data(campaign=campaign, now=NOW, resamples=20)
    # two means 0.00011 apart, as a catalogue of many services can give
    cities = [
        replace(city, mean_level=mean)
        for city, mean in zip(data.scores.by_city, (2.05882, 2.05871), strict=True)
    ]
    data = replace(data, scores=replace(data.scores, by_city=cities))
    ranking = next(c for c in _context(data)["charts"] if c.id == "ranking")
    assert [row[3] for row in ranking.rows] == ["2,0588", "2,0587"]
    out = xlsx_write(data, tmp_path / "r.xlsx")
    means = [r[4] for r in list(load_workbook(out)["Communes"].iter_rows())[1:]]
    assert [m.number_format for m in means] == ["0.0000", "0.0000"]
