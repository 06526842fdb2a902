"""The survey report as JSON: per collectivité and per role, respondents, axes and overall."""

from __future__ import annotations

import json
from typing import Any

from barometre.survey.intervals import CONFIDENCE, Interval
from barometre.survey.reports.data import (
    DEMO_LABEL,
    NO_PEER,
    NOT_ENOUGH,
    PROVISIONAL_LABEL,
    SurveyReport,
    UnitReport,
)
from barometre.survey.reports.rounding import beyond_chance, one_decimal, one_decimal_change
from barometre.survey.scoring import MIN_GROUP, Group

# what `axes_interval` and `overall_interval` are (docs/survey.md, « Intervals »)
INTERVAL_NOTE = {
    "confidence": CONFIDENCE,
    "method": "intervalle de Student, erreur type d'un ratio par linéarisation, les répondants "
    "comme unités (pas les réponses)",
}


def _score(value: float | None) -> float | None:
    """A score's published value: one decimal, a half rounded up (56.25 -> 56.3; rounding.py)."""
    return None if value is None else float(one_decimal(value))


def _difference(before: float, after: float) -> float:
    """after - before as the JSON gives them (one decimal), so a gap or change adds up."""
    return float(one_decimal_change(before, after))


def _interval(interval: Interval | None) -> list[float] | None:
    """A 95 % interval as [low, high], each bound one decimal as a score (rounding.py); None
    where it cannot be estimated (a group without spread: no margin, not one of 0)."""
    if interval is None or not interval.estimable:
        return None
    return [float(one_decimal(b)) for b in interval.bounds]


def group_json(group: Group, note: str = NOT_ENOUGH, *, intervals: bool = False) -> dict[str, Any]:
    """A group's figures; with `intervals` (the whole collectivité, its roles, its peers and
    all respondents), each score's 95 % interval too (null where the score is)."""
    out: dict[str, Any] = {
        "respondents": group.respondents,
        "axes": {axis: _score(f.score) for axis, f in group.axes.items()},
        "overall": _score(group.overall),
        "answers": {axis: f.answers for axis, f in group.axes.items()},
    }
    if intervals:
        out["axes_interval"] = {axis: _interval(f.interval) for axis, f in group.axes.items()}
        out["overall_interval"] = _interval(group.overall_interval)
    if not group.published:
        out["note"] = note
    return out


def _unit_json(report: SurveyReport, unit: UnitReport) -> dict[str, Any]:
    scores = unit.scores
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "bracket": unit.bracket,
        **group_json(scores.total, intervals=True),
        "roles": {role: group_json(g, intervals=True) for role, g in scores.roles.items()},
        "statements": {s: _score(f.score) for s, f in scores.statements.items()},
        # the scored answers behind each statement's score (MATURITY.md: every score with them)
        "statement_answers": {s: f.answers for s, f in scores.statements.items()},
        # each statement's 95 % interval (its answers, one a respondent: a t interval)
        "statements_interval": {s: _interval(f.interval) for s, f in scores.statements.items()},
        # no other collectivité of the bracket to compare with is said as such
        "peers": {
            **group_json(
                unit.peers, NO_PEER if unit.peer_count == 0 else NOT_ENOUGH, intervals=True
            ),
            # how many collectivités the peers' figures add up (1: one collectivité's own)
            "collectivites": unit.peer_count or None,
        },
        "weakest_axes": _weakest_json(report, unit),
        "role_gaps": _gaps_json(unit),
        "evolution": _evolution_json(unit),
    }


def _weakest_json(report: SurveyReport, unit: UnitReport) -> list[dict[str, Any]]:
    """The unit's weakest axes, each with its statements and their next steps."""
    return [
        {
            "axis": w.axis,
            "score": _score(w.score),
            "interval": _interval(unit.scores.total.axes[w.axis].interval),
            "rank": w.rank,
            "ex_aequo": w.tied,
            # the statements are below the axis's score as printed (they pull it down); false:
            # none is, and they are its lowest ones, at its level
            "below_axis_score": w.below,
            "statements": [
                {
                    "id": s,
                    "score": _score(v),
                    "interval": _interval(unit.scores.statements[s].interval),
                    "answers": unit.scores.statements[s].answers,
                    "next_step": report.spec.statement(s).next_step,
                }
                for s, v in w.statements
            ],
        }
        for w in unit.weakest
    ]


def _gaps_json(unit: UnitReport) -> list[dict[str, Any]]:
    """Per axis, the roles that score it highest and lowest, and the points between."""
    return [
        {
            "axis": g.axis,
            # `roles`: every role at that score, ex aequo (`role` is the first of them)
            "highest": {
                "role": g.highest[0],
                "roles": list(g.highest_roles),
                "score": _score(g.highest[1]),
            },
            "lowest": {
                "role": g.lowest[0],
                "roles": list(g.lowest_roles),
                "score": _score(g.lowest[1]),
            },
            "points": _difference(g.lowest[1], g.highest[1]),
            # 95 % interval of the gap (two groups of different people, Welch) and whether it
            # excludes 0: the gap is more than the chance of who answered
            "points_interval": _interval(g.difference),
            "beyond_chance": beyond_chance(g.difference),
        }
        for g in unit.gaps
    ]


def _evolution_json(unit: UnitReport) -> dict[str, Any] | None:
    """The change since the unit's previous campaign, per axis and overall, each with its 95 %
    interval (two campaigns' respondents, Welch) and whether it is more than the chance of who
    answered (`beyond_chance`, as the gaps between roles); null where the change is."""
    evolution = unit.evolution
    if evolution is None:
        return None
    changed = [a for a in evolution.axes if a in evolution.pairs]
    return {
        "since": unit.previous,
        # the earlier campaign's respondents, whom its scores rest on (this one's: `respondents`)
        "since_respondents": evolution.respondents[0],
        "since_questionnaire": unit.previous_version,
        "axes": {
            a: _difference(*evolution.pairs[a]) if a in evolution.pairs else None
            for a in evolution.axes
        },
        "overall": _difference(*evolution.overall_pair) if evolution.overall_pair else None,
        "axes_interval": {a: _interval(evolution.intervals.get(a)) for a in evolution.axes},
        "overall_interval": _interval(evolution.overall_interval),
        "axes_beyond_chance": {
            a: beyond_chance(evolution.intervals.get(a)) if a in changed else None
            for a in evolution.axes
        },
        "overall_beyond_chance": beyond_chance(evolution.overall_interval)
        if evolution.overall_pair
        else None,
    }


def json_render(report: SurveyReport) -> str:
    body: dict[str, Any] = {
        "campaign": report.campaign.name,
        "questionnaire": report.spec.version,
        "status": report.campaign.status,
        "is_demo": report.is_demo,
        "generated_on": report.generated_on.isoformat(),
        "min_group": MIN_GROUP,
        "interval": INTERVAL_NOTE,
        "axes": {a.id: a.label for a in report.spec.axes},
        "roles": report.spec.roles,
        "collectivites": [_unit_json(report, u) for u in report.units],
        "all_respondents": group_json(report.everyone, intervals=True),
    }
    if report.provisional:
        body = {"provisional": True, "provisional_notice": PROVISIONAL_LABEL, **body}
    if report.is_demo:
        body = {"notice": DEMO_LABEL, **body}
    return json.dumps(body, ensure_ascii=False, indent=2)
