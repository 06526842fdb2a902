"""A bracket whose measured cells are all « sans objet » prints « — » in the HTML report's and
the PDF's table by bracket: a line under the table says what it stands for, as the campaign
page's table does (it stood unexplained beside the 0 of a true zero)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import translation

from barometre.outputs.data import report_data
from barometre.outputs.html_report import html_render
from barometre.outputs.pdf.reports import campaign_pdf_html
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.database

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
NOTE = "—\u00a0: aucune cellule mesurée et applicable dans la tranche, aucun chiffre."


@pytest.fixture
def moot(db) -> Campaign:  # type: ignore[no-untyped-def]
    """Aville (20 000 inhabitants) measured at 4; Bville (2 000) measured « sans objet » only."""
    communes = [
        CommuneFactory(code="90021", name="Aville", population=20_000),
        CommuneFactory(code="90022", name="Bville", population=2_000),
    ]
    campaign = CampaignFactory(name="tranches", communes=communes)
    set_cells(campaign, {("90021", "actes-etat-civil"): 4, ("90022", "actes-etat-civil"): "na"})
    return campaign


def test_the_html_report_says_what_a_dash_in_its_bracket_table_means(moot: Campaign) -> None:
    with translation.override("fr"):
        page = html_render(report_data(campaign=moot, now=NOW, resamples=10))
    table = page[page.index("Chiffres par tranche de population") :]
    assert '<td class="n">—</td>' in table[: table.index("</table>")]
    assert NOTE in table[: table.index("</table>") + 300]


def test_the_pdf_says_what_a_dash_in_its_bracket_table_means(moot: Campaign) -> None:
    page = campaign_pdf_html(campaign=moot, now=NOW)
    table = page[page.index("Chiffres par tranche de population") :]
    assert NOTE in table[: table.index("</table>") + 300]
