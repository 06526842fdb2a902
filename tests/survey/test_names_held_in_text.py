"""A campaign's name in a sentence is never broken at its hyphen: on a 390 px phone, the report
of a collectivité with too few respondents read « la campagne « multi- » at a line's end and
« h10 » y a réuni… » on the next (the respondent's first page and the thanks page the same).
An inline block would not do: the browser broke after it, the closing « » » alone on the next
line. The name is a nowrap span, held to its guillemets by their no-break spaces."""

from __future__ import annotations

from django.test import Client

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import survey_campaign_close
from barometre.web.templatetags.web_tags import HELD_IN_TEXT_MAX, held_name_in_text
from tests.survey.conftest import add_answers

HELD = '«\u00a0<span class="nowrap">essai</span>\u00a0»'


def test_a_name_is_held_unless_wider_than_a_phone_s_line() -> None:
    assert held_name_in_text("multi-h10") == '<span class="nowrap">multi-h10</span>'
    long = "x-" * HELD_IN_TEXT_MAX
    assert held_name_in_text(long) == long  # left free to break: held, it would overflow
    assert held_name_in_text("<b>") == '<span class="nowrap">&lt;b&gt;</span>'  # escaped


def test_the_first_page_and_the_thanks_page_hold_the_name(campaign: SurveyCampaign) -> None:
    client = Client()
    first = client.get(f"/enquete/c/{campaign.shared_key}/", follow=True).content.decode()
    assert f"campagne d'enquête {HELD}." in first
    thanks = client.get("/enquete/merci/?campagne=essai").content.decode()
    assert f"Les résultats de la campagne {HELD} seront publiés" in thanks


def test_a_collectivite_with_too_few_respondents_holds_the_name(
    campaign: SurveyCampaign,
) -> None:
    add_answers(campaign, "90001", 8)
    add_answers(campaign, "90002", 3)
    survey_campaign_close(name="essai")
    client = Client()
    few = client.get("/enquete/rapport/essai/c/90002/").content.decode()
    assert f"la campagne {HELD} y a réuni moins de 5 répondants" in few
    enough = client.get("/enquete/rapport/essai/c/90001/").content.decode()
    assert f"extraits du rapport de la campagne {HELD}" in enough
