"""PDF charts print numbers the French way, as the HTML report's charts do."""

from __future__ import annotations

import re
from pathlib import Path

from barometre.outputs.charts import FORMAT_LOCALE
from barometre.outputs.pdf.render import chart_svg

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


def test_html_report_gives_vega_the_same_locale() -> None:
    template = Path(__file__).parents[2] / "src/barometre/outputs/templates/outputs/report.html"
    literal = ", ".join(f"{key}: {_js(value)}" for key, value in FORMAT_LOCALE.items())
    assert f"var locale = {{{literal}}};" in template.read_text("utf-8")


def _js(value: object) -> str:
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_js(v) for v in value) + "]"
    return str(value)
