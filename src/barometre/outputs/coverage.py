"""What a report says about its coverage: measured cells and communes out of the campaign's.

Every figure of a report is over measured cells (docs/method/SCALE.md, "Reporting conventions");
these sentences say how much was measured, in every format, and in the headline when coverage is
below 100 %.
"""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from barometre.assessments.selectors import Origins
from barometre.core.plural import counted
from barometre.outputs.labels import number, partial_percent
from barometre.scoring import TRANSACTIONAL_LEVEL, CityScore, Coverage, Grid

UNMEASURED_SHOWN = 200  # communes listed in the HTML report; JSON, CSV and XLSX list them all


def coverage_sentence(coverage: Coverage) -> str:
    """ "4 cellules mesurées sur 9 (44 %), dans 2 communes sur 3" """
    cells = ngettext(
        "%(measured)s cellule mesurée sur %(cells)s (%(share)s)",
        "%(measured)s cellules mesurées sur %(cells)s (%(share)s)",
        coverage.measured_cells,
    ) % {
        "measured": number(coverage.measured_cells, 0),
        "cells": number(coverage.cells, 0),
        "share": partial_percent(coverage.share_of_cells),
    }
    communes = ngettext(
        "dans %(measured)s commune sur %(communes)s",
        "dans %(measured)s communes sur %(communes)s",
        coverage.measured_communes,
    ) % {
        "measured": number(coverage.measured_communes, 0),
        "communes": number(coverage.communes, 0),
    }
    return f"{cells}, {communes}"


def coverage_headline(coverage: Coverage) -> str:
    """The warning shown at the top of a report whose coverage is below 100 %, else ""."""
    if coverage.complete and coverage.cells:
        return ""
    return _(
        "Couverture partielle : %(sentence)s. Tous les chiffres portent sur les seules cellules "
        "mesurées ; une cellule non mesurée ne compte pas 0."
    ) % {"sentence": coverage_sentence(coverage)}


def city_services(city: CityScore) -> tuple[int, int]:
    """A commune's applicable services measured, and all its applicable ones: its services
    less those measured « sans objet » (an unmeasured service counts among the applicable)."""
    measured = city.cells - city.not_applicable_cells
    return measured, measured + city.unmeasured_cells


def city_services_cell(city: CityScore) -> str:
    """ "4 sur 18": a commune's applicable services measured, for its row in a table."""
    return services_cell(*city_services(city))


def services_cell(measured: int, applicable: int) -> str:
    """ "4 sur 18": applicable services measured out of the applicable ones; where no service
    applies (all « sans objet ») there is no count to give, not « 0 sur 0 »."""
    if not applicable:
        return _("aucun applicable")
    return _("%(measured)s sur %(applicable)s") % {
        "measured": number(measured, 0),
        "applicable": number(applicable, 0),
    }


def city_coverage_note(city: CityScore) -> str:
    """Beside a commune's mean and ranks when some of its services are unmeasured, or when it
    has no mean because none of its applicable services is measured or none applies; else ""."""
    measured, applicable = city_services(city)
    if not applicable:
        return _no_service_applies(city.not_applicable_cells)
    if not measured:
        return _no_applicable_measured(city.unmeasured_cells, city.not_applicable_cells)
    if not city.unmeasured_cells:
        return ""
    return ngettext(
        "Couverture partielle : %(measured)s service mesuré sur %(applicable)s applicables. "
        "Le niveau moyen et les rangs portent sur ce seul service ; un service non mesuré ne "
        "compte pas 0.",
        "Couverture partielle : %(measured)s services mesurés sur %(applicable)s applicables. "
        "Le niveau moyen et les rangs portent sur ces seuls services ; un service non mesuré "
        "ne compte pas 0.",
        measured,
    ) % {"measured": number(measured, 0), "applicable": number(applicable, 0)}


def _no_service_applies(not_applicable: int) -> str:
    return ngettext(
        "Aucun service ne s'applique à cette commune : son seul service est « sans objet ». "
        "Elle n'a donc ni niveau moyen ni rang, ce qui n'est pas un niveau 0.",
        "Aucun service ne s'applique à cette commune : ses %(n)s services sont tous « sans "
        "objet ». Elle n'a donc ni niveau moyen ni rang, ce qui n'est pas un niveau 0.",
        not_applicable,
    ) % {"n": number(not_applicable, 0)}


def _no_applicable_measured(unmeasured: int, not_applicable: int) -> str:
    return ngettext(
        "Aucun service applicable n'est encore mesuré : %(unmeasured)s service non mesuré, "
        "%(na)s « sans objet ». La commune n'a pas encore de niveau moyen ni de rang ; un "
        "service non mesuré ne compte pas 0.",
        "Aucun service applicable n'est encore mesuré : %(unmeasured)s services non mesurés, "
        "%(na)s « sans objet ». La commune n'a pas encore de niveau moyen ni de rang ; un "
        "service non mesuré ne compte pas 0.",
        unmeasured,
    ) % {"unmeasured": number(unmeasured, 0), "na": number(not_applicable, 0)}


