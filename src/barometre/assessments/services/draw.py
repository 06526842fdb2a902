"""The draw of blind double coding: cells drawn at random among those never drawn, each given
to two different auditors with balanced loads; two draws at once never give a cell twice. An
auditor who reviewed a cell (saw its proposal and decided it) never codes it blind."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from barometre.assessments.models import Assessment, Cell, CodingAssignment
from barometre.core.errors import BarometreError, ServerCommandNeeded
from barometre.core.plural import counted
from barometre.core.typography import grouped
from barometre.referential.models import Campaign

# the most keys a replacement batch locks in one query (SQLite limits a query's parameters)
BATCH_MAX = 2000
# the largest sample one draw takes, on the web page and on the command line
SIZE_MAX = 5000


def coders_active() -> QuerySet[User]:
    """The pool blind codings are given to: the active accounts whose role reviews cells
    (auditeur, coordinateur, administrateur), by user name."""
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="review_cell")
        .distinct()
        .order_by("username")
    )


class Drawn(list[CodingAssignment]):
    """The assignments a draw created, and what became of the sample asked: `asked` cells,
    `pool` undrawn cells to draw from (`already` of the campaign's were drawn before, filled in
    by `codings_draw`), `reviewed_out` cells of the first draw left out because fewer than
    two of the auditors had not reviewed them, `examined` other undrawn cells looked at, in
    an order drawn at random, to replace them, `replaced` of those kept (the others were left
    out for the same reason; `drawn_said` tells it in French)."""

    asked: int = 0
    already: int = 0
    pool: int = 0
    reviewed_out: int = 0
    examined: int = 0
    replaced: int = 0

    @property
    def cells(self) -> int:
        """How many cells went to two auditors."""
        return len(self) // 2


@transaction.atomic
def codings_draw(*, campaign: Campaign, size: int, seed: int, now: datetime) -> Drawn:
    """Draw `size` cells of `campaign` for blind double coding among the active auditors
    (`codings_assign`, as the web page and `barometre assessments codings-draw` do), noting
    how many of the campaign's cells were drawn before (`already`, left out of the pool)."""
    already = (
        CodingAssignment.objects.filter(cell__campaign=campaign)
        .values("cell_id")
        .distinct()
        .count()
    )
    drawn = codings_assign(
        cells=Cell.objects.filter(campaign=campaign),
        auditors=list(coders_active()),
        size=size,
        seed=seed,
        now=now,
    )
    drawn.already = already
    return drawn


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
    auditors is left out (counted in `reviewed_out`) and replaced by another undrawn cell,
    drawn at random by the same generator, until `size` cells are drawn or none is left
    (`replaced`). The same cells (a queryset is read in primary-key order) and the same seed
    draw the same sample.

    A campaign of every commune holds 629,000 cells: a queryset is read as primary keys only,
    the cells already drawn come in one query, and only the drawn cells are loaded."""
    if len(auditors) < 2:
        raise _too_few_coders(len(auditors))
    pool = _undrawn(cells)
    if not pool:
        raise BarometreError(
            _(
                "Aucune cellule à tirer : la campagne n'a pas de cellule mesurée, ou toutes "
                "sont déjà en double codage."
            )
        )
    drawn = Drawn()
    drawn.asked, drawn.pool = size, len(pool)
    sample, reviewers = _sample(pool, auditors, size=size, seed=seed, drawn=drawn)
    created = _balanced_pairs(sample, auditors, now, reviewers)
    try:
        with transaction.atomic():
            drawn.extend(CodingAssignment.objects.bulk_create(created))
            return drawn
    except IntegrityError:  # another draw, at the same moment, took some of these cells
        raise _drawn_meanwhile() from None


def _sample(
    pool: list[int], auditors: Sequence[User], *, size: int, seed: int, drawn: Drawn
) -> tuple[list[Cell], dict[int, set[int]]]:
    """The cells `codings_assign` draws from `pool` (primary keys), with each one's reviewers
    (by cell primary key); those left out and replaced are counted in `drawn`."""
    rng = random.Random(seed)
    # the first batch is the sample asked (for a seed, the same cells as before replacements
    # existed); the rest of the pool, shuffled by the same generator, replaces the cells left out
    chosen = rng.sample(pool, min(size, len(pool)))
    sample: list[Cell] = []
    reviewers: dict[int, set[int]] = {}
    _eligible_into(sample, chosen, auditors, size, drawn, reviewers)
    if len(sample) < size and len(chosen) < len(pool):
        taken = set(chosen)
        rest = [pk for pk in pool if pk not in taken]
        rng.shuffle(rest)
        _replace_left_out(sample, rest, auditors, size, drawn, reviewers)
    return sample, reviewers


def _too_few_coders(count: int) -> ServerCommandNeeded:
    """The refusal of a draw among fewer than two active auditors, with the way out: the site
    creates no account (the command line does), so a web page says whom to ask."""
    return ServerCommandNeeded(
        _(
            "Le double codage demande au moins deux auditeurs actifs (%(count)s pour "
            "l'instant) : créez-en un avec « barometre users create NOM --role "
            "auditeur », puis relancez le tirage."
        )
        % {"count": count},
        on_web=_(
            "Le double codage demande au moins deux auditeurs actifs (%(count)s pour "
            "l'instant) : demandez à un administrateur du site d'en créer un, ou de "
            "réactiver un compte désactivé, puis relancez le tirage."
        )
        % {"count": count},
        commands=("barometre users create NOM --role auditeur", "barometre users enable NOM"),
        on_web_admin=_(
            "Le double codage demande au moins deux auditeurs actifs (%(count)s pour "
            "l'instant) : créez un compte auditeur, ou réactivez un compte désactivé, "
            "puis relancez le tirage."
        )
        % {"count": count},
        admin_page="admin:auth_user_add",
    )


def _replace_left_out(
    sample: list[Cell],
    rest: list[int],
    auditors: Sequence[User],
    size: int,
    drawn: Drawn,
    reviewers: dict[int, set[int]],
) -> None:
    """Fill `sample` up to `size` with the cells of `rest` (the undrawn cells not in the first
    batch, shuffled) in their order, leaving out those reviewed, until none is left. Batches
    grow, so that a campaign whose cells nearly all were reviewed is read in a few queries,
    not one per cell, up to `BATCH_MAX` keys in a query."""
    start = 0
    while len(sample) < size and start < len(rest):
        step = min(max(2 * (size - len(sample)), start, 50), BATCH_MAX)
        batch, start = rest[start : start + step], start + step
        _eligible_into(sample, batch, auditors, size, drawn, reviewers, replacing=True)


def _eligible_into(
    sample: list[Cell],
    batch: list[int],
    auditors: Sequence[User],
    size: int,
    drawn: Drawn,
    reviewers: dict[int, set[int]],
    *,
    replacing: bool = False,
) -> None:
    """Add to `sample`, in `batch`'s order and up to `size`, the cells of `batch` that two
    auditors or more have not reviewed; count in `drawn` those left out of the first draw
    (or, `replacing`, those looked at and those kept), and note each cell's reviewers in
    `reviewers`.

    The batch's cells are locked (in key order, so that two draws never wait on each other),
    then looked at again: a draw that another committed meanwhile is seen once its locks are
    released. The unique (cell, auditor) caught only a second draw that gave a cell to one of
    the same auditors; with four auditors or more, two draws at once with other seeds gave
    cells to two other auditors each, and those cells had four coders."""
    locked = Cell.objects.select_for_update().filter(pk__in=batch).order_by("pk")
    loaded = {c.pk: c for c in locked}
    if CodingAssignment.objects.filter(cell_id__in=batch).exists():
        raise _drawn_meanwhile()
    cells = [loaded[pk] for pk in batch]
    # read under the cells' locks: a review writes its assessment under the same lock
    reviewers.update(cell_reviewers(cells, auditors))
    for cell in cells:
        if len(sample) == size:
            return
        drawn.examined += replacing
        if sum(1 for a in auditors if a.pk not in reviewers[cell.pk]) < 2:
            drawn.reviewed_out += not replacing
            continue
        sample.append(cell)
        drawn.replaced += replacing


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
) -> list[CodingAssignment]:
    """The assignments (not saved) that give each cell of `sample` to two different auditors
    who have not reviewed it (every cell has two such auditors or more), loads balanced."""
    created: list[CodingAssignment] = []
    loads = {a.pk: 0 for a in auditors}
    count = len(auditors)
    for index, cell in enumerate(sample):
        eligible = [a for a in auditors if a.pk not in reviewers[cell.pk]]
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
    return created


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


def drawn_said(drawn: Drawn, *, campaign: str, seed: int) -> str:
    """What a draw of `campaign` with `seed` did, in French, for the web page and the CLI: cells
    asked and given to two auditors, the campaign's cells left out as already drawn, the drawn
    cells left out as reviewed, whether others replaced them, why a sample is smaller."""
    said = [
        _(
            "Tirage de la campagne « %(campaign)s » (graine %(seed)s) : %(cells)s à "
            "deux auditeurs sur %(asked)s."
        )
        % {
            "campaign": campaign,
            "seed": seed,
            "cells": counted(drawn.cells, "cellule attribuée", "cellules attribuées"),
            "asked": counted(drawn.asked, "cellule demandée", "cellules demandées"),
        }
    ]
    already = drawn.already
    if already:
        said.append(
            _("%(skipped)s du tirage : déjà en double codage.")
            % {"skipped": counted(already, "cellule écartée", "cellules écartées")}
        )
    if drawn.reviewed_out:  # who saw a cell's proposal would not code it blind
        said.append(_left_out_said(drawn))
    elif drawn.cells < drawn.asked:
        said.append(
            ngettext(
                "La campagne n'avait plus qu'une cellule jamais tirée : l'échantillon est "
                "plus petit que demandé.",
                "La campagne n'avait plus que %(pool)s cellules jamais tirées : l'échantillon "
                "est plus petit que demandé.",
                drawn.pool,
            )
            % {"pool": grouped(drawn.pool)}
        )
    if drawn:  # the next step: who codes what, and where
        said.append(_loads_said(drawn))
    return " ".join(said)


def _loads_said(drawn: Drawn) -> str:
    """Who received how many blind codings, and where they find them (French)."""
    loads = Counter(a.auditor.get_username() for a in drawn)
    return _(
        "Codages à l'aveugle attribués : %(loads)s ; chacun les trouve dans « Double "
        "codage » de l'espace auditeurs."
    ) % {"loads": ", ".join(f"{name} ({n})" for name, n in sorted(loads.items()))}


def _left_out_said(drawn: Drawn) -> str:
    """The cells of the first draw left out as reviewed, in French, then how many other cells
    were looked at to replace them and how many of those were kept (each left out for the same
    reason), or that none was left."""
    out = drawn.reviewed_out
    why = ngettext(
        "%(n)s cellule tirée écartée : tous les auditeurs sauf un au plus l'avaient déjà revue "
        "(qui a vu la proposition d'une cellule ne la code pas à l'aveugle).",
        "%(n)s cellules tirées écartées : pour chacune, tous les auditeurs sauf un au plus "
        "l'avaient déjà revue (qui a vu la proposition d'une cellule ne la code pas à "
        "l'aveugle).",
        out,
    ) % {"n": grouped(out)}
    if not drawn.examined:
        then = ngettext(
            "Aucune autre cellule jamais tirée ne restait dans la campagne pour la "
            "remplacer : l'échantillon est plus petit que demandé.",
            "Aucune autre cellule jamais tirée ne restait dans la campagne pour les "
            "remplacer : l'échantillon est plus petit que demandé.",
            out,
        )
        return f"{why} {then}"
    return " ".join([why, _replacements_said(drawn)])


def _replacements_said(drawn: Drawn) -> str:
    """How many other cells were looked at to replace the cells left out, how many were kept,
    and, when they ran out before the sample was full, that the sample is smaller (French)."""
    kept = drawn.replaced
    said = [
        ngettext(
            "Pour la remplacer : %(examined)s (dans un ordre tiré au hasard avec la même "
            "graine), dont %(kept)s.",
            "Pour les remplacer : %(examined)s (dans un ordre tiré au hasard avec la même "
            "graine), dont %(kept)s.",
            drawn.reviewed_out,
        )
        % {
            "examined": counted(
                drawn.examined,
                "autre cellule jamais tirée examinée",
                "autres cellules jamais tirées examinées",
            ),
            "kept": counted(kept, "retenue", "retenues")
            if kept
            else pgettext("cellules examinées", "aucune retenue"),
        }
    ]
    if drawn.cells < drawn.asked:
        said.append(
            _(
                "Aucune autre cellule jamais tirée ne restait dans la campagne : "
                "l'échantillon est plus petit que demandé."
            )
        )
    return " ".join(said)
