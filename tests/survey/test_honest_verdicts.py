"""What the report says of a difference (a gap between roles, a change since the last campaign)
against chance. Two defects: a difference between groups whose respondents all answered alike
has an interval of no width, « [25 ; 25] », and read « trop grand pour n'être dû qu'au hasard »,
a claim the data cannot support (no answer varied, so no margin was measured); and the six axes
were each read at 95 % with no correction, so that one in four collectivités would show a gap
« beyond chance » by chance alone. The verdicts now say « marge impossible à estimer » for the
first, and apply Holm's correction across the axes for the second."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client
from scipy import stats

from barometre.survey.insights import change_interval, role_gaps
from barometre.survey.intervals import Estimate, difference_interval, holm
from barometre.survey.models import SurveyCampaign
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.reports.csv_report import csv_render
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.reports.pdf_report import pdf_html
from barometre.survey.reports.rounding import beyond_chance, chance_reading
from barometre.survey.scoring import Layout, Response, survey_scores
from barometre.survey.services import survey_campaign_close
from tests.survey.conftest import TODAY, add_answers, add_response

AGENTS = (1, 2, 2, 2, 3, 2, 1, 2, 2, 2)  # 10 agents, with spread
ELUS = (2, 3, 3, 2, 3, 2, 3, 2, 3, 2)  # 10 elected officials, 12.5 points higher on average
AXES = tuple(f"axe{i}" for i in range(1, 7))


def test_holm_multiplies_the_kth_smallest_p_value_by_m_minus_k_plus_1() -> None:
    """0.005 × 4 = 0.02; 0.01 × 3 = 0.03; 0.03 × 2 = 0.06; 0.04 × 1 = 0.04, raised to 0.06 (an
    adjusted value never falls below the one before it); at most 1."""
    adjusted = holm({"a": 0.01, "b": 0.04, "c": 0.03, "d": 0.005})
    assert adjusted == pytest.approx({"a": 0.03, "b": 0.06, "c": 0.06, "d": 0.02})
    assert holm({"a": 0.5, "b": 0.9}) == {"a": 1.0, "b": 1.0}
    assert holm({"a": 0.02}) == {"a": 0.02}  # one test: nothing to correct


def test_a_difference_s_p_value_is_welch_s() -> None:
    """The p-value beside the interval is that of Welch's t test on the respondents' answers."""
    agents, elus = [25.0 * v for v in AGENTS], [25.0 * v for v in ELUS]
    welch = stats.ttest_ind(elus, agents, equal_var=False)

    def estimate(values: list[float]) -> Estimate:
        n = len(values)
        return Estimate(sum(values) / n, float(stats.tvar(values)) / n, n - 1)

    gap = difference_interval(estimate(elus), estimate(agents))
    assert gap.p_value == pytest.approx(welch.pvalue, abs=1e-9)
    ci = welch.confidence_interval()
    assert (gap.low, gap.high) == pytest.approx((ci.low, ci.high), abs=1e-9)


def _gaps(axes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Agents answer AGENTS on every axis; elected officials ELUS on the first, AGENTS else."""
    layout = Layout(axes=tuple((a, (f"{a}-1",)) for a in axes), roles=("agent", "elu"))
    responses = [Response("U", "agent", {f"{a}-1": v for a in axes}) for v in AGENTS] + [
        Response("U", "elu", {f"{a}-1": (e if a == axes[0] else v) for a in axes})
        for v, e in zip(AGENTS, ELUS, strict=True)
    ]
    unit = survey_scores(layout=layout, responses=responses, brackets={"U": "x"}).units["U"]
    return role_gaps(unit, layout)


def test_a_gap_on_one_axis_of_six_is_corrected_for_the_six() -> None:
    """The first axis's gap, 12.5 points [2.1 ; 27.9] (Welch's p = 0.025), is beyond chance
    when it is the only axis compared, not when it is one of six compared at once (Holm:
    6 × 0.025 = 0.15), though its own interval still excludes 0."""
    (alone,) = _gaps(AXES[:1])
    assert alone.difference is not None and chance_reading(alone.difference) == "beyond"
    first, *others = _gaps(AXES)
    assert first.difference is not None and first.difference.low > 1.5  # printed [2 ; 28]
    assert first.difference.p_value == pytest.approx(0.0248318, abs=1e-6)
    assert first.difference.holm_p_value == pytest.approx(6 * 0.0248318, abs=1e-5)
    assert chance_reading(first.difference) == "alone" and not beyond_chance(first.difference)
    assert all(g.difference is not None and g.difference.holm_p_value == 1.0 for g in others)


