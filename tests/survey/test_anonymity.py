"""Property: on random campaigns, no output reveals a group of fewer than 5 respondents.

Every published figure is tied to the set of respondents behind it; subtracting published
groups from one another (the atoms of the sets they generate) must never isolate 1 to 4 people.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from barometre.survey.scoring import MIN_GROUP, Layout, Response, SurveyScores, survey_scores

LAYOUT = Layout(axes=(("a", ("a1", "a2")), ("b", ("b1",))), roles=("agent", "encadrant", "elu"))
STATEMENTS = ("a1", "a2", "b1")
UNITS = ("U1", "U2", "U3", "U4")
BRACKETS = {"U1": "small", "U2": "small", "U3": "large", "U4": "large"}

answer = st.one_of(st.none(), st.integers(min_value=0, max_value=4))
response = st.builds(
    lambda unit, role, values: Response(unit, role, dict(zip(STATEMENTS, values, strict=True))),
    st.sampled_from(UNITS),
    st.sampled_from(LAYOUT.roles),
    st.tuples(answer, answer, answer),
)


def _answering(r: Response, axis: str) -> bool:
    return any(r.answers.get(s) is not None for s in dict(LAYOUT.axes)[axis])


def _published_sets(scores: SurveyScores, responses: list[Response]) -> dict[str, list[set[int]]]:
    """For the respondent count and each axis, the sets of respondents behind shown figures."""
    sets: dict[str, list[set[int]]] = defaultdict(list)
    for unit in scores.units.values():
        members = {i for i, r in enumerate(responses) if r.unit == unit.unit}
        groups = [(unit.total, members)] + [
            (g, {i for i in members if responses[i].role == role}) for role, g in unit.roles.items()
        ]
        for group, people in groups:
            if group.published:
                assert group.respondents == len(people)
                sets["respondents"].append(people)
            for axis, figure in group.axes.items():
                if figure.score is not None:
                    behind = {i for i in people if _answering(responses[i], axis)}
                    assert figure.respondents == len(behind)
                    sets[axis].append(behind)
    return sets


def _atoms(groups: list[set[int]]) -> list[set[int]]:
    signature: dict[int, tuple[bool, ...]] = {}
    for person in set().union(*groups) if groups else set():
        signature[person] = tuple(person in g for g in groups)
    atoms: dict[tuple[bool, ...], set[int]] = defaultdict(set)
    for person, sig in signature.items():
        atoms[sig].add(person)
    return list(atoms.values())


@settings(max_examples=300, deadline=None)
@given(st.lists(response, min_size=0, max_size=60))
def test_no_output_reveals_a_group_under_five(responses: list[Response]) -> None:
    scores = survey_scores(layout=LAYOUT, responses=responses, brackets=BRACKETS)
    for variable, groups in _published_sets(scores, responses).items():
        for atom in _atoms(groups):
            assert len(atom) >= MIN_GROUP, (variable, atom)
    for unit in scores.units.values():
        for statement, figure in unit.statements.items():
            assert (figure.answers or 0) >= MIN_GROUP, statement
    # Peer and overall figures add up exactly what the collectivités publish, nothing hidden.
    for bracket, group in [*scores.peers.items(), ("*", scores.everyone)]:
        shown = [
            u.total
            for u in scores.units.values()
            if bracket in ("*", u.bracket) and u.total.published
        ]
        assert (group.respondents or 0) == sum(g.respondents or 0 for g in shown)
        for axis, figure in group.axes.items():
            expected = sum(g.axes[axis].answers or 0 for g in shown)
            assert (figure.answers or 0) == expected
