"""Why agreeing blind answers wait for arbitration: the list said « pas de preuve pour ce
niveau, ou valeur décidée par un auditeur depuis le tirage », leaving the coordinator to find
out which; it says the one that applies."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, assessment_override, coding_answer


def _agree(cell: Cell, users, level: int) -> None:  # type: ignore[no-untyped-def]
    auditors = [users["auditeur"], users["administrateur"]]
    for assignment in codings_assign(
        cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now()
    ):
        decision = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=decision, now=timezone.now()
        )


def _listed(client, users) -> str:  # type: ignore[no-untyped-def]
    client.force_login(users["coordinateur"])
    return client.get(reverse("web:review-arbitration")).content.decode()


def test_agreeing_levels_without_evidence_are_said_so(client, site, users) -> None:
    absent = Cell.objects.get(campaign=site.after, commune_id="44109", source="auto", level=0)
    _agree(absent, users, 2)
    body = _listed(client, users)
    assert "accord (niveau 2) non appliqué\u00a0: aucune preuve pour ce niveau" in body
    assert "la valeur de la cellule a été décidée" not in body


def test_agreeing_answers_after_a_decision_are_said_so(client, site, users) -> None:
    cell = site.auto_cell  # proposed 3 with its page: agreeing on 3 would settle it
    auditors = [users["auditeur"], users["administrateur"]]
    drawn = codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    cell.refresh_from_db()
    decision = Decision(level=2, not_applicable=False, justification="Vu.", evidence_url="")
    assessment_override(
        cell=cell, user=users["coordinateur"], seen=cell.assessment_id, decision=decision,
        now=timezone.now(),
    )  # fmt: skip
    for assignment in drawn:
        answer = Decision(level=3, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=answer, now=timezone.now()
        )
    body = _listed(client, users)
    assert "accord (niveau 3) non appliqué\u00a0: la valeur de la cellule a été décidée" in body
    assert "aucune preuve" not in body


def test_the_cell_lists_the_answers_in_the_order_its_reason_says_them(client, site, users) -> None:
    """« désaccord : niveau 2 / niveau 1 » above a list that read « … niveau 1 », then
    « … niveau 2 »: the list followed the assignments, the reason the answers."""
    cell = site.auto_cell
    auditors = [users["auditeur"], users["administrateur"]]
    drawn = codings_assign(cells=[cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    for assignment, level in zip(reversed(drawn), (2, 1), strict=True):  # the last one first
        answer = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=answer, now=timezone.now()
        )
    client.force_login(users["coordinateur"])
    body = client.get(reverse("web:review-cell", kwargs={"pk": cell.pk})).content.decode()
    assert "désaccord\u00a0: niveau 2 / niveau 1" in body
    listed = body.split("Double codage</h3>", 1)[1].split("</ul>", 1)[0]
    assert listed.index("niveau 2") < listed.index("niveau 1")


def test_an_arbitrating_coordinator_goes_on_to_the_next_cell_to_arbitrate(
    client, site, users
) -> None:
    """The link « Cellule suivante » (and the key N) led an arbitrating coordinator into the
    review queue, away from the cells waiting for them."""
    first = site.auto_cell
    second = Cell.objects.get(campaign=site.after, commune_id="44109", source="auto", level=0)
    auditors = [users["auditeur"], users["administrateur"]]
    drawn = codings_assign(
        cells=[first, second], auditors=auditors, size=2, seed=1, now=timezone.now()
    )
    for assignment in drawn:  # every cell answered 1 and 4: both wait for arbitration
        level = 1 if assignment.auditor == users["auditeur"] else 4
        answer = Decision(level=level, not_applicable=False, justification="")
        coding_answer(
            assignment=assignment, user=assignment.auditor, decision=answer, now=timezone.now()
        )
    client.force_login(users["coordinateur"])
    for here, there in ((first, second), (second, first)):
        body = client.get(reverse("web:review-cell", kwargs={"pk": here.pk})).content.decode()
        link = body.split('id="lien-suivant"', 1)[1].split("</a>", 1)[0]
        assert f'href="{reverse("web:review-cell", kwargs={"pk": there.pk})}"' in link
        assert "Cellule suivante à arbitrer" in link
