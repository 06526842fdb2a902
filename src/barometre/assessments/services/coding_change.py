"""A blind coder changes their own answer, before the cell is settled (docs/web.md).

A mis-click on the blind form was final. The coder may now change their answer while the cell
is not settled: an answer is still awaited, or the answers wait for arbitration. Each change
is kept (`CodingChange`: who, when, the answer before and after). Once the answers became the
cell's value, or a coordinator arbitrated it, the answer stays as it is.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell, CodingAssignment, CodingChange
from barometre.assessments.services.review import (
    BLIND_AUTHOR,
    Decision,
    _codings_settle,
    blind_answer_checked,
    codings_disputed,
)
from barometre.core.errors import BarometreError


def coding_settled(cell: Cell) -> str:
    """Why the cell's blind answers can no longer change (French), or "": every answer is in
    and the cell no longer waits for arbitration (agreeing answers became its value, or a
    decision was recorded after them)."""
    if not cells_settled([cell.pk]):
        return ""
    shown = Cell.objects.select_related("assessment").get(pk=cell.pk).assessment
    if shown.author == BLIND_AUTHOR:
        return _("Les réponses à l'aveugle concordaient et sont devenues la valeur de la cellule")
    return _("La cellule a été arbitrée ou décidée après les réponses à l'aveugle")


def cells_settled(cells: list[int]) -> set[int]:
    """Among `cells` (coded blind), those settled, in two queries whatever their number: every
    answer in, and no longer waiting for arbitration (`codings_disputed`)."""
    waiting = set(
        CodingAssignment.objects.filter(cell_id__in=cells, coded_at__isnull=True).values_list(
            "cell_id", flat=True
        )
    )
    waiting |= set(codings_disputed(cells=cells).values_list("pk", flat=True))
    return set(cells) - waiting


@transaction.atomic
def coding_change(
    *, assignment: CodingAssignment, user: User, decision: Decision, seen: int, now: datetime
) -> CodingChange:
    """Change the user's own blind answer, the cell not settled; `seen` is how many changes the
    form's author saw (a form sent twice, or from another tab, changes nothing)."""
    list(Cell.objects.select_for_update().filter(pk=assignment.cell_id).values_list("pk"))
    current = CodingAssignment.objects.select_for_update().get(pk=assignment.pk)
    if current.auditor_id != user.pk:
        raise BarometreError(_("Cette cellule est attribuée à un autre auditeur."))
    if current.coded_at is None:
        raise BarometreError(_("Vous n'avez pas encore répondu pour cette cellule."))
    if settled := coding_settled(current.cell):
        raise BarometreError(
            _("%(why)s : votre réponse ne peut plus être modifiée. Rien n'a été enregistré.")
            % {"why": settled}
        )
    if current.changes.count() != seen:
        raise BarometreError(
            _(
                "Votre réponse a été modifiée depuis l'ouverture de ce formulaire (autre onglet, "
                "ou formulaire envoyé deux fois) : rien n'a été enregistré. Vérifiez la réponse "
                "affichée."
            )
        )
    change = _changed(current, blind_answer_checked(current, decision), user=user, now=now)
    if not change.after_other_answers:  # else a coordinator confirms (`codings_changed_late`)
        _codings_settle(current.cell, now=now)
    return change


def _changed(
    current: CodingAssignment,
    answer: tuple[int | None, bool, str, str],
    *,
    user: User,
    now: datetime,
) -> CodingChange:
    """Store the new answer on the coding and its trace; an answer the same as the one stored
    is refused (a trace of nothing)."""
    before = (current.level, current.not_applicable, current.note, current.evidence_url)
    if answer == before:
        raise BarometreError(_("Cette réponse est celle déjà enregistrée : rien n'a changé."))
    others = CodingAssignment.objects.filter(cell_id=current.cell_id).exclude(pk=current.pk)
    change = CodingChange.objects.create(
        coding=current,
        changed_by=user,
        changed_at=now,
        after_other_answers=others.exists() and not others.filter(coded_at__isnull=True).exists(),
        old_level=before[0],
        old_not_applicable=before[1],
        old_note=before[2],
        old_evidence_url=before[3],
        new_level=answer[0],
        new_not_applicable=answer[1],
        new_note=answer[2],
        new_evidence_url=answer[3],
    )
    current.level, current.not_applicable, current.note, current.evidence_url = answer
    current.save(update_fields=["level", "not_applicable", "note", "evidence_url"])
    return change


def codings_changed_late(cells: list[int]) -> set[int]:
    """The cells among `cells` whose answers agree only since a coder changed theirs once the
    other answers were in: they wait for a coordinator, not settled by the change."""
    return set(
        CodingChange.objects.filter(
            coding__cell_id__in=cells, after_other_answers=True
        ).values_list("coding__cell_id", flat=True)
    )
