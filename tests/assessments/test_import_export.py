"""Import is all or nothing and lists every bad row; export gives back the same formats."""

from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook

from barometre.assessments.models import Assessment, Cell
from barometre.assessments.services import assessments_export, assessments_import
from barometre.assessments.services.export import assessments_template
from barometre.core.errors import BarometreError, ValidationFailed

HEADER = "commune_code,service_id,level,evidence_url,note\n"


def write(tmp_path: Path, text: str, name: str = "grid.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(campaign, path: Path):
    return assessments_import(campaign=campaign, path=path, author="analyste", now=timezone.now())


def test_long_form_import(campaign, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "75056,urbanisme,3,https://ville.test/gnau,dépôt en ligne\n"
        "75056,encombrants,na,,collecte par la métropole\n69123,urbanisme,0,,\n",
    )
    summary = run(campaign, path)
    assert (summary.form, summary.cells, summary.not_applicable, summary.communes) == (
        "long",
        3,
        1,
        2,
    )
    assert Cell.objects.get(commune_id="75056", service__slug="urbanisme").level == 3


def test_every_bad_row_is_listed_with_its_line_and_nothing_is_written(
    campaign, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        HEADER
        + "75056,urbanisme,3,https://ville.test/a,\n"  # 2: fine
        + "99999,urbanisme,1,https://ville.test/b,\n"  # 3: unknown commune
        + "13055,urbanisme,1,https://ville.test/b,\n"  # 4: not in the campaign
        + "75056,creche,1,https://ville.test/c,\n"  # 5: unknown service
        + "75056,periscolaire,7,https://ville.test/d,\n"  # 6: out of range
        + "75056,titres-identite,4,https://ville.test/e,\n"  # 7: above max_level
        + "75056,urbanisme,2,https://ville.test/f,\n"  # 8: duplicate of line 2
        + "75056,bibliotheque,2,,\n"  # 9: missing evidence
        + "69123,bibliotheque,beaucoup,https://x.test,\n"  # 10: not a level
        + "69123,encombrants,,,\n",  # 11: missing level
    )
    with pytest.raises(ValidationFailed) as error:
        run(campaign, path)
    *problems, hint = error.value.problems
    assert [p.split(" :")[0] for p in problems] == [f"ligne {n}" for n in range(3, 12)]
    # an unknown service names where the identifiers are (« creche » for « petite-enfance »)
    assert hint == (
        "identifiants des services\u00a0: «\u00a0barometre services list --campaign "
        f"{campaign.name}\u00a0»"
    )
    assert "commune inconnue" in problems[0]
    assert "hors de la campagne" in problems[1]
    assert "service inconnu" in problems[2]
    assert "hors de l'échelle" in problems[3]
    assert "maximum 3" in problems[4]
    assert "double" in problems[5] and "ligne 2" in problems[5]
    assert "preuve" in problems[6]
    assert "invalide" in problems[7]
    assert "manquant" in problems[8]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "header", ["commune_code,etat-civil\n", "commune_code,actes-etat-civil,etat_civil\n"]
)
def test_a_wide_file_with_an_unknown_service_column_names_the_identifiers(
    campaign, tmp_path: Path, header: str
) -> None:
    path = write(tmp_path, header + "75056,3\n")
    with pytest.raises(ValidationFailed) as error:
        run(campaign, path)
    assert error.value.problems[-1].endswith(
        f"«\u00a0barometre services list --campaign {campaign.name}\u00a0»"
    )


def test_bad_encoding_is_refused_with_its_line(campaign, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(
        (HEADER + "75056,urbanisme,1,https://a.test,Mairie annexe é\n").encode("cp1252")
    )
    with pytest.raises(ValidationFailed) as error:
        run(campaign, path)
    (said,) = error.value.problems  # Excel's « CSV (séparateur : point-virgule) » is cp1252
    assert said.startswith("ligne 2\u00a0: encodage invalide (le fichier doit être en UTF-8)")
    assert "enregistrez-le en «\u00a0CSV UTF-8\u00a0» (Excel\u00a0: Enregistrer sous" in said


def _workbooks(tmp_path: Path) -> dict[str, Path]:
    """An Excel workbook named .csv, a LibreOffice one (.ods) and an Excel 97-2003 one (.xls)."""
    import zipfile

    book = Workbook()
    book.active.append(["commune_code", "service_id", "level"])
    book.save(tmp_path / "grille.csv")
    with zipfile.ZipFile(tmp_path / "grille.ods", "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    (tmp_path / "grille.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    return {name: tmp_path / name for name in ("grille.csv", "grille.ods", "grille.xls")}


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("grille.csv", "classeur Excel (.xlsx), pas un fichier CSV\u00a0: renommez-le en .xlsx"),
        (
            "grille.ods",
            "classeur LibreOffice (.ods), pas un fichier CSV\u00a0: enregistrez-le en .xlsx",
        ),
        ("grille.xls", "classeur Excel 97-2003 (.xls), pas un fichier CSV\u00a0: enregistrez-le"),
    ],
)
def test_a_workbook_read_as_csv_is_named_as_a_workbook(
    campaign, tmp_path: Path, name: str, said: str
) -> None:
    """A workbook saved as .ods or .xls, or an .xlsx renamed .csv, was refused as « encodage
    invalide (le fichier doit être en UTF-8) »."""
    with pytest.raises(ValidationFailed) as error:
        run(campaign, _workbooks(tmp_path)[name])
    assert len(error.value.problems) == 1 and said in error.value.problems[0], error.value.problems


