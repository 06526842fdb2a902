"""Hostile or careless files: a clear error naming the line, never a traceback."""

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook

from barometre.assessments.models import Assessment, Cell, ImportBatch
from barometre.assessments.services import assessments_import
from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS
from barometre.core.errors import BarometreError, ValidationFailed
from tests.factories import CommuneFactory

HEADER = "commune_code,service_id,level,evidence_url,note\n"


def write(tmp_path: Path, text: str, name: str = "grid.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(campaign, path: Path, **options):
    options.setdefault("author", "analyste")
    return assessments_import(campaign=campaign, path=path, now=timezone.now(), **options)


def refused(campaign, path: Path, **options) -> list[str]:
    with pytest.raises(ValidationFailed) as error:
        run(campaign, path, **options)
    assert not Assessment.objects.exists() and not Cell.objects.exists()
    return error.value.problems


def test_a_superscript_digit_is_not_a_level(campaign, tmp_path: Path) -> None:
    problems = refused(campaign, write(tmp_path, HEADER + "75056,urbanisme,³,https://a.test/,\n"))
    assert problems == ["ligne 2 : niveau « ³ » invalide (0 à 5 ou na)"]


def test_a_huge_note_is_refused_with_its_line(campaign, tmp_path: Path) -> None:
    note = "x" * 140_000
    path = write(
        tmp_path,
        HEADER
        + f"75056,urbanisme,1,https://a.test/,ok\n69123,urbanisme,1,https://a.test/,{note}\n",
    )
    problems = refused(campaign, path)
    assert problems[0].startswith("ligne 3 : un champ dépasse 131072 caractères")


def test_a_long_note_under_the_csv_cap_is_refused_by_the_domain(campaign, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + f"75056,urbanisme,1,https://a.test/,{'x' * 30_000}\n")
    assert refused(campaign, path) == [
        "ligne 2 : urbanisme : note de 30000 caractères (au plus 20000)"
    ]


def test_an_unclosed_quote_is_an_error_not_a_note(campaign, tmp_path: Path) -> None:
    text = (
        HEADER + '75056,urbanisme,1,https://a.test/,"dépôt\n69123,urbanisme,2,https://b.test/,ok\n'
    )
    problems = refused(campaign, write(tmp_path, text))
    assert problems[0].startswith("ligne 2 : guillemet ouvert et jamais fermé")


def test_an_unclosed_quote_closed_by_a_later_field_is_caught(campaign, tmp_path: Path) -> None:
    text = (
        HEADER + '75056,urbanisme,1,https://a.test/,"dépôt\n69123,urbanisme,2,https://b.test/,x",\n'
    )
    problems = refused(campaign, write(tmp_path, text))
    assert problems[0].startswith("ligne 2 : guillemet ouvert et jamais fermé")


def test_a_malformed_csv_is_said_in_french(campaign, tmp_path: Path) -> None:
    """Text after a closing quote, in a row or in the header, read « CSV mal formé (',' expected
    after '"') » and « en-tête illisible (',' expected after '"') »: the csv module's English."""
    row = refused(campaign, write(tmp_path, HEADER + '75056,urbanisme,1,https://a.test/,"a"b\n'))
    header = refused(campaign, write(tmp_path, 'commune_code,"service_id"x,level\n75056,a,1\n'))
    glued = (
        'texte collé à un guillemet fermant\u00a0; dans un champ, un guillemet se double\u00a0: ""'
    )
    assert row[0].startswith(f"ligne 2\u00a0: CSV mal formé ({glued})"), row
    assert header[0] == f"ligne 1\u00a0: en-tête illisible ({glued})", header
    assert not any("expected" in p for p in row + header)


def test_a_note_on_several_lines_is_still_a_note(campaign, tmp_path: Path) -> None:
    text = HEADER + '75056,urbanisme,1,https://a.test/,"première ligne\nseconde, ligne"\n'
    assert run(campaign, write(tmp_path, text)).cells == 1
    assert Assessment.objects.get().note == "première ligne\nseconde, ligne"


def test_extra_columns_are_refused_not_dropped(campaign, tmp_path: Path) -> None:
    text = HEADER + "75056,urbanisme,1,https://a.test/,note,de trop\n"
    problems = refused(campaign, write(tmp_path, text))
    assert problems == [
        "ligne 2 : 6 valeurs pour 5 colonnes nommées : valeurs hors colonnes refusées (« de trop »)"
    ]


def test_a_truncated_row_is_refused_not_read_with_empty_cells(campaign, tmp_path: Path) -> None:
    """A row with fewer cells than the header is a damaged file (its missing cells were read as
    empty: a wide row cut short lost its last levels); the lines with the same count are named
    together. "a,b," has 3 cells: an empty last cell written with its separator is there."""
    rows = "75056,urbanisme,1\n69123,urbanisme,1\n75056,bibliotheque,1,https://a.test/\n"
    problems = refused(campaign, write(tmp_path, HEADER + rows + "69123,bibliotheque,2\n"))
    end = " pour 5 colonnes dans l'en-tête\u00a0: ligne tronquée (une case vide s'écrit entre"
    assert problems == [
        f"3 cellules{end} deux séparateurs) — 3 lignes\u00a0: 2, 3, 5",
        f"ligne 4\u00a0: 4 cellules{end} deux séparateurs)",
    ]
    wide = "commune_code,urbanisme,evidence_url,bibliotheque\n"
    assert refused(campaign, write(tmp_path, wide + "75056,1,https://a.test/\n")) == [
        "ligne 2\u00a0: 3 cellules pour 4 colonnes dans l'en-tête\u00a0: ligne tronquée (une "
        "case vide s'écrit entre deux séparateurs)"
    ]
    assert not ImportBatch.objects.exists()
    trailing = write(tmp_path, wide + "75056,1,https://a.test/,\n")  # 4 cells, the last empty
    assert run(campaign, trailing).cells == 1


@pytest.mark.parametrize(
    "header",
    [
        "commune_code,service_id,level,level,evidence_url\n",  # long form: which level?
        "commune_code,commune_code,urbanisme\n",  # wide form: which commune?
        "commune_code,urbanisme,URBANISME\n",
    ],
)
def test_a_column_named_twice_is_refused(campaign, tmp_path: Path, header: str) -> None:
    path = write(tmp_path, header + "75056,69123,1,2,https://a.test/\n")
    (problem,) = refused(campaign, path)
    assert problem.startswith("ligne 1 : colonne « ") and " en double (colonnes " in problem
    assert not ImportBatch.objects.exists()


def test_a_folder_is_not_a_missing_file(campaign, tmp_path: Path) -> None:
    with pytest.raises(BarometreError, match="est un dossier"):
        run(campaign, tmp_path)


def test_a_value_under_an_unnamed_xlsx_column_is_refused(campaign, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["commune_code", "service_id", "level", "evidence_url", "note", None])
    sheet.append(["75056", "urbanisme", 1, "https://a.test/", "", "perdu ?"])
    book.save(tmp_path / "grid.xlsx")
    problems = refused(campaign, tmp_path / "grid.xlsx")
    assert problems[0].startswith("ligne 2 : 6 valeurs pour 5 colonnes nommées")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("75056,urbanisme,1,https://a.test/,a\x00b", "note contient un caractère NUL"),
        (f"75056,urbanisme,1,https://a.test/{'p' * 2000},", "URL de preuve de 2015 caractères"),
        ("75056,urbanisme,1,javascript:alert(1),", "une adresse http(s) avec un nom d'hôte"),
        ("75056,urbanisme,1,not a url,", "une adresse http(s) avec un nom d'hôte"),
        ("75056,urbanisme,1,https://,", "une adresse http(s) avec un nom d'hôte"),
        ("75056,urbanisme,1,https://a.test:99999/,", "URL de preuve invalide"),
    ],
)
def test_values_the_database_would_refuse_are_refused_first(
    campaign, tmp_path: Path, row: str, reason: str
) -> None:
    problems = refused(campaign, write(tmp_path, HEADER + row + "\n"))
    assert len(problems) == 1 and problems[0].startswith("ligne 2 : urbanisme : ")
    assert reason in problems[0]


