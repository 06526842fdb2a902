"""What a report reads from published scores: weakest axes, gaps between roles, evolution.

Pure and built only on figures that scoring.py already published, so the anonymity rule holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from barometre.survey.intervals import Estimate, Interval, difference_interval, holm
from barometre.survey.scoring import Group, Layout, UnitScores

WEAKEST_AXES = 2
PULLING_STATEMENTS = 3
TIE = 1e-9  # on the 0-100 scale: two scores closer than this are equal (float sums differ)

Printed = Callable[[float], float]  # a score as a report prints it (`rounding.whole`)


def _as_is(score: float) -> float:
    return score


@dataclass(frozen=True, slots=True)
class WeakAxis:
    axis: str
    score: float
    # the statements that pull it down (`pulling_statements`), lowest first, with their scores;
    # when none is below the axis's score, its lowest ones, at its level (`below` False)
    statements: tuple[tuple[str, float], ...]
    rank: int = 1  # 1 for the lowest published axis; equal scores share their rank
    tied: bool = False  # another weak axis has the same score: ex aequo
    below: bool = True  # the statements are below the axis's score (as printed)


@dataclass(frozen=True, slots=True)
class RoleGap:
    axis: str
    highest: tuple[str, float]  # role, score
    lowest: tuple[str, float]
    # every role at that score, ex aequo, in the questionnaire's order (the first is `highest`'s)
    highest_roles: tuple[str, ...] = ()
    lowest_roles: tuple[str, ...] = ()
    # 95 % interval of highest - lowest (`gap_interval`); None if a role's score has none; its
    # p-value corrected by Holm's method across the axes' gaps (`holm_corrected`)
    difference: Interval | None = None

    @property
    def points(self) -> float:
        return self.highest[1] - self.lowest[1]


@dataclass(frozen=True, slots=True)
class Evolution:
    axes: dict[str, float | None]  # axis -> after - before, None when either is not published
    overall: float | None
    # the two scores behind each change (before, after), so that a report can print the
    # difference of the scores it prints; absent where the change is None
    pairs: dict[str, tuple[float, float]]
    overall_pair: tuple[float, float] | None
    # 95 % interval of each change (after - before; `change_interval`), where both scores have
    # an estimate, its p-value corrected by Holm's method across the axes (`holm_corrected`)
    intervals: dict[str, Interval] = field(default_factory=dict)
    overall_interval: Interval | None = None
    # the respondents of each campaign (before, after), whom the scores compared rest on
    respondents: tuple[int | None, int | None] = (None, None)


def weakest_axes(
    unit: UnitScores, layout: Layout, *, count: int = WEAKEST_AXES, printed: Printed = _as_is
) -> list[WeakAxis]:
    """The `count` lowest published axes, each with the statements that pull it down, or, when
    none is below the axis's score as `printed`, those at its level (`level_statements`,
    `below` False), so that a weak axis always has next steps but never calls a statement at
    its score one that pulls it down. Scores equal as `printed` share a rank (1, 2, 2:
    competition ranking, as the communes'), and an axis tied with the last one kept is kept too:
    which of two axes a report prints at the same score is the weaker is not for their ids, nor
    for decimals it does not print, to decide. Tied axes come in the questionnaire's order and
    say they are ex aequo."""
    scored = {
        axis: score
        for axis in layout.axis_ids
        if (score := unit.total.axes[axis].score) is not None
    }
    levels = {axis: printed(score) for axis, score in scored.items()}
    ranks = {
        axis: 1 + sum(other < level - TIE for other in levels.values())
        for axis, level in levels.items()
    }
    kept = sorted((a for a in scored if ranks[a] <= count), key=lambda a: ranks[a])
    shared = [ranks[a] for a in kept]
    weakest = []
    for axis in kept:
        details = {
            s: unit.statements[s].score for s in dict(layout.axes)[axis] if s in unit.statements
        }
        statements = pulling_statements(details, scored[axis], printed=printed)
        below = bool(statements)
        statements = statements or level_statements(details, scored[axis], printed=printed)
        tied = shared.count(ranks[axis]) > 1
        weakest.append(WeakAxis(axis, scored[axis], statements, ranks[axis], tied, below))
    return weakest


def pulling_statements(
    details: dict[str, float | None],
    score: float,
    *,
    count: int = PULLING_STATEMENTS,
    printed: Printed = _as_is,
) -> tuple[tuple[str, float], ...]:
    """The statements that pull an axis of this score down, each with its score, lowest first:
    the `count` lowest strictly below the score, both as `printed` (a report that prints 26 for
    the axis and 26 for a statement must not call the statement one that pulls it down); none
    when no statement is below it. A statement tied with the last one kept is kept too: which
    of two equal scores pulls the axis down is not for the order of the questionnaire to
    decide."""
    level = printed(score)
    return lowest_statements(
        {s: v for s, v in details.items() if v is not None and printed(v) < level - TIE},
        count=count,
    )


def level_statements(
    details: dict[str, float | None], score: float, *, printed: Printed = _as_is
) -> tuple[tuple[str, float], ...]:
    """When none is below it, the statements at an axis's score as `printed` (the lowest, since
    the axis's score is a mean of its statements'), at most `PULLING_STATEMENTS` of them, ties
    kept: a weak axis still has next steps, said to be at its level, not pulling it down."""
    level = printed(score)
    return lowest_statements(
        {s: v for s, v in details.items() if v is not None and abs(printed(v) - level) <= TIE}
    )


def lowest_statements(
    details: dict[str, float | None], *, count: int = PULLING_STATEMENTS
) -> tuple[tuple[str, float], ...]:
    """The `count` lowest statements, each with its score, lowest first, a statement tied with
    the last one kept kept too."""
    scored = sorted((v, s) for s, v in details.items() if v is not None)
    kept = scored[:count]
    if kept:
        last = kept[-1][0]
        kept += [(v, s) for v, s in scored[count:] if v <= last + TIE]
    return tuple((s, v) for v, s in kept)


def role_gaps(unit: UnitScores, layout: Layout) -> list[RoleGap]:
    """Per axis, the published roles with the highest and the lowest score (two roles at least).
    Roles tied at either end are all named, in the questionnaire's order: which of two equal
    roles sees the axis highest is not for their ids to decide."""
    gaps = []
    for axis in layout.axis_ids:
        scores = {
            role: figure.score
            for role, group in unit.roles.items()  # in the questionnaire's order
            if (figure := group.axes[axis]).score is not None
        }
        if len(scores) < 2:
            continue
        top, bottom = max(scores.values()), min(scores.values())
        highest = tuple(r for r, v in scores.items() if v >= top - TIE)
        lowest = tuple(r for r, v in scores.items() if v <= bottom + TIE)
        difference = gap_interval(unit, axis, highest, lowest)
        gaps.append(
            RoleGap(axis, (highest[0], top), (lowest[0], bottom), highest, lowest, difference)
        )
    corrected = holm_corrected({g.axis: g.difference for g in gaps})
    return [replace(g, difference=corrected.get(g.axis, g.difference)) for g in gaps]


def holm_corrected(intervals: dict[str, Interval | None]) -> dict[str, Interval]:
    """The intervals of the axes compared at once (the gaps between roles, or the changes since
    the last campaign), each with its p-value corrected by Holm's method across them
    (`intervals.holm`): with six axes tested, one would read « beyond chance » by chance alone
    in about one collectivité in four; corrected, in one in twenty at most. Only the intervals
    that have a p-value (`Interval.estimable`) are counted among the tests."""
    tested = {
        axis: found.p_value
        for axis, found in intervals.items()
        if found is not None and found.p_value is not None
    }
    adjusted = holm(tested)
    return {
        axis: replace(found, holm_p_value=adjusted.get(axis))
        for axis, found in intervals.items()
        if found is not None
    }


def gap_interval(
    unit: UnitScores, axis: str, highest: tuple[str, ...], lowest: tuple[str, ...]
) -> Interval | None:
    """The 95 % interval of the gap between the highest and the lowest roles on an axis (two
    groups of different people: `intervals.difference_interval`). With roles tied at either
    end, the widest of their pairs' intervals, so that a gap said to be more than chance is so
    for every pair of roles it names. None when a role's score has no estimate."""
    estimates = {role: unit.roles[role].axes[axis].estimate for role in (*highest, *lowest)}
    found = [
        difference_interval(high, low)
        for top in highest
        for bottom in lowest
        if (high := estimates[top]) is not None and (low := estimates[bottom]) is not None
    ]
    if not found or len(found) < len(highest) * len(lowest):
        return None
    widest = max(found, key=lambda i: i.high - i.low)
    if not all(i.estimable for i in found):  # a pair with no spread: no verdict for the gap
        return replace(widest, estimable=False, p_value=None)
    return replace(widest, p_value=max(i.p_value or 0.0 for i in found))


