"""The report's weakest axes always come with the statements that pull them down and their next
steps (MATURITY.md), even when no statement is below its axis's score."""

from __future__ import annotations

import json

from django.utils.html import escape

from barometre.core.typography import held_marks
from barometre.survey.insights import level_statements, pulling_statements
from barometre.survey.models import SurveyCampaign
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.reports.rounding import whole
from barometre.survey.services import survey_campaign_close
from tests.survey.conftest import TODAY, add_answers, add_response


def test_the_lowest_below_the_axis_score_are_kept_ties_included() -> None:
    details = {"a": 10.0, "b": 20.0, "c": 30.0, "d": 30.0, "e": 90.0, "f": None}
    assert pulling_statements(details, 40.0) == (
        ("a", 10.0),
        ("b", 20.0),
        ("c", 30.0),
        ("d", 30.0),  # tied with the third: kept too
    )
    assert pulling_statements({"a": 10.0, "b": 60.0}, 35.0) == (("a", 10.0),)


def test_with_none_below_the_axis_score_every_tied_statement_is_at_its_level() -> None:
    # the axis score is the mean of the same answers summed another way: a float apart
    details = {"x": 75.0, "y": 75.0, "z": 75.0, "w": 75.0}
    assert pulling_statements(details, 75.00000000000001) == ()  # none pulls it down
    assert level_statements(details, 75.00000000000001) == tuple(
        (s, 75.0) for s in ("w", "x", "y", "z")
    )
    assert pulling_statements({"x": None}, 75.0) == ()


def test_a_statement_printed_at_the_axis_score_does_not_pull_it_down() -> None:
    """Lyon's demonstration: an axis at 26.4 and a statement at 26.0, both printed 26, read
    as a statement pulling the axis down."""
    details = {"a": 26.0, "b": 27.0, "c": 25.0}
    assert pulling_statements({"a": 26.0, "b": 27.0}, 26.4, printed=whole) == ()
    assert level_statements({"a": 26.0, "b": 27.0}, 26.4, printed=whole) == (("a", 26.0),)
    assert pulling_statements(details, 26.4, printed=whole) == (("c", 25.0),)


def test_a_report_whose_statements_all_equal_their_axis_still_gives_next_steps(campaign) -> None:
    """Every answer 3: each statement at its axis's score. The report showed no statement and
    no next step (« aucune sous la moyenne de l'axe »)."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    spec = default_questionnaire()
    [unit] = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    assert len(unit["weakest_axes"]) == 6  # the six axes ex aequo
    for weak in unit["weakest_axes"]:
        ids = [s["id"] for s in weak["statements"]]
        assert ids == sorted(s.id for s in spec.axis(weak["axis"]).statements)  # all tied
        assert all(s["next_step"] and s["score"] == weak["score"] for s in weak["statements"])
    html = html_render(report)
    assert "sous la moyenne" not in html
    first = spec.axis(unit["weakest_axes"][0]["axis"]).statements[0]
    assert escape(held_marks(first.next_step)) in html  # its marks on their words' line


def test_a_tie_among_the_weakest_axes_is_shown_as_a_tie(campaign) -> None:
    """Every answer 3: the six axes are ex aequo. The report showed two of them, chosen by
    their ids, as « les deux axes les plus faibles »."""
    add_answers(campaign, "90001", 6, 3)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    spec = default_questionnaire()
    [unit] = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    weak = unit["weakest_axes"]
    assert [w["axis"] for w in weak] == [a.id for a in spec.axes]
    assert {(w["rank"], w["ex_aequo"]) for w in weak} == {(1, True)}
    html = html_render(report)
    section = html.split('id="c-90001"')[1]
    assert "Les axes les plus faibles, ex aequo compris, et les prochaines étapes" in section
    assert "Les deux axes les plus faibles" not in section
    for axis in spec.axes:
        interval = '<span class="nowrap">sans dispersion</span>'  # all answered 75: no margin
        assert f"<h4>{escape(axis.label)} (75 {interval}, ex aequo)</h4>" in section


def test_a_statement_printed_at_its_weak_axis_score_is_not_said_to_pull_it_down(
    campaign,
) -> None:
    """63 agents answer 3 everywhere but one, who answers 2 to the first statement of
    « Gouvernance »: that statement scores 74.6 and the axis about 74.9, both printed 75. The
    report listed the statement among « les affirmations les moins bien notées » with « l'étape
    qui le ferait monter », as pulling the axis down, beside the same score as the axis's."""
    spec = default_questionnaire()
    axis = spec.axes[0]
    first = axis.statements[0].id
    add_answers(campaign, "90001", 62, 3)
    add_response(campaign, "90001", {**dict.fromkeys(spec.statement_ids, 3), first: 2})
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    [unit] = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    weak = unit["weakest_axes"][0]
    assert (weak["axis"], weak["rank"], whole(weak["score"])) == (axis.id, 1, 75)
    assert weak["statements"][0] == {**weak["statements"][0], "id": first, "score": 74.6}
    assert weak["below_axis_score"] is False  # 75 and 75 as printed: none below
    section = html_render(report).split('id="c-90001"')[1].split('id="c-90002"')[0]
    weakest = section.split(f"<h4>{escape(axis.label)} (75")[1].split("<h4>")[0]
    assert "Aucune affirmation n'est sous le score de l'axe." in weakest
    assert "Les affirmations les moins bien notées" not in weakest
