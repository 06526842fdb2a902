"""A manager read « +6 » beside an axis, or « 38 » beside a statement that pulls it down, with no
way to tell whether it was more than the chance of who answered. Each published statement's
score now has its 95 % interval (its answers, one a respondent: the textbook t interval, the
ratio's with one answer each) and each change since the previous campaign the interval of a
difference of two independent groups (Welch), with a plain verdict, in the HTML file and page,
the PDF, the JSON and the CSV. The numbers are checked against scipy's own t and Welch
intervals, computed here from the raw answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from pypdf import PdfReader
from scipy import stats

from barometre.survey.insights import change_interval, evolution
from barometre.survey.intervals import Interval, axis_intervals, mean_estimate, sample_of
from barometre.survey.scoring import Layout, Response, survey_scores
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, TODAY, add_response, report_rows

ANSWERS = (3, 1, 2, 2, 2, 4, 0)  # a statement's answers, one a respondent
BEFORE = (2, 1, 2, 2, 1, 2, 1)  # every statement, one respondent a value: 39.3
AFTER = (3, 2, 3, 3, 2, 3, 4)  # 71.4: a rise of 32.1, beyond chance
AFTER_FLAT = (2, 1, 3, 2, 1, 2, 2)  # 46.4: a rise of 7.1, that may be chance


def _t_interval(values: list[float]) -> tuple[float, float]:
    """The textbook 95 % t interval of a mean, by scipy."""
    low, high = stats.t.interval(
        0.95, len(values) - 1, loc=sum(values) / len(values), scale=stats.sem(values)
    )
    return float(low), float(high)


def _welch(after: list[float], before: list[float]) -> tuple[float, float]:
    """scipy's Welch interval of mean(after) - mean(before)."""
    found = stats.ttest_ind(after, before, equal_var=False).confidence_interval(0.95)
    return float(found.low), float(found.high)


def _approx(interval: Interval | None, bounds: tuple[float, float], within: float = 1e-9) -> None:
    assert interval is not None
    assert (interval.low, interval.high) == pytest.approx(bounds, abs=within)


def test_a_statements_interval_is_the_t_interval_of_its_answers() -> None:
    points = [25.0 * v for v in ANSWERS]
    estimate = mean_estimate(len(points), sum(points), sum(p * p for p in points))
    assert estimate is not None and estimate.score == pytest.approx(50.0)
    # s² = 6,250 / 6, standard error √(1,041.67 / 7) = 12.199, 50 ± 2.4469 × 12.199
    _approx(estimate.interval, _t_interval(points))
    _approx(estimate.interval, (20.15, 79.85), within=0.01)
    # the same as an axis of one statement: the ratio's interval with one answer each
    (axis,) = axis_intervals(sample_of([[p, 1.0] for p in points], 1))
    _approx(estimate.interval, (axis.low, axis.high) if axis else (0, 0))


def test_small_samples_give_no_interval_or_one_of_no_width() -> None:
    assert mean_estimate(0, 0.0, 0.0) is None  # nobody scored it
    assert mean_estimate(1, 75.0, 5625.0) is None  # one answer: no spread to measure
    same = mean_estimate(6, 450.0, 6 * 5625.0)  # all answers equal
    assert same is not None and same.interval == Interval(75.0, 75.0, estimable=False)
    assert change_interval(None, same) is None and change_interval(same, None) is None


LAYOUT = Layout(axes=(("a", ("a1", "a2")),), roles=("agent",))


def _group(values: tuple[int, ...], skipped: int = 0):  # type: ignore[no-untyped-def]
    """A collectivité whose respondents answer both statements the same; the first `skipped`
    do not score « a2 »."""
    responses = [
        Response("U", "agent", {"a1": v, "a2": None if i < skipped else v})
        for i, v in enumerate(values)
    ]
    return survey_scores(layout=LAYOUT, responses=responses, brackets={"U": "x"}).units["U"]


def test_scoring_gives_each_published_statement_its_interval() -> None:
    unit = _group(ANSWERS)
    _approx(unit.statements["a1"].interval, _t_interval([25.0 * v for v in ANSWERS]))
    # a statement with fewer than 5 scored answers details no statement of its axis, with or
    # without an interval (the anonymity rule, unchanged)
    assert _group(ANSWERS, skipped=3).statements == {}
    # one respondent publishes nothing at all
    assert _group((3,)).statements == {} and not _group((3,)).total.published


