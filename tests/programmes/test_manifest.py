"""The manifest CSV: columns, aliases, separators, and rows with bad metadata."""

from __future__ import annotations

import re

import pytest

from barometre.core.errors import BarometreError
from barometre.programmes.manifest import ProgrammeMeta, meta_from_values, parse_manifest


def test_rows_are_parsed_with_defaults() -> None:
    rows = parse_manifest(
        "file,insee,election,list_name,head_of_list,round,won\n"
        "a.pdf,69123,2020,Ensemble pour Lyon,Jeanne Martin,1,oui\n"
        "b.html,69123,2020,  Lyon   demain ,,,\n"
    )
    assert [r.meta for r in rows] == [
        ProgrammeMeta("69123", 2020, "Ensemble pour Lyon", "Jeanne Martin", 1, True),
        ProgrammeMeta("69123", 2020, "Lyon demain", "", 1, False),
    ]
    assert [r.line for r in rows] == [2, 3]


def test_french_headers_semicolons_and_dropped_leading_zero() -> None:
    rows = parse_manifest(
        "\ufefffichier;code_insee;année;liste;tête_de_liste;tour;élue\n"
        "c.docx;1004;2026;Agir ensemble;Paul Durand;2;1\n"
    )
    assert rows[0].meta == ProgrammeMeta("01004", 2026, "Agir ensemble", "Paul Durand", 2, True)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("a.pdf,ABCDE,2020,Liste", "code INSEE"),
        ("a.pdf,69123,vingt,Liste", "année"),
        ("a.pdf,\u0667\u0665\u0660\u0665\u0666,2020,Liste", "code INSEE"),  # Arabic-Indic
        # ASCII digits only, as every other number read: int() takes these two
        ("a.pdf,69123,2_020,Liste", "année d'élection «\u00a02_020\u00a0» invalide (4 chiffres"),
        ("a.pdf,69123,\u0662\u0660\u0662\u0660,Liste", "année d'élection «\u00a0\u0662"),
        ("a.pdf,69123,2020.0,Liste", "année d'élection «\u00a02020.0\u00a0» invalide (4 chiffres"),
        ("a.pdf,69123,,Liste", "année d'élection manquante"),
        ("a.pdf,69123," + "9" * 60 + ",Liste", "«\u00a0" + "9" * 40 + "\u00a0» invalide"),
        ("a.pdf,69123,1850,Liste", "hors de la plage admise (1983 à 2032"),
        ("a.pdf,69123,2999,Liste", "hors de la plage admise (1983 à 2032"),
        ("a.pdf,69123,2040,Liste", "plage"),  # after the next general election (2032)
        ("a.pdf,69123,1982,Liste", "plage"),
        ("a.pdf,69123,2020,", "nom de liste"),
        (",69123,2020,Liste", "file"),
        ("a.pdf,69123,2020,Liste,,3", "tour"),
        ("a.pdf,69123,2020,Liste,,1,peut-être", "élue"),
        ("a.pdf,69123,2020,Lyon, demain,,1,oui", "8 valeurs pour 7 colonnes (« oui » en trop"),
        ("a.pdf,69123,2020,Liste\x00,,1", "colonne list_name : caractère de contrôle U+0000"),
        ("a.pdf,69123,2020,Liste,Jeanne\x1b[2J", "colonne head_of_list : caractère de contrôle"),
        ("a\x7f.pdf,69123,2020,Liste", "colonne file : caractère de contrôle U+007F"),
    ],
)
def test_a_bad_row_is_kept_with_its_problem(line: str, problem: str) -> None:
    rows = parse_manifest(
        "file,insee,election,list_name,head_of_list,round,won\n"
        f"{line}\n"
        "ok.pdf,69123,2020,Bonne liste\n"
    )
    assert rows[0].meta is None and problem in rows[0].problem
    assert rows[1].meta is not None


def test_a_manifest_without_required_columns_is_refused() -> None:
    with pytest.raises(BarometreError, match="election"):
        parse_manifest("file,insee,list_name\na.pdf,69123,Liste\n")


def test_empty_trailing_columns_and_short_rows_are_accepted() -> None:
    rows = parse_manifest(
        "file;insee;election;list_name;round;;\na.pdf;69123;2020;Liste;2;;\nb.pdf;69123;2020;B\n"
    )
    assert [(r.meta and r.meta.round) for r in rows] == [2, 1]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("file,insee,election,list_name,elu", "colonne 5 « elu » inconnue"),
        ("file,insee,,election,list_name", "colonne 3 sans nom"),
        ("file,insee,election,list_name,liste", "colonne list_name en double (colonnes 4 et 5)"),
    ],
)
def test_unknown_unnamed_or_repeated_columns_are_refused(header: str, message: str) -> None:
    with pytest.raises(BarometreError, match=re.escape(message)):
        parse_manifest(f"{header}\na.pdf,69123,2020,Liste,oui\n")