def test_an_author_too_long_is_refused(campaign, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "75056,urbanisme,1,https://a.test/,\n")
    with pytest.raises(BarometreError, match="auteur de 151 caractères"):
        run(campaign, path, author="a" * 151)
    assert not Assessment.objects.exists()


def test_row_and_size_caps_name_the_option(campaign, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "75056,urbanisme,1,https://a.test/,\n69123,urbanisme,1,https://a.test/,\n",
    )
    problems = refused(campaign, path, limits=replace(DEFAULT_TABLE_LIMITS, max_rows=1))
    assert problems == ["ligne 3\u00a0: plus de 1 ligne (--max-rows pour relever le plafond)"]
    rows = "".join(f"75056,urbanisme,1,https://a.test/{n},\n" for n in range(1_001))
    many = write(tmp_path, HEADER + rows)
    problems = refused(campaign, many, limits=replace(DEFAULT_TABLE_LIMITS, max_rows=1_000))
    assert problems == [
        "ligne 1002\u00a0: plus de 1\u00a0000 lignes (--max-rows pour relever le plafond)"
    ]
    problems = refused(campaign, path, limits=replace(DEFAULT_TABLE_LIMITS, max_bytes=10))
    assert "--max-mb" in problems[0]
    from django.core.management import call_command

    for option in ("--max-mb", "--max-rows"):
        with pytest.raises(BarometreError, match=f"{option} doit valoir au moins 1"):
            call_command(
                "assessments", "import", str(path), "--campaign", campaign.name, option, "-1"
            )
    assert not ImportBatch.objects.exists()