def test_a_change_has_the_welch_interval_of_the_two_campaigns() -> None:
    before, after = _group(BEFORE), _group(AFTER)
    change = evolution(before.total, after.total)
    welch = _welch([25.0 * v for v in AFTER], [25.0 * v for v in BEFORE])
    _approx(change.intervals["a"], welch)
    _approx(change.overall_interval, welch)  # one axis: the overall is the axis
    assert welch[0] > 0  # a rise beyond chance
    flat = evolution(before.total, _group(AFTER_FLAT).total)
    _approx(flat.intervals["a"], _welch([25.0 * v for v in AFTER_FLAT], [25.0 * v for v in BEFORE]))
    assert flat.intervals["a"].low < 0 < flat.intervals["a"].high


def _campaign(name: str, values: tuple[int, ...]) -> None:
    campaign = survey_campaign_create(name=name, collectivites=["90001"], today=TODAY)
    survey_campaign_open(name=name)
    for value in values:
        add_response(campaign, "90001", dict.fromkeys(SPEC.statement_ids, value))
    survey_campaign_close(name=name)


@pytest.fixture
def waves(db: None) -> None:
    """Villebelle: 7 respondents in « avant » (39.3), 7 in « apres » (71.4)."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("avant", BEFORE)
    _campaign("apres", AFTER)


def _rounded(bounds: tuple[float, float]) -> list[float]:
    return [round(b, 1) for b in bounds]


def test_json_and_csv_give_each_change_and_statement_its_interval(waves, tmp_path: Path) -> None:
    welch = _welch([25.0 * v for v in AFTER], [25.0 * v for v in BEFORE])
    statement = _t_interval([25.0 * v for v in AFTER])
    out = survey_report_write(campaign="apres", fmt="json", out=tmp_path / "r.json", today=TODAY)
    unit = json.loads(out.read_text(encoding="utf-8"))["collectivites"][0]
    change = unit["evolution"]
    assert change["axes"]["gouvernance"] == 32.1
    assert change["axes_interval"]["gouvernance"] == pytest.approx(_rounded(welch), abs=0.051)
    assert change["overall_interval"] == pytest.approx(_rounded(welch), abs=0.051)
    assert change["axes_beyond_chance"]["gouvernance"] is True
    assert change["overall_beyond_chance"] is True
    first = SPEC.statement_ids[0]
    assert unit["statements_interval"][first] == pytest.approx(_rounded(statement), abs=0.051)
    weak = unit["weakest_axes"][0]
    assert weak["interval"] == unit["axes_interval"][weak["axis"]]
    assert weak["statements"][0]["interval"] == unit["statements_interval"][first]
    out = survey_report_write(campaign="apres", fmt="csv", out=tmp_path / "r.csv", today=TODAY)
    rows = report_rows(out.read_text(encoding="utf-8"))
    overall = next(r for r in rows if r["level"] == "overall" and r["role"] == "")
    low, high = (float(overall[c]) for c in ("evolution_low", "evolution_high"))
    assert [low, high] == pytest.approx(_rounded(welch), abs=0.051)
    assert overall["evolution_beyond_chance"] == "true"
    row = next(r for r in rows if r["statement"] == first)
    assert [float(row["score_low"]), float(row["score_high"])] == pytest.approx(
        _rounded(statement), abs=0.051
    )
    # a role's row has no change; the first campaign, nothing to compare with, no change at all
    assert {r["evolution_low"] for r in rows if r["role"]} == {""}
    out = survey_report_write(campaign="avant", fmt="csv", out=tmp_path / "a.csv", today=TODAY)
    rows = report_rows(out.read_text(encoding="utf-8"))
    assert {r["evolution_beyond_chance"] for r in rows} == {""}


def test_the_report_prints_each_change_with_its_margin_and_verdict(waves, tmp_path: Path) -> None:
    welch = _welch([25.0 * v for v in AFTER], [25.0 * v for v in BEFORE])
    low, high = (int(b + 0.5) for b in welch)  # a half up, as `rounding.whole` (both > 0)
    page = Client().get("/enquete/rapport/apres/").content.decode()
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    for text in (page, html.read_text(encoding="utf-8")):
        table = text.split("variation en points</caption>")[1].split("</table>")[0]
        row = re.search(r'<th scope="row">Gouvernance</th>(.*?)</tr>', table)
        assert row is not None
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        assert cells == [
            f'+32 <span class="nowrap">[{low}\u00a0; {high}]</span>'
            '<span class="verdict">hausse au-delà du hasard</span>',
            "39",
            "71",
        ]
        assert "la marge de chaque variation due au hasard de qui a répondu" in text
        # each statement that pulls an axis down, with its interval
        assert re.search(r"<strong>71</strong> <span class=\"nowrap\">\[\d+\u00a0; \d+\]", text)
    pdf = survey_report_write(campaign="apres", fmt="pdf", out=tmp_path, today=TODAY)
    words = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "hausse au-delà du hasard" in words and f"[{low}" in words


def test_a_change_within_chance_says_so(db: None, tmp_path: Path) -> None:
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("avant", BEFORE)
    _campaign("apres", AFTER_FLAT)
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    table = html.read_text(encoding="utf-8").split("variation en points</caption>")[1]
    row = re.search(r'<th scope="row">Score global</th>(.*?)</tr>', table)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[0].startswith("+7 ") and "[\u2212" in cells[0]
    assert cells[0].endswith('<span class="verdict">peut n&#x27;être que du hasard</span>')


def test_the_change_table_says_how_many_answered_each_campaign(db: None, tmp_path: Path) -> None:
    """The earlier campaign's scores were printed with no number of respondents anywhere in the
    report: « +6 » since 6 people read as one since 80."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    _campaign("avant", BEFORE[:6])
    _campaign("apres", AFTER + (3, 3))
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    table = html.read_text(encoding="utf-8").split("variation en points</caption>")[1]
    row = re.search(r'<th scope="row">Répondants</th>(.*?)</tr>', table.split("</table>")[0])
    assert row is not None
    assert re.findall(r"<td[^>]*>(.*?)</td>", row.group(1)) == ["", "6", "9"]
    out = survey_report_write(campaign="apres", fmt="json", out=tmp_path, today=TODAY)
    unit = json.loads(out.read_text(encoding="utf-8"))["collectivites"][0]
    assert (unit["evolution"]["since_respondents"], unit["respondents"]) == (6, 9)


