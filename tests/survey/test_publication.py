"""Figures are published only for closed campaigns: an open campaign's report, saved before and
after one answer, would give that answer by difference."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign, SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.reports.data import survey_commune_latest
from barometre.survey.services import survey_campaign_close, survey_campaign_open
from tests.survey.conftest import TODAY, add_answers

STATEMENTS = default_questionnaire().statement_ids


def test_open_campaign_report_page_shows_no_figure(campaign) -> None:
    add_answers(campaign, "90001", 6)
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert "paraîtront à sa clôture" in page
    assert "<td>75" not in page and "radar" not in page
    survey_campaign_close(name="essai")
    page = Client().get("/enquete/rapport/essai/").content.decode()
    assert "<td>75\u00a0<span" in page and "paraîtront" not in page


def test_open_campaign_gives_no_commune_radar(campaign) -> None:
    add_answers(campaign, "90001", 6)
    assert survey_commune_latest(code="90001", today=TODAY) is None
    assert "Maturité numérique interne" not in Client().get("/commune/90001/").content.decode()
    survey_campaign_close(name="essai")
    assert survey_commune_latest(code="90001", today=TODAY) is not None


def test_the_commune_radar_leads_to_the_collectivites_part_of_the_report(campaign) -> None:
    """The commune page shows the radar and its table only: its link leads to the report's
    part on this collectivité, where the role gaps, weakest axes and next steps are."""
    add_answers(campaign, "90001", 6)
    survey_campaign_close(name="essai")
    commune = Client().get("/commune/90001/").content.decode()
    assert '<a href="/enquete/rapport/essai/#c-90001">' in commune
    report = Client().get("/enquete/rapport/essai/").content.decode()
    part = report[report.index('id="c-90001"') :]
    assert "Prochaine étape" in part and "Écart entre les rôles" in part


def test_cli_report_of_an_open_campaign_is_refused_unless_provisional(
    campaign, tmp_path: Path
) -> None:
    add_answers(campaign, "90001", 6)
    out = tmp_path / "r.json"
    with pytest.raises(BarometreError, match="n'est pas close.*--provisoire"):
        call_command("survey", "report", "--campaign", "essai", "--format", "json", "--out", out)
    assert not out.exists()
    call_command(
        "survey", "report", "--campaign", "essai", "--format", "json", "--out", out, "--provisoire"
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["provisional"] is True and "usage interne" in report["provisional_notice"]
    units = {u["code"]: u for u in report["collectivites"]}
    assert units["90001"]["respondents"] == 6
    # an unpublished campaign never enters the pools, even in its own provisional report
    assert report["all_respondents"]["respondents"] is None
    html = tmp_path / "r.html"
    call_command(
        "survey", "report", "--campaign", "essai", "--format", "html", "--out", html, "--provisoire"
    )
    assert "Rapport provisoire, à usage interne" in html.read_text(encoding="utf-8")


def test_peers_pool_only_closed_campaigns(campaign, tmp_path: Path) -> None:
    from barometre.survey.services import survey_campaign_create, survey_campaign_open
    from barometre.survey.services.reports import survey_report_write

    add_answers(campaign, "90001", 6)
    survey_campaign_close(name="essai")
    other = survey_campaign_create(name="autre", collectivites=["90002"], today=TODAY)
    survey_campaign_open(name="autre")
    add_answers(other, "90002", 7, value=1)
    out = survey_report_write(campaign="essai", fmt="json", out=tmp_path, today=TODAY)
    before = json.loads(out.read_text(encoding="utf-8"))
    assert before["all_respondents"]["respondents"] == 6  # the open campaign is left out
    add_answers(other, "90002", 1, value=1)
    out = survey_report_write(campaign="essai", fmt="json", out=tmp_path, today=TODAY)
    after = json.loads(out.read_text(encoding="utf-8"))
    assert after["collectivites"] == before["collectivites"]
    assert after["all_respondents"] == before["all_respondents"]


def test_commune_radar_is_the_latest_closed_campaign_withadd_answers(campaign) -> None:
    from barometre.survey.services import survey_campaign_create

    add_answers(campaign, "90001", 6)
    add_answers(campaign, "90002", 6)
    survey_campaign_close(name="essai")
    survey_campaign_create(name="vide-close", collectivites=["90001"], today=TODAY)
    survey_campaign_open(name="vide-close")  # only an open campaign closes
    survey_campaign_close(name="vide-close")
    later = survey_campaign_create(name="autre-ville", collectivites=["90002"], today=TODAY)
    add_answers(later, "90002", 5)
    survey_campaign_open(name="autre-ville")  # only an open campaign closes
    survey_campaign_close(name="autre-ville")
    survey_campaign_create(name="brouillon", collectivites=["90001"], today=TODAY)
    report = survey_commune_latest(code="90001", today=TODAY)
    assert report is not None and report.campaign.name == "essai"
    assert "<td>75\u00a0<span" in Client().get("/commune/90001/").content.decode()


def test_pools_hold_one_closed_campaign_per_collectivite_and_never_itself(
    campaign, tmp_path: Path
) -> None:
    from barometre.survey.services import survey_campaign_create, survey_campaign_open
    from barometre.survey.services.reports import survey_report_write
    from tests.factories import CommuneFactory

    CommuneFactory(code="90003", name="Valjoli", population=15_000)  # Villebelle's bracket
    add_answers(campaign, "90001", 6, value=4)
    add_answers(campaign, "90002", 5, value=0)
    survey_campaign_close(name="essai")
    again = survey_campaign_create(name="essai-2", collectivites=["90001"], today=TODAY)
    add_answers(again, "90001", 8, value=2)
    survey_campaign_open(name="essai-2")  # only an open campaign closes
    survey_campaign_close(name="essai-2")
    valjoli = survey_campaign_create(name="valjoli", collectivites=["90003"], today=TODAY)
    survey_campaign_open(name="valjoli")
    add_answers(valjoli, "90003", 7, value=1)

    def report() -> dict[str, dict[str, object]]:
        out = survey_report_write(campaign="essai", fmt="json", out=tmp_path, today=TODAY)
        body = json.loads(out.read_text(encoding="utf-8"))
        return {"all": body["all_respondents"], **{u["code"]: u for u in body["collectivites"]}}

    first = report()
    assert first["90001"]["peers"]["respondents"] is None  # its own campaigns are not peers
    assert first["all"]["respondents"] == 8 + 5  # essai-2 for Villebelle, essai for Montclair
    add_answers(valjoli, "90003", 1, value=1)
    assert report() == first  # an open campaign's answers change nothing
    survey_campaign_close(name="valjoli")
    closed = report()
    assert closed["90001"]["peers"]["respondents"] == 8  # Valjoli, once it closed
    assert closed["90001"]["peers"]["axes"]["gouvernance"] == 25.0
    assert closed["all"]["respondents"] == 8 + 5 + 8


def _respond(campaign: SurveyCampaign, role: str, values: list[int]) -> None:
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            campaign=campaign,
            unit=campaign.units.get(code="90001"),
            role=role,
            answers=dict.fromkeys(STATEMENTS, value),
            submitted_on=TODAY,
            channel="import",
        )
        for value in values
    )


def test_printed_gaps_and_changes_are_differences_of_the_printed_scores(
    campaign, tmp_path: Path
) -> None:
    from barometre.survey.services import survey_campaign_create
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3] * 12)
    survey_campaign_close(name="essai")
    after = survey_campaign_create(name="apres", collectivites=["90001"], today=TODAY)
    _respond(after, "elu", [3, 3, 3, 3, 4, 4])  # 83.33, printed 83
    _respond(after, "encadrant", [3, 3, 3, 3, 2, 2])  # 66.67, printed 67
    survey_campaign_open(name="apres")  # only an open campaign closes
    survey_campaign_close(name="apres")
    html = survey_report_write(campaign="apres", fmt="html", out=tmp_path, today=TODAY)
    text = html.read_text(encoding="utf-8")
    assert "Élu ou élue (83) contre Manager ou encadrant (67), écart de 16\u00a0points" in text
    changes = text.split("variation en points")[1].split("</table>")[0]
    # 75, 75; the earlier campaign's 12 agents all answered 3: no margin to print
    assert '<td class="change-cell">0<span class="verdict">marge impossible' in changes
    assert "+0" not in changes and "−0" not in changes
    out = survey_report_write(campaign="apres", fmt="json", out=tmp_path, today=TODAY)
    unit = json.loads(out.read_text(encoding="utf-8"))["collectivites"][0]
    gap = unit["role_gaps"][0]
    assert gap["points"] == round(gap["highest"]["score"] - gap["lowest"]["score"], 1) == 16.6
    assert unit["evolution"]["axes"]["gouvernance"] == 0.0


def test_roles_tied_in_a_gap_are_all_named(campaign, tmp_path: Path) -> None:
    """Agents and elected at 75, managers at 50: the report named one of the two tied roles,
    the one whose id sorts last, as « the » highest."""
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3] * 6)
    _respond(campaign, "elu", [3] * 6)
    _respond(campaign, "encadrant", [2] * 6)
    survey_campaign_close(name="essai")
    roles = default_questionnaire().roles
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    text = html.read_text(encoding="utf-8")
    tied = f"{roles['agent']} et {roles['elu']} (75) contre {roles['encadrant']} (50)"
    assert f"{tied}, écart de 25\u00a0points" in text
    out = survey_report_write(campaign="essai", fmt="json", out=tmp_path, today=TODAY)
    units = json.loads(out.read_text(encoding="utf-8"))["collectivites"]
    gap = next(u for u in units if u["code"] == "90001")["role_gaps"][0]
    assert gap["highest"]["roles"] == ["agent", "elu"] and gap["highest"]["role"] == "agent"
    assert gap["lowest"]["roles"] == ["encadrant"]


def _gap_items(section: str) -> list[str]:
    """The items of the first list of the section: one axis each (its introduction, which says
    « le plus haut contre celui qui le note le plus bas », left out)."""
    return re.findall(r"<li>(.*?)</li>", section.split("</ul>")[0])


def test_roles_all_at_the_same_score_read_as_ex_aequo(campaign, tmp_path: Path) -> None:
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3] * 6)
    _respond(campaign, "encadrant", [3] * 6)
    survey_campaign_close(name="essai")
    roles = default_questionnaire().roles
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    text = html.read_text(encoding="utf-8")
    same = f"même score pour {roles['agent']} et {roles['encadrant']} (75), ex aequo"
    gaps = _gap_items(text.split("Écart entre les rôles")[1])
    assert same in text and gaps and not [item for item in gaps if "contre" in item]


def test_roles_printed_at_the_same_score_read_as_ex_aequo(campaign, tmp_path: Path) -> None:
    """Agents at 79.17 and managers at 78.57 both print 79: the report read « Agent (79) contre
    Manager (79), écart de 0 points », a gap that its own figures do not show."""
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3, 3, 3, 3, 3, 4])  # 79.17
    _respond(campaign, "encadrant", [3, 3, 3, 3, 3, 3, 4])  # 78.57
    survey_campaign_close(name="essai")
    roles = default_questionnaire().roles
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    gaps = _gap_items(html.read_text(encoding="utf-8").split("Écart entre les rôles")[1])
    assert f"même score pour {roles['agent']} et {roles['encadrant']} (79), ex aequo" in gaps[0]
    assert not [item for item in gaps if "écart de 0" in item or "contre" in item]


def test_a_gap_of_one_point_is_singular(campaign, tmp_path: Path) -> None:
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3, 3, 3, 3, 3, 4])  # 79.17, printed 79
    _respond(campaign, "encadrant", [3, 3, 3, 3, 4])  # 80
    survey_campaign_close(name="essai")
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    text = html.read_text(encoding="utf-8")
    assert "(80) contre " in text and "écart de 1\u00a0point\u00a0<span" in text


def test_the_statement_scores_under_a_weak_axis_say_what_they_are(campaign, tmp_path) -> None:
    """« 39 (69 réponses notées) — Il existe une feuille de route… »: a bare number before each
    statement, which a manager could not tell from a share or a count."""
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3, 2, 3, 3, 1, 3])
    survey_campaign_close(name="essai")
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    weak = html.read_text(encoding="utf-8").split("prochaines étapes</h3>")[1]
    said = "chacune avec son score de 0 à 100 (la moyenne de ses réponses notées"
    assert weak.index(said) < weak.index("Prochaine étape")


def test_the_questionnaire_s_words_keep_their_marks_on_their_line(campaign, tmp_path) -> None:
    """The questionnaire is written with plain spaces before its colons and inside its
    guillemets (« Gouvernance : un élu… »), as versioned: at 390 px a weak axis's priority
    began a line with « : travailler ». The report prints them with no-break spaces."""
    from barometre.survey.services.reports import survey_report_write

    _respond(campaign, "agent", [3, 2, 3, 3, 1, 3])
    survey_campaign_close(name="essai")
    page = Client().get("/enquete/rapport/essai/").content.decode()
    html = survey_report_write(campaign="essai", fmt="html", out=tmp_path, today=TODAY)
    for text in (page, html.read_text(encoding="utf-8")):
        weak = text.split("prochaines étapes</h3>")[1].split("<script")[0]
        assert re.search(r"\w\u00a0: \w", weak) and not re.search(r"\w :", weak)
