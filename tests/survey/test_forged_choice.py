"""A forged choice on the respondent's first page (a collectivité or a role the form does not
offer) is refused without its control characters echoed: Django's « Sélectionnez un choix
valide. %(value)s n'en fait pas partie. » put a NUL byte, or 10 000 characters, in the page."""

from __future__ import annotations

import pytest
from django.test import Client

from barometre.survey.questionnaire import default_questionnaire


@pytest.mark.parametrize("field", ["unit", "role"])
@pytest.mark.parametrize("forged", ["9\x000\x1b[31m01", "x" * 10_000])
def test_a_forged_choice_is_refused_without_its_control_characters(
    campaign, field: str, forged: str
) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    sent = {"role": "agent", "unit": "90001", field: forged}
    page = client.post("/enquete/repondre/", sent)
    assert page.status_code == 200
    html = page.content.decode()
    assert "n’en fait pas partie" in html or "n'en fait pas partie" in html, html[-3000:]
    assert not any(ord(c) < 32 and c not in "\n\t\r" or c == "\x7f" for c in html)
    assert "x" * 41 not in html


def test_a_forged_answer_is_refused_without_its_control_characters(campaign) -> None:
    client = Client()
    client.get(f"/enquete/c/{campaign.shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    statements = default_questionnaire().axes[0].statements
    sent = {s.id: "3" for s in statements} | {statements[0].id: "\x00\u202e" + "9" * 5000}
    page = client.post("/enquete/repondre/1/", sent)
    assert page.status_code == 200
    html = page.content.decode()
    assert "n’en fait pas partie" in html or "n'en fait pas partie" in html
    assert "\x00" not in html and "\u202e" not in html and "9" * 41 not in html
