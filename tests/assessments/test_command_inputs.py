"""`barometre assessments` with odd inputs: a blank author, standard output, tab-separated
files; each gets a French answer and nothing is lost."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from barometre.assessments.models import Assessment, ImportBatch
from barometre.assessments.services import assessments_import
from barometre.core.errors import BarometreError, ValidationFailed

GRID = (
    "commune_code,service_id,level,evidence_url,note\n"
    "75056,urbanisme,1,https://a.test/urba,vu\n"
    "69123,urbanisme,0,,\n"
)


def grid(tmp_path: Path, text: str = GRID, name: str = "grille.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BLANK = "--author est vide\u00a0: indiquez qui a produit"


@pytest.mark.parametrize(
    ("author", "refusal", "said"),
    [
        ("", CommandError, "argument --author\u00a0: valeur vide\u00a0; donnez-en une"),  # as any
        ("   ", BarometreError, BLANK),
        ("\t", BarometreError, BLANK),
    ],
)
def test_a_blank_author_is_refused_and_nothing_is_imported(
    campaign, tmp_path: Path, author: str, refusal: type[Exception], said: str
) -> None:
    with pytest.raises(refusal, match=said):
        call_command(
            "assessments",
            "import",
            str(grid(tmp_path)),
            "--campaign",
            "2026",
            "--author",
            author,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not Assessment.objects.exists() and not ImportBatch.objects.exists()


def test_an_author_is_kept_without_its_surrounding_spaces(campaign, tmp_path: Path) -> None:
    call_command(
        "assessments",
        "import",
        str(grid(tmp_path)),
        "--campaign",
        "2026",
        "--author",
        "  Équipe A ",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert set(Assessment.objects.values_list("author", flat=True)) == {"Équipe A"}


def test_a_tab_separated_file_is_imported_as_such(campaign, tmp_path: Path) -> None:
    """Cells copied from a spreadsheet into a text file are separated by tabs: the header says
    so, and a comma or a quoted tab inside a note stays in it."""
    text = (
        "commune_code\tservice_id\tlevel\tevidence_url\tnote\n"
        '75056\turbanisme\t1\thttps://a.test/urba\t"vu, en ligne\tle 3"\n'
        "69123\turbanisme\t0\t\t\n"
    )
    out = StringIO()
    call_command(
        "assessments",
        "import",
        str(grid(tmp_path, text, "grille.tsv")),
        "--campaign",
        "2026",
        stdout=out,
        stderr=StringIO(),
    )
    assert out.getvalue().startswith("Import (forme longue) : 2 cellules importées")
    note = Assessment.objects.get(commune_id="75056").note
    assert note == "vu, en ligne\tle 3"


def test_the_summary_names_the_files_form_in_french(campaign, tmp_path: Path) -> None:
    """One line per commune is the « forme large » of the help, never the code's "wide"."""
    text = "commune_code,urbanisme,urbanisme.evidence_url\n75056,1,https://a.test/urba\n"
    out = StringIO()
    path = str(grid(tmp_path, text))
    call_command("assessments", "import", path, "--campaign", "2026", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("Import (forme large)\u00a0: 1 cellule importée")


@pytest.mark.parametrize("action", ["export", "template"])
def test_out_dash_writes_the_csv_on_the_standard_output_and_no_file(
    campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    """`--out -` is the standard output, as in other command-line tools: the CSV alone there
    (the count goes to the error output, so that a pipe receives only the CSV), and no file
    named « - »."""
    call_command(
        "assessments", "import", str(grid(tmp_path)), "--campaign", "2026", stdout=StringIO(),
        stderr=StringIO(),
    )  # fmt: skip
    (tmp_path / "grille.csv").unlink()
    monkeypatch.chdir(tmp_path)
    out, err = StringIO(), StringIO()
    call_command("assessments", action, "--campaign", "2026", "--out", "-", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("commune_code,service_id,level,evidence_url,note")
    assert {line.split(",")[0] for line in lines[1:]} == {"75056", "69123"}
    assert "sur la sortie standard" in err.getvalue()
    assert not (tmp_path / "-").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ["", "\ufeff\n\n", ",,,\n75056,urbanisme,1,\n"])
def test_an_empty_file_or_one_without_a_header_is_said_so(
    campaign, tmp_path: Path, text: str
) -> None:
    """It was « Format non reconnu », as if the columns were misnamed."""
    with pytest.raises(ValidationFailed) as error:
        assessments_import(
            campaign=campaign, path=grid(tmp_path, text), author="analyste", now=timezone.now()
        )
    assert error.value.problems == [
        "ligne 1 : fichier vide ou sans en-tête (la première ligne doit nommer les colonnes)"
    ]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["assessments", "import", "grille.csv", "--campaign", "2062", "--author", "moi"],
        ["assessments", "export", "--campaign", "2062", "--out", "sortie.csv"],
        ["evidence", "export-reviewed", "--campaign", "2062", "--out", "pages.jsonl"],
    ],
)
def test_a_mistyped_campaign_is_answered_with_the_campaigns_that_exist(
    campaign, tmp_path: Path, arguments: list[str]
) -> None:
    arguments = [str(tmp_path / a) if a.endswith((".csv", ".jsonl")) else a for a in arguments]
    with pytest.raises(BarometreError, match="Campagnes existantes\u00a0: 2026"):
        call_command(*arguments)
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_file_separated_by_pipes_says_which_separator_it_found(campaign, tmp_path: Path) -> None:
    """« Format non reconnu » listed the forms, not that the columns were separated by « | »."""
    path = grid(tmp_path, GRID.replace(",", "|"))
    with pytest.raises(ValidationFailed) as error:
        assessments_import(campaign=campaign, path=path, author="moi", now=timezone.now())
    assert "les colonnes y sont séparées par «\u00a0|\u00a0»" in error.value.problems[0]
    assert not Assessment.objects.exists()
