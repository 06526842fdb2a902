"""A respondent who opens their one-time link again finds their answers where they left them."""

from __future__ import annotations

import re

from django.test import Client

from barometre.survey.models import SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_tokens_create

SPEC = default_questionnaire()


def _answer_two_pages(client: Client, start: str) -> None:
    client.get(start)
    client.post("/enquete/repondre/", {"role": "dsi", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes[:2], start=1):
        client.post(f"/enquete/repondre/{step}/", {s.id: "1" for s in axis.statements})


def test_the_same_one_time_link_opened_again_resumes_the_form(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    _answer_two_pages(client, f"/enquete/j/{token}/")
    again = client.get(f"/enquete/j/{token}/")  # the tab was closed; the e-mail's link again
    assert again.status_code == 302 and again["Location"] == "/enquete/repondre/3/"
    first = client.get("/enquete/repondre/1/").content.decode()
    assert len(re.findall(r'value="1" checked', first)) == len(SPEC.axes[0].statements)
    for step, axis in enumerate(SPEC.axes[2:], start=3):
        done = client.post(f"/enquete/repondre/{step}/", {s.id: "4" for s in axis.statements})
    assert done.status_code == 302 and done["Location"].startswith("/enquete/merci/")
    stored = SurveyResponse.objects.get()
    assert stored.role == "dsi" and stored.answers[SPEC.axes[0].statements[0].id] == 1


def test_another_link_in_the_same_browser_starts_afresh(campaign) -> None:
    """A shared link may be opened by the next person on a shared computer: nothing is shown
    of what someone else left unsent; another one-time link is another person."""
    first, second = survey_tokens_create(campaign=campaign, count=2)
    client = Client()
    _answer_two_pages(client, f"/enquete/j/{first}/")
    for start in (f"/enquete/j/{second}/", f"/enquete/c/{campaign.shared_key}/"):
        assert client.get(start)["Location"] == "/enquete/repondre/"
        page = client.get("/enquete/repondre/1/")
        assert page.status_code == 410 or "checked" not in page.content.decode()
        _answer_two_pages(client, f"/enquete/j/{first}/")


def test_the_first_page_says_whether_the_form_can_be_resumed(campaign) -> None:
    """A respondent interrupted on a phone learnt only by trying whether their link brought them
    back to their answers: a one-time link does (in the same browser), a shared one starts
    afresh. The first page says which."""
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    own = Client().get(f"/enquete/j/{token}/", follow=True).content.decode()
    assert "rouvrez ce lien dans le même navigateur pour reprendre" in own
    shared = Client().get(f"/enquete/c/{campaign.shared_key}/", follow=True).content.decode()
    assert "rouvrir ce lien partagé recommence le questionnaire" in shared
    assert "pour reprendre" not in shared


def test_a_resumed_form_says_the_earlier_answers_are_kept(campaign) -> None:
    """The link opened again led straight to page 3 with nothing said: a respondent could take
    it for a new questionnaire, and wonder whether the first two pages had to be answered
    again. That page now says, once, that the earlier answers are kept."""
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    _answer_two_pages(client, f"/enquete/j/{token}/")
    fresh = client.get("/enquete/repondre/3/").content.decode()
    assert "Vous reprenez votre questionnaire" not in fresh
    resumed = client.get(f"/enquete/j/{token}/", follow=True).content.decode()
    assert "Vous reprenez votre questionnaire" in resumed
    assert "Vos réponses précédentes sont conservées\u00a0:" in resumed
    assert 'class="fr-alert fr-alert--info' in resumed
    again = client.get("/enquete/repondre/3/").content.decode()  # reloaded: said once
    assert "Vous reprenez votre questionnaire" not in again


def test_an_unfinished_page_sent_is_there_when_the_link_is_opened_again(campaign) -> None:
    """Page 3 sent with one answer of five (« Page suivante » : four errors), then the tab
    closed: the link opened again came back to page 3 empty, while the notice says the earlier
    answers are kept. What the page had is kept, as « Page précédente » keeps it."""
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    _answer_two_pages(client, f"/enquete/j/{token}/")
    first = SPEC.axes[2].statements[0].id
    refused = client.post("/enquete/repondre/3/", {first: "2"})
    assert refused.status_code == 200 and "Choisissez une réponse" in refused.content.decode()
    page = client.get(f"/enquete/j/{token}/", follow=True).content.decode()
    assert "Vous reprenez votre questionnaire" in page
    assert re.search(rf'name="{first}" value="2" checked', page)
    assert page.count(" checked") == 1
