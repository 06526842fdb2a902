"""The public list of campaigns named every campaign, drafts included, and a draft's report page
answered « les résultats paraîtront à sa clôture »: a campaign in preparation is its
coordinator's business. The public now knows only of open campaigns (by name: their
respondents are pointed to their report page, which shows no figure before the close) and
closed ones (their reports)."""

from __future__ import annotations

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import survey_campaign_close, survey_campaign_create
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY, add_answers


def test_a_draft_is_named_nowhere_in_public(campaign: SurveyCampaign) -> None:
    CommuneFactory(code="90003", name="Valfleuri")
    survey_campaign_create(name="secrete-2027", collectivites=["90003"], today=TODAY)
    client = Client()
    listed = client.get("/enquete/").content.decode()
    assert "secrete-2027" not in listed and "essai" in listed
    assert client.get("/enquete/rapport/secrete-2027/").status_code == 404
    thanks = LexborHTMLParser(client.get("/enquete/merci/?campagne=secrete-2027").text)
    assert "secrete-2027" not in thanks.css_first("main").html


def test_an_open_campaign_is_listed_by_name_without_figures(campaign: SurveyCampaign) -> None:
    add_answers(campaign, "90001", 6)
    listed = LexborHTMLParser(Client().get("/enquete/").content.decode())
    (item,) = listed.css("main li")
    assert item.text().startswith("essai — ouverte, résultats à sa clôture")
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert "paraîtront à sa clôture" in page and "<table" not in page
    survey_campaign_close(name="essai")
    closed = LexborHTMLParser(Client().get("/enquete/").content.decode())
    assert closed.css_first("main li").text().startswith("essai — close")
