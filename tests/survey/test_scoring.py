"""Survey scoring with hand-computed expectations, "je ne sais pas" and the anonymity rule."""

from __future__ import annotations

import pytest

from barometre.survey.insights import evolution, role_gaps, weakest_axes
from barometre.survey.scoring import Layout, Response, publishable, survey_scores

LAYOUT = Layout(
    axes=(("a", ("a1", "a2")), ("b", ("b1", "b2"))),
    roles=("agent", "encadrant", "elu"),
)


def _r(unit: str, role: str, a1: int | None, a2: int | None, b1: int | None = 2, b2=2):
    return Response(unit, role, {"a1": a1, "a2": a2, "b1": b1, "b2": b2})


def test_axis_score_is_the_mean_of_scored_answers_mapped_to_0_100() -> None:
    # a: answers 4,0,3,1,2 and 4,4,None,None,0 -> 8 scored answers, sum 18 -> 18/8*25 = 56.25
    responses = [
        _r("X", "agent", 4, 4),
        _r("X", "agent", 0, 4),
        _r("X", "agent", 3, None),
        _r("X", "agent", 1, None),
        _r("X", "agent", 2, 0),
    ]
    scores = survey_scores(layout=LAYOUT, responses=responses, brackets={"X": "lt3500"})
    unit = scores.units["X"]
    assert unit.total.respondents == 5
    assert unit.total.axes["a"].score == pytest.approx(56.25)
    assert unit.total.axes["a"].answers == 8
    assert unit.total.axes["b"].score == pytest.approx(50.0)
    assert unit.total.overall == pytest.approx((56.25 + 50.0) / 2)
    # a2 has only 3 scored answers: the axis a is not detailed statement by statement
    assert "a1" not in unit.statements and unit.statements["b1"].score == pytest.approx(50.0)


def test_dont_know_everywhere_on_an_axis_leaves_it_without_score() -> None:
    responses = [_r("X", "agent", None, None) for _ in range(6)]
    unit = survey_scores(layout=LAYOUT, responses=responses, brackets={}).units["X"]
    assert unit.total.axes["a"].score is None
    assert unit.total.overall is None
    assert unit.total.axes["b"].score == pytest.approx(50.0)


def test_extremes_map_to_0_and_100() -> None:
    low = [_r("X", "agent", 0, 0, 0, 0) for _ in range(5)]
    high = [_r("Y", "agent", 4, 4, 4, 4) for _ in range(5)]
    scores = survey_scores(layout=LAYOUT, responses=low + high, brackets={"X": "p", "Y": "p"})
    assert scores.units["X"].total.overall == 0.0
    assert scores.units["Y"].total.overall == 100.0
    assert scores.peers["p"].overall == pytest.approx(50.0)
    assert scores.everyone.respondents == 10


def test_a_group_of_four_is_not_shown() -> None:
    responses = [_r("X", "agent", 4, 4) for _ in range(4)]
    scores = survey_scores(layout=LAYOUT, responses=responses, brackets={"X": "p"})
    assert not scores.units["X"].total.published
    assert scores.units["X"].total.axes["a"].score is None
    assert not scores.everyone.published  # the hidden collectivité adds nothing to its peers


def test_a_role_whose_complement_is_under_five_is_hidden_too() -> None:
    responses = [_r("X", "agent", 4, 4) for _ in range(8)] + [
        _r("X", "encadrant", 0, 0) for _ in range(3)
    ]
    unit = survey_scores(layout=LAYOUT, responses=responses, brackets={}).units["X"]
    assert unit.total.respondents == 11
    assert not unit.roles["agent"].published  # 11 - 8 = 3 would show the managers
    assert not unit.roles["encadrant"].published


def test_published_roles_leave_no_small_remainder() -> None:
    assert publishable({"agent": 5, "encadrant": 5, "elu": 2}) == {"encadrant"}
    assert publishable({"agent": 6, "encadrant": 5}) == {"agent", "encadrant"}
    assert publishable({"agent": 4}) == set()
    assert publishable({"agent": 20, "elu": 1}) == set()


