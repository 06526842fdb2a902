"""Two auditors on the same cell: a form sent back for a missing field must not forget which
version of the cell its author saw."""

from __future__ import annotations

import html
import re

from django.test import Client
from django.urls import reverse

from barometre.assessments.models import Cell


def _seen_in_correction_form(body: str) -> int:
    form = body[body.index('aria-labelledby="titre-correction"') :]
    found = re.search(r'name="seen" value="(-?\d+)"', form)
    assert found is not None
    return int(found.group(1))


def test_a_form_sent_back_for_a_missing_justification_still_refuses_a_stale_save(
    site, users
) -> None:
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    late, early = Client(), Client()
    late.force_login(users["coordinateur"])
    early.force_login(users["auditeur"])
    seen = _seen_in_correction_form(late.get(url).content.decode())
    assert early.post(url, {"action": "accept", "seen": cell.assessment_id}).status_code == 302
    # the late auditor forgot the justification: the form comes back...
    missing = late.post(url, {"action": "override", "seen": seen, "level": "0"})
    assert missing.status_code == 400
    # ...still carrying the version they saw, so that sending it completed is refused
    again = _seen_in_correction_form(missing.content.decode())
    assert again == seen
    refused = late.post(
        url, {"action": "override", "seen": again, "level": "0", "justification": "absent"}
    )
    assert refused.status_code == 409
    assert "modifiée par «\u00a0auditeur-test\u00a0»" in refused.content.decode()
    decided = Cell.objects.select_related("assessment").get(pk=cell.pk)
    assert decided.assessment.author == "auditeur-test" and decided.level == 3


def test_a_blind_answer_sent_twice_says_the_second_was_not_recorded(client, site, users) -> None:
    from django.utils import timezone

    from barometre.assessments.models import CodingAssignment
    from barometre.assessments.services.draw import codings_assign

    coder = users["auditeur"]
    codings_assign(
        cells=[site.auto_cell],
        auditors=[coder, users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    mine = CodingAssignment.objects.get(auditor=coder)
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    client.force_login(coder)
    assert client.post(url, {"level": "2"}).status_code == 302
    second = client.post(url, {"level": "4"})  # the same form, from another tab
    body = html.unescape(second.content.decode())
    assert "Vous avez répondu : niveau 2." in body
    assert "ce nouvel envoi n'a rien enregistré" in body
    mine.refresh_from_db()
    assert mine.level == 2


def test_a_refused_save_says_error_in_the_page_title(site, users) -> None:
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    first, second = Client(), Client()
    first.force_login(users["auditeur"])
    second.force_login(users["coordinateur"])
    assert first.post(url, {"action": "accept", "seen": cell.assessment_id}).status_code == 302
    for decision in (
        {"action": "override", "level": "0", "justification": "absent"},
        {"action": "accept"},
    ):
        refused = second.post(url, {**decision, "seen": cell.assessment_id})
        assert refused.status_code == 409
        title = re.search(r"<title>([^<]*)</title>", refused.content.decode())
        assert title is not None and title.group(1).startswith("Erreur : ")
