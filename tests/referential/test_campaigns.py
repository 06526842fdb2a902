from pathlib import Path

import pytest
from django.utils import timezone

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.referential.services import campaign_create
from tests.factories import CommuneFactory, DepartmentFactory


@pytest.fixture
def communes(db):
    lyon_dep = DepartmentFactory(code="69", name="Rhône")
    return [
        CommuneFactory(code="75056", name="Paris", population=2_100_000),
        CommuneFactory(code="69123", name="Lyon", population=519_000, department=lyon_dep),
        CommuneFactory(code="69266", name="Villeurbanne", population=163_000, department=lyon_dep),
        CommuneFactory(code="69001", name="Affoux", population=300, department=lyon_dep),
    ]


def codes(campaign) -> set[str]:
    return set(campaign.communes.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("top:2", {"75056", "69123"}),
        ("75056,69001", {"75056", "69001"}),
        ("dep:69", {"69123", "69266", "69001"}),
        ("ge200000", {"75056", "69123"}),
        ("lt3500", {"69001"}),
        ("all", {"75056", "69123", "69266", "69001"}),
    ],
)
def test_campaign_communes_from_spec(communes, spec: str, expected: set[str]) -> None:
    campaign = campaign_create(name="c", spec=spec)
    assert codes(campaign) == expected
    assert campaign.catalogue.services.count() == 18


def test_campaign_communes_from_file(communes, tmp_path: Path) -> None:
    listing = tmp_path / "codes.csv"
    listing.write_text("code\n69266\n69123;Lyon\n", encoding="utf-8")
    assert codes(campaign_create(name="f", spec=str(listing))) == {"69266", "69123"}


def test_a_line_of_several_codes_in_a_file_is_refused_not_cut_to_its_first(
    communes, tmp_path: Path
) -> None:
    """`--communes` written to a file (« 75056,69123 ») made a campaign of Paris alone: the
    first column of each line was read, the other codes dropped without a word. A file with a
    header keeps its first column (« code,postal » holds no list)."""
    listing = tmp_path / "codes.txt"
    listing.write_text("75056,69123\n69266\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as error:
        campaign_create(name="f", spec=str(listing))
    assert error.value.problems == [
        "ligne 1\u00a0: plusieurs codes sur une ligne (\u00ab\u00a075056,69123\u00a0\u00bb)\u00a0; "
        "un code par ligne, ou donnez-les directement\u00a0: --communes 75056,69123"
    ]
    listing.write_text("code,postal\n69123,69001\n", encoding="utf-8")
    assert codes(campaign_create(name="g", spec=str(listing))) == {"69123"}


def test_a_top_past_the_number_of_communes_takes_them_all(communes) -> None:
    """`top:99999999999999999999` crashed with the database's « datatype mismatch » (a LIMIT
    past 2**63), a traceback in English."""
    assert len(codes(campaign_create(name="t", spec="top:" + "9" * 20))) == 4


def test_unknown_codes_are_listed(communes) -> None:
    with pytest.raises(ValidationFailed) as error:
        campaign_create(name="c", spec="75056,99999,98000")
    assert error.value.problems == ["99999", "98000"]


@pytest.mark.parametrize("spec", ["top:zero", "dep:99", "nimporte quoi", "bracket:huge"])
def test_bad_specs_are_refused(communes, spec: str) -> None:
    with pytest.raises(BarometreError):
        campaign_create(name="c", spec=spec)


def test_duplicate_name_and_bad_name(communes) -> None:
    campaign_create(name="2026", spec="top:1")
    with pytest.raises(BarometreError, match="existe déjà") as raised:
        campaign_create(name="2026", spec="top:1")
    # « existe déjà. » said nothing of what to do: what it holds, how to see it, date it or drop it
    assert str(raised.value) == (
        f"La campagne « 2026 » existe déjà (1 commune, mesurée le {timezone.localdate():%Y-%m-%d})"
        f" : « barometre campaign show 2026 » la décrit ; choisissez un autre nom, ou "
        f"« barometre campaign delete 2026 » la supprime avec tout ce qui a été enregistré "
        "pour elle."
    )
    assert campaign_create(name="2026", spec="top:1", exist_ok=True).name == "2026"
    with pytest.raises(BarometreError, match="invalide"):
        campaign_create(name="deux mots", spec="top:1")


def test_campaign_with_user_catalogue(communes, tmp_path: Path) -> None:
    path = tmp_path / "cat.yaml"
    path.write_text(
        "version: mini-1\nname: Mini\ndomains: {famille: Famille}\nservices:\n"
        "  - {id: creche, label: Crèche, domain: famille, max_level: 4, cues: [crèche]}\n",
        encoding="utf-8",
    )
    campaign = campaign_create(name="mini", spec="top:1", catalogue_path=path)
    assert list(campaign.catalogue.services.values_list("slug", flat=True)) == ["creche"]
    path.write_text(path.read_text(encoding="utf-8").replace("max_level: 4", "max_level: 3"))
    with pytest.raises(BarometreError, match="autre contenu"):
        campaign_create(name="mini2", spec="top:1", catalogue_path=path)
