"""A confidence ceiling that is no number from 0 to 1 filters nothing, and the queue says so
beside the field, which keeps what was typed."""

from __future__ import annotations

import html
import re

from django.urls import reverse


def test_a_refused_confidence_ceiling_is_said_and_kept(client, site, users) -> None:
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue")
    everything = client.get(url).context["page"].paginator.count
    response = client.get(url, {"confiance": "0.6x"})
    assert response.context["page"].paginator.count == everything  # not applied
    body = html.unescape(response.content.decode())
    field = re.search(r'<input[^>]*id="f-conf"[^>]*>', body)
    assert field is not None
    assert 'value="0.6x"' in field.group(0) and 'aria-invalid="true"' in field.group(0)
    assert "ce filtre n'est pas appliqué" in body
    assert re.search(r"<title>Erreur\u00a0: File de revue", body)
    fine = client.get(url, {"confiance": "0,5"}).content.decode()
    assert "fr-input--error" not in fine and 'value="0,5"' in fine
