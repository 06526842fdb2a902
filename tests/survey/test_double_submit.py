"""The last page sent twice at once (a double click on « Envoyer mes réponses ») counts once.

With a shared link there is no token to spend: the form's session row is what is spent. The
race is forced without threads: the second request reads its session, then, before it goes on,
the first request runs to its end (stores the answers, deletes the session).
"""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from barometre.survey.models import SurveyResponse
from barometre.survey.questionnaire import default_questionnaire

SPEC = default_questionnaire()


def _fill_all_but_send(client: Client, shared_key: str) -> dict[str, str]:
    """Answer every page but the last one's sending; return the last page's values."""
    client.get(f"/enquete/c/{shared_key}/")
    client.post("/enquete/repondre/", {"role": "agent", "unit": "90001"})
    for step, axis in enumerate(SPEC.axes[:-1], start=1):
        client.post(f"/enquete/repondre/{step}/", {s.id: "3" for s in axis.statements})
    return {s.id: "2" for s in SPEC.axes[-1].statements}


def test_the_last_page_sent_twice_at_once_stores_one_response(
    campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Client()
    last_page = _fill_all_but_send(first, campaign.shared_key)
    second = Client()
    second.cookies = first.cookies  # the same browser: the same session
    url = f"/enquete/repondre/{len(SPEC.axes)}/"
    load = SessionStore.load
    outcome: dict[str, object] = {}

    def load_then_let_the_first_finish(store: SessionStore) -> dict[str, object]:
        data = load(store)
        if "second" not in outcome:  # the second request has read its session: the first ends
            outcome["second"] = "waiting"
            outcome["first"] = first.post(url, last_page)
        return data

    monkeypatch.setattr(SessionStore, "load", load_then_let_the_first_finish)
    again = second.post(url, last_page)
    done = outcome["first"]
    assert done.status_code == 302 and done["Location"].startswith("/enquete/merci/")
    assert SurveyResponse.objects.count() == 1
    assert again.status_code == 409
    assert "déjà été envoyé" in again.content.decode()