def origins_sentence(origins: Origins) -> str:
    """ "108 propositions automatiques non relues, 12 niveaux revus par un auditeur"; a cell
    « sans objet » is no level: "15 niveaux importés, 3 « sans objet » importés" """
    levels, moot = origins.levels, origins.moot or Origins()
    parts = []
    if origins.automatic:
        automatic = ngettext(
            "%(n)s proposition automatique non relue",
            "%(n)s propositions automatiques non relues",
            origins.automatic,
        ) % {"n": number(origins.automatic, 0)}
        if moot.automatic:
            automatic += _(" (dont %(n)s « sans objet »)") % {"n": number(moot.automatic, 0)}
        parts.append(automatic)
    for n, text, arbitrated in _human_origins(levels, moot):
        if n:
            parts.append(text % {"n": number(n, 0)} + _arbitrated(arbitrated))
    return ", ".join(parts)


def _arbitrated(n: int) -> str:
    """ " (dont 2 par arbitrage du double codage)": the reviewed values an auditor decided
    between two blind answers that differed, as each one's detail says it; "" when none."""
    if not n:
        return ""
    return _(" (dont %(n)s par arbitrage du double codage)") % {"n": number(n, 0)}


def _human_origins(levels: Origins, moot: Origins) -> tuple[tuple[int, str, int], ...]:
    """Each count of levels and of not-applicable cells reviewed or imported, with its words
    and how many of them were arbitrated."""
    return (
        (
            levels.reviewed,
            ngettext(
                "%(n)s niveau revu par un auditeur",
                "%(n)s niveaux revus par un auditeur",
                levels.reviewed,
            ),
            levels.arbitrated,
        ),
        (
            moot.reviewed,
            ngettext(
                "%(n)s « sans objet » revu par un auditeur",
                "%(n)s « sans objet » revus par un auditeur",
                moot.reviewed,
            ),
            moot.arbitrated,
        ),
        (
            levels.imported,
            ngettext("%(n)s niveau importé", "%(n)s niveaux importés", levels.imported),
            0,
        ),
        (
            moot.imported,
            ngettext(
                "%(n)s « sans objet » importé", "%(n)s « sans objet » importés", moot.imported
            ),
            0,
        ),
    )


def origins_figure(origins: Origins | None) -> tuple[str, str, str] | None:
    """The key-figure row on the share of levels that no auditor has reviewed yet."""
    if origins is None or not origins.total:
        return None
    # the other origins: the same counts without the automatic ones
    moot = replace(origins.moot or Origins(), automatic=0)
    others = origins_sentence(replace(origins, automatic=0, moot=moot))
    return (
        _("propositions automatiques non relues"),
        # 999 of 1,000: 99,9 %, never the 100 % that says no cell was reviewed
        partial_percent(origins.automatic / origins.total),
        _("%(automatic)s sur %(total)s ; %(others)s")
        % {
            "automatic": number(origins.automatic, 0),
            # « 3 sur 4 cellules mesurées »: the percentage's base says what it counts
            "total": counted(origins.total, "cellule mesurée", "cellules mesurées"),
            "others": others or _("aucun niveau revu par un auditeur"),
        },
    )


def share_of_max_detail(applicable: int) -> str:
    """The base of the share of the maximum, as the shares beside it give theirs: « moyenne,
    sur 213 cellules applicables, du niveau divisé par le niveau maximal du service »; ""
    without an applicable cell."""
    if not applicable:
        return ""
    return _("moyenne, sur %(cells)s, du niveau divisé par le niveau maximal du service") % {
        "cells": counted(applicable, "cellule applicable", "cellules applicables")
    }


def transactional_detail(share: float | None, cells: int, grid: Grid) -> str:
    """ "3 sur 30 cellules applicables au niveau 4 ou plus, hors 1 service du catalogue qui ne
    peut pas atteindre le niveau 4": the transactional share is over the `cells` applicable
    cells of the services whose maximum is 4 or 5 (docs/scoring.md), and says which it leaves
    out."""
    if not cells:
        return _("aucune cellule applicable d'un service qui peut atteindre le niveau 4")
    return _("%(count)s sur %(cells)s au niveau 4 ou plus") % {
        # the share is k / n: k comes back whole
        "count": number(round((share or 0.0) * cells), 0),
        "cells": counted(cells, "cellule applicable", "cellules applicables"),
    } + transactional_capped(grid)


def city_transactional_cells(grid: Grid, code: str) -> int:
    """The n of a commune's transactional share: its applicable cells of the services that can
    reach level 4 (`GroupScore.transactional_cells` for one row)."""
    row = grid.levels[grid.codes.index(code)]
    return int(((row >= 0) & (grid.max_levels >= TRANSACTIONAL_LEVEL)).sum())


def transactional_capped(grid: Grid) -> str:
    """ ", hors 2 services du catalogue qui ne peuvent pas atteindre le niveau 4", or "" when
    every service of the catalogue can."""
    capped = int((grid.max_levels < TRANSACTIONAL_LEVEL).sum())
    if not capped:
        return ""
    return ngettext(
        ", hors %(n)s service du catalogue qui ne peut pas atteindre le niveau 4",
        ", hors %(n)s services du catalogue qui ne peuvent pas atteindre le niveau 4",
        capped,
    ) % {"n": number(capped, 0)}
