"""A tiny p-value reads alike in every format: the JSON report and the XLSX cell hold it whole
(never 0), the change chart's tooltip prints it as the table beside it, « < 0,001 », not the
« 0.000 » of a format ".3f"."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path

from django.utils import translation
from openpyxl import load_workbook

from barometre.outputs.change_charts import change_by_domain
from barometre.outputs.data import report_data
from barometre.outputs.json_report import report_dict
from barometre.outputs.services import report_write
from tests.factories import campaigns_all_rose

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def test_the_change_chart_s_tooltip_prints_the_table_s_p_value(db) -> None:  # type: ignore[no-untyped-def]
    before, after = campaigns_all_rose()
    with translation.override("fr"):
        spec = change_by_domain(report_data(campaign=after, reference=before, now=NOW))
    assert spec is not None
    values = {v["domain"]: v for v in spec["data"]["values"]}
    assert values["État civil"]["p_shown"] == "<\u00a00,001"
    tooltip = next(t for t in spec["encoding"]["tooltip"] if t["title"] == "p (Wilcoxon)")
    assert tooltip == {"field": "p_shown", "title": "p (Wilcoxon)"}  # no ".3f": « 0,000 »


def test_the_json_report_and_the_xlsx_cell_hold_the_whole_p_value(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before, after = campaigns_all_rose()
    p = report_dict(report_data(campaign=after, reference=before, now=NOW))["comparison"][
        "by_domain"
    ]["etat-civil"]["p_value"]
    assert 0 < p < 0.0000005
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["xlsx"], out=tmp_path / "r.xlsx", now=NOW
    )
    rows = list(load_workbook(path)["Évolution"].iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "domaine")
    civil = next(r for r in rows if r[0] == "État civil")
    # every digit but the 17th: openpyxl writes a float with 16 significant ones ("%.16g")
    assert math.isclose(civil[header.index("p (Wilcoxon)")], p, rel_tol=1e-15)


def test_a_p_value_below_0_05_never_prints_0_050() -> None:
    """0.0497 printed with 3 decimals is « 0,050 », beside a domain named « significatif
    (p < 0,05) »: the table, the chart's tooltip, the sentence and the XLSX cell keep the
    decimals that leave it below 0,05, as a partial coverage keeps those that leave it below
    100 %."""
    from barometre.outputs.labels import p_equals, p_value
    from barometre.outputs.xlsx_report import P_VALUE, _number_format

    with translation.override("fr"):
        assert p_value(0.0497) == "0,0497"
        assert p_value(0.049996) == "0,049996"
        assert p_equals(0.0497) == "p\u00a0=\u00a00,0497"
        assert (p_value(0.05), p_value(0.0504), p_value(0.4375)) == ("0,050", "0,050", "0,438")
    assert _number_format(P_VALUE, 0.0497) == P_VALUE.removesuffix(";0.000") + ";0.0000"
    assert _number_format(P_VALUE, 0.4375) == P_VALUE
