"""A campaign's shared link, once the campaign closed, said « Cette enquête n'est pas ouverte »,
as before it opened and as a link cut short: a staff member following it after the close could
not tell whether to come back later. Each case now says its own, a closed campaign with a link
to its report."""

from __future__ import annotations

import html
import re

from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from barometre.survey.models import SurveyCampaign
from barometre.survey.services import survey_campaign_close, survey_campaign_create
from tests.factories import CommuneFactory
from tests.survey.conftest import TODAY


def _said(url: str) -> tuple[int, str, list[str]]:
    page = Client().get(url)
    tree = LexborHTMLParser(page.content.decode())
    main = tree.css_first("main")
    links = [a.attributes.get("href") or "" for a in main.css("a")]
    return page.status_code, re.sub(r"[ \t\n]+", " ", html.unescape(main.text())), links


def test_a_closed_campaign_s_link_says_closed_and_leads_to_its_report(campaign) -> None:
    survey_campaign_close(name="essai")
    status, text, links = _said(f"/enquete/c/{campaign.shared_key}/")
    assert status == 410
    assert "Cette enquête est close\u00a0: elle n'accepte plus de réponse." in text
    assert (
        "Les résultats de la campagne «\u00a0essai\u00a0» sont publiés\u00a0: voir le rapport"
        in text
    )
    assert "/enquete/rapport/essai/" in links


def test_a_draft_s_link_says_not_yet_open(db: None) -> None:
    CommuneFactory(code="90061", name="Bientotville")
    draft = survey_campaign_create(name="bientot", collectivites=["90061"], today=TODAY)
    assert draft.status == SurveyCampaign.Status.DRAFT
    status, text, links = _said(f"/enquete/c/{draft.shared_key}/")
    assert status == 410
    assert (
        "Cette enquête n'est pas encore ouverte\u00a0: ce lien mènera au questionnaire dès "
        "son ouverture." in text
    )
    assert not [link for link in links if "rapport" in link]


def test_an_unknown_link_says_to_check_it_was_copied_whole(db: None) -> None:
    status, text, _links = _said("/enquete/c/tronque/")
    assert status == 410
    assert "Ce lien ne mène à aucune enquête\u00a0: vérifiez qu'il a été copié en entier" in text


def test_an_unused_one_time_link_of_a_closed_campaign_says_closed(campaign) -> None:
    """It said « Ce lien a déjà servi, n'est pas valable ou l'enquête est close », three causes
    for its holder to choose from; the link is known, its campaign closed: said as such."""
    from barometre.survey.services import survey_tokens_create

    (token,) = survey_tokens_create(campaign=campaign, count=1)
    survey_campaign_close(name="essai")
    status, text, links = _said(f"/enquete/j/{token}/")
    assert status == 410
    assert "Cette enquête est close\u00a0: elle n'accepte plus de réponse." in text
    assert "/enquete/rapport/essai/" in links
    # a link never made (or used, its token deleted) still says the three causes
    status, text, _links = _said("/enquete/j/inconnu/")
    assert status == 410 and "Ce lien a déjà servi, n'est pas valable" in text
