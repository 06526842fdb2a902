"""Bad inputs to the survey commands: strange answer cells, a repeated column, a file imported
twice, rows with no scored answer, a token file that cannot be written."""

from __future__ import annotations

import errno
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.survey.models import SurveyImport, SurveyResponse, SurveyToken
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_answers_import, survey_tokens_write
from tests.survey.conftest import TODAY

STATEMENTS = default_questionnaire().statement_ids
HEADER = ["role", "collectivite", *STATEMENTS]


def _row(first: str, rest: str = "2", role: str = "agent") -> list[str]:
    return [role, "90001", first, *[rest] * (len(STATEMENTS) - 1)]


def _csv(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path = tmp_path / "reponses.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def test_unicode_digits_and_huge_numbers_are_refused_with_their_line(
    campaign, tmp_path: Path
) -> None:
    path = _csv(tmp_path, [_row("2"), _row("²"), _row("1" * 5001), _row("٣")])
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    problems = error.value.problems
    assert any(
        p.startswith("ligne 3 :") and "réponse « ² » hors de l'échelle" in p for p in problems
    )
    assert any(p.startswith("ligne 4 :") and "hors de l'échelle" in p for p in problems)
    assert any(p.startswith("ligne 5 :") and "réponse « ٣ »" in p for p in problems)
    assert all(len(p) < 300 for p in problems)  # the 5001 digits are not repeated whole
    assert not SurveyResponse.objects.exists() and not SurveyImport.objects.exists()


def test_a_column_named_twice_is_refused(campaign, tmp_path: Path) -> None:
    # "en double": the same refusal made by the shared table reader, when it makes it first
    for column, extra in [("role", "elu"), (STATEMENTS[0], "4")]:
        path = _csv(tmp_path, [[*_row("2"), extra]], header=[*HEADER, column])
        with pytest.raises(
            ValidationFailed, match=f"colonne « {column} » (présente 2 fois|en double)"
        ):
            survey_answers_import(campaign=campaign, path=path, today=TODAY)
    assert not SurveyResponse.objects.exists()


def test_the_same_file_is_not_imported_twice(campaign, tmp_path: Path) -> None:
    path = _csv(tmp_path, [_row("2"), _row("3")])
    assert survey_answers_import(campaign=campaign, path=path, today=TODAY).respondents == 2
    copy = tmp_path / "copie.csv"
    copy.write_bytes(path.read_bytes())  # the same content under another name
    for again in (path, copy):
        with pytest.raises(BarometreError, match=r"déjà été importé .*\(2 répondants"):
            survey_answers_import(campaign=campaign, path=again, today=TODAY)
    assert SurveyResponse.objects.count() == 2
    imported = SurveyImport.objects.get()
    assert imported.respondents == 2 and imported.file_name == "reponses.csv"
    other = _csv(tmp_path, [_row("4")])  # new answers: imported
    assert survey_answers_import(campaign=campaign, path=other, today=TODAY).respondents == 1
    assert SurveyResponse.objects.count() == 3


