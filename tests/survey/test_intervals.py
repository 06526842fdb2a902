"""The report gave no uncertainty for its scores: a collectivité at 56 beside peers at 61 read as
behind them, whether 5 or 500 people had answered. Every whole-collectivité, peer and
all-respondent score now has its 95 % interval (survey/intervals.py: Student's t with the
standard error of a ratio, the respondents as units), in the HTML report and page, the PDF, the
JSON and the CSV. The numbers below are worked by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from django.test import Client
from pypdf import PdfReader

from barometre.survey.intervals import (
    Interval,
    axis_intervals,
    overall_interval,
    sample_of,
    t_quantile,
)
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.csv_report import COLUMNS
from barometre.survey.scoring import Layout, Response, survey_scores
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, TODAY, add_response, radar_block, report_rows

T4 = 2.7764451  # Student's t, 0.975, 4 degrees of freedom (a table's value)
T9 = 2.2621572  # 9 degrees


def _approx(interval: Interval | None, low: float, high: float) -> None:
    assert interval is not None
    assert interval.low == pytest.approx(low, abs=0.005)
    assert interval.high == pytest.approx(high, abs=0.005)


def test_the_t_quantiles_are_the_tables() -> None:
    assert t_quantile(4) == pytest.approx(T4, abs=1e-6)
    assert t_quantile(9) == pytest.approx(T9, abs=1e-6)


def test_five_respondents_with_four_answers_each_get_the_textbook_t_interval() -> None:
    """Their axis means 75, 25, 50, 50, 50: mean 50, s² = (25² + 25²) / 4 = 312.5, standard
    error √(312.5 / 5) = √62.5 = 7.906, half-width 2.776 × 7.906 = 21.95."""
    sample = sample_of([[300, 4], [100, 4], [200, 4], [200, 4], [200, 4]], 1)
    (interval,) = axis_intervals(sample)
    _approx(interval, 50 - T4 * math.sqrt(62.5), 50 + T4 * math.sqrt(62.5))
    _approx(interval, 28.05, 71.95)


def test_the_interval_is_around_the_printed_score_and_within_0_and_100() -> None:
    """One respondent gave a single answer (4, 100 points) and « je ne sais pas » to the rest,
    four gave four answers at 0: the score is 100 / 17 = 5.88 (answers weigh, as in the score),
    not 20 (the mean of the respondents' means). Residuals 100 - 5.88 = 94.12 and 4 × -23.53:
    variance 5/4 × 11 072.7 / 17² = 47.89, half-width 2.776 × 6.920 = 19.21; the low bound,
    -13.3, is held at 0."""
    sample = sample_of([[100, 1], [0, 4], [0, 4], [0, 4], [0, 4]], 1)
    (interval,) = axis_intervals(sample)
    _approx(interval, 0.0, 100 / 17 + T4 * math.sqrt(47.8921))
    _approx(interval, 0.0, 25.10)


def test_the_overall_interval_follows_each_respondent_across_the_axes() -> None:
    """Two axes. Respondents at 0, 25, 50, 75, 100 on both: the overall interval is that of
    each axis, 50 ± 2.776 × 25/√2 = 50 ± 49.08. At 0…100 on one and 100…0 on the other, every
    respondent's overall is 50: each axis is as wide, the overall has no width (it is not the
    mean of the axes' bounds)."""
    same = [[v * 4, v * 4, 4, 4] for v in (0, 25, 50, 75, 100)]
    crossed = [[v * 4, (100 - v) * 4, 4, 4] for v in (0, 25, 50, 75, 100)]
    half = T4 * 25 / math.sqrt(2)
    _approx(overall_interval(sample_of(same, 2)), 50 - half, 50 + half)
    _approx(overall_interval(sample_of(crossed, 2)), 50.0, 50.0)
    for interval in axis_intervals(sample_of(crossed, 2)):
        _approx(interval, 50 - half, 50 + half)


LAYOUT = Layout(axes=(("a", ("a1", "a2")), ("b", ("b1", "b2"))), roles=("agent",))


def _responses(unit: str, values: list[tuple[int | None, int | None]]) -> list[Response]:
    """One response per pair: its answer to both statements of axis a, then of axis b."""
    return [Response(unit, "agent", {"a1": a, "a2": a, "b1": b, "b2": b}) for a, b in values]


def test_a_pooled_group_resamples_the_respondents_of_what_it_adds_up() -> None:
    """U1 and U2, 5 respondents each, axis a at 3, 1, 2, 2, 2 (75, 25, 50, 50, 50): each is
    50 [28.05 ; 71.95]; all respondents, the 10 together, 50 ± 2.262 × √(2500 / 9 / 10) =
    50 ± 11.92 — narrower than either: more respondents. U2 answered axis b only 4 times (one
    « je ne sais pas » there): it does not publish b, and all respondents' b is U1's alone."""
    a = [3, 1, 2, 2, 2]
    u1 = _responses("U1", [(v, 2) for v in a])
    u2 = _responses("U2", [(v, None if i == 0 else 4) for i, v in enumerate(a)])
    scores = survey_scores(layout=LAYOUT, responses=u1 + u2, brackets={"U1": "x", "U2": "x"})
    for unit in ("U1", "U2"):
        _approx(scores.units[unit].total.axes["a"].interval, 28.05, 71.95)
    assert scores.units["U2"].total.axes["b"].interval is None  # not published
    everyone = scores.everyone
    half = T9 * math.sqrt(2500 / 9 / 10)
    _approx(everyone.axes["a"].interval, 50 - half, 50 + half)
    assert everyone.axes["b"].score == 50.0 and everyone.axes["b"].answers == 10  # U1's
    _approx(everyone.axes["b"].interval, 50.0, 50.0)  # U1's five all at 2
    assert everyone.overall is not None and everyone.overall_interval is not None


@pytest.fixture
def answered(db: None) -> SurveyCampaign:
    """Villebelle: 5 agents, each giving one value to every statement, 3, 1, 2, 2, 2 (every
    axis and the overall at 50 [28.05 ; 71.95]); Valfleuri, of its bracket, the same 5 (its
    peers); all respondents the 10 together: 50 ± 11.92, [38.08 ; 61.92]. Montclair, of
    another bracket, no answer."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    CommuneFactory(code="90003", name="Valfleuri", population=12_500)
    codes = ["90001", "90002", "90003"]
    campaign = survey_campaign_create(name="essai", collectivites=codes, today=TODAY)
    survey_campaign_open(name="essai")
    for code in ("90001", "90003"):
        for value in (3, 1, 2, 2, 2):
            add_response(campaign, code, dict.fromkeys(SPEC.statement_ids, value))
    survey_campaign_close(name="essai")
    return SurveyCampaign.objects.get(name="essai")


def test_json_and_csv_give_each_score_its_interval(answered, tmp_path: Path) -> None:
    out = survey_report_write(campaign="essai", fmt="json", out=tmp_path / "r.json", today=TODAY)
    data = json.loads(out.read_text(encoding="utf-8"))
    unit = next(u for u in data["collectivites"] if u["code"] == "90001")
    assert data["interval"]["confidence"] == 0.95
    assert set(map(tuple, unit["axes_interval"].values())) == {(28.1, 71.9)}
    assert unit["overall_interval"] == [28.1, 71.9]
    assert unit["peers"]["overall_interval"] == [28.1, 71.9]
    assert data["all_respondents"]["axes_interval"]["gouvernance"] == [38.1, 61.9]
    # its one role, its agents, is the whole collectivité: the same intervals
    assert unit["roles"]["agent"]["overall_interval"] == [28.1, 71.9]
    # Montclair, no answer: its own and its peers' intervals are null, as its scores
    montclair = next(u for u in data["collectivites"] if u["code"] == "90002")
    assert montclair["overall_interval"] is None and montclair["peers"]["overall_interval"] is None
    out = survey_report_write(campaign="essai", fmt="csv", out=tmp_path / "r.csv", today=TODAY)
    rows = report_rows(out.read_text(encoding="utf-8"))
    assert list(COLUMNS)[-17:-11] == [
        "score_low", "score_high", "peers_low", "peers_high", "all_low", "all_high"
    ]  # fmt: skip
    row = next(
        r
        for r in rows
        if r["collectivite_code"] == "90001" and r["role"] == "" and r["axis"] == "gouvernance"
    )
    assert (row["score_low"], row["score_high"], row["peers_low"], row["peers_high"]) == (
        "28.1", "71.9", "28.1", "71.9"
    )  # fmt: skip
    assert (row["all_low"], row["all_high"]) == ("38.1", "61.9")
    # a role's rows have its own interval, none of peers; statements' rows their own too (each
    # statement answered 3, 1, 2, 2, 2, as the axes)
    assert {(r["score_low"], r["peers_low"]) for r in rows if r["role"] == "agent"} == {
        ("28.1", "")
    }
    assert {
        (r["score_low"], r["score_high"], r["peers_low"]) for r in rows if r["level"] == "statement"
    } == {("28.1", "71.9", "")}


def test_report_page_and_pdf_print_the_intervals_and_say_how_to_read_them(
    answered, tmp_path: Path
) -> None:
    page = Client().get("/enquete/rapport/essai/").content.decode()
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path / "r.html", today=TODAY)
    for text in (page, html.read_text(encoding="utf-8")):
        section = text.split('id="c-90001"')[1].split("</section>")[0]
        table = section.split("<caption>Scores par axe")[1].split("</table>")[0]
        # a score and its interval on one line (a no-break space between): on a phone the
        # collectivité's column broke « 44 » over « [42 ; 47] », the others not
        assert (
            '<th scope="row">Gouvernance</th><td>50\u00a0<span class="nowrap">[28\u00a0; 72]</span>'
            '</td><td>50\u00a0<span class="nowrap">[28\u00a0; 72]</span></td>'
            '<td>50\u00a0<span class="nowrap">[38\u00a0; 62]</span></td>'
        ) in table
        assert "<td>10</td>" in table  # no interval on the respondents' row
        assert "l'intervalle de confiance à 95\u00a0%" in section
        assert "ne se chevauchent pas" in section
    pdf = survey_report_write(campaign="essai", fmt="pdf", out=tmp_path / "r.pdf", today=TODAY)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "[28 ; 72]" in text.replace("\u00a0", " ") and "[38 ; 62]" in text.replace("\u00a0", " ")
    assert "intervalle de confiance" in text


def test_the_commune_page_prints_the_intervals_the_report_prints(answered) -> None:
    """The commune page's survey block gave « 50 » where the report gave « 50 [28 ; 72] »: the
    same table, the same intervals, the same sentence on how to read them."""
    block = radar_block(Client().get("/commune/90001/").content.decode())
    report = Client().get("/enquete/rapport/essai/").content.decode()
    section = report.split('id="c-90001"')[1].split("</section>")[0]
    row = (
        '<th scope="row">Gouvernance</th><td>50\u00a0<span class="nowrap">[28\u00a0; 72]</span>'
        '</td><td>50\u00a0<span class="nowrap">[28\u00a0; 72]</span></td>'
        '<td>50\u00a0<span class="nowrap">[38\u00a0; 62]</span></td>'
    )
    assert row in block and row in section
    assert 'id="intervalles-90001"' in block
    assert "l'intervalle de confiance à 95\u00a0%" in block