def test_an_xlsx_with_inflated_shared_strings_is_refused_before_parsing(
    campaign, tmp_path: Path
) -> None:
    book = Workbook()
    book.active.append(["commune_code", "service_id", "level", "evidence_url", "note"])
    book.save(tmp_path / "base.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "base.xlsx") as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        with target.open("xl/sharedStrings.xml", "w") as part:
            for _ in range(70):
                part.write(b" " * 2**20)
    assert bomb.stat().st_size < 2**20
    problems = refused(campaign, bomb)
    assert "sharedStrings.xml" in problems[0] and "plafond 64 Mo" in problems[0]


def test_codes_without_their_leading_zero_are_understood(campaign, tmp_path: Path) -> None:
    nice = CommuneFactory(code="06088", name="Nice")
    campaign.communes.add(nice)
    path = write(tmp_path, HEADER + "6088,urbanisme,2,https://nice.test/,\n")
    assert run(campaign, path).cells == 1
    assert Cell.objects.get(commune_id="06088").level == 2


def test_codes_without_their_leading_zero_in_xlsx(campaign, tmp_path: Path) -> None:
    campaign.communes.add(CommuneFactory(code="06088", name="Nice"))
    book = Workbook()
    book.active.append(["commune_code", "urbanisme", "evidence_url"])
    book.active.append([6088, 2, "https://nice.test/"])
    book.save(tmp_path / "wide.xlsx")
    assert run(campaign, tmp_path / "wide.xlsx").cells == 1


def test_repeated_problems_are_grouped_with_their_first_lines(campaign, tmp_path: Path) -> None:
    outside = [CommuneFactory(code=f"130{n:02d}") for n in range(7)]
    rows = [
        f"{c.code},{s},1,https://a.test/," for c in outside for s in ("urbanisme", "bibliotheque")
    ]
    rows += ["75056,urbanisme,9,https://a.test/,"]
    problems = refused(campaign, write(tmp_path, HEADER + "\n".join(rows) + "\n"))
    codes = ", ".join(c.code for c in outside)
    assert problems == [
        f"7 communes ne sont pas dans la campagne : {codes} — 14 lignes : 2, 3, 4, 5, 6, …",
        "ligne 16 : urbanisme : niveau 9 hors de l'échelle 0–5",
    ]


def test_the_same_file_twice_is_detected_and_force_records_it_again(
    campaign, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "75056,urbanisme,1,https://a.test/,\n")
    run(campaign, path)
    with pytest.raises(BarometreError, match="déjà été importé.*--force"):
        run(campaign, path)
    assert Assessment.objects.count() == 1
    summary = run(campaign, path, force=True)
    assert summary.again and Assessment.objects.count() == 2
    assert ImportBatch.objects.count() == 2
    assert Cell.objects.get().assessment == Assessment.objects.latest("id")


def test_an_import_takes_cells_that_exist_and_creates_the_others(campaign, tmp_path: Path) -> None:
    run(campaign, write(tmp_path, HEADER + "75056,urbanisme,1,https://a.test/,\n", "a.csv"))
    run(
        campaign,
        write(
            tmp_path, HEADER + "75056,urbanisme,3,https://b.test/,\n69123,urbanisme,0,,\n", "b.csv"
        ),
    )
    cells = {c.commune_id: (c.level, c.assessment.evidence_url) for c in Cell.objects.all()}
    assert cells == {"75056": (3, "https://b.test/"), "69123": (0, "")}


def test_an_xlsx_sheet_of_millions_of_tiny_rows_is_refused_before_reading(
    campaign, tmp_path: Path
) -> None:
    book = Workbook()
    book.active.append(["commune_code", "service_id", "level", "evidence_url", "note"])
    book.save(tmp_path / "base.xlsx")
    rows = tmp_path / "rows.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "base.xlsx") as source,
        zipfile.ZipFile(rows, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            row = b'<row><c t="n"><v>1</v></c></row>'
            for _ in range(40):
                part.write(row * 20_000)
            part.write(b"</sheetData></worksheet>")
    assert rows.stat().st_size < 200_000
    problems = refused(campaign, rows)
    assert "sheet1.xml" in problems[0] and "bombe" in problems[0]


def test_a_header_alone_is_refused_and_records_no_batch(campaign, tmp_path: Path) -> None:
    assert refused(campaign, write(tmp_path, HEADER)) == [
        "ligne 1 : en-tête seul, aucune ligne de valeurs"
    ]
    assert not ImportBatch.objects.exists()


def test_an_empty_commune_code_is_said_to_be_empty(campaign, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + ",urbanisme,1,https://a.test/,\n")
    assert refused(campaign, path) == ["ligne 2 : code de commune vide"]


def test_an_evidence_url_with_credentials_is_refused(campaign, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "75056,urbanisme,1,https://moi:secret@a.test/,\n")
    assert refused(campaign, path) == [
        "ligne 2 : urbanisme : URL de preuve avec un identifiant ou un mot de passe, à retirer"
    ]


def _damaged_sheet(tmp_path: Path, rows: int, keep: float) -> Path:
    """A workbook whose sheet XML is cut at `keep` of its length: a sound ZIP, a broken sheet."""
    book = Workbook()
    book.active.append(["commune_code", "service_id", "level", "evidence_url", "note"])
    for _ in range(rows):
        book.active.append(["75056", "urbanisme", 1, "https://a.test/", ""])
    book.save(tmp_path / "sound.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with (
        zipfile.ZipFile(tmp_path / "sound.xlsx") as source,
        zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content[: int(len(content) * keep)] + b"<c r='A"
            target.writestr(info, content)
    return damaged


@pytest.mark.parametrize(("rows", "keep", "line"), [(0, 0.5, 1), (200, 0.8, None)])
def test_a_damaged_xlsx_sheet_is_refused_with_a_french_reason(
    campaign, tmp_path: Path, rows: int, keep: float, line: int | None
) -> None:
    problems = refused(campaign, _damaged_sheet(tmp_path, rows, keep))
    assert len(problems) == 1, problems
    problem = problems[0]
    if line is not None:
        assert problem.startswith(f"ligne {line} : ")
    else:  # cut among the rows: the line after the last one read
        assert int(problem.split()[1]) > 2
    assert problem.endswith(
        "feuille illisible (fichier XLSX endommagé ou qui n'est pas un classeur)"
    ), problem
    assert "Error" not in problem and not ImportBatch.objects.exists()


def test_the_command_reports_a_damaged_xlsx_in_french(campaign, tmp_path: Path) -> None:
    from django.core.management import call_command

    path = _damaged_sheet(tmp_path, 0, 0.5)
    with pytest.raises(ValidationFailed) as error:
        call_command("assessments", "import", str(path), "--campaign", campaign.name)
    assert "fichier XLSX endommagé" in str(error.value.problems)
    assert not Assessment.objects.exists() and not ImportBatch.objects.exists()
