"""Did the communes whose elected list promised a theme move more than the others?

For one election, each commune whose elected list's programme was read, and whose services were
measured both before the election's first round (or on its day) and after it within the term it
opened (the latest campaign on each side, `promises.latest_measures`), gives one change per
theme that relates to measured services: the mean level after minus the mean level before, over
the services of the theme's scope that are measured (and applicable) on both sides, so that a
catalogue that grew between the two campaigns changes nothing. The communes are split by whether
their elected list promised the theme (in either round); the report gives each group's mean
change, the difference, and a two-sided Mann-Whitney U test over the communes' changes when each
group has at least `MIN_GROUP` communes.

Real programmes are paired with real campaigns only; the demonstration's made-up programmes
(`demo`) with demonstration campaigns only.

An association, not a cause: a list promises what it already plans, and the communes that
elect such lists may differ in size, means and starting point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from django.utils.translation import gettext as _

from barometre.core.plural import agreed, counted, figure
from barometre.core.typography import with_unit
from barometre.outputs.labels import p_equals, p_value, rounded, signed
from barometre.programmes.models import Programme
from barometre.programmes.reports.model import FollowUp, FollowUpBasis
from barometre.programmes.reports.promises import (
    Measured,
    ThemeScope,
    latest_measures,
    theme_scopes,
)
from barometre.programmes.reports.rows import ReportProgramme

MIN_GROUP = 5  # communes in each group before a p-value is given


def _levels(measured: Measured) -> dict[str, int]:
    return {slug: level for slug, _domain, level in measured.cells}


def _domains(measured: Measured) -> dict[str, str]:
    return {slug: domain for slug, domain, _level in measured.cells}


def commune_changes(before: Measured, after: Measured, themes: list[str]) -> dict[str, float]:
    """Per theme, the commune's change over the theme's services measured on both sides."""
    was, now, domains = _levels(before), _levels(after), _domains(after)
    scopes = theme_scopes()
    changes: dict[str, float] = {}
    for theme in themes:
        scope = scopes[theme]
        paired = [s for s in now if s in was and scope.covers(s, domains[s])]
        if paired:
            changes[theme] = sum(now[s] - was[s] for s in paired) / len(paired)
    return changes


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _p_value(promised: list[float], other: list[float]) -> float | None:
    if len(promised) < MIN_GROUP or len(other) < MIN_GROUP:
        return None
    if len(set(promised) | set(other)) == 1:
        return 1.0  # every commune moved alike: nothing tells the groups apart
    from scipy.stats import mannwhitneyu  # imported here: scipy.stats takes ~1 s to import

    return float(mannwhitneyu(promised, other, alternative="two-sided").pvalue)


def shown_difference(row: FollowUp) -> str:
    """The difference as printed: that of the two printed means ("+0,76" and "+0,53" give
    "+0,23", where the unrounded difference 0.235 would print "+0,24" and not add up)."""
    if row.promised_change is None or row.other_change is None:
        return signed(None)
    return signed(float(rounded(row.promised_change, 2) - rounded(row.other_change, 2)))


def _statement(label: str, row: FollowUp) -> str:
    def side(change: float, n: int) -> str:
        return f"{signed(change)} ({counted(n, 'commune', 'communes')})"

    promised, other = row.promised_change, row.other_change
    if promised is None:
        text = (
            f"{label} : aucune commune mesurée où la liste élue l'avait promis ; évolution "
            f"moyenne du niveau {side(other or 0.0, row.other_communes)} ailleurs"
        )
    else:
        text = (
            f"{label} : évolution moyenne du niveau {side(promised, row.promised_communes)} là où "
            "la liste élue l'avait promis, "
            + (
                f"{side(other, row.other_communes)} ailleurs"
                if other is not None
                else "aucune commune mesurée ailleurs"
            )
        )
    if row.difference is not None:
        text += f" ; écart {shown_difference(row)}"
    if row.p_value is None:
        return text + f" (moins de {MIN_GROUP} communes d'un côté : pas de test)"
    return text + f" (Mann-Whitney, {p_equals(row.p_value)})"


def _campaigns(measures: list[Measured]) -> tuple[str, ...]:
    """The campaigns of `measures`, « demo-2026 (2026) », latest first."""
    pairs = {(m.campaign, m.year) for m in measures}
    return tuple(f"{name} ({year})" for name, year in sorted(pairs, key=lambda p: (-p[1], p[0])))


def follow_up_and_basis(
    programmes: Sequence[Programme | ReportProgramme],
    labels: dict[str, str],
    *,
    demo: bool = False,
    campaign: str | None = None,
    campaign_before: str | None = None,
) -> tuple[list[FollowUp], FollowUpBasis | None]:
    """The follow-up of one election's `programmes`: a row per theme that relates to measured
    services (in the order of `labels`), and what the rows rest on: the communes whose elected
    list was read, how many were measured on both sides, with which campaigns (None without
    any). Only real programmes and campaigns count, or with `demo` only demonstration ones."""
    programmes = [p for p in programmes if p.is_demo == demo]
    promised: dict[str, set[str]] = defaultdict(set)  # commune -> themes its elected list promised
    for programme in programmes:
        if programme.won and programme.status == Programme.Status.OK:
            promised[programme.commune_id].update(programme.themes)
    elections = {p.election for p in programmes}
    if not promised or len(elections) != 1:
        return [], None
    election = elections.pop()
    communes = sorted(promised)
    before = latest_measures(election, communes, before=True, demo=demo, campaign=campaign_before)
    after = latest_measures(election, communes, demo=demo, campaign=campaign)
    scopes = theme_scopes()
    themes = [t for t in labels if t in scopes]
    changes: dict[str, dict[str, float]] = {
        code: commune_changes(before[code], after[code], themes)
        for code in communes
        if code in before and code in after
    }
    rows = (_theme_row(theme, labels, scopes, changes, promised) for theme in themes)
    basis = FollowUpBasis(
        elected_read=len(communes),
        measured_both=len(changes),
        campaigns_after=_campaigns([after[code] for code in changes]),
        campaigns_before=_campaigns([before[code] for code in changes]),
    )
    return [row for row in rows if row is not None], basis


def absent_themes(rows: Sequence[FollowUp], labels: dict[str, str]) -> tuple[str, ...]:
    """The themes of `labels` (in its order) without a row: no service of the scale relates to
    them, or none was measured on both sides. The election's page and the HTML report name
    them under the table, so that a reader learns they were not forgotten; none without a
    table."""
    if not rows:
        return ()
    shown = {row.theme for row in rows}
    return tuple(theme for theme in labels if theme not in shown)


def _theme_row(
    theme: str,
    labels: dict[str, str],
    scopes: dict[str, ThemeScope],
    changes: dict[str, dict[str, float]],
    promised: dict[str, set[str]],
) -> FollowUp | None:
    """The mean change of `theme`'s services where the elected list promised it and where it
    did not, and their test; None when no commune has a change for it."""
    yes = [c[theme] for code, c in changes.items() if theme in c and theme in promised[code]]
    no = [c[theme] for code, c in changes.items() if theme in c and theme not in promised[code]]
    if not yes and not no:
        return None
    mean_yes, mean_no = _mean(yes), _mean(no)
    row = FollowUp(
        theme=theme,
        theme_label=labels[theme],
        scope=scopes[theme].scope,
        promised_communes=len(yes),
        promised_change=mean_yes,
        other_communes=len(no),
        other_change=mean_no,
        difference=mean_yes - mean_no if mean_yes is not None and mean_no is not None else None,
        p_value=_p_value(yes, no),
        statement="",
    )
    return replace(row, statement=_statement(labels[theme], row))


def follow_up_basis_text(basis: FollowUpBasis | None) -> str:
    """What the follow-up table counts, in French (« Sur 3 communes dont le programme de la
    liste élue a été lu, 2 mesurées avant et après l'élection… »), "" without a basis."""
    if basis is None:
        return ""
    text = str(
        _(
            "Sur %(read)s dont le programme de la liste élue a été lu, %(both)s avant et après "
            "l'élection, les seules comptées ci-dessous"
        )
    ) % {
        "read": counted(basis.elected_read, "commune", "communes"),
        "both": counted(basis.measured_both, "mesurée", "mesurées"),
    }
    if not basis.measured_both:
        return text + "."
    return (
        text
        + " "
        + str(_("(avant : %(before)s ; après : %(after)s)."))
        % {
            "before": _named(basis.campaigns_before),
            "after": _named(basis.campaigns_after),
        }
    )


def follow_up_missing_text(basis: FollowUpBasis | None) -> str:
    """Why the election has no "what changed" table, in French, where the section would be:
    it vanished without a word, and a reader took it for forgotten. No basis: no elected list
    was read (a report limited to one commune has no table by design, and does not ask)."""
    if basis is None or not basis.elected_read:
        return str(
            _(
                "Aucune commune dont le programme de la liste élue a été lu (liste marquée élue "
                "à l'import) : rien à mettre en regard des niveaux mesurés."
            )
        )
    if not basis.measured_both:
        return str(
            _(
                "Sur %(read)s dont le programme de la liste élue a été lu, aucune n'a été "
                "mesurée à la fois avant et après l'élection : rien à mettre en regard."
            )
        ) % {"read": counted(basis.elected_read, "commune", "communes")}
    return follow_up_basis_text(basis)


def _named(campaigns: tuple[str, ...]) -> str:
    """« campagne demo-2014 (2014) », « campagnes a (2024), b (2023) »."""
    return f"{agreed(len(campaigns), 'campagne', 'campagnes')} {', '.join(campaigns)}"


def _p_text(value: float | None) -> str:
    if value is None:
        return str(_("pas de test (moins de %(n)s communes d'un côté)")) % {"n": MIN_GROUP}
    return p_value(value)


def follow_up_view(rows: tuple[FollowUp, ...] | list[FollowUp]) -> list[dict[str, str]]:
    """The rows as a table prints them (French): "+2,00 (6 communes)", "—" for an empty side.
    The count is held to its noun (a no-break space): a narrow column read « +0,61 (3 » over
    « communes) »."""

    def side(change: float | None, n: int) -> str:
        if change is None:
            return "—"
        return f"{signed(change)} ({with_unit(figure(n), agreed(n, 'commune', 'communes'))})"

    return [
        {
            "label": row.theme_label,
            "scope": row.scope,
            "promised": side(row.promised_change, row.promised_communes),
            "other": side(row.other_change, row.other_communes),
            "difference": shown_difference(row),
            "p": _p_text(row.p_value) if row.difference is not None else "—",
        }
        for row in rows
    ]
