"""A respondent who comes back to the form after sending it (browser back button, the last page
sent again from the browser's cache) is told their answers are recorded, not sent to the link
again: with a shared link, answering again would count them twice."""

from __future__ import annotations

from html import unescape

from django.test import Client

from barometre.survey.models import SurveyResponse
from tests.survey.conftest import SPEC, answer_everything


def test_the_back_button_after_sending_says_the_answers_are_recorded(campaign) -> None:
    client = Client()
    answer_everything(client, f"/enquete/c/{campaign.shared_key}/")
    last = f"/enquete/repondre/{len(SPEC.axes)}/"
    back = client.get(last)  # the browser's back button, from the thanks page
    resent = client.post(last, {s.id: "2" for s in SPEC.axes[-1].statements})
    for page in (back, resent):
        text = unescape(page.content.decode())
        assert "Si vous venez d'envoyer vos réponses, elles sont enregistrées" in text
        assert "inutile de répondre à nouveau" in text
        assert "fr-alert--info" in text and "fr-alert--warning" not in text
    assert SurveyResponse.objects.count() == 1
