"""Blind codings given to someone else: the unanswered assignments of an account (switched off,
gone) move to other active auditors, so that the sampled cells still get their two answers.

An answered coding never moves; a cell never gets the same coder twice, nor a coder who
reviewed it (saw its proposal)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import cell_reviewers, coders_active
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.referential.models import Campaign


@dataclass(slots=True)
class Reassignment:
    """What `codings_reassign` did: the assignments moved, each with its new coder, and those
    that stayed, each with the reason (French)."""

    moved: list[tuple[CodingAssignment, User]] = field(default_factory=list)
    stayed: list[tuple[CodingAssignment, str]] = field(default_factory=list)

    def moved_to(self) -> dict[str, int]:
        """How many assignments each new coder received, by user name."""
        return dict(sorted(Counter(user.username for _a, user in self.moved).items()))

    def stayed_by_reason(self) -> dict[str, int]:
        """How many assignments stayed for each reason, in the order the reasons came."""
        return dict(Counter(reason for _a, reason in self.stayed))


def codings_unanswered(*, auditor: User, campaign: Campaign | None = None) -> int:
    """How many blind codings `auditor` holds and has not answered (in `campaign`, if given)."""
    return _held(auditor, campaign).count()


@transaction.atomic
def codings_reassign(
    *, from_user: User, campaign: Campaign | None = None, to_user: User | None = None
) -> Reassignment:
    """Give the unanswered blind codings of `from_user` (in `campaign`, or in every campaign) to
    `to_user`, or else spread them over the other active auditors (`coders_active`, the pool of
    the draw), each to the one with the fewest unanswered codings (then by user name), never to
    the cell's other coder. All or nothing: `to_user` inactive, without a reviewing role, or
    already coding one of the cells is refused before anything moves.

    The cells are locked first, in key order, as every write on a cell does (a blind answer
    sent at the same moment is taken before or after, never lost), then the assignments and
    their cells' coders are read again."""
    if to_user is not None and to_user.pk == from_user.pk:
        raise BarometreError(
            _(
                "--to nomme le compte dont les codages sont repris : donnez un autre "
                "auditeur, ou aucun pour les répartir ; rien n'a été réattribué."
            )
        )
    ids = list(_held(from_user, campaign).values_list("cell_id", flat=True))
    list(Cell.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
    held = list(_held(from_user, campaign).select_related("cell__commune", "cell__service"))
    coders = _coders_by_cell([a.cell_id for a in held])
    candidates = [*coders_active(), *([to_user] if to_user is not None else [])]
    reviewed = cell_reviewers([a.cell for a in held], candidates)
    if to_user is not None:
        _target_check(to_user, held, coders)
        _reviewed_check(to_user, held, reviewed)
        pool = [to_user]
    else:
        pool = [u for u in coders_active() if u.pk != from_user.pk]
    return _spread(held, pool, coders, reviewed)


def _spread(
    held: list[CodingAssignment],
    pool: list[User],
    coders: dict[int, set[int]],
    reviewed: dict[int, set[int]],
) -> Reassignment:
    """Move each of the `held` codings to the auditor of `pool` with the fewest unanswered
    codings (then by user name) who neither codes its cell (`coders`, kept up to date) nor
    reviewed it (`reviewed`); a coding nobody may take stays, with why."""
    loads = _unanswered_loads(pool)
    done = Reassignment()
    for assignment in held:
        free = [u for u in pool if u.pk not in coders[assignment.cell_id]]
        eligible = [u for u in free if u.pk not in reviewed[assignment.cell_id]]
        if not eligible:
            done.stayed.append((assignment, _no_one(pool, reviewed=bool(free))))
            continue
        chosen = min(eligible, key=lambda u: (loads[u.pk], u.username))
        loads[chosen.pk] += 1
        assignment.auditor = chosen
        assignment.save(update_fields=["auditor"])
        coders[assignment.cell_id].add(chosen.pk)
        done.moved.append((assignment, chosen))
    return done


def _held(auditor: User, campaign: Campaign | None) -> QuerySet[CodingAssignment]:
    held = CodingAssignment.objects.filter(auditor=auditor, coded_at__isnull=True)
    if campaign is not None:
        held = held.filter(cell__campaign=campaign)
    return held.order_by("cell_id", "pk")


def _coders_by_cell(cell_ids: list[int]) -> dict[int, set[int]]:
    """Every coder of each cell, answered or not."""
    coders: dict[int, set[int]] = {pk: set() for pk in cell_ids}
    for cell_id, auditor_id in CodingAssignment.objects.filter(cell_id__in=cell_ids).values_list(
        "cell_id", "auditor_id"
    ):
        coders[cell_id].add(auditor_id)
    return coders


def _unanswered_loads(pool: list[User]) -> dict[int, int]:
    """Each auditor's unanswered blind codings, every campaign counted."""
    counts = User.objects.filter(pk__in=[u.pk for u in pool]).annotate(
        held=Count("codings", filter=Q(codings__coded_at__isnull=True))
    )
    return {pk: held for pk, held in counts.values_list("pk", "held")}


def _target_check(to_user: User, held: list[CodingAssignment], coders: dict[int, set[int]]) -> None:
    """Refuse, in French, a coder who may not receive these codings."""
    name = to_user.username
    if not to_user.is_active:
        raise BarometreError(
            _(
                "Le compte « %(name)s » est désactivé : il ne peut pas recevoir de codages "
                "(« barometre users enable %(name)s » le réactive) ; rien n'a été réattribué."
            )
            % {"name": name}
        )
    if not coders_active().filter(pk=to_user.pk).exists():
        raise BarometreError(
            _(
                "Le compte « %(name)s » n'a pas de rôle d'auditeur : il ne peut pas coder "
                "(« barometre users role %(name)s auditeur » le lui donne) ; rien n'a été "
                "réattribué."
            )
            % {"name": name}
        )
    taken = [a for a in held if to_user.pk in coders[a.cell_id]]
    if taken:
        first = taken[0].cell
        raise BarometreError(
            _(
                "« %(name)s » code déjà %(cells)s à réattribuer (dont %(commune)s — "
                "%(service)s) : une cellule ne reçoit jamais deux fois le même codeur ; rien "
                "n'a été réattribué. Sans --to, chaque codage va à un autre auditeur."
            )
            % {
                "name": name,
                "cells": counted(len(taken), "cellule", "cellules"),
                "commune": first.commune.name,
                "service": first.service.label,
            }
        )


def _reviewed_check(
    to_user: User, held: list[CodingAssignment], reviewed: dict[int, set[int]]
) -> None:
    """Refuse, in French, a coder who reviewed one of the cells: they saw its proposal."""
    seen = [a for a in held if to_user.pk in reviewed[a.cell_id]]
    if seen:
        first = seen[0].cell
        raise BarometreError(
            _(
                "« %(name)s » a déjà revu %(cells)s à réattribuer (dont %(commune)s — "
                "%(service)s) : qui a vu la proposition d'une cellule ne la code pas à "
                "l'aveugle ; rien n'a été réattribué. Sans --to, chaque codage va à un autre "
                "auditeur."
            )
            % {
                "name": to_user.get_username(),
                "cells": counted(len(seen), "cellule", "cellules"),
                "commune": first.commune.name,
                "service": first.service.label,
            }
        )


def _no_one(pool: list[User], *, reviewed: bool = False) -> str:
    if not pool:
        return _("aucun autre auditeur actif")
    if reviewed:  # some could take it but reviewed it: they saw its proposal
        return _(
            "les autres auditeurs actifs codent déjà cette cellule ou l'ont revue (qui a vu "
            "sa proposition ne la code pas à l'aveugle)"
        )
    return _("les autres auditeurs actifs codent déjà cette cellule")
