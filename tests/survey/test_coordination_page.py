"""The coordination page as a coordinator reads it: short fields sized to what they hold, and a
campaign still in preparation said as such (no « moins de 5 » respondents where nobody can
answer yet, no link to a report that does not exist yet)."""

from __future__ import annotations

import html

from django.test import Client

from barometre.survey.services import survey_campaign_create, survey_campaign_open
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY
from tests.web.form_widths import full_width_fields

URL = "/enquete/coordination/cle-secrete/"


def _campaign() -> None:
    CommuneFactory(code="90031", name="Brouillonville")
    CommuneFactory(code="90032", name="Esquisseville")
    survey_campaign_create(
        name="brouillon",
        collectivites=["90031", "90032"],
        today=TODAY,
        coordinator_key="cle-secrete",
    )


def test_the_number_of_links_and_the_collectivite_are_not_full_width(db: None) -> None:
    """At 1280 px the number of links (a few digits) and the collectivité stretched across the
    page: each sits in a column of the DSFR grid."""
    _campaign()
    page = Client().get(URL).content.decode()
    assert 'id="count"' in page and 'id="unit"' in page
    assert full_width_fields(page) == []


def test_a_campaign_in_preparation_says_so_rather_than_fewer_than_five(db: None) -> None:
    """A draft's table read « moins de 5 » respondents per collectivité, as if some had answered,
    and « Voir le rapport » led to a page not found."""
    _campaign()
    page = html.unescape(Client().get(URL).content.decode())
    assert "moins de 5" not in page
    assert page.count("aucun (campagne pas encore ouverte)") == 2
    assert "Voir le rapport" not in page and "/enquete/rapport/brouillon/" not in page
    assert "sera en ligne dès son ouverture" in page
    survey_campaign_open(name="brouillon")
    page = html.unescape(Client().get(URL).content.decode())
    # open, nobody has answered yet: a count under 5 stays hidden, not to give answers away
    assert page.count("moins de 5") == 2 and "Voir le rapport" in page
    assert Client().get("/enquete/rapport/brouillon/").status_code == 200
