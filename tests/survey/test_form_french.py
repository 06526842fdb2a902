"""The form's last page, when every answer was « je ne sais pas », asked to « répondez de 0 à
4 »: the form shows no 0 to 4, only « Pas du tout vrai dans ma collectivité » … « Tout à fait
vrai ». It now names the answers as the form writes them."""

from __future__ import annotations

import html

from django.test import Client

from barometre.survey.services import survey_tokens_create
from tests.survey.conftest import SPEC


def test_all_je_ne_sais_pas_asks_for_an_answer_the_form_shows(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    client = Client()
    client.get(f"/enquete/j/{token}/", follow=True)
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes, start=1):
        page = client.post(f"/enquete/repondre/{step}/", {s.id: "nsp" for s in axis.statements})
    body = html.unescape(page.content.decode())
    said = body.split('class="fr-alert fr-alert--error')[1].split("</div>")[0]
    assert "de 0 à 4" not in said
    assert (
        "Choisissez une autre réponse, de «\u00a0pas du tout vrai\u00a0» à «\u00a0tout à fait "
        "vrai\u00a0», pour au moins une affirmation"
    ) in said
    # the words named are the form's own (its first and last answers)
    assert SPEC.scale[0].lower().startswith("pas du tout vrai") and "Pas du tout vrai" in body
    assert SPEC.scale[-1].lower() == "tout à fait vrai" and "Tout à fait vrai" in body
