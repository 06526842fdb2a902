"""Scores of a maturity survey, with the anonymity rule applied once, here, for every output.

Pure: responses in, frozen dataclasses out; no ORM, no clock. An answer is 0..4 or None
("je ne sais pas", not scored). A scored answer v counts v * 25 points, so 0 -> 0 and 4 -> 100.
An axis score is the mean of the scored answers of its statements; the overall score is the mean
of the six axis scores (None unless all six are known).

Anonymity: no figure describes fewer than MIN_GROUP respondents, even by difference. Within a
collectivité the published role subgroups are chosen so that what is left once they are
subtracted from the total is empty or has at least MIN_GROUP respondents (`publishable`); the
same rule runs per axis on the respondents who gave a scored answer. Peer and all-respondent
figures add up only what each collectivité already publishes, so subtracting them reveals nothing.

Each published score of a whole collectivité, a role, the peers, all respondents and a statement
has its 95 % interval (`intervals`), from the rows of the respondents behind it: a role's are its
respondents', without the axes it does not publish; a pooled group's are those of the
collectivités it adds up, each without the axes it does not publish.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from barometre.survey.intervals import (
    Estimate,
    Interval,
    Sample,
    axis_estimates,
    concatenated,
    empty_sample,
    mean_estimate,
    overall_estimate,
    sample_of,
    without_axes,
)

MIN_GROUP = 5
POINTS_PER_STEP = 25.0


@dataclass(frozen=True, slots=True)
class Layout:
    """The shape of a questionnaire as scoring needs it: axes with their statement ids, roles."""

    axes: tuple[tuple[str, tuple[str, ...]], ...]
    roles: tuple[str, ...]

    @property
    def axis_ids(self) -> tuple[str, ...]:
        return tuple(axis for axis, _ in self.axes)


@dataclass(frozen=True, slots=True)
class Response:
    unit: str  # the collectivité (INSEE code or SIREN)
    role: str
    answers: Mapping[str, int | None]  # statement id -> 0..4, None or absent: not scored


@dataclass(frozen=True, slots=True)
class Figure:
    """One score and what it rests on; all None when it is not published."""

    score: float | None = None  # 0..100
    answers: int | None = None  # scored answers behind the score
    respondents: int | None = None  # respondents who gave at least one of them
    # the score's variance, whence its 95 % interval (`intervals`): every published group
    estimate: Estimate | None = None

    @property
    def interval(self) -> Interval | None:
        return None if self.estimate is None else self.estimate.interval


NOT_PUBLISHED = Figure()


@dataclass(frozen=True, slots=True)
class Group:
    """Scores of a group of respondents; `respondents` is None when the group is not shown."""

    respondents: int | None
    axes: dict[str, Figure]
    overall: float | None
    overall_estimate: Estimate | None = None

    @property
    def overall_interval(self) -> Interval | None:
        return None if self.overall_estimate is None else self.overall_estimate.interval

    @property
    def published(self) -> bool:
        return self.respondents is not None


@dataclass(frozen=True, slots=True)
class UnitScores:
    unit: str
    bracket: str
    total: Group
    roles: dict[str, Group]
    statements: dict[str, Figure]  # whole collectivité; an axis is detailed fully or not at all
    # the rows of the respondents behind `total`, its unpublished axes emptied (`intervals`):
    # what a pooled group's intervals are computed from; empty when `total` is not published
    sample: Sample = field(default_factory=lambda: empty_sample(0), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SurveyScores:
    units: dict[str, UnitScores]
    peers: dict[str, Group]  # bracket id -> published collectivités of that bracket
    everyone: Group  # every published collectivité
    pool: tuple[str, ...] = ()  # the units gathered in peers and everyone


@dataclass(slots=True)
class _Tally:
    """Raw sums of a group, before the anonymity rule."""

    respondents: int = 0
    points: dict[str, float] = field(default_factory=dict)  # axis -> sum of points
    answers: dict[str, int] = field(default_factory=dict)  # axis -> scored answers
    answering: dict[str, int] = field(default_factory=dict)  # axis -> respondents answering
    statement_points: dict[str, float] = field(default_factory=dict)
    statement_answers: dict[str, int] = field(default_factory=dict)
    statement_squares: dict[str, float] = field(default_factory=dict)  # sum of points²
    rows: list[list[float]] = field(default_factory=list)  # per respondent, see `intervals`

    def add(self, response: Response, layout: Layout) -> None:
        self.respondents += 1
        points: list[float] = []
        answers: list[float] = []
        for axis, statements in layout.axes:
            scored = [
                v for s in statements if (v := response.answers.get(s)) is not None and v >= 0
            ]
            for statement in statements:
                value = response.answers.get(statement)
                if value is not None:
                    self._add_statement(statement, value * POINTS_PER_STEP)
            points.append(sum(scored) * POINTS_PER_STEP)
            answers.append(float(len(scored)))
            if scored:
                self.points[axis] = self.points.get(axis, 0.0) + sum(scored) * POINTS_PER_STEP
                self.answers[axis] = self.answers.get(axis, 0) + len(scored)
                self.answering[axis] = self.answering.get(axis, 0) + 1
        self.rows.append(points + answers)

    def _add_statement(self, statement: str, points: float) -> None:
        self.statement_points[statement] = self.statement_points.get(statement, 0.0) + points
        self.statement_squares[statement] = self.statement_squares.get(statement, 0.0) + points**2
        self.statement_answers[statement] = self.statement_answers.get(statement, 0) + 1

    def figure(self, axis: str) -> Figure:
        answers = self.answers.get(axis, 0)
        if answers == 0:
            return Figure(None, 0, 0)
        return Figure(self.points[axis] / answers, answers, self.answering[axis])


def publishable(counts: Mapping[str, int], *, allowed: Iterable[str] | None = None) -> set[str]:
    """The subgroups that may be shown beside their total (the sum of `counts`).

    Each shown subgroup has at least MIN_GROUP members, and so has the rest of the total once
    they are all subtracted (or the rest is empty): the smallest candidates are withdrawn until
    that holds. Nothing is shown when the total itself is under MIN_GROUP.
    """
    total = sum(counts.values())
    if total < MIN_GROUP:
        return set()
    pool = set(counts) if allowed is None else set(allowed) & set(counts)
    shown = sorted((k for k in pool if counts[k] >= MIN_GROUP), key=lambda k: (counts[k], k))
    while shown and 0 < total - sum(counts[k] for k in shown) < MIN_GROUP:
        shown.pop(0)
    return set(shown)


def overall_of(axes: Mapping[str, Figure]) -> float | None:
    """Mean of the axis scores, when every axis has one."""
    scores = [f.score for f in axes.values()]
    if not scores or any(s is None for s in scores):
        return None
    return sum(s for s in scores if s is not None) / len(scores)


def survey_scores(
    *,
    layout: Layout,
    responses: Iterable[Response],
    brackets: Mapping[str, str],
    pooled: Collection[str] | None = None,
) -> SurveyScores:
    """Score every collectivité, each bracket of peers and all respondents together.

    Peers and all respondents gather the units in `pooled` (every unit when None): a unit
    scored for an internal provisional report is not published, so it is kept out of them.
    """
    tallies: dict[str, dict[str, _Tally]] = {}
    for response in responses:
        by_role = tallies.setdefault(response.unit, {})
        by_role.setdefault(response.role, _Tally()).add(response, layout)
    units = {
        unit: _unit_scores(unit, brackets.get(unit, ""), by_role, layout)
        for unit, by_role in sorted(tallies.items())
    }
    pool = [u for u in units.values() if pooled is None or u.unit in pooled]
    peers = {
        bracket: _aggregate([u for u in pool if u.bracket == bracket], layout)
        for bracket in sorted({u.bracket for u in pool})
    }
    return SurveyScores(
        units=units,
        peers=peers,
        everyone=_aggregate(pool, layout),
        pool=tuple(u.unit for u in pool),
    )


def peers_without(
    scores: SurveyScores, *, bracket: str, excluded: Collection[str], layout: Layout
) -> Group:
    """The peers of a bracket without the `excluded` units (a collectivité is not its own peer).

    Like every pool, it adds up only published whole-collectivité figures: two such groups
    differ by published figures only.
    """
    return _aggregate(peer_units(scores, bracket=bracket, excluded=excluded), layout)


def peer_units(
    scores: SurveyScores, *, bracket: str, excluded: Collection[str]
) -> list[UnitScores]:
    """The collectivités whose figures `peers_without` adds up: those of the pool in the bracket
    that publish (MIN_GROUP respondents or more), but the `excluded` ones. None: no other
    collectivité to compare with, which a report says as such rather than "not enough answers"
    (one with 1 to 4 respondents counts as one with none, as in every pool)."""
    return [
        unit
        for key in scores.pool
        if key not in excluded
        and (unit := scores.units[key]).bracket == bracket
        and unit.total.published
    ]


def _merge(tallies: Iterable[_Tally], layout: Layout) -> _Tally:
    merged = _Tally()
    for tally in tallies:
        merged.respondents += tally.respondents
        merged.rows += tally.rows
        for axis in layout.axis_ids:
            merged.points[axis] = merged.points.get(axis, 0.0) + tally.points.get(axis, 0.0)
            merged.answers[axis] = merged.answers.get(axis, 0) + tally.answers.get(axis, 0)
            merged.answering[axis] = merged.answering.get(axis, 0) + tally.answering.get(axis, 0)
        for statement, points in tally.statement_points.items():
            merged.statement_points[statement] = (
                merged.statement_points.get(statement, 0.0) + points
            )
            merged.statement_answers[statement] = (
                merged.statement_answers.get(statement, 0) + tally.statement_answers[statement]
            )
            merged.statement_squares[statement] = (
                merged.statement_squares.get(statement, 0.0) + tally.statement_squares[statement]
            )
    return merged


def unit_scores_unanswered(unit: str, bracket: str, layout: Layout) -> UnitScores:
    """The scores of a surveyed collectivité from which no answer came: those of any group
    under MIN_GROUP, every figure hidden. Shown as such, not as "no answer", so that a report
    never tells a collectivité with 1 to 4 respondents from one with none."""
    return _unit_scores(unit, bracket, {}, layout)


def _unit_scores(
    unit: str, bracket: str, by_role: Mapping[str, _Tally], layout: Layout
) -> UnitScores:
    total = _merge(by_role.values(), layout)
    shown_roles = publishable({r: t.respondents for r, t in by_role.items()})
    total_axes: dict[str, Figure] = {}
    role_axes: dict[str, dict[str, Figure]] = {r: {} for r in shown_roles}
    for axis in layout.axis_ids:
        figure = total.figure(axis)
        if total.respondents < MIN_GROUP or (figure.respondents or 0) < MIN_GROUP:
            total_axes[axis] = NOT_PUBLISHED
            for role in shown_roles:
                role_axes[role][axis] = NOT_PUBLISHED
            continue
        total_axes[axis] = figure
        answering = {r: t.answering.get(axis, 0) for r, t in by_role.items()}
        shown_here = publishable(answering, allowed=shown_roles)
        for role in shown_roles:
            role_axes[role][axis] = (
                by_role[role].figure(axis) if role in shown_here else NOT_PUBLISHED
            )
    hidden = Group(None, {a: NOT_PUBLISHED for a in layout.axis_ids}, None)
    roles = {
        role: _role_group(by_role[role], role_axes[role], layout) if role in shown_roles else hidden
        for role in layout.roles
    }
    published = total.respondents >= MIN_GROUP
    sample = _published_sample(total, total_axes, layout) if published else None
    return UnitScores(
        unit=unit,
        bracket=bracket,
        total=hidden if sample is None else _with_intervals(total.respondents, total_axes, sample),
        roles=roles,
        statements=_statement_details(total, total_axes, layout),
        sample=empty_sample(len(layout.axes)) if sample is None else sample,
    )


def _published_sample(total: _Tally, axes: Mapping[str, Figure], layout: Layout) -> Sample:
    """The rows of a collectivité's (or a role's) respondents, the axes it does not publish
    emptied."""
    hidden = [i for i, axis in enumerate(layout.axis_ids) if axes[axis].score is None]
    return without_axes(sample_of(total.rows, len(layout.axes)), hidden)


def _role_group(tally: _Tally, axes: Mapping[str, Figure], layout: Layout) -> Group:
    """A published role, its scores with their 95 % intervals, from its respondents' rows
    without the axes it does not publish (as a collectivité's: `_published_sample`)."""
    return _with_intervals(tally.respondents, axes, _published_sample(tally, axes, layout))


def _with_intervals(respondents: int, axes: Mapping[str, Figure], sample: Sample) -> Group:
    """A published group whose scores carry their 95 % intervals, computed from `sample` (its
    respondents' rows, its axes in the same order)."""
    found = axis_estimates(sample)
    shown = {
        axis: figure if figure.score is None else replace(figure, estimate=estimate)
        for (axis, figure), estimate in zip(axes.items(), found, strict=True)
    }
    overall = overall_of(shown)
    estimate = None if overall is None else overall_estimate(sample)
    return Group(respondents, shown, overall, estimate)


def _statement_details(
    total: _Tally, axes: Mapping[str, Figure], layout: Layout
) -> dict[str, Figure]:
    """Per-statement scores of the axes shown, only where every statement has enough answers,
    each with its 95 % interval (`intervals.mean_estimate`: one answer a respondent)."""
    details: dict[str, Figure] = {}
    for axis, statements in layout.axes:
        counts = [total.statement_answers.get(s, 0) for s in statements]
        if axes[axis].score is None or min(counts) < MIN_GROUP:
            continue
        for statement, count in zip(statements, counts, strict=True):
            points = total.statement_points[statement]
            estimate = mean_estimate(count, points, total.statement_squares[statement])
            details[statement] = Figure(points / count, count, count, estimate)
    return details


def _aggregate(units: Sequence[UnitScores], layout: Layout) -> Group:
    """Add up what the given collectivités publish (their whole-collectivité figures)."""
    shown = [u.total for u in units if u.total.published]
    axes: dict[str, Figure] = {}
    for axis in layout.axis_ids:
        figures = [g.axes[axis] for g in shown if g.axes[axis].score is not None]
        answers = sum(f.answers or 0 for f in figures)
        if not figures or answers == 0:
            axes[axis] = NOT_PUBLISHED
            continue
        points = sum((f.score or 0.0) * (f.answers or 0) for f in figures)
        axes[axis] = Figure(points / answers, answers, sum(f.respondents or 0 for f in figures))
    if not shown:
        return Group(None, {a: NOT_PUBLISHED for a in layout.axis_ids}, None)
    sample = concatenated([u.sample for u in units if u.total.published], len(layout.axes))
    return _with_intervals(sum(g.respondents or 0 for g in shown), axes, sample)
