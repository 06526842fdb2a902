"""The manifest CSV: columns, aliases, separators, and rows with bad metadata."""

from __future__ import annotations

import pytest

from barometre.core.errors import BarometreError
from barometre.programmes.manifest import ProgrammeMeta, parse_manifest


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
        ("a.pdf,69123,1850,Liste", "plage"),
        ("a.pdf,69123,2020,", "nom de liste"),
        (",69123,2020,Liste", "file"),
        ("a.pdf,69123,2020,Liste,,3", "tour"),
        ("a.pdf,69123,2020,Liste,,1,peut-être", "élue"),
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
