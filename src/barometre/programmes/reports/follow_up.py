"""Did the communes whose elected list promised a theme move more than the others?

For one election, each commune whose elected list's programme was read, and whose services were
measured both before the election's first round and after it (the latest campaign on each side,
`promises.latest_measures`), gives one change per theme that relates to measured services: the
mean level after minus the mean level before, over the services of the theme's scope that are
measured (and applicable) on both sides, so that a catalogue that grew between the two
campaigns changes nothing. The communes are split by whether their elected list promised the
theme (in either round); the report gives each group's mean change, the difference, and a
two-sided Mann-Whitney U test over the communes' changes when each group has at least
`MIN_GROUP` communes.

An association, not a cause: a list promises what it already plans, and the communes that
elect such lists may differ in size, means and starting point.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from barometre.core.plural import counted
from barometre.outputs.labels import number, signed
from barometre.programmes.models import Programme
from barometre.programmes.reports.model import FollowUp
from barometre.programmes.reports.promises import Measured, latest_measures, theme_scopes

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


def _statement(label: str, row: FollowUp) -> str:
    def side(change: float | None, n: int) -> str:
        if change is None:
            return "aucune commune"
        return f"{signed(change)} ({counted(n, 'commune', 'communes')})"

    text = (
        f"{label} : évolution moyenne du niveau {side(row.promised_change, row.promised_communes)}"
        f" là où la liste élue l'avait promis, {side(row.other_change, row.other_communes)} "
        "ailleurs"
    )
    if row.difference is not None:
        text += f" ; écart {signed(row.difference)}"
    if row.p_value is None:
        return text + f" (moins de {MIN_GROUP} communes d'un côté : pas de test)"
    shown = "< 0,001" if row.p_value < 0.001 else f"= {number(row.p_value, 3)}"
    return text + f" (Mann-Whitney, p {shown})"


def follow_up(programmes: list[Programme], labels: dict[str, str]) -> list[FollowUp]:
    """The follow-up of `programmes` (one election's, any lists): one row per theme that relates
    to measured services, in the themes' order of `labels`."""
    promised: dict[str, set[str]] = defaultdict(set)  # commune -> themes its elected list promised
    for programme in programmes:
        if programme.won and programme.status == Programme.Status.OK:
            promised[programme.commune_id].update(programme.themes)
    elections = {p.election for p in programmes}
    if not promised or len(elections) != 1:
        return []
    election = elections.pop()
    communes = sorted(promised)
    before = latest_measures(election, communes, before=True)
    after = latest_measures(election, communes)
    scopes = theme_scopes()
    themes = [t for t in labels if t in scopes]
    changes: dict[str, dict[str, float]] = {
        code: commune_changes(before[code], after[code], themes)
        for code in communes
        if code in before and code in after
    }
    rows = []
    for theme in themes:
        yes = [c[theme] for code, c in changes.items() if theme in c and theme in promised[code]]
        no = [c[theme] for code, c in changes.items() if theme in c and theme not in promised[code]]
        if not yes and not no:
            continue
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
        rows.append(replace(row, statement=_statement(labels[theme], row)))
    return rows


def _p_text(p_value: float | None) -> str:
    if p_value is None:
        return f"pas de test (moins de {MIN_GROUP} communes d'un côté)"
    return "< 0,001" if p_value < 0.001 else number(p_value, 3)


def follow_up_view(rows: tuple[FollowUp, ...] | list[FollowUp]) -> list[dict[str, str]]:
    """The rows as a table prints them (French): "+2,00 (6 communes)", "—" for an empty side."""

    def side(change: float | None, n: int) -> str:
        if change is None:
            return "—"
        return f"{signed(change)} ({counted(n, 'commune', 'communes')})"

    return [
        {
            "label": row.theme_label,
            "scope": row.scope,
            "promised": side(row.promised_change, row.promised_communes),
            "other": side(row.other_change, row.other_communes),
            "difference": signed(row.difference),
            "p": _p_text(row.p_value) if row.difference is not None else "—",
        }
        for row in rows
    ]
