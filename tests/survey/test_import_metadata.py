"""An export of a questionnaire tool (LimeSurvey: `id`, `submitdate`, `lastpage`,
`startlanguage`, `seed`, `startdate`, `datestamp`, `ipaddr`, `refurl` before the answers) was
refused, each of those columns an « affirmation inconnue ». They are the tool's, not answers:
ignored, never stored (`ipaddr` is a personal datum), and said so in the import's summary. A
response the tool records as not finished (`submitdate` empty) is skipped, as the web form
stores only a form sent whole. A column neither an answer nor a known tool column is still
refused, named once with what the import expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.core.errors import ValidationFailed
from barometre.survey.models import SurveyCampaign, SurveyImport, SurveyResponse
from barometre.survey.questionnaire import default_questionnaire
from barometre.survey.services import survey_answers_import
from tests.survey.conftest import TODAY

STATEMENTS = default_questionnaire().statement_ids
TOOL = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"]
TOOL_END = ["ipaddr", "refurl"]
HEADER = [*TOOL, *TOOL_END, "role", "collectivite", *STATEMENTS]
SHORT_HEADER = ["role", "collectivite", *STATEMENTS]  # the answers alone, no tool column


def _row(number: int, submitted: str = "2026-11-30 10:12:01", value: str = "3") -> list[str]:
    tool = [str(number), submitted, "7", "fr", "123456", "2026-11-30 10:02:11"]
    return [*tool, "2026-11-30 10:12:01", "192.0.2.17", "https://intranet.example/", "agent",
            "90001", *[value] * len(STATEMENTS)]  # fmt: skip


def _csv(tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path = tmp_path / "limesurvey.csv"
    text = "\n".join(";".join(r) for r in [header, *rows]) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(campaign: SurveyCampaign, path: Path) -> list[str]:
    """The problems the import of `path` is refused with; nothing stored."""
    with pytest.raises(ValidationFailed) as error:
        survey_answers_import(campaign=campaign, path=path, today=TODAY)
    assert not SurveyResponse.objects.exists()
    return error.value.problems


def test_a_limesurvey_export_is_imported_its_tool_columns_ignored(
    campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [_row(1), _row(2, value="2"), _row(3, submitted=""), _row(4, value="nsp")]
    call_command("survey", "import-answers", str(_csv(tmp_path, rows)), "--campaign", "essai")
    out = capsys.readouterr().out
    assert "2 répondants importés dans «\u00a0essai\u00a0»" in out
    assert (
        "Colonnes de l'outil de questionnaire ignorées, sans rien en enregistrer\u00a0: id, "
        "submitdate, lastpage, startlanguage, seed, startdate, datestamp, ipaddr (adresse IP), "
        "refurl." in out
    )
    assert (
        "Réponses non terminées dans l'outil (submitdate vide), ignorées et non comptées comme "
        "répondants, ligne 4." in out
    )
    assert "ignorées et non comptées comme répondants\u00a0: 5." in out  # « nsp » everywhere
    assert sorted(r.answers[STATEMENTS[0]] for r in SurveyResponse.objects.all()) == [2, 3]
    stored = repr(list(SurveyResponse.objects.values())) + repr(list(SurveyImport.objects.values()))
    for datum in ("192.0.2.17", "intranet.example", "123456", "10:12"):
        assert datum not in stored


def test_the_summary_names_the_ignored_columns(campaign, tmp_path: Path) -> None:
    header = [h.upper() if h in ("id", "ipaddr") else h for h in HEADER]
    summary = survey_answers_import(
        campaign=campaign, path=_csv(tmp_path, [_row(1)], header), today=TODAY
    )
    assert summary.respondents == 1 and summary.unfinished == ()
    assert summary.ignored == (*["ID", *TOOL[1:]], "IPADDR", "refurl")


def test_every_response_unfinished_is_refused_as_such(campaign, tmp_path: Path) -> None:
    path = _csv(tmp_path, [_row(1, submitted=""), _row(2, submitted="")])
    assert _refused(campaign, path) == [
        "aucune réponse terminée\u00a0: chaque ligne a une submitdate vide (réponse non "
        "terminée dans l'outil de questionnaire)"
    ]


def test_an_unknown_column_is_still_refused_and_named_once(campaign, tmp_path: Path) -> None:
    header = [*HEADER, "horodatage", "Q99"]
    path = _csv(tmp_path, [[*_row(1), "x", "4"]], header)
    assert _refused(campaign, path) == [
        "en-tête\u00a0: colonnes inconnues «\u00a0horodatage\u00a0», «\u00a0Q99\u00a0»\u00a0: "
        "ni des affirmations du questionnaire 2026.1, ni «\u00a0role\u00a0» ou "
        "«\u00a0collectivite\u00a0», ni des colonnes connues d'un outil de questionnaire "
        "(id, submitdate…)\u00a0; renommez-les ou retirez-les du fichier"
    ]


def test_a_response_exported_twice_is_refused_by_its_id(campaign, tmp_path: Path) -> None:
    """Two exports pasted together, or a response copied twice, gave two respondents; the
    tool's response id tells the same response: the file is refused, the lines named."""
    path = _csv(tmp_path, [_row(1), _row(2), _row(1, value="2")])
    assert _refused(campaign, path) == [
        "ligne 4\u00a0: réponse d'identifiant (id) «\u00a01\u00a0» déjà présente ligne 2\u00a0: "
        "la même réponse de l'outil, exportée deux fois, ne compte qu'une fois\u00a0; retirez "
        "l'une des deux lignes"
    ]


