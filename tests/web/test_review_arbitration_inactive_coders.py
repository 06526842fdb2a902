"""The coordinators' page counts the unanswered blind codings held by accounts switched off,
with the command that moves them: they waited unseen, nobody could answer them, and their
cells never got their second answer."""

from __future__ import annotations

import html

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.web.roles import user_set_active


def _page(users) -> str:
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    response = coordinator.get(reverse("web:review-arbitration"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_codings_held_by_a_disabled_account_are_counted_with_the_command(site, users) -> None:
    coder = users["auditeur"]
    cells = list(site.after.cells.order_by("pk")[:3])
    codings_assign(
        cells=cells, auditors=[coder, users["administrateur"]], size=3, seed=1, now=timezone.now()
    )
    assert "codings-reassign" not in _page(users)  # an active coder's codings: nothing said
    answered = CodingAssignment.objects.filter(auditor=coder).first()
    CodingAssignment.objects.filter(pk=answered.pk).update(level=1, coded_at=timezone.now())
    user_set_active(username=coder.username, active=False)
    page = _page(users)
    assert "Codages bloqués chez des comptes désactivés" in page
    assert (
        f"{coder.username}\u00a0: 2 codages sans réponse — <code>barometre assessments "
        f"codings-reassign --from {coder.username}</code>"
    ) in page
