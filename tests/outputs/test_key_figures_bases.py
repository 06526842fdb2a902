"""What a journalist quoting the campaign's key figures needs beside each: the base it is over.
The shares gave theirs (« 43\u00a0sur\u00a0213 cellules applicables »), the two means only their
interval; and the section by bracket was « Par tranche de population » in the report and
its PDF, « Par taille de commune » on the campaign page."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import translation

from barometre.outputs.data import report_data
from barometre.outputs.html_report import _context
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.outputs.published import published_cache_clear
from barometre.referential.models import Campaign

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_each_key_mean_says_what_it_is_over(after: Campaign) -> None:
    """Aville and Bville measured (Cville not): 36 cells, one « sans objet »."""
    with translation.override("fr"):
        figures = {
            label: detail
            for label, _v, detail in _context(report_data(campaign=after, now=NOW))["figures"]
        }
    mean = figures["niveau moyen (0 à 5)"]
    assert mean.startswith("sur\u00a035 cellules applicables\u00a0; IC\u00a095\u00a0%\u00a0: "), (
        mean
    )
    city_means = figures["moyenne des moyennes des communes"]
    assert city_means.startswith("sur\u00a02 communes\u00a0; IC\u00a095\u00a0%\u00a0: "), city_means


def test_the_bracket_section_has_one_name(client, after: Campaign) -> None:  # type: ignore[no-untyped-def]
    published_cache_clear()
    page = client.get("/campagne/2026/").content.decode()
    published_cache_clear()
    pdf = campaign_pdf_html(campaign=after, now=NOW)
    for html in (page, pdf):
        assert "<h2>Par tranche de population</h2>" in html
        assert "Par taille de commune" not in html
