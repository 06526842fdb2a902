"""« 43 sur 213 », « sur 213 cellules », « 2,07 à 2,46 »: a figure stays on the line of the word
that ties it to another (no-break spaces), in the HTML report, the PDF and the campaign pages:
at 390 px « IC 95 % : 2,07 à » ended a line and « 2,46 » began the next."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from barometre.outputs.html_report import html_render
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.published import published_report
from barometre.referential.models import Campaign

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)
# a breakable space in « 43 sur 213 », « sur 213 », « 2,07 à 2,46 » (« +0,35 à +0,56 »); a
# mean « 3,00 sur 2 cellules » may break before « sur »
BROKEN = re.compile(r"(?<![,\d])\d+ sur\s\d|\bsur \d|\d,\d+ à [+\u2212]?\d|\d à [+\u2212]?\d+,\d")


BLOCK = r"</?(?:p|div|td|th|tr|li|ul|h\d|br|caption|figcaption|dt|dd|table|section)\b[^>]*>"


def _text(body: str) -> str:
    """The text, each block apart (« | »: a tile's figure and the line under it are not one
    line), inline tags (strong, sup, span) dropped."""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", "", re.sub(BLOCK, " | ", body))
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(text))


def _breaks(body: str) -> list[str]:
    text = _text(body)
    return [text[max(0, m.start() - 30) : m.end() + 10] for m in BROKEN.finditer(text)]


def test_report_and_pdf_hold_figures_to_their_words(after: Campaign, before: Campaign) -> None:
    data = published_report(campaign=after, reference=before, now=NOW)
    assert _breaks(html_render(data)) == []
    assert _breaks(campaign_pdf_html(campaign=after, now=NOW)) == []


def test_campaign_pages_hold_figures_to_their_words(client, after, before) -> None:  # type: ignore[no-untyped-def]
    pages = [
        reverse("web:home"),
        reverse("web:overview", kwargs={"name": after.name}),
        reverse("web:domain", kwargs={"name": after.name, "domain": "etat-civil"}),
        reverse("web:commune", kwargs={"code": "90001"}) + f"?campagne={after.name}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _breaks(response.content.decode()) == [], url