def test_a_field_over_several_lines_is_refused_with_its_line() -> None:
    # an unclosed quote swallows the next row, which would be lost without a word
    with pytest.raises(BarometreError, match="ligne 3 : un champ s'étend sur plusieurs lignes"):
        parse_manifest(
            "file,insee,election,list_name\n"
            "p1.txt,69123,2020,A\n"
            'p2.txt,69123,2020,"Liste unclosed\n'
            "p3.txt,69123,2020,C\n"
        )


def test_a_field_over_the_csv_limit_is_refused_with_its_line() -> None:
    with pytest.raises(BarometreError, match="ligne 3 : champ de plus de 131\u00a0072 caractères"):
        parse_manifest(
            "file,insee,election,list_name\nok.pdf,69123,2020,A\n"
            f"a.pdf,69123,2020,{'x' * 140_000}\n"
        )


def test_every_row_of_a_file_listed_twice_is_refused_naming_both_lines() -> None:
    rows = parse_manifest(
        "file,insee,election,list_name,head_of_list,round,won\n"
        "a.pdf,69123,2020,Liste,,1,oui\n"
        "b.pdf,69123,2020,Autre\n"
        "a.pdf,69123,2026,Liste\n"  # the same file for another election: a reused platform
        "./a.pdf,69123,2020,Liste,,1,non\n"
    )
    problem = (
        "fichier listé plusieurs fois pour la commune 69123 et l'élection 2020 (lignes 2 et 5) : "
        "gardez une seule ligne"
    )
    assert [(r.line, r.problem) for r in rows] == [(2, problem), (3, ""), (4, ""), (5, problem)]
    assert [r.meta is None for r in rows] == [True, False, False, True]


def test_every_row_of_a_list_given_twice_with_other_files_is_refused_naming_both_lines() -> None:
    """A list has one programme per round: two files for it, whatever the capitals and spaces
    of its name, cannot both be its programme (the import kept the first and refused the next,
    or swapped it in with --replace, or stored both as two lists)."""
    rows = parse_manifest(
        "file,insee,election,list_name,round\n"
        "a.pdf,69123,2020,Lyon Demain,1\n"
        "b.pdf,69123,2020,lyon  demain,1\n"
        "c.pdf,69123,2020,Lyon Demain,2\n"  # the same list in the second round
        "d.pdf,69123,2026,Lyon Demain,1\n"  # another election
    )
    problem = (
        "liste « {} » donnée plusieurs fois pour la commune 69123, l'élection 2020 et le tour 1 "
        "(lignes 2 et 3) : un programme par liste ; gardez une seule ligne"
    )
    assert [(r.line, r.problem) for r in rows] == [
        (2, problem.format("Lyon Demain")),
        (3, problem.format("lyon demain")),
        (4, ""),
        (5, ""),
    ]


def test_control_characters_are_refused_in_a_list_given_on_the_command_line() -> None:
    with pytest.raises(ValueError, match="nom de liste : caractère de contrôle U\\+0000"):
        meta_from_values(insee="69123", election=2020, list_name="Liste\x00")


def test_a_tab_separated_manifest_is_read_as_such() -> None:
    """Cells copied from a spreadsheet into a text file are separated by tabs: the header says
    so, and a comma inside a value stays in it."""
    rows = parse_manifest("file\tinsee\telection\tlist_name\na.pdf\t69123\t2020\tLyon, demain\n")
    meta = rows[0].meta
    assert (rows[0].file, meta.commune_code, meta.election, meta.list_name) == (
        "a.pdf",
        "69123",
        2020,
        "Lyon, demain",
    )


@pytest.mark.parametrize(
    "text", ["file,insee,election,list_name\n", "file;insee;election;list\n;;;\n"]
)
def test_a_manifest_with_no_programme_is_refused(text: str) -> None:
    """It imported nothing and ended well (« 0 fichier : aucun »), as if the work was done."""
    with pytest.raises(BarometreError, match="manifeste sans programme : il n'a que sa ligne"):
        parse_manifest(text)


def test_a_spreadsheet_s_french_manifest_is_read_and_a_refusal_names_the_french_columns() -> None:
    """« Nom de la liste » was refused, and the refusal said « ou leurs noms français » without
    naming one; « Élue » under « élue » was no yes."""
    rows = parse_manifest(
        "Fichier;Code INSEE;Année;Nom de la liste;Élue\r\n"
        "a.pdf;69123;2020;Lyon demain;Élue\r\n"
        "b.pdf;69123;2020;Ensemble;non\r\n"
    )
    assert [(r.meta.list_name, r.meta.won) for r in rows if r.meta] == [
        ("Lyon demain", True),
        ("Ensemble", False),
    ]
    with pytest.raises(BarometreError) as refused:
        parse_manifest("Fichier;INSEE;Année;Intitulé\r\na.pdf;69123;2020;Lyon demain\r\n")
    assert str(refused.value).endswith(
        "colonne 4 «\u00a0Intitulé\u00a0» inconnue (colonnes admises, avec leur nom "
        "français\u00a0: file ou fichier, insee ou code_insee, election ou année, list_name ou "
        "liste, head_of_list ou tête_de_liste, round ou tour, won ou élue, source_url ou "
        "url_source, published_on ou date_de_publication)"
    )
