"""Commune codes typed without their leading zero are understood wherever a code is read."""

from pathlib import Path

import pytest

from barometre.referential.codes import commune_code_normalise, is_commune_code
from barometre.referential.selectors import communes_from_spec
from tests.factories import CommuneFactory


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("6088", "06088"),
        (" 06088 ", "06088"),
        ("6088.0", "06088"),
        ("2a004", "2A004"),
        ("75056", "75056"),
    ],
)
def test_normalise(raw: str, code: str) -> None:
    assert commune_code_normalise(raw) == code and is_commune_code(code)


def test_a_superscript_is_not_a_code() -> None:
    assert not is_commune_code(commune_code_normalise("6０88"))
    assert not is_commune_code("6０088")


@pytest.mark.django_db
def test_selections_accept_codes_without_leading_zero(tmp_path: Path) -> None:
    CommuneFactory(code="06088", name="Nice")
    CommuneFactory(code="01004", name="Ambérieu-en-Bugey")
    assert {c.code for c in communes_from_spec("6088,1004")} == {"06088", "01004"}
    listing = tmp_path / "communes.csv"
    listing.write_text("code,nom\n6088,Nice\n")
    assert [c.code for c in communes_from_spec(str(listing))] == ["06088"]


@pytest.mark.django_db
def test_a_line_of_a_communes_file_that_is_no_code_is_refused_not_skipped(tmp_path: Path) -> None:
    from barometre.core.errors import ValidationFailed

    CommuneFactory(code="06088", name="Nice")
    CommuneFactory(code="13055", name="Marseille")
    listing = tmp_path / "communes.txt"
    listing.write_text("code_insee\n# grandes villes\n6088\n\n13O55\nLyon\n690123\n13055\n")
    with pytest.raises(ValidationFailed) as error:
        communes_from_spec(str(listing))
    assert error.value.problems == [
        "ligne 5 : « 13O55 » n'est pas un code INSEE",
        "ligne 6 : « Lyon » n'est pas un code INSEE",
        "ligne 7 : « 690123 » n'est pas un code INSEE",
    ]
    listing.write_text("Lyon\n6088\n")  # a first line that is no header is refused too
    with pytest.raises(ValidationFailed, match="Fichier de communes refusé"):
        communes_from_spec(str(listing))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["absent.txt", "listes/absent", "absent.csv", "."])
def test_a_communes_file_that_is_not_there_is_said_so(tmp_path: Path, name: str) -> None:
    """`--communes grandes-villes.txt` (a typo, or the wrong folder) answered « Sélection de
    communes non comprise » with the list of every form, as if files were not one of them."""
    from barometre.core.errors import BarometreError

    spec = name if name == "." else str(tmp_path / name)
    with pytest.raises(BarometreError, match="Fichier de communes illisible") as error:
        communes_from_spec(spec)
    assert ("c'est un dossier" if name == "." else "fichier introuvable") in str(error.value)


@pytest.mark.django_db
def test_area_codes_and_keywords_are_read_as_people_type_them() -> None:
    """`dep:1` (Ain without its zero), `dep:2a`, `region:1`, `ALL` or `Dep:01` found no commune
    (« Aucune commune ne correspond à « dep:1 » ») or were not understood."""
    from tests.factories import DepartmentFactory, RegionFactory

    ain = DepartmentFactory(code="01", name="Ain", region=RegionFactory(code="84"))
    corse = DepartmentFactory(code="2A", name="Corse-du-Sud", region=RegionFactory(code="94"))
    guadeloupe = DepartmentFactory(code="971", name="Guadeloupe", region=RegionFactory(code="01"))
    CommuneFactory(code="01004", department=ain)
    CommuneFactory(code="2A004", department=corse)
    CommuneFactory(code="97101", department=guadeloupe)
    for spec, codes in [
        ("dep:1", ["01004"]),
        ("Dep:01", ["01004"]),
        ("dep:2a", ["2A004"]),
        ("region:1", ["97101"]),
        ("ALL", ["01004", "2A004", "97101"]),
        ("Top:1", ["01004"]),
    ]:
        assert sorted(c.code for c in communes_from_spec(spec)) == codes, spec


@pytest.mark.django_db
@pytest.mark.parametrize("spec", ["1004;2A004", "1004 2a004", "01004 ; 2A004"])
def test_codes_separated_by_semicolons_or_spaces_are_given_back_with_commas(spec: str) -> None:
    from barometre.core.errors import BarometreError

    with pytest.raises(BarometreError) as refused:
        communes_from_spec(spec)
    said = str(refused.value)
    assert said.startswith("Codes INSEE séparés par «\u00a0;\u00a0» ou par des espaces")
    assert "«\u00a001004,2A004\u00a0»" in said, said


@pytest.mark.django_db
def test_a_commune_name_given_for_its_code_is_answered_with_the_code(tmp_path: Path) -> None:
    """`pdf --commune Paris` said « La commune « PARIS » n'est pas dans la campagne », and
    `programmes report --commune Paris` « commune Paris inconnue du référentiel »."""
    from django.core.management import call_command

    from barometre.core.errors import BarometreError
    from barometre.referential.selectors import commune_name_hint
    from tests.factories import CampaignFactory, DepartmentFactory

    paris = CommuneFactory(code="75056", name="Paris")
    CommuneFactory(code="11339", name="Saint-Denis", department=DepartmentFactory(code="11"))
    CommuneFactory(code="93066", name="Saint-Denis", department=DepartmentFactory(code="93"))
    CampaignFactory(name="2026", communes=[paris])
    with pytest.raises(BarometreError) as refused:
        call_command("pdf", "--campaign", "2026", "--commune", "paris", "--out", str(tmp_path))
    assert "«\u00a0Paris\u00a0» a le code 75056 («\u00a0--commune 75056\u00a0»)" in str(
        refused.value
    )
    assert list(tmp_path.iterdir()) == []
    several = commune_name_hint("saint-denis") or ""
    assert "plusieurs communes s'appellent «\u00a0Saint-Denis\u00a0»\u00a0: 11339 (" in several
    assert commune_name_hint("75056") is None and commune_name_hint("Nulle-Part") is None
    with pytest.raises(BarometreError, match="«\u00a0--communes 75056\u00a0»"):
        communes_from_spec("Paris")  # `audit --communes Paris`, `campaign create --communes Paris`