def test_a_change_between_campaigns_without_spread_cannot_be_told_from_chance() -> None:
    """7 respondents at 50, then 7 at 75: a change of 25, « [25 ; 25] », was « au-delà du
    hasard »; with one campaign at least without spread, the margin cannot be estimated."""
    change = change_interval(Estimate(50.0, 0.0, 6), Estimate(75.0, 0.0, 6))
    assert change is not None and not change.estimable
    assert chance_reading(change) == "unestimable" and not beyond_chance(change)
    spread = change_interval(Estimate(50.0, 0.0, 6), Estimate(75.0, 4.0, 6))
    assert spread is not None and chance_reading(spread) == "unestimable"
    both = change_interval(Estimate(50.0, 4.0, 6), Estimate(75.0, 4.0, 6))
    assert both is not None and chance_reading(both) == "beyond"


def test_a_gap_between_roles_who_all_answered_alike_is_not_said_beyond_chance(campaign) -> None:
    """5 agents answer 3 everywhere, 5 elected officials 2: a gap of 25 points on each axis with
    no answer that varied. The report read « écart de 25 points [25 ; 25], un écart trop grand
    pour n'être dû qu'au hasard de qui a répondu »."""
    statements = default_questionnaire().statement_ids
    for role, value in (("agent", 3), ("elu", 2)):
        for _ in range(5):
            add_response(campaign, "90001", dict.fromkeys(statements, value), role=role)
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    [unit] = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    assert len(unit["role_gaps"]) == 6
    assert not any(g["beyond_chance"] for g in unit["role_gaps"])
    page = Client().get("/enquete/rapport/essai/").content.decode()
    gaps = page.split('id="c-90001"')[1].split("axes les plus faibles")[0]
    assert "trop grand pour n&#x27;être dû" not in gaps and "trop grand pour n'être dû" not in gaps
    assert "[25\u00a0; 25]" not in gaps
    assert (
        gaps.count("écart de 25\u00a0points, une marge impossible à estimer\u00a0: trop peu") == 6
    )


def test_a_score_without_spread_shows_no_bracket_of_no_width(campaign) -> None:
    """6 agents answer 3 everywhere: each score is 75 with no answer that varied. The scores
    table printed « 75 [75 ; 75] », a margin of 0 beside the others' brackets, whose
    non-overlap then read as a difference; it says « sans dispersion » and why, the CSV and the
    JSON leave the bounds empty, as for a difference that cannot be estimated."""
    add_answers(campaign, "90001", 6, 3)
    for value in (1, 2, 3, 2, 1, 3):  # Montclair's agents vary
        add_response(campaign, "90002", dict.fromkeys(default_questionnaire().statement_ids, value))
    survey_campaign_close(name="essai")
    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="essai"), today=TODAY)
    for page in (html_render(report), pdf_html(report)):
        section = page.split('id="c-90001"')[1].split('id="c-90002"')[0]
        assert "[75\u00a0; 75]" not in section
        table = section.split("<tbody>")[1].split("</tbody>")[0]
        assert table.count('<span class="nowrap">sans dispersion</span>') == 7  # 6 axes, global
        assert re.search(r"\[\d+\u00a0; \d+\]", table)  # all respondents: a margin
        assert (
            "«\u00a0Sans dispersion\u00a0»\u00a0: tous les répondants du groupe ont donné le "
            "même score\u00a0; trop peu de réponses ont varié pour estimer sa marge"
        ) in section
    rows = list(csv.DictReader(io.StringIO(csv_render(report)), delimiter=";"))
    whole = [
        r
        for r in rows
        if r["collectivite_code"] == "90001" and not r["role"] and r["level"] != "statement"
    ]
    assert len(whole) == 7 and all(r["score"] == "75,0" for r in whole)
    assert all(r["score_low"] == r["score_high"] == "" for r in whole)
    assert all(r["all_low"] and r["all_high"] for r in whole)
    [unit] = [u for u in json.loads(json_render(report))["collectivites"] if u["code"] == "90001"]
    assert unit["overall_interval"] is None and set(unit["axes_interval"].values()) == {None}