def evolution(before: Group, after: Group) -> Evolution:
    """Change of each axis and of the overall score between two campaigns, each with its 95 %
    interval (`change_interval`)."""
    axes: dict[str, float | None] = {}
    pairs: dict[str, tuple[float, float]] = {}
    intervals: dict[str, Interval] = {}
    for axis, figure in after.axes.items():
        earlier = before.axes.get(axis)
        if figure.score is not None and earlier is not None and earlier.score is not None:
            pairs[axis] = (earlier.score, figure.score)
            axes[axis] = figure.score - earlier.score
            if (found := change_interval(earlier.estimate, figure.estimate)) is not None:
                intervals[axis] = found
        else:
            axes[axis] = None
    overall_pair = (
        (before.overall, after.overall)
        if after.overall is not None and before.overall is not None
        else None
    )
    overall = overall_pair[1] - overall_pair[0] if overall_pair else None
    overall_interval = (
        change_interval(before.overall_estimate, after.overall_estimate) if overall_pair else None
    )
    respondents = (before.respondents, after.respondents)
    intervals = holm_corrected(dict(intervals))  # the six axes, not the overall score
    return Evolution(axes, overall, pairs, overall_pair, intervals, overall_interval, respondents)


def change_interval(before: Estimate | None, after: Estimate | None) -> Interval | None:
    """The 95 % interval of after - before, a score's change between two campaigns
    (`intervals.difference_interval`: variances added, Welch–Satterthwaite degrees of
    freedom). The two campaigns' respondents are taken as different people: answers are
    anonymous, so who answered both cannot be paired; if some did, their two answers tend to
    agree and the true interval is narrower, so this one errs on the wide side. None when
    either score has no estimate."""
    if before is None or after is None:
        return None
    return difference_interval(after, before)