def test_role_gap_weakest_axes_and_evolution() -> None:
    agents = [_r("X", "agent", 1, 1, 3, 3) for _ in range(5)]
    managers = [_r("X", "encadrant", 3, 3, 4, 4) for _ in range(5)]
    scores = survey_scores(layout=LAYOUT, responses=agents + managers, brackets={})
    unit = scores.units["X"]
    gaps = {g.axis: g for g in role_gaps(unit, LAYOUT)}
    assert gaps["a"].highest == ("encadrant", 75.0)
    assert gaps["a"].lowest == ("agent", 25.0)
    assert gaps["a"].points == 50.0
    weak = weakest_axes(unit, LAYOUT)
    assert [w.axis for w in weak] == ["a", "b"]
    # a1 = a2 = 50: none below the axis, both pull it down all the same (their next steps)
    assert weak[0].score == 50.0 and weak[0].statements == (("a1", 50.0), ("a2", 50.0))
    later = survey_scores(layout=LAYOUT, responses=managers * 2, brackets={}).units["X"]
    change = evolution(unit.total, later.total)
    assert change.axes == {"a": 25.0, "b": 12.5}
    assert change.overall == pytest.approx(18.75)


def test_axes_with_equal_scores_share_their_rank_among_the_weakest() -> None:
    """The two weakest axes were the first two by (score, axis id): of two axes tied for the
    second place, the one whose id sorts first was shown and the other left out unsaid."""
    layout = Layout(axes=(("c", ("c1",)), ("b", ("b1",)), ("a", ("a1",))), roles=("agent",))
    answers = {"c1": 1, "b1": 2, "a1": 2}  # c 25, then b and a ex aequo at 50
    responses = [Response("X", "agent", answers) for _ in range(5)]
    unit = survey_scores(layout=layout, responses=responses, brackets={}).units["X"]
    weak = weakest_axes(unit, layout)
    assert [(w.axis, w.score, w.rank, w.tied) for w in weak] == [
        ("c", 25.0, 1, False),
        ("b", 50.0, 2, True),  # the questionnaire's order among the tied, not their ids'
        ("a", 50.0, 2, True),
    ]
    level = [Response("X", "agent", {"c1": 2, "b1": 2, "a1": 3}) for _ in range(5)]
    unit = survey_scores(layout=layout, responses=level, brackets={}).units["X"]
    assert [(w.axis, w.rank, w.tied) for w in weakest_axes(unit, layout)] == [
        ("c", 1, True),
        ("b", 1, True),
    ]


def test_axes_printed_at_the_same_score_share_their_rank() -> None:
    """Ranks were read on the unrounded scores: a report printed « 50 » for two axes and called
    one (50.4) the second weakest and the other (50.0) the weakest, or left one out."""
    from barometre.survey.reports.rounding import whole

    layout = Layout(axes=(("c", ("c1",)), ("b", ("b1",)), ("a", ("a1",))), roles=("agent",))
    responses = [Response("X", "agent", {"c1": 1, "b1": 2, "a1": 2}) for _ in range(123)]
    responses += [Response("X", "agent", {"c1": 1, "b1": 2, "a1": 3}) for _ in range(2)]
    unit = survey_scores(layout=layout, responses=responses, brackets={}).units["X"]
    assert unit.total.axes["a"].score == pytest.approx(50.4)  # 252 / 125 * 25
    weak = weakest_axes(unit, layout, printed=whole)
    assert [(w.axis, whole(w.score), w.rank, w.tied) for w in weak] == [
        ("c", 25, 1, False),
        ("b", 50, 2, True),
        ("a", 50, 2, True),
    ]
    # unrounded, as the JSON gives them, 50.0 and 50.4 are two ranks
    assert [(w.axis, w.rank) for w in weakest_axes(unit, layout)] == [("c", 1), ("b", 2)]


def test_roles_with_equal_scores_are_all_named_at_either_end_of_a_gap() -> None:
    """The highest role was the last by (score, role id): of the agents and the elected tied at
    the top, « elu » was named and the agents left out unsaid."""
    agents = [_r("X", "agent", 3, 3, 2, 2) for _ in range(5)]
    managers = [_r("X", "encadrant", 1, 1, 2, 2) for _ in range(5)]
    elected = [_r("X", "elu", 3, 3, 2, 2) for _ in range(5)]
    unit = survey_scores(layout=LAYOUT, responses=agents + managers + elected, brackets={})
    gaps = {g.axis: g for g in role_gaps(unit.units["X"], LAYOUT)}
    a, b = gaps["a"], gaps["b"]
    assert (a.highest, a.highest_roles) == (("agent", 75.0), ("agent", "elu"))
    assert (a.lowest, a.lowest_roles) == (("encadrant", 25.0), ("encadrant",))
    assert b.highest_roles == b.lowest_roles == ("agent", "encadrant", "elu")  # all at 50