def test_a_change_across_questionnaire_versions_says_so(db: None, tmp_path: Path) -> None:
    """A change was printed the same whether the two campaigns asked the same statements or
    not: the earlier campaign is the latest that published the collectivité, whatever its
    questionnaire's version, and a new wording can move a score by itself."""
    from importlib import resources

    from barometre.survey.questionnaire import DEFAULT_QUESTIONNAIRE
    from barometre.survey.services.questionnaires import questionnaire_load

    shipped = resources.files("barometre.survey") / f"data/questionnaires/{DEFAULT_QUESTIONNAIRE}"
    text = shipped.read_text(encoding="utf-8")
    older = tmp_path / "q.yaml"
    older.write_text(text.replace('version: "2026.1"', 'version: "2025.1"'), encoding="utf-8")
    questionnaire_load(path=older)
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    campaign = survey_campaign_create(
        name="avant", collectivites=["90001"], today=TODAY, questionnaire="2025.1"
    )
    survey_campaign_open(name="avant")
    for value in BEFORE:
        add_response(campaign, "90001", dict.fromkeys(SPEC.statement_ids, value))
    survey_campaign_close(name="avant")
    _campaign("apres", AFTER)
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    said = (
        "La campagne «\u00a0avant\u00a0» suivait le questionnaire 2025.1, celle-ci le "
        "questionnaire 2026.1\u00a0: les affirmations ont pu changer"
    )
    assert said in html.read_text(encoding="utf-8")
    out = survey_report_write(campaign="apres", fmt="json", out=tmp_path, today=TODAY)
    unit = json.loads(out.read_text(encoding="utf-8"))["collectivites"][0]
    assert unit["evolution"]["since_questionnaire"] == "2025.1"


def test_a_change_within_one_questionnaire_version_says_nothing_of_versions(
    waves, tmp_path: Path
) -> None:
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    assert "suivait le questionnaire" not in html.read_text(encoding="utf-8")


def test_the_radars_tooltip_gives_each_score_its_interval(waves) -> None:
    """The radar's tooltip read « score 71 » where the table beside it reads « 71 [56 ; 87] »."""
    from barometre.survey.models import SurveyCampaign
    from barometre.survey.reports.charts import interval_text, radar_spec
    from barometre.survey.reports.data import survey_report_data

    report = survey_report_data(campaign=SurveyCampaign.objects.get(name="apres"), today=TODAY)
    (unit,) = report.units
    layer = radar_spec(report, unit)["layer"][2]
    fields = [t["field"] for t in layer["encoding"]["tooltip"]]
    assert fields == ["series", "axis", "score", "interval"]
    points = [v for v in layer["data"]["values"] if v["series"] == "Villebelle"]
    expected = interval_text(unit.scores.total.axes["gouvernance"].interval)
    assert expected.startswith("[") and points[0]["interval"] == expected
