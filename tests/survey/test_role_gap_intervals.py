"""« Élu (95) contre Agent (50), écart de 45 points » had no uncertainty, though a role may have
only 5 respondents. Each role's scores now have their 95 % interval (the same t interval on the
ratio, the role's respondents as units) and the gap its interval of a difference (independent
groups: variances added, Welch–Satterthwaite degrees of freedom), said in plain words: beyond
the chance of who answered or not. The numbers are worked by hand below."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from django.test import Client
from pypdf import PdfReader

from barometre.survey.insights import role_gaps
from barometre.survey.intervals import Estimate, Interval, difference_interval
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.charts import interval_text
from barometre.survey.reports.rounding import beyond_chance
from barometre.survey.scoring import Layout, Response, survey_scores
from barometre.survey.services import (
    survey_campaign_close,
    survey_campaign_create,
    survey_campaign_open,
)
from barometre.survey.services.reports import survey_report_write
from tests.factories import CommuneFactory
from tests.survey.conftest import SPEC, TODAY, add_response, report_rows

T4 = 2.7764451  # Student's t, 0.975, 4 degrees of freedom (a table's)
# Welch's degrees of freedom, (62.5 + 25)² / (62.5² / 4 + 25² / 4) = 7656.25 / 1132.8125 = 6.7586,
# between the table's t6 = 2.4469 and t7 = 2.3646
T_WELCH = 2.3818522
# (62.5 + 37.5)² / (62.5² / 4 + 37.5² / 4) = 10000 / 1328.125 = 7.5294
T_WELCH_2 = 2.3313336

AGENTS = (3, 1, 2, 2, 2)  # axis means 75, 25, 50, 50, 50: 50, s² = 312.5, variance 62.5
ELUS = (4, 4, 3, 4, 4)  # 100, 100, 75, 100, 100: 95, s² = 500 / 4 = 125, variance 25
ELUS_SPLIT = (3, 2, 2, 3, 2)  # 75, 50, 50, 75, 50: 60, s² = 750 / 4 = 187.5, variance 37.5


def _approx(interval: Interval | None, low: float, high: float) -> None:
    assert interval is not None
    assert interval.low == pytest.approx(low, abs=0.005)
    assert interval.high == pytest.approx(high, abs=0.005)


def test_the_welch_quantiles_are_those_of_their_degrees_of_freedom() -> None:
    from barometre.survey.intervals import t_quantile

    assert t_quantile(7656.25 / 1132.8125) == pytest.approx(T_WELCH, abs=1e-6)
    assert t_quantile(10000 / 1328.125) == pytest.approx(T_WELCH_2, abs=1e-6)
    assert 2.3646 < T_WELCH < 2.4469  # between t7 and t6 of a table


def test_the_difference_of_two_estimates_adds_their_variances() -> None:
    """95 − 50 = 45, variance 62.5 + 25 = 87.5: 45 ± 2.3819 × 9.354 = [22.72 ; 67.28]."""
    gap = difference_interval(Estimate(95.0, 25.0, 4), Estimate(50.0, 62.5, 4))
    half = T_WELCH * math.sqrt(87.5)
    _approx(gap, 45 - half, 45 + half)
    _approx(gap, 22.72, 67.28)
    assert gap.excludes_zero
    # two groups of the same spread and size: f1 + f2 degrees of freedom, t8 = 2.306
    _approx(difference_interval(Estimate(60, 50, 4), Estimate(50, 50, 4)), -13.06, 33.06)
    # no spread in either: no width
    assert difference_interval(Estimate(60, 0, 4), Estimate(50, 0, 4)) == Interval(
        10.0, 10.0, estimable=False
    )


LAYOUT = Layout(axes=(("a", ("a1", "a2")),), roles=("agent", "elu"))


def _scores(elus: tuple[int, ...]):  # type: ignore[no-untyped-def]
    responses = [Response("U", "agent", {"a1": v, "a2": v}) for v in AGENTS] + [
        Response("U", "elu", {"a1": v, "a2": v}) for v in elus
    ]
    return survey_scores(layout=LAYOUT, responses=responses, brackets={"U": "x"}).units["U"]


def test_each_role_has_its_interval_and_the_gap_the_interval_of_the_difference() -> None:
    """Agents 50 [28.05 ; 71.95] (50 ± 2.776 × √62.5), elected officials 95 ± 2.776 × 5 =
    [81.12 ; 108.88], held at 100: the gap of 45 is [22.72 ; 67.28], beyond chance. With
    elected officials at 60 (variance 37.5), the gap of 10 is 10 ± 2.3313 × √100 =
    [−13.31 ; 33.31]: it may be chance."""
    unit = _scores(ELUS)
    _approx(unit.roles["agent"].axes["a"].interval, 50 - T4 * math.sqrt(62.5), 50 + T4 * 7.9057)
    _approx(unit.roles["elu"].axes["a"].interval, 95 - T4 * 5, 100.0)
    _approx(unit.roles["elu"].overall_interval, 95 - T4 * 5, 100.0)  # one axis: the same
    (gap,) = role_gaps(unit, LAYOUT)
    assert (gap.highest[0], gap.lowest[0]) == ("elu", "agent")
    _approx(gap.difference, 45 - T_WELCH * math.sqrt(87.5), 45 + T_WELCH * math.sqrt(87.5))
    assert gap.difference is not None and gap.difference.excludes_zero
    (gap,) = role_gaps(_scores(ELUS_SPLIT), LAYOUT)
    _approx(gap.difference, 10 - T_WELCH_2 * 10, 10 + T_WELCH_2 * 10)
    assert gap.difference is not None and not gap.difference.excludes_zero


def test_a_gap_is_beyond_chance_only_if_its_printed_interval_excludes_0() -> None:
    """The demonstration's report read « écart de 12 points [0 ; 23], un écart trop grand pour
    n'être dû qu'au hasard »: its low bound was 0.3, above 0, printed 0. The words now follow
    the printed interval: a low bound must print 1 or more (0.5 rounded up)."""
    assert Interval(0.3, 23.0).excludes_zero and not beyond_chance(Interval(0.3, 23.0))
    assert interval_text(Interval(0.3, 23.0)) == "[0\u00a0; 23]"
    assert (
        beyond_chance(Interval(0.5, 23.0)) and interval_text(Interval(0.5, 23)) == "[1\u00a0; 23]"
    )
    assert not beyond_chance(Interval(-4.0, 31.0)) and not beyond_chance(None)
    assert beyond_chance(Interval(-23.0, -0.5))  # printed « [−23 ; −1] »


@pytest.fixture
def roles(db: None) -> SurveyCampaign:
    """Villebelle: 5 agents answering 3, 1, 2, 2, 2 to every statement and 5 elected officials
    4, 4, 3, 4, 4 (every axis as above, Gouvernance included); Montclair: agents 3, 1, 2, 2, 2
    and elected officials 3, 2, 2, 3, 2."""
    CommuneFactory(code="90001", name="Villebelle", population=12_000)
    CommuneFactory(code="90002", name="Montclair", population=2_000)
    campaign = survey_campaign_create(name="roles", collectivites=["90001", "90002"], today=TODAY)
    survey_campaign_open(name="roles")
    for code, elus in (("90001", ELUS), ("90002", ELUS_SPLIT)):
        for value in AGENTS:
            add_response(campaign, code, dict.fromkeys(SPEC.statement_ids, value))
        for value in elus:
            add_response(campaign, code, dict.fromkeys(SPEC.statement_ids, value), "elu")
    survey_campaign_close(name="roles")
    return SurveyCampaign.objects.get(name="roles")


def test_json_and_csv_give_the_roles_and_the_gaps_their_intervals(roles, tmp_path: Path) -> None:
    out = survey_report_write(campaign="roles", fmt="json", out=tmp_path / "r.json", today=TODAY)
    units = {u["code"]: u for u in json.loads(out.read_text(encoding="utf-8"))["collectivites"]}
    villebelle, montclair = units["90001"], units["90002"]
    assert villebelle["roles"]["elu"]["axes_interval"]["gouvernance"] == [81.1, 100.0]
    assert villebelle["roles"]["agent"]["overall_interval"] == [28.1, 71.9]
    gap = villebelle["role_gaps"][0]
    assert (gap["axis"], gap["points"]) == ("gouvernance", 45.0)
    assert gap["points_interval"] == [22.7, 67.3] and gap["beyond_chance"] is True
    gap = montclair["role_gaps"][0]
    assert gap["points_interval"] == [-13.3, 33.3] and gap["beyond_chance"] is False
    out = survey_report_write(campaign="roles", fmt="csv", out=tmp_path / "r.csv", today=TODAY)
    rows = report_rows(out.read_text(encoding="utf-8"))
    assert list(rows[0])[-11:-5] == [
        "gap_highest", "gap_lowest", "gap_points", "gap_low", "gap_high", "gap_beyond_chance",
    ]  # fmt: skip
    assert list(rows[0])[-2:] == ["provisional", "demonstration"]
    axis = {
        (r["collectivite_code"], r["role"], r["level"], r["axis"]): r
        for r in rows
        if r["level"] != "statement"
    }
    row = axis[("90001", "", "axis", "gouvernance")]
    assert [row[c] for c in list(rows[0])[-11:-5]] == [
        "elu",
        "agent",
        "45.0",
        "22.7",
        "67.3",
        "true",
    ]
    assert axis[("90002", "", "axis", "gouvernance")]["gap_beyond_chance"] == "false"
    assert axis[("90001", "", "overall", "")]["gap_points"] == ""  # gaps are per axis
    row = axis[("90001", "elu", "axis", "gouvernance")]
    assert (row["score_low"], row["score_high"], row["gap_points"]) == ("81.1", "100.0", "")


def test_report_page_and_pdf_say_whether_a_gap_is_beyond_chance(roles, tmp_path: Path) -> None:
    page = Client().get("/enquete/rapport/roles/").content.decode()
    html = survey_report_write(campaign="roles", fmt="html", out=tmp_path / "r.html", today=TODAY)
    for text in (page, html.read_text(encoding="utf-8")):
        villebelle = text.split('id="c-90001"')[1].split("</section>")[0]
        montclair = text.split('id="c-90002"')[1].split("</section>")[0]
        roles_table = villebelle.split("<caption>Scores par rôle")[1].split("</table>")[0]
        assert '<td>95\u00a0<span class="nowrap">[81\u00a0; 100]</span></td>' in roles_table
        assert '<td>50\u00a0<span class="nowrap">[28\u00a0; 72]</span></td>' in roles_table
        assert (
            "Gouvernance\u00a0: Élu ou élue (95) contre Agent (50), écart de 45\u00a0points\u00a0"
            '<span class="nowrap">[23\u00a0; 67]</span>, un écart trop grand pour n&#x27;être dû '
            "qu&#x27;au hasard de qui a répondu"
        ) in villebelle.replace("'", "&#x27;")
        assert (
            "Élu ou élue (60) contre Agent (50), écart de 10\u00a0points\u00a0"
            '<span class="nowrap">[\u221213\u00a0; 33]</span>, un écart qui peut n&#x27;être dû '
            "qu&#x27;au hasard de qui a répondu"
        ) in montclair.replace("'", "&#x27;")
        assert 'id="ecarts-90001"' in villebelle
    pdf = survey_report_write(campaign="roles", fmt="pdf", out=tmp_path / "r.pdf", today=TODAY)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\u00a0", " ")
    assert "écart de 45 points [23 ; 67]" in text and "[−13 ; 33]" in text
    assert "trop grand pour n" in text and "qui peut n" in text


def test_the_gaps_list_says_what_it_lists(roles, tmp_path: Path) -> None:
    """The list of gaps came after the table of answers behind the roles' scores, with nothing
    to say what it was: it now opens on what each line compares."""
    page = Client().get("/enquete/rapport/roles/").content.decode()
    villebelle = page.split('id="c-90001"')[1].split("</section>")[0]
    lead = (
        '<p id="ecarts-liste-90001">Sur chaque axe, le rôle qui le note le plus haut contre '
        "celui qui le note le plus bas\u00a0:</p>"
    )
    assert lead in villebelle
    assert (
        villebelle.split(lead)[1].lstrip().startswith('<ul aria-labelledby="ecarts-liste-90001">')
    )
