"""Campaigns, one-time tokens (raced by threads), closed campaigns, the CSV import."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.survey.models import SurveyResponse, SurveyToken
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import (
    survey_answer_submit,
    survey_answers_import,
    survey_campaign_close,
    survey_campaign_create,
    survey_tokens_create,
)
from tests.survey.conftest import TODAY

STATEMENTS = default_questionnaire().statement_ids


def _answers(value: int | None = 3) -> dict[str, int | None]:
    return dict.fromkeys(STATEMENTS, value)


def test_unknown_collectivite_creates_nothing(db: None) -> None:
    with pytest.raises(ValidationFailed) as error:
        survey_campaign_create(name="x", collectivites=["99999", "123"], today=TODAY)
    assert "code INSEE inconnu « 99999 »" in str(error.value)
    assert "ni un code INSEE" in str(error.value)


def test_tokens_keep_only_a_hash_and_work_once(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    stored = SurveyToken.objects.get()
    assert token not in stored.digest and len(stored.digest) == 64
    survey_answer_submit(
        campaign=campaign, unit="90001", role="agent", answers=_answers(), today=TODAY, token=token
    )
    with pytest.raises(BarometreError, match="déjà servi"):
        survey_answer_submit(
            campaign=campaign,
            unit="90001",
            role="agent",
            answers=_answers(),
            today=TODAY,
            token=token,
        )
    assert SurveyResponse.objects.count() == 1
    response = SurveyResponse.objects.get()
    assert response.submitted_on == TODAY and response.answers[STATEMENTS[0]] == 3


def test_closed_campaign_accepts_no_answer(campaign) -> None:
    survey_campaign_close(name="essai")
    with pytest.raises(BarometreError, match="pas ouverte"):
        survey_answer_submit(
            campaign=campaign, unit="90001", role="agent", answers=_answers(), today=TODAY
        )
    assert not SurveyResponse.objects.exists()


def test_bad_answers_are_refused_with_reasons(campaign) -> None:
    answers = {**_answers(), STATEMENTS[0]: 7, "inconnue": 1}
    with pytest.raises(ValidationFailed) as error:
        survey_answer_submit(
            campaign=campaign, unit="90001", role="stagiaire", answers=answers, today=TODAY
        )
    text = str(error.value)
    assert "rôle « stagiaire »" in text and "affirmation inconnue « inconnue »" in text
    assert "hors de l'échelle" in text
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_cannot_both_use_a_token() -> None:
    from barometre.survey.services import survey_campaign_open
    from tests.factories import CommuneFactory

    CommuneFactory(code="90003", name="Simultanée")
    survey_campaign_create(name="course", collectivites=["90003"], today=TODAY)
    campaign = survey_campaign_open(name="course")
    tokens = survey_tokens_create(campaign=campaign, count=5)
    outcomes: list[str] = []
    barrier = threading.Barrier(8)

    def submit(token: str) -> None:
        barrier.wait()
        try:
            for _ in range(200):
                # In-memory SQLite (tests) answers "table is locked" at once instead of waiting:
                # try again; every attempt still goes through the conditional DELETE.
                try:
                    survey_answer_submit(
                        campaign=campaign,
                        unit="90003",
                        role="agent",
                        answers=_answers(),
                        today=TODAY,
                        token=token,
                    )
                    outcomes.append("ok")
                    return
                except OperationalError:
                    time.sleep(0.01)
                except BarometreError:
                    outcomes.append("refused")
                    return
            outcomes.append("gave up")
        finally:
            connection.close()

    for token in tokens[:3]:  # three tokens, eight requests on the first, racing
        barrier = threading.Barrier(8)
        threads = [threading.Thread(target=submit, args=(token,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert outcomes.count("ok") == 3, outcomes
    assert outcomes.count("refused") == 21, outcomes
    assert SurveyResponse.objects.count() == 3
    assert SurveyToken.objects.count() == 2  # the three used are deleted


def _csv(tmp_path: Path, rows: list[list[str]], header: list[str] | None = None) -> Path:
    header = header or ["role", "collectivite", *STATEMENTS]
    path = tmp_path / "reponses.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_loads_every_row_with_dont_know(campaign, tmp_path: Path) -> None:
    rows = [["agent", "90001", *(["nsp"] + ["2"] * (len(STATEMENTS) - 1))] for _ in range(6)]
    summary = survey_answers_import(campaign=campaign, path=_csv(tmp_path, rows), today=TODAY)
    assert summary.respondents == 6
    assert SurveyResponse.objects.first().answers[STATEMENTS[0]] is None


def test_import_refuses_the_whole_file_and_names_lines(campaign, tmp_path: Path) -> None:
    good = ["agent", "90001", *["2"] * len(STATEMENTS)]
    out_of_scale = ["agent", "90001", "5", *["2"] * (len(STATEMENTS) - 1)]
    bad_role = ["stagiaire", "90001", *["2"] * len(STATEMENTS)]
    bad_unit = ["agent", "75056", *["2"] * len(STATEMENTS)]
    path = _csv(tmp_path, [good, out_of_scale, bad_role, bad_unit])
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    problems = error.value.problems
    assert any(p.startswith("ligne 3 :") and "« 5 » hors de l'échelle" in p for p in problems)
    assert any(p.startswith("ligne 4 :") and "rôle « stagiaire »" in p for p in problems)
    assert any(p.startswith("ligne 5 :") and "« 75056 » absente" in p for p in problems)
    assert not SurveyResponse.objects.exists()


def test_import_refuses_an_unknown_statement_column(campaign, tmp_path: Path) -> None:
    header = ["role", "collectivite", *STATEMENTS, "gouv-inventee"]
    path = _csv(tmp_path, [["agent", "90001", *["1"] * (len(STATEMENTS) + 1)]], header)
    wanted = "colonne inconnue « gouv-inventee » : ni une affirmation"
    with pytest.raises(ValidationFailed, match=wanted):
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    assert not SurveyResponse.objects.exists()


def test_cli_end_to_end_report_json(campaign, tmp_path: Path) -> None:
    rows = [["agent", "90001", *["4"] * len(STATEMENTS)] for _ in range(7)]
    rows += [["elu", "90001", *["0"] * len(STATEMENTS)] for _ in range(3)]
    call_command("survey", "import-answers", str(_csv(tmp_path, rows)), "--campaign", "essai")
    call_command("survey", "campaign", "close", "essai")
    out = tmp_path / "r.json"
    call_command("survey", "report", "--campaign", "essai", "--format", "json", "--out", str(out))
    import json

    report = json.loads(out.read_text(encoding="utf-8"))
    units = {u["code"]: u for u in report["collectivites"]}
    unit, silent = units["90001"], units["90002"]  # Montclair took part without answering
    # shown as any group under 5: « pas assez de réponses », never told apart from 1 to 4
    assert (silent["respondents"], silent["note"]) == (None, "pas assez de réponses")
    assert unit["respondents"] == 10
    assert unit["axes"]["gouvernance"] == 70.0  # (7 x 100 + 3 x 0) / 10
    assert unit["roles"]["agent"]["respondents"] is None  # 10 - 7 = 3 elected: hidden
    assert unit["roles"]["elu"]["note"] == "pas assez de réponses"
    html = tmp_path / "r.html"
    call_command("survey", "report", "--campaign", "essai", "--format", "html", "--out", str(html))
    assert "pas assez de réponses" in html.read_text(encoding="utf-8")
    # without --format, the extension names the format (r.json held an HTML page); an
    # extension that names another format is refused
    out.unlink()
    call_command("survey", "report", "--campaign", "essai", "--out", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["campaign"] == "essai"
    # (the survey writes no XLSX; a CSV or a PDF is written, test_report_files.py)
    with pytest.raises(BarometreError, match="annonce un fichier XLSX, mais le format écrit est"):
        call_command("survey", "report", "--campaign", "essai", "--out", str(tmp_path / "r.xlsx"))
    assert not (tmp_path / "r.xlsx").exists()


def test_questionnaire_file_breaking_its_schema_is_listed(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("version: '1'\nname: x\naxes: []\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as error:
        call_command("survey", "questionnaire", "load", str(bad))
    assert any("required property" in p or "axes" in p for p in error.value.problems)
    from barometre.survey.models import Questionnaire

    assert not Questionnaire.objects.exists()


def test_commune_block_for_the_web_observatory(campaign, tmp_path: Path) -> None:
    from django.template.loader import render_to_string

    from barometre.survey.reports.data import survey_commune_latest
    from barometre.survey.reports.html_report import commune_radar_context

    assert survey_commune_latest(code="90001", today=TODAY) is None  # no answer yet
    rows = [["agent", "90001", *["2"] * len(STATEMENTS)] for _ in range(5)]
    survey_answers_import(campaign=campaign, path=_csv(tmp_path, rows), today=TODAY)
    assert survey_commune_latest(code="90001", today=TODAY) is None  # open: nothing published
    survey_campaign_close(name="essai")
    report = survey_commune_latest(code="90001", today=TODAY)
    assert report is not None and [u.code for u in report.units] == ["90001"]
    html = render_to_string("survey_report/_commune_radar.html", commune_radar_context(report))
    assert "5 répondants" in html and "<td>50" in html and "sans dispersion" in html


def test_cli_tokens_file_and_bad_destination(campaign, tmp_path: Path) -> None:
    out = tmp_path / "jetons.csv"
    call_command("survey", "tokens", "--campaign", "essai", "--count", "4", "--out", str(out))
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "jeton;lien" and len(lines) == 5
    with pytest.raises(BarometreError, match="Impossible d'écrire"):
        call_command(
            "survey",
            "tokens",
            "--campaign",
            "essai",
            "--count",
            "4",
            "--out",
            str(tmp_path / "absent" / "j.csv"),
        )
    assert SurveyToken.objects.count() == 4


def test_a_unit_code_holding_nul_is_refused_cleanly(campaign) -> None:
    # PostgreSQL cannot compare text holding NUL: the lookup raised a database error there
    with pytest.raises(BarometreError, match="« 90001 » ne fait pas partie"):
        survey_tokens_create(campaign=campaign, count=1, unit="90001\x00")
    assert not SurveyToken.objects.exists()


def test_an_answer_with_no_scored_statement_is_refused_and_the_token_kept(campaign) -> None:
    (token,) = survey_tokens_create(campaign=campaign, count=1)
    with pytest.raises(ValidationFailed, match="aucune réponse notée"):
        survey_answer_submit(
            campaign=campaign,
            unit="90001",
            role="agent",
            answers=_answers(None),
            today=TODAY,
            token=token,
        )
    assert not SurveyResponse.objects.exists() and SurveyToken.objects.exists()


def _semicolons(tmp_path: Path, lines: list[list[str]]) -> Path:
    """A file as a French spreadsheet saves it: « ; » between cells, a decimal comma."""
    path = tmp_path / "reponses.csv"
    path.write_text("\r\n".join(";".join(line) for line in lines) + "\r\n", encoding="utf-8")
    return path


def test_a_spreadsheet_s_answers_file_is_read_as_meant(campaign, tmp_path: Path) -> None:
    """Columns named « Role » and « Collectivite », empty columns after the last one, roles
    written « Agent » or as their label, answers « 3,0 » from a number column: each was
    refused (« affirmation inconnue «  » », « colonne « role » manquante », « réponse « 3,0 »
    hors de l'échelle » once a statement)."""
    header = ["Role", "COLLECTIVITE", *STATEMENTS, "", ""]
    rows = [
        ["Agent", "90001", *["3,0"] * len(STATEMENTS), "", ""],
        ["Élu ou élue", "90001", *["2.0"] * len(STATEMENTS), "", ""],
        ["encadrant", "90001", "nsp", *["4"] * (len(STATEMENTS) - 1), "", ""],
    ]
    summary = survey_answers_import(
        campaign=campaign, path=_semicolons(tmp_path, [header, *rows]), today=TODAY
    )
    assert summary.respondents == 3
    stored = {r.role: r.answers for r in SurveyResponse.objects.all()}
    assert stored["agent"][STATEMENTS[0]] == 3 and stored["elu"][STATEMENTS[1]] == 2
    assert stored["encadrant"][STATEMENTS[0]] is None


def test_a_value_out_of_the_scale_on_a_whole_line_is_said_once(campaign, tmp_path: Path) -> None:
    rows = [
        ["agent", "90001", *["D'accord"] * len(STATEMENTS)],
        ["agent", "90001", "2,5", *["2"] * (len(STATEMENTS) - 1)],
    ]
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(
            campaign=campaign,
            path=_semicolons(tmp_path, [["role", "collectivite", *STATEMENTS], *rows]),
            today=TODAY,
        )
    assert error.value.problems == [
        f"ligne 2\u00a0: réponse «\u00a0D'accord\u00a0» hors de l'échelle 0 à 4 ou nsp pour "
        f"{len(STATEMENTS)} affirmations ({', '.join(STATEMENTS[:3])}…)",
        f"ligne 3\u00a0: «\u00a0{STATEMENTS[0]}\u00a0»\u00a0: réponse «\u00a02,5\u00a0» hors de "
        "l'échelle 0 à 4 ou nsp",
    ]
    assert not SurveyResponse.objects.exists()
