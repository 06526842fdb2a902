"""Server-side rendering for PDF: Vega-Lite to SVG (vl-convert), HTML to PDF (WeasyPrint).

WeasyPrint runs no JavaScript, so each chart spec of the HTML report is compiled and drawn by
vl-convert (the Vega libraries inside a Rust binary shipped in its wheel); see docs/adr/0005.
WeasyPrint may fetch nothing but inline `data:` resources: a PDF never reaches the network.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import urlsplit

from barometre.outputs.charts import FORMAT_LOCALE, TIME_FORMAT_LOCALE

_SAFE_SCHEMES = {"http", "https"}


# One font for chart layout (vl-convert measures text with it) and for drawing (WeasyPrint
# finds it through fontconfig): Liberation Sans, bundled by vl-convert, in Debian's
# fonts-liberation. Another font would be wider or narrower than the space the chart left it.
CHART_FONT = "Liberation Sans"
# The size of every chart's letters in a PDF (the specs leave the type to whoever draws them):
# 12 px, 9 pt printed, beside the page's 9.5 pt; a bar's value in 11 px. The site's type is in
# outputs/static/web/charts.js.
CHART_TYPE: dict[str, Any] = {
    "axis": {"labelFontSize": 12, "titleFontSize": 12},
    "legend": {"labelFontSize": 12},
    "text": {"fontSize": 11},
}


def chart_svg(spec: dict[str, Any]) -> str:
    """The chart as an SVG document, laid out and drawn in CHART_FONT, numbers in French."""
    import vl_convert

    copy = json.loads(json.dumps(spec))
    copy["config"] = {**copy.get("config", {}), "font": CHART_FONT}
    svg: str = vl_convert.vegalite_to_svg(
        copy,
        config=CHART_TYPE,
        format_locale=FORMAT_LOCALE,
        time_format_locale=TIME_FORMAT_LOCALE,
    )
    return svg


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def css_text(text: str) -> str:
    """`text` for the inside of a double-quoted CSS string in a <style> element.

    Every character that could end the string, the declaration or the element (quote,
    backslash, line break, angle brackets) becomes a CSS escape (hexadecimal code and a space).
    """
    return "".join(f"\\{ord(c):X} " if c in "\"\\<>\n\r'" or ord(c) < 32 else c for c in text)


def safe_href(url: str | None) -> str | None:
    """The URL when a reader may follow it (http or https with a host); None otherwise.

    Evidence URLs come from crawled pages and imports: a `javascript:` or `data:` URL is shown
    as text, never as a link.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url.strip()


def _data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves `data:` URIs and refuses everything else."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


def pdf_from_html(html: str) -> bytes:
    """A tagged PDF: its structure (headings, tables, images with their alternative text) for
    screen readers, its language from <html lang>, its title from <title>, shown as the window's
    title. Tagged only, not declared PDF/UA (`pdf_variant="pdf/ua-1"`): no validator has checked
    the documents against that standard."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, url_fetcher=_data_only_fetcher()).write_pdf(pdf_tags=True)
    return pdf
