"""A cell whose blind codings wait for arbitration is decided by a coordinator: an auditor
without that role neither sees the decision forms nor records one by a forged POST (the
decision would be written down as the arbitration)."""

from __future__ import annotations

import html

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell, Source
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import codings_disputed
from tests.web.conftest import PASSWORD


def _disputed(site, users) -> Cell:
    """The automatic cell, coded 2 by the coordinator and 4 by the administrator."""
    coders = [users["coordinateur"], users["administrateur"]]
    created = codings_assign(
        cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now()
    )
    for assignment, level in zip(created, ("2", "4"), strict=True):
        coder = Client()
        coder.force_login(assignment.auditor)
        coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        assert coder.post(coding, {"level": level}).status_code == 302
    assert list(codings_disputed()) == [site.auto_cell]
    return site.auto_cell


def test_an_auditor_without_the_coordinator_role_cannot_arbitrate(site, users) -> None:
    cell = _disputed(site, users)
    auditor = Client()
    auditor.force_login(users["auditeur"])  # not one of the coders, not a coordinator
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    page = auditor.get(url).content.decode()
    assert "la décision revient à un coordinateur" in page
    assert 'id="bouton-accepter"' not in page and 'id="bouton-corriger"' not in page
    for decision in (
        {"action": "accept"},
        {"action": "override", "level": "1", "justification": "je tranche"},
    ):
        refused = auditor.post(url, {**decision, "seen": cell.assessment_id})
        assert refused.status_code == 403
        assert "Rien n'a été enregistré" in html.unescape(refused.content.decode())
    cell.refresh_from_db()
    assert cell.source == Source.AUTO and list(codings_disputed()) == [cell]


def test_a_coordinator_who_did_not_code_the_cell_arbitrates_it(site, users) -> None:
    cell = _disputed(site, users)
    other = user_create(username="coordinateur-bis", role="coordinateur", password=PASSWORD)
    coordinator = Client()
    coordinator.force_login(other)
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    assert 'id="bouton-corriger"' in coordinator.get(url).content.decode()
    decided = coordinator.post(
        url,
        {"action": "override", "seen": cell.assessment_id, "level": "2", "justification": "vu"},
    )
    assert decided.status_code == 302
    cell.refresh_from_db()
    assert cell.assessment.note.startswith("Arbitrage du double codage")
    assert not codings_disputed().exists()


def test_the_arbitrating_coordinator_is_told_why_the_cell_waits(site, users) -> None:
    cell = _disputed(site, users)
    coordinator = Client()
    coordinator.force_login(
        user_create(username="coordinateur-ter", role="coordinateur", password=PASSWORD)
    )
    page = html.unescape(
        coordinator.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    )
    assert 'id="a-arbitrer"' in page
    assert "attend un arbitrage (désaccord : niveau 2 / niveau 4)" in page
    other = site.after.cells.exclude(pk=cell.pk).first()
    plain = coordinator.get(reverse("web:review-cell", kwargs={"pk": other.pk})).content.decode()
    assert 'id="a-arbitrer"' not in plain