def test_unknown_columns_and_unrecognised_format(campaign, tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed, match="En-tête"):
        run(campaign, write(tmp_path, HEADER.strip() + ",couleur\n75056,urbanisme,0,,,bleu\n"))
    with pytest.raises(ValidationFailed, match="Format non reconnu"):
        run(campaign, write(tmp_path, "ville,note\nParis,3\n"))


def test_wide_form_with_semicolons_and_per_service_evidence(campaign, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "commune_code;urbanisme;urbanisme.evidence_url;encombrants;evidence_url\n"
        "75056;3;https://ville.test/gnau;2;https://ville.test/audit-paris\n"
        "69123;na;;;https://ville.test/audit-lyon\n",
    )
    summary = run(campaign, path)
    assert (summary.form, summary.cells, summary.not_applicable) == ("wide", 3, 1)
    url = Cell.objects.get(commune_id="75056", service__slug="encombrants").assessment.evidence_url
    assert url == "https://ville.test/audit-paris"


def test_xlsx_import(campaign, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["commune_code", "service_id", "level", "evidence_url", "note"])
    sheet.append(["75056", "urbanisme", 4, "https://ville.test/gnau", "paiement en ligne"])
    sheet.append([69123, "urbanisme", 9, "https://ville.test/x", None])
    path = tmp_path / "grid.xlsx"
    book.save(path)
    with pytest.raises(ValidationFailed) as error:
        run(campaign, path)
    assert error.value.problems[0].startswith("ligne 3 :")
    assert "hors de l'échelle" in error.value.problems[0]


@pytest.mark.parametrize("wide", [False, True])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_round_trips(campaign, tmp_path: Path, wide: bool, suffix: str) -> None:
    run(
        campaign,
        write(
            tmp_path, HEADER + "75056,urbanisme,3,https://ville.test/a,ok\n69123,encombrants,na,,\n"
        ),
    )
    out = tmp_path / f"export{suffix}"
    assert assessments_export(campaign=campaign, out=out, wide=wide) == 2
    Cell.objects.all().delete()
    Assessment.objects.all().delete()
    summary = run(campaign, out)
    assert (summary.cells, summary.not_applicable) == (2, 1)
    assert Cell.objects.get(commune_id="75056", service__slug="urbanisme").assessment.note == "ok"


def test_an_unfilled_wide_grid_is_not_called_a_header_alone(campaign, tmp_path: Path) -> None:
    """The wide grid of `assessments template`, imported before it is filled, has a row per
    commune and no level: it was refused as « en-tête seul, aucune ligne de valeurs »."""
    grid = tmp_path / "grille.csv"
    assessments_template(campaign=campaign, out=grid, wide=True)
    with pytest.raises(ValidationFailed) as error:
        run(campaign, grid)
    assert error.value.problems == [
        "aucun niveau rempli : toutes les cases des services sont vides (une grille de "
        "« assessments template » pas encore remplie ?)"
    ]
    header_only = write(tmp_path, "commune_code,urbanisme\n", name="entete.csv")
    with pytest.raises(ValidationFailed) as error:
        run(campaign, header_only)
    assert error.value.problems == ["ligne 1 : en-tête seul, aucune ligne de valeurs"]


@pytest.mark.parametrize("name", ["grille.xls", "grille.ods", "grille.json"])
def test_export_and_template_refuse_an_extension_that_is_not_csv_nor_xlsx(
    campaign, tmp_path: Path, name: str
) -> None:
    """`--out grille.xls` wrote CSV text under a name that Excel opens as a workbook (and
    LibreOffice `.ods` likewise): refused before anything is written."""
    out = tmp_path / name
    for write_grid in (assessments_export, assessments_template):
        with pytest.raises(BarometreError, match=r"Extension « \.\w+ » non prise en charge"):
            write_grid(campaign=campaign, out=out)
    assert not out.exists()
    assert assessments_template(campaign=campaign, out=tmp_path / "grille") > 0  # no extension


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_never_writes_a_formula_and_round_trips_the_text(
    campaign, tmp_path: Path, suffix
) -> None:
    note = '=HYPERLINK("http://x.test","clic")'
    run(
        campaign,
        write(
            tmp_path,
            HEADER
            + f'75056,urbanisme,3,https://ville.test/a,"{note.replace(chr(34), chr(34) * 2)}"\n',
        ),
    )
    out = tmp_path / f"export{suffix}"
    assessments_export(campaign=campaign, out=out)
    if suffix == ".csv":
        assert "'=HYPERLINK" in out.read_text(encoding="utf-8")
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet["E2"].data_type == "s"
        assert sheet["E2"].value == note
    Cell.objects.all().delete()
    Assessment.objects.all().delete()
    run(campaign, out)
    assert Cell.objects.get(commune_id="75056", service__slug="urbanisme").assessment.note == note
