"""PDF charts print numbers the French way, as the HTML report's charts do, and show every
legend swatch."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from barometre.outputs.charts import FORMAT_LOCALE
from barometre.outputs.html_report import charts_js as html_charts_js
from barometre.outputs.pdf.render import chart_svg
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

SPEC = {
    "data": {"values": [{"x": 2.82, "y": 0.1}, {"x": 1500.5, "y": 0.25}]},
    "mark": "point",
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative", "axis": {"format": ".1%"}},
    },
}


def test_pdf_chart_numbers_are_french() -> None:
    labels = re.findall(r">([^<]*)</text>", chart_svg(SPEC))
    assert "1\u00a0000" in labels and "10,0\u00a0%" in labels  # no-break space, as the text
    assert not [t for t in labels if "." in t or t.endswith("%") and "\u00a0" not in t]


def test_pdf_charts_keep_their_printed_letters() -> None:
    """The specs leave the letters to whoever draws them: the PDF's axes are in Liberation
    Sans, 12 px (9 pt printed), not in Vega's 10 px."""
    svg = chart_svg(SPEC)
    sizes = {float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)}
    assert sizes == {12.0}, sizes
    assert set(re.findall(r'font-family="([^"]+)"', svg)) == {"Liberation Sans"}


def test_html_report_gives_vega_the_same_locale() -> None:
    # the report file inlines the site's chart script, whose default locale is the French one
    script = Path(__file__).parents[2] / "src/barometre/outputs/static/web/charts.js"
    literal = ", ".join(f"{key}: {_js(value)}" for key, value in FORMAT_LOCALE.items())
    assert f"var locale = format.locale || {{{literal}}};" in script.read_text("utf-8")
    assert html_charts_js() == script.read_text("utf-8")


def _js(value: object) -> str:
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_js(v) for v in value) + "]"
    return str(value)


_LEGEND_SYMBOL = re.compile(
    r'class="mark-symbol role-legend-symbol"[^>]*><path [^>]*?fill="([^"]+)"([^>]*)'
)


@pytest.fixture
def partial_campaign(db) -> Campaign:  # type: ignore[no-untyped-def]
    """Eville: one service measured, one not applicable, the others not measured."""
    campaign = CampaignFactory(
        name="partielle", communes=[CommuneFactory(code="90006", name="Eville")]
    )
    set_cells(campaign, {("90006", "actes-etat-civil"): 3, ("90006", "paiement-famille"): "na"})
    return campaign


def test_the_white_unmeasured_swatch_of_a_legend_is_outlined(partial_campaign: Campaign) -> None:
    """The heatmap's and the commune chart's legends: « non mesuré » is white, so its swatch is
    outlined, or a reader sees the label beside nothing."""
    from barometre.outputs.charts import UNMEASURED_COLOR, heatmap
    from barometre.outputs.pdf.charts import commune_levels
    from barometre.outputs.published import published_report

    data = published_report(campaign=partial_campaign, now=NOW)
    for spec in (heatmap(data), commune_levels(data, "90006")):
        symbols = _LEGEND_SYMBOL.findall(chart_svg(spec))
        white = [rest for fill, rest in symbols if fill == UNMEASURED_COLOR]
        assert len(white) == 1, symbols
        stroke = re.search(r'stroke="([^"]+)"', white[0])
        assert stroke and stroke.group(1) not in ("transparent", "none", UNMEASURED_COLOR, "white")


def test_the_commune_chart_writes_each_level_where_no_bar_tells_it(
    partial_campaign: Campaign,
) -> None:
    """A 0, a « sans objet » and a « non mesuré » all drew no bar: the chart showed three
    different values as the same empty row, and levels 3 and 4 apart by their shade of blue
    alone. Each row now starts with its level written out."""
    from barometre.outputs.pdf.charts import commune_levels
    from barometre.outputs.published import published_report

    set_cells(partial_campaign, {("90006", "urbanisme"): 0})
    data = published_report(campaign=partial_campaign, now=NOW)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", chart_svg(commune_levels(data, "90006")))
    assert texts.count("3") >= 1 and "0" in texts and "s.o." in texts
    assert texts.count("—") == 15  # the 15 services nobody recorded
