"""The draw of blind double coding: cells drawn at random among those never drawn, each given
to two different auditors with balanced loads; two draws at once never give a cell twice. An
auditor who reviewed a cell (saw its proposal and decided it) never codes it blind."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from barometre.assessments.models import Assessment, Cell, CodingAssignment
from barometre.core.errors import BarometreError


def coders_active() -> QuerySet[User]:
    """The pool blind codings are given to: the active accounts whose role reviews cells
    (auditeur, coordinateur, administrateur), by user name."""
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="review_cell")
        .distinct()
        .order_by("username")
    )


class Drawn(list[CodingAssignment]):
    """The assignments a draw created, and how many drawn cells it left out because fewer than
    two of the auditors had not reviewed them (`reviewed_out`)."""

    reviewed_out: int = 0


@transaction.atomic
def codings_assign(
    *,
    cells: Sequence[Cell] | QuerySet[Cell],
    auditors: Sequence[User],
    size: int,
    seed: int,
    now: datetime,
) -> Drawn:
    """Draw `size` cells at random among those not drawn before and give each to two different
    auditors (balanced) who have not reviewed it: one who wrote an assessment of the cell saw
    its proposal, and would code it again, not blind. A drawn cell with fewer than two such
    auditors is left out (counted in `reviewed_out`). The same cells (a queryset is read in
    primary-key order) and the same seed draw the same sample.

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
    # read under the cells' locks: a review writes its assessment under the same lock
    reviewers = cell_reviewers(sample, auditors)
    created, left_out = _balanced_pairs(sample, auditors, now, reviewers)
    drawn = Drawn()
    drawn.reviewed_out = left_out
    try:
        with transaction.atomic():
            drawn.extend(CodingAssignment.objects.bulk_create(created))
            return drawn
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


def cell_reviewers(sample: list[Cell], auditors: Sequence[User]) -> dict[int, set[int]]:
    """For each cell of `sample`, the keys of the auditors who wrote an assessment of it (a
    review records its author's user name)."""
    by_name = {a.get_username(): a.pk for a in auditors}
    keys = {(c.campaign_id, c.commune_id, c.service_id): c.pk for c in sample}
    found: dict[int, set[int]] = {c.pk: set() for c in sample}
    rows = Assessment.objects.filter(
        campaign_id__in={k[0] for k in keys},
        commune_id__in={k[1] for k in keys},
        service_id__in={k[2] for k in keys},
        author__in=list(by_name),
    ).values_list("campaign_id", "commune_id", "service_id", "author")
    for campaign, commune, service, author in rows.distinct():
        cell = keys.get((campaign, commune, service))
        if cell is not None:
            found[cell].add(by_name[author])
    return found


def _balanced_pairs(
    sample: list[Cell], auditors: Sequence[User], now: datetime, reviewers: dict[int, set[int]]
) -> tuple[list[CodingAssignment], int]:
    """The assignments (not saved) that give each cell of `sample` to two different auditors
    who have not reviewed it, loads balanced; and how many cells had fewer than two."""
    created: list[CodingAssignment] = []
    loads = {a.pk: 0 for a in auditors}
    count = len(auditors)
    left_out = 0
    for index, cell in enumerate(sample):
        eligible = [a for a in auditors if a.pk not in reviewers.get(cell.pk, set())]
        if len(eligible) < 2:
            left_out += 1
            continue
        # every run of `count` cells gives each auditor one first and one second answer (the
        # second is the first shifted by an offset that changes from run to run, never 0), so
        # loads differ by at most two and pairs vary; a random second coder gave 8 and 4
        rotation = (
            auditors[index % count],
            auditors[(index + 1 + (index // count) % (count - 1)) % count],
        )
        pair: list[User] = []
        for auditor in rotation:
            pair.append(_or_least_loaded(auditor, eligible, pair, loads))
            loads[pair[-1].pk] += 1
        created += [CodingAssignment(cell=cell, auditor=a, assigned_at=now) for a in pair]
    return created, left_out


def _or_least_loaded(
    auditor: User, eligible: list[User], pair: list[User], loads: dict[int, int]
) -> User:
    """`auditor`, the rotation's choice, unless they reviewed the cell or, kept out of cells
    they reviewed, the others fell behind by more than the rotation's two: then the least
    loaded of the others (the first in the auditors' order on a tie)."""
    others = [a for a in eligible if a not in pair]
    least = min(others, key=lambda a: loads[a.pk])
    if auditor in others and loads[auditor.pk] <= loads[least.pk] + 2:
        return auditor
    return least


def _drawn_meanwhile() -> BarometreError:
    return BarometreError(
        _(
            "Un autre tirage vient d'attribuer une partie de ces cellules : rien n'a été "
            "attribué par celui-ci. Relancez le tirage pour tirer parmi les cellules restantes."
        )
    )
