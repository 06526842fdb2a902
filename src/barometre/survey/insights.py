"""What a report reads from published scores: weakest axes, gaps between roles, evolution.

Pure and built only on figures that scoring.py already published, so the anonymity rule holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from barometre.survey.scoring import Group, Layout, UnitScores

WEAKEST_AXES = 2
PULLING_STATEMENTS = 3
TIE = 1e-9  # on the 0-100 scale: two scores closer than this are equal (float sums differ)


@dataclass(frozen=True, slots=True)
class WeakAxis:
    axis: str
    score: float
    # the statements that pull it down (`pulling_statements`), lowest first, with their scores
    statements: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class RoleGap:
    axis: str
    highest: tuple[str, float]  # role, score
    lowest: tuple[str, float]

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


def weakest_axes(unit: UnitScores, layout: Layout, *, count: int = WEAKEST_AXES) -> list[WeakAxis]:
    """The `count` lowest published axes, each with the statements that pull it down."""
    scored = [
        (figure.score, axis) for axis, figure in unit.total.axes.items() if figure.score is not None
    ]
    weakest = []
    for score, axis in sorted(scored)[:count]:
        details = {
            s: unit.statements[s].score for s in dict(layout.axes)[axis] if s in unit.statements
        }
        weakest.append(WeakAxis(axis, score, pulling_statements(details, score)))
    return weakest


def pulling_statements(
    details: dict[str, float | None], score: float, *, count: int = PULLING_STATEMENTS
) -> tuple[tuple[str, float], ...]:
    """The statements that pull an axis of this score down, each with its score, lowest first:
    the `count` lowest below the score, or, when none is below it (every statement at the axis
    score), the lowest ones all the same, so that a weak axis always has its next steps. A
    statement tied with the last one kept is kept too: which of two equal scores pulls the axis
    down is not for the order of the questionnaire to decide."""
    scored = sorted((v, s) for s, v in details.items() if v is not None)
    below = [(v, s) for v, s in scored if v < score - TIE] or scored
    kept = below[:count]
    if kept:
        last = kept[-1][0]
        kept += [(v, s) for v, s in below[count:] if v <= last + TIE]
    return tuple((s, v) for v, s in kept)


def role_gaps(unit: UnitScores, layout: Layout) -> list[RoleGap]:
    """Per axis, the published roles with the highest and the lowest score (two roles at least)."""
    gaps = []
    for axis in layout.axis_ids:
        scores = sorted(
            (figure.score, role)
            for role, group in unit.roles.items()
            if (figure := group.axes[axis]).score is not None
        )
        if len(scores) >= 2:
            gaps.append(RoleGap(axis, (scores[-1][1], scores[-1][0]), (scores[0][1], scores[0][0])))
    return gaps


def evolution(before: Group, after: Group) -> Evolution:
    """Change of each axis and of the overall score between two campaigns."""
    axes: dict[str, float | None] = {}
    pairs: dict[str, tuple[float, float]] = {}
    for axis, figure in after.axes.items():
        earlier = before.axes.get(axis)
        if figure.score is not None and earlier is not None and earlier.score is not None:
            pairs[axis] = (earlier.score, figure.score)
            axes[axis] = figure.score - earlier.score
        else:
            axes[axis] = None
    overall_pair = (
        (before.overall, after.overall)
        if after.overall is not None and before.overall is not None
        else None
    )
    overall = overall_pair[1] - overall_pair[0] if overall_pair else None
    return Evolution(axes, overall, pairs, overall_pair)