def test_a_row_with_no_scored_answer_is_skipped_and_reported(
    campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [_row("2"), _row("nsp", "nsp"), _row("", "NSP", role="elu")]
    call_command("survey", "import-answers", str(_csv(tmp_path, rows)), "--campaign", "essai")
    out = capsys.readouterr().out
    assert "1 répondant importé dans « essai »" in out
    assert "(« nsp » partout), ignorées et non comptées comme répondants : 3, 4." in out
    assert SurveyResponse.objects.count() == 1
    only_nsp = tmp_path / "nsp"
    only_nsp.mkdir()
    with pytest.raises(ValidationFailed, match="aucune réponse notée"):
        survey_answers_import(
            campaign=campaign, path=_csv(only_nsp, [_row("nsp", "nsp")]), today=TODAY
        )
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(("separator", "named"), [("|", "« | »"), (" ", "des espaces")])
def test_a_file_with_another_separator_is_said_so(
    campaign, tmp_path: Path, separator: str, named: str
) -> None:
    """« role|gouv-… » was called an unknown statement: the one column the reader found is a
    whole line separated by a character it does not read, and the refusal now says so."""
    path = tmp_path / "reponses.csv"
    lines = [HEADER, _row("2")]
    path.write_text("\n".join(separator.join(r) for r in lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    [problem] = error.value.problems
    assert problem.startswith(f"en-tête : une seule colonne, « role{separator}collectivite")
    assert f"séparées par {named}, que l'import ne lit pas ; " in problem
    assert "séparez-les par des virgules (« , »)" in problem
    assert "affirmation inconnue" not in problem and len(problem) < 300
    assert not SurveyResponse.objects.exists()


def test_a_truncated_row_is_refused_not_read_as_dont_know(campaign, tmp_path: Path) -> None:
    """A row with fewer cells than the header is a damaged file: its missing answers were read
    as « je ne sais pas »; a last cell left empty after its separator is not missing."""
    cut = _row("2")[:5]
    path = _csv(tmp_path, [_row("2"), cut, _row("3"), cut[:3]])
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    width = len(HEADER)
    assert error.value.problems == [
        f"ligne 3\u00a0: 5 cellules pour {width} colonnes dans l'en-tête\u00a0: ligne tronquée "
        "(une case vide s'écrit entre deux séparateurs)",
        f"ligne 5\u00a0: 3 cellules pour {width} colonnes dans l'en-tête\u00a0: ligne tronquée "
        "(une case vide s'écrit entre deux séparateurs)",
    ]
    assert not SurveyResponse.objects.exists() and not SurveyImport.objects.exists()
    last_empty = _csv(tmp_path, [[*_row("2")[:-1], ""]])  # "…,2," : every cell is there
    assert survey_answers_import(campaign=campaign, path=last_empty, today=TODAY).respondents == 1
    assert SurveyResponse.objects.get().answers[STATEMENTS[-1]] is None


def test_the_caps_a_refusal_names_are_options_of_the_import(campaign, tmp_path: Path) -> None:
    """A file over the row or size cap was refused « --max-rows pour relever le plafond », an
    option `survey import-answers` did not have: it has them now, as `assessments import`."""
    path = _csv(tmp_path, [_row("2"), _row("3")])
    command = ["survey", "import-answers", str(path), "--campaign", "essai"]
    with pytest.raises(ValidationFailed) as error:
        call_command(*command, "--max-rows", "1")
    assert error.value.problems == [
        "ligne 3\u00a0: plus de 1 ligne (--max-rows pour relever le plafond)"
    ]
    with pytest.raises(ValidationFailed, match="--max-mb pour le relever"):
        survey_answers_import(
            campaign=campaign,
            path=path,
            today=TODAY,
            limits=replace(DEFAULT_TABLE_LIMITS, max_bytes=10),
        )
    for option in ("--max-mb", "--max-rows"):
        with pytest.raises(BarometreError, match=f"{option} doit valoir au moins 1"):
            call_command(*command, option, "0")
    assert not SurveyResponse.objects.exists() and not SurveyImport.objects.exists()
    call_command(*command, "--max-rows", "2", "--max-mb", "1")
    assert SurveyResponse.objects.count() == 2


def _tokens(out: Path) -> list[str]:
    return ["survey", "tokens", "--campaign", "essai", "--count", "3", "--out", str(out)]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full is Linux's")
def test_a_full_disk_stores_no_token(campaign) -> None:
    # call_command, not main(): main() closes the database connection when it ends
    with pytest.raises(BarometreError) as caught:
        call_command(*_tokens(Path("/dev/full")))
    message = str(caught.value)
    assert message.startswith("Impossible d'écrire le fichier de jetons « /dev/full »")
    assert "plus de place sur le disque" in message
    assert not SurveyToken.objects.exists()
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)  # written to, never renamed over


def test_a_failed_write_leaves_no_file_and_stores_no_token(
    campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "jetons.csv"

    def fail(self: Path, target: Path) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(BarometreError, match="plus de place sur le disque.*aucun jeton"):
        survey_tokens_write(campaign=campaign, count=3, out=out, base_url="http://x")
    assert not SurveyToken.objects.exists()
    assert list(tmp_path.iterdir()) == []  # no partial file left


def test_an_existing_token_file_or_a_bad_site_address_is_refused(campaign, tmp_path: Path) -> None:
    out = tmp_path / "jetons.csv"
    out.write_text("jeton,lien\nancien,https://x/enquete/j/ancien/\n", encoding="utf-8")
    with pytest.raises(BarometreError, match="existe déjà : les liens qu'il contient seraient"):
        survey_tokens_write(campaign=campaign, count=3, out=out, base_url="http://x")
    assert out.read_text(encoding="utf-8").endswith("/ancien/\n")
    for base in ("javascript:alert(1)", "https://x.fr/\x01", "enquete.ville.fr"):
        with pytest.raises(BarometreError, match="Adresse du site invalide"):
            survey_tokens_write(
                campaign=campaign, count=1, out=tmp_path / "autre.csv", base_url=base
            )
    assert not SurveyToken.objects.exists()


def test_a_link_is_written_through_not_replaced(campaign, tmp_path: Path) -> None:
    target = tmp_path / "vrai.csv"
    target.write_text("ancien\n", encoding="utf-8")
    link = tmp_path / "lien.csv"
    link.symlink_to(target)  # like /dev/stdout -> /proc/self/fd/1
    tokens = survey_tokens_write(campaign=campaign, count=2, out=link, base_url="http://x")
    assert link.is_symlink() and target.read_bytes().startswith(b"\xef\xbb\xbfjeton;lien\r\n")
    assert tokens[0] in target.read_text(encoding="utf-8")
    assert SurveyToken.objects.count() == 2


def test_a_missing_folder_or_a_directory_stores_no_token(campaign, tmp_path: Path) -> None:
    for out, reason in [
        (tmp_path / "absent" / "j.csv", "n'existe pas"),
        (tmp_path, "c'est un dossier"),
    ]:
        with pytest.raises(BarometreError) as caught:
            call_command(*_tokens(out))
        message = str(caught.value)
        assert message.startswith(f"Impossible d'écrire le fichier de jetons « {out} »")
        assert reason in message
    assert not SurveyToken.objects.exists()


def test_commune_codes_are_read_as_people_type_them(db: None, tmp_path: Path) -> None:
    """« 2a004 », and 1004 in a spreadsheet cell (01004), are the codes 2A004 and 01004."""
    from openpyxl import Workbook

    from barometre.survey.models import SurveyCampaign
    from barometre.survey.services import survey_campaign_open, survey_tokens_create
    from tests.factories import CommuneFactory

    CommuneFactory(code="01004", name="Ambérieu-en-Bugey")
    CommuneFactory(code="2A004", name="Ajaccio")
    call_command("survey", "campaign", "create", "codes", "--collectivites", "2a004,1004")
    campaign = survey_campaign_open(name="codes")
    assert sorted(campaign.units.values_list("code", flat=True)) == ["01004", "2A004"]
    assert len(survey_tokens_create(campaign=campaign, count=1, unit="2a004")) == 1
    statements = default_questionnaire().statement_ids
    book = Workbook()
    sheet = book.active
    sheet.append(["role", "collectivite", *statements])
    for _ in range(2):
        sheet.append(["agent", 1004, *[2] * len(statements)])  # a number, its zero lost
    sheet.append(["agent", "2a004", *[2] * len(statements)])
    path = tmp_path / "reponses.xlsx"
    book.save(path)
    survey_answers_import(campaign=SurveyCampaign.objects.get(name="codes"), path=path, today=TODAY)
    codes = sorted(SurveyResponse.objects.values_list("unit__code", flat=True))
    assert codes == ["01004", "01004", "2A004"]


@pytest.mark.parametrize("where", ["full", "under-a-file"])
def test_report_to_a_bad_destination_is_a_french_error(campaign, tmp_path: Path, where) -> None:
    from barometre.survey.services import survey_campaign_close

    survey_campaign_close(name="essai")
    if where == "full":
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        out, reason = "/dev/full", "plus de place sur le disque"
    else:
        (tmp_path / "fichier").write_text("x", encoding="utf-8")
        out = str(tmp_path / "fichier" / "r.html")
        reason = "un fichier est là où le chemin demande un dossier"
    with pytest.raises(BarometreError, match=f"Impossible d'écrire le rapport.*{reason}"):
        call_command("survey", "report", "--campaign", "essai", "--out", out)


def test_report_to_a_missing_folder_makes_it_as_every_report_does(campaign, tmp_path) -> None:
    from barometre.survey.services import survey_campaign_close

    survey_campaign_close(name="essai")
    out = tmp_path / "rapports" / "r.html"
    call_command("survey", "report", "--campaign", "essai", "--out", str(out))
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_answers_file_named_in_another_encoding_is_recorded(campaign, tmp_path: Path) -> None:
    """A Latin-1 file name (kept by Python as "\\udce9") made saving the import fail."""
    import os

    path = _csv(tmp_path, [_row("2")]).rename(tmp_path / os.fsdecode(b"r\xe9ponses.csv"))
    survey_answers_import(campaign=campaign, path=path, today=TODAY)
    assert SurveyImport.objects.get().file_name == "r\ufffdponses.csv"


def test_a_damaged_xlsx_answers_file_is_refused_in_french(campaign, tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    for _ in range(100):
        book.active.append(_row("2"))
    book.save(tmp_path / "sound.xlsx")
    path = tmp_path / "reponses.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "sound.xlsx") as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) * 3 // 4] + b"<c r='A"  # cut among the rows
            target.writestr(info, content)
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    assert [p.split(" : ", 1)[1] for p in error.value.problems] == [
        "feuille illisible (fichier XLSX endommagé ou qui n'est pas un classeur)"
    ]
    assert not SurveyResponse.objects.exists() and not SurveyImport.objects.exists()


def test_a_questionnaire_missing_its_parts_is_refused_with_every_problem(tmp_path: Path) -> None:
    from barometre.survey.questionnaire import questionnaire_read

    path = tmp_path / "q.yaml"
    path.write_text("version: '9'\nname: x\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as refused:
        questionnaire_read(path)
    assert (
        str(refused.value).splitlines()[0]
        == f"Questionnaire invalide, rien n'a été chargé\u00a0: {path}"
    )
    problems = refused.value.problems
    assert "(racine)\u00a0: clé obligatoire manquante\u00a0: axes" in problems
    assert any(p.startswith("name\u00a0: ") for p in problems) and len(problems) == 6
