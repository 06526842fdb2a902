"""Why a chart table's cell holds no figure. The pages print « — » there; that sign stood for
several things in one file (no cell at all, no cell that can reach level 4, no paired cell, no
test, a cell nobody measured), which a reuser of the CSV could not tell apart. The CSV writes an
empty cell and a last column, `statut`, that names the case (as the ranking's CSV, docs/web.md);
the page says each case in a legend line under its table (`Chart.note`)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from barometre.outputs.labels import campaign_mean_header
from barometre.scoring import CityChange, CityScore, DomainChange, GroupScore

EMPTY = "—"  # what a table prints where there is no figure


def complete() -> str:
    """The `statut` of a row with every figure given."""
    return _("tous les chiffres donnés")


def csv_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], statuses: Sequence[str]
) -> tuple[list[str], list[list[str]]]:
    """The table as its CSV writes it: with `statuses` (one a row), an empty cell for each « — »
    and the `statut` column; with none (a table that always has every figure), as it is."""
    if not statuses:
        return list(headers), [list(r) for r in rows]
    return [*headers, _("statut")], [
        ["" if v == EMPTY else v for v in row] + [status]
        for row, status in zip(rows, statuses, strict=True)
    ]


def joined(clauses: Sequence[str]) -> str:
    """A row's cases, never with a semicolon (the CSV's separator)."""
    return " / ".join(clauses) if clauses else complete()


def capped_below_4(city: CityScore) -> bool:
    """A ranked commune with no share at level 4: its measured applicable services all stop
    below level 4 (docs/scoring.md), so its « — » is no « 0 % ». A commune with no
    applicable cell has no figure at all, said apart."""
    return city.mean_level is not None and city.share_transactional is None


def ranking_status(city: CityScore) -> str:
    """Why a ranking row's cells are empty, or « classée » when none is (the ranking page's CSV
    and the ranking chart's)."""
    if city.rank is None:
        return _(
            "non classée : toutes ses cellules mesurées sont « sans objet », aucun chiffre "
            "(cases vides)"
        )
    if capped_below_4(city):
        return _(
            "classée, niveau 4 ou plus vide : aucun de ses services mesurés et applicables ne "
            "peut atteindre le niveau 4 (ce n'est pas 0 %)"
        )
    return _("classée")


def unranked_note() -> str:
    """What the « — » of a commune with no rank means, under a ranking table."""
    return _(
        "— au rang et dans les chiffres : toutes les cellules mesurées de la commune sont "
        "« sans objet » ; elle n'est pas classée."
    )


def domain_status(group: GroupScore, earlier: float | None, before: str | None) -> str:
    """A domain row of the domain table; `before`: the reference campaign, when it has a column."""
    if group.mean_level is None:
        return _("aucun chiffre : aucune cellule mesurée et applicable dans le domaine")
    clauses = []
    if group.share_transactional is None:
        clauses.append(
            _(
                "niveau 4 ou plus vide : aucun service mesuré et applicable du domaine ne peut "
                "atteindre le niveau 4 (ce n'est pas 0 %)"
            )
        )
    if before is not None and earlier is None:
        clauses.append(
            _(
                "%(column)s vide : aucune cellule du domaine mesurée et applicable "
                "dans les deux campagnes"
            )
            % {"column": campaign_mean_header(before)}
        )
    return joined(clauses)


def domain_notes(
    groups: Sequence[GroupScore], earlier: Sequence[float | None], before: str | None
) -> list[str]:
    """The legend lines of the domain table's « — », one a case it holds (the level-4
    one first, as it was alone before)."""
    notes = []
    if any(g.mean_level is not None and g.share_transactional is None for g in groups):
        notes.append(
            _(
                "— dans la colonne « niveau 4 ou plus » : aucun service mesuré et applicable du "
                "domaine ne peut atteindre le niveau 4 ; la part n'a aucune cellule sur laquelle "
                "porter, ce n'est pas 0 %."
            )
        )
    if any(g.mean_level is None for g in groups):
        notes.append(
            _("— sur toute la ligne : aucune cellule mesurée et applicable dans le domaine.")
        )
    if before is not None and any(
        g.mean_level is not None and e is None for g, e in zip(groups, earlier, strict=True)
    ):
        notes.append(
            _(
                "— dans la colonne « %(column)s » : aucune cellule du domaine "
                "mesurée et applicable dans les deux campagnes."
            )
            % {"column": campaign_mean_header(before)}
        )
    return notes


def unmeasured_status(values: Sequence[str]) -> str:
    """A commune row of the communes × services table."""
    if EMPTY in values:
        return _("cases vides : services non mesurés (ce n'est pas 0)")
    return complete()


def change_status(change: DomainChange) -> str:
    """A domain row of the change table."""
    if change.change.mean_before is None or change.change.mean_after is None:
        return _("aucune cellule comparable dans le domaine : ni moyennes, ni évolution, ni test")
    if change.test.p_value is None:
        return _("p et sens du test vides : pas de test (voir « remarque »)")
    return complete()


def change_notes(changes: Sequence[DomainChange]) -> list[str]:
    notes = []
    if any(c.change.mean_before is None or c.change.mean_after is None for c in changes):
        notes.append(
            _("— sur toute la ligne : aucune cellule comparable dans le domaine, rien à comparer.")
        )
    if any(c.test.p_value is None for c in changes):
        notes.append(
            _(
                "— dans les colonnes « p (Wilcoxon) » et « sens du test » : pas de test ; la "
                "colonne « remarque » dit pourquoi."
            )
        )
    return notes


def city_change_status(city: CityChange) -> str:
    """A commune row of the change by commune table."""
    if city.mean_before is None or city.mean_after is None:
        return _("aucune cellule comparable : ni moyennes, ni évolution")
    return complete()


def city_change_note() -> str:
    return _(
        "— : aucune cellule de la commune mesurée et applicable dans les deux campagnes, rien "
        "à comparer."
    )
