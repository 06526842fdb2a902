"""Lone surrogates (U+D800 to U+DFFF alone, which UTF-8 cannot encode) reach Python strings
from command-line arguments that are not UTF-8 and from JSON or YAML escapes ("\\ud800"). They
were saved as they were and SQLite or PostgreSQL failed with a UnicodeEncodeError traceback, or
a file being written did; now each input refuses them in French before anything is written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from barometre.cli import main
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory

SHIPPED = Path(__file__).parents[1] / "src/barometre/referential/data/catalogues"
QUESTIONNAIRES = Path(__file__).parents[1] / "src/barometre/survey/data/questionnaires"
NOT_UTF8 = os.fsdecode(b"campagne-\xe9t\xe9")  # Latin-1 bytes, kept by Python as "\udce9"


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 1
    return capsys.readouterr().err


@pytest.mark.database
@pytest.mark.parametrize(
    "argv",
    [
        ["campaign", "show", NOT_UTF8],
        ["services", "list", "--campaign", NOT_UTF8],
        ["campaign", "delete", "--yes", NOT_UTF8],
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_in_french(
    db, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    err = _refused(capsys, argv)
    assert "Erreur : Argument illisible « campagne-\ufffdt\ufffd »" in err
    assert "pas de l'UTF-8" in err and "Traceback" not in err


@pytest.mark.database
def test_an_account_name_that_is_not_utf8_creates_nothing(db, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("un-mot-de-passe-long\n", encoding="utf-8")
    name = os.fsdecode(b"b\xe9atrice")
    with pytest.raises(BarometreError, match="argument illisible « b\ufffdatrice »"):
        call_command("users", "create", name, "--role", "auditeur", "--password-file", str(secret))
    assert not User.objects.exists()


@pytest.mark.database
def test_a_password_from_the_environment_that_is_not_utf8_creates_nothing(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAROMETRE_USER_PASSWORD", os.fsdecode(b"mot-de-passe-\xe9t\xe9"))
    with pytest.raises(BarometreError, match="Mot de passe refusé\u00a0: .* pas de l'UTF-8"):
        call_command("users", "create", "beatrice", "--role", "auditeur")
    assert not User.objects.exists()


def _catalogue(tmp_path: Path, label: str) -> Path:
    text = (SHIPPED / "services-2026.1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "catalogue.yaml"
    path.write_text(text.replace('"Inscription sur les listes électorales"', label), "utf-8")
    return path


@pytest.mark.database
def test_a_catalogue_with_an_escaped_lone_surrogate_is_refused_with_its_line(
    db, tmp_path: Path
) -> None:
    CommuneFactory(code="75056", name="Paris")
    path = _catalogue(tmp_path, '"Inscription \\ud800 sur les listes"')
    with pytest.raises(ValidationFailed) as error:
        call_command("campaign", "create", "c1", "--communes", "75056", "--catalogue", str(path))
    [problem] = error.value.problems
    assert problem.startswith("ligne 22, colonne 12 : caractère U+D800 invalide"), problem
    assert not Campaign.objects.exists()
    # an emoji escaped as a pair, as JSON writes it, is one character
    path = _catalogue(tmp_path, '"Inscription sur les listes \\ud83d\\uddf3"')
    call_command("campaign", "create", "c2", "--communes", "75056", "--catalogue", str(path))
    labels = Campaign.objects.get().catalogue.services.values_list("label", flat=True)
    assert "Inscription sur les listes \U0001f5f3" in labels


@pytest.mark.database
def test_a_questionnaire_with_an_escaped_lone_surrogate_is_refused(db, tmp_path: Path) -> None:
    from barometre.survey.models import Questionnaire

    text = (QUESTIONNAIRES / "questionnaire-2026.1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "q.yaml"
    path.write_text(text.replace('"Plutôt pas vrai"', '"Plutôt \\udc00 pas vrai"'), "utf-8")
    with pytest.raises(ValidationFailed) as error:
        call_command("survey", "questionnaire", "load", str(path))
    assert "caractère U+DC00 invalide" in error.value.problems[0]
    assert not Questionnaire.objects.exists()


def test_classify_refuses_a_page_whose_result_would_hold_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages.jsonl"
    lines = [
        {"id": "a\ud800", "url": "https://mairie.test/etat-civil", "text": "Acte de naissance"},
        {"id": 2, "url": "https://mairie.test/", "text": "Demande d'acte de naissance en ligne"},
    ]
    pages.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = _refused(capsys, ["classify", "--input", str(pages), "--output", str(out)])
    assert "ligne 1 : caractère U+D800 invalide" in err and "Traceback" not in err
    assert [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()] == [2]


@pytest.mark.database
def test_an_import_file_named_in_another_encoding_is_recorded(db, tmp_path: Path) -> None:
    from django.utils import timezone

    from barometre.assessments.models import ImportBatch
    from barometre.assessments.services import assessments_import

    paris = CommuneFactory(code="75056", name="Paris")
    campaign = CampaignFactory(name="2026", communes=[paris])
    path = tmp_path / NOT_UTF8
    path.write_text(
        "commune_code,service_id,level,evidence_url,note\n75056,urbanisme,2,https://paris.test/,\n",
        "utf-8",
    )
    assessments_import(campaign=campaign, path=path, now=timezone.now(), author="analyste")
    assert ImportBatch.objects.get().file_name == "campagne-\ufffdt\ufffd"
