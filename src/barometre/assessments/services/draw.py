"""The draw of blind double coding: cells drawn at random among those never drawn, each given
to two different auditors with balanced loads; two draws at once never give a cell twice."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from barometre.assessments.models import Cell, CodingAssignment
from barometre.core.errors import BarometreError


def coders_active() -> QuerySet[User]:
    """The pool blind codings are given to: the active accounts whose role reviews cells
    (auditeur, coordinateur, administrateur), by user name."""
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="review_cell")
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def codings_assign(
    *,
    cells: Sequence[Cell] | QuerySet[Cell],
    auditors: Sequence[User],
    size: int,
    seed: int,
    now: datetime,
) -> list[CodingAssignment]:
    """Draw `size` cells at random among those not drawn before and give each to two different
    auditors (balanced). The same cells (a queryset is read in primary-key order) and the same
    seed draw the same sample.

    A campaign of every commune holds 629,000 cells: a queryset is read as primary keys only,
    the cells already drawn come in one query, and only the drawn cells are loaded."""
    if len(auditors) < 2:
        # said with the way out: the site creates no account (the CLI does)
        raise BarometreError(
            _(
                "Le double codage demande au moins deux auditeurs actifs (%(count)s pour "
                "l'instant) : créez-en un avec « barometre users create NOM --role "
                "auditeur », puis relancez le tirage."
            )
            % {"count": len(auditors)}
        )
    pool = _undrawn(cells)
    if not pool:
        raise BarometreError(
            _(
                "Aucune cellule à tirer : la campagne n'a pas de cellule mesurée, ou toutes "
                "sont déjà en double codage."
            )
        )
    rng = random.Random(seed)
    chosen = rng.sample(pool, min(size, len(pool)))
    # each drawn cell locked (in key order, so that two draws never wait on each other), then
    # looked at again: a draw that another committed meanwhile is seen once its locks are
    # released. The unique (cell, auditor) caught only a second draw that gave a cell to one
    # of the same auditors; with four auditors or more, two draws at once with other seeds
    # gave cells to two other auditors each, and those cells had four coders.
    locked = Cell.objects.select_for_update().filter(pk__in=chosen).order_by("pk")
    loaded = {c.pk: c for c in locked}
    if CodingAssignment.objects.filter(cell_id__in=chosen).exists():
        raise _drawn_meanwhile()
    sample = [loaded[pk] for pk in chosen]
    created = _balanced_pairs(sample, auditors, now)
    try:
        with transaction.atomic():
            return CodingAssignment.objects.bulk_create(created)
    except IntegrityError:  # another draw, at the same moment, took some of these cells
        raise _drawn_meanwhile() from None


def _undrawn(cells: Sequence[Cell] | QuerySet[Cell]) -> list[int]:
    """The keys of the cells never drawn for double coding, in the cells' order (a queryset
    in key order)."""
    if isinstance(cells, QuerySet):
        ids = list(cells.order_by("pk").values_list("pk", flat=True))
    else:
        ids = [c.pk for c in cells]
    drawn = set(CodingAssignment.objects.values_list("cell_id", flat=True).distinct())
    return [pk for pk in ids if pk not in drawn]


def _balanced_pairs(
    sample: list[Cell], auditors: Sequence[User], now: datetime
) -> list[CodingAssignment]:
    """The assignments (not saved) that give each cell of `sample` to two different auditors,
    loads balanced."""
    created: list[CodingAssignment] = []
    count = len(auditors)
    for index, cell in enumerate(sample):
        # every run of `count` cells gives each auditor one first and one second answer (the
        # second is the first shifted by an offset that changes from run to run, never 0), so
        # loads differ by at most two and pairs vary; a random second coder gave 8 and 4
        first = auditors[index % count]
        second = auditors[(index + 1 + (index // count) % (count - 1)) % count]
        for auditor in (first, second):
            created.append(CodingAssignment(cell=cell, auditor=auditor, assigned_at=now))
    return created


def _drawn_meanwhile() -> BarometreError:
    return BarometreError(
        _(
            "Un autre tirage vient d'attribuer une partie de ces cellules : rien n'a été "
            "attribué par celui-ci. Relancez le tirage pour tirer parmi les cellules restantes."
        )
    )