def test_the_summary_says_which_ids_were_imported_for_the_next_export(
    campaign, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tool's export holds every response so far: the next one, whole, would count these
    again under another file hash. The summary gives the ids imported, to export after them."""
    rows = [_row(3), _row(4, submitted=""), _row(7), _row(5)]
    call_command("survey", "import-answers", str(_csv(tmp_path, rows)), "--campaign", "essai")
    out = capsys.readouterr().out
    assert (
        "Réponses importées\u00a0: identifiants (id) 3 à 7 de l'outil. Au prochain import, "
        "n'exportez que les réponses terminées d'identifiant supérieur à 7\u00a0: un export "
        "complet compterait ces répondants une seconde fois." in out
    )
    assert SurveyResponse.objects.count() == 3


def test_the_help_says_what_file_the_import_reads() -> None:
    """The help said « CSV » only, and nothing of the columns: a coordinator with an XLSX
    export, or LimeSurvey's, could not tell it would be read."""
    import argparse

    from barometre.survey.management.commands.survey import Command

    parser = Command().create_parser("barometre", "survey")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    text = " ".join(sub.choices["import-answers"].format_help().split())
    assert "Importer des réponses d'un fichier CSV ou XLSX, une ligne par répondant" in text
    assert "une colonne role, une par affirmation (son identifiant)" in text
    assert (
        "les colonnes d'un outil de questionnaire (id, submitdate, ipaddr…) sont ignorées" in text
    )


def test_answers_exported_as_their_labels_are_read(campaign, tmp_path: Path) -> None:
    """A tool exporting the answers' texts rather than their codes (LimeSurvey's « réponses
    complètes ») wrote « Plutôt vrai » in every cell, each refused as out of the scale: the
    questionnaire's own labels are read as their value, in any case, as a role's label is."""
    spec = default_questionnaire()
    cells = [spec.scale[n % 5].upper() if n % 2 else spec.scale[n % 5] for n in range(30)]
    cells[0] = spec.dont_know
    path = _csv(tmp_path, [["agent", "90001", *cells]], SHORT_HEADER)
    assert survey_answers_import(campaign=campaign, path=path, today=TODAY).respondents == 1
    stored = SurveyResponse.objects.get().answers
    assert [stored[s] for s in STATEMENTS] == [None, *[n % 5 for n in range(1, 30)]]


def test_an_empty_role_is_said_missing(campaign, tmp_path: Path) -> None:
    """An empty role cell read « rôle «  » absent du questionnaire », empty quotes a reader
    could not make out."""
    path = _csv(tmp_path, [["", "90001", *["3"] * 30]], SHORT_HEADER)
    assert _refused(campaign, path) == [
        "ligne 2\u00a0: rôle vide\u00a0: indiquez agent, encadrant, dsi, elu ou direction (ou "
        "leur libellé)"
    ]


def test_limesurvey_s_timings_are_ignored_as_tool_columns(campaign, tmp_path: Path) -> None:
    """A survey that saves timings exports, after `interviewtime` (the whole response, in
    seconds), one column a page (`groupTime<group id>`) and one a question (its code and
    `Time`): durations, no answers. Each was refused as an unknown statement."""
    timings = ["interviewtime", "groupTime12", "groupTime13", "roleTime", "collectiviteTime"]
    timings += [f"{s}Time" for s in STATEMENTS]
    header = [*HEADER, *timings]
    rows = [[*_row(1), *["41.5"] * len(timings)], [*_row(2, value="2"), *["7"] * len(timings)]]
    summary = survey_answers_import(
        campaign=campaign, path=_csv(tmp_path, rows, header), today=TODAY
    )
    assert summary.respondents == 2
    assert summary.ignored == (*TOOL, *TOOL_END, *timings)
    assert sorted(r.answers[STATEMENTS[0]] for r in SurveyResponse.objects.all()) == [2, 3]
