"""`barometre campaign list|show|delete` and `barometre services list`."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from barometre.assessments.models import Assessment, Cell
from barometre.collection.models import SiteAudit
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> Campaign:
    communes = [
        CommuneFactory(code="90001", name="Aville", population=300_000),
        CommuneFactory(code="90002", name="Bville", population=5_000),
    ]
    campaign = CampaignFactory(name="2026", communes=communes, spec="90001,90002")
    set_cells(campaign, {("90001", "bibliotheque"): 3, ("90001", "urbanisme"): "na"})
    return campaign


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_list_gives_communes_catalogue_and_coverage(campaign: Campaign) -> None:
    CampaignFactory(name="demo", is_demo=True)
    lines = _run("campaign", "list").splitlines()
    assert lines[0].split() == [
        "campagne",
        "communes",
        "catalogue",
        "cellules",
        "mesurées",
        "couverture",
        "données",  # every column is named
    ]
    assert lines[1].split() == ["2026", "2", "2026.1", "2/36", "6", "%", "réelles"]
    assert lines[2].split() == ["demo", "0", "2026.1", "0/0", "—", "démonstration"]


def test_list_without_campaigns_says_how_to_create_one(db) -> None:  # type: ignore[no-untyped-def]
    assert "Aucune campagne" in _run("campaign", "list")


def test_show_gives_catalogue_communes_and_coverage(campaign: Campaign) -> None:
    text = _run("campaign", "show", "2026")
    assert "Campagne « 2026 »" in text
    assert "communes : 2 (sélection : 90001,90002)" in text
    assert "catalogue : 2026.1 — Catalogue par défaut barometre 2026 (18 services)" in text
    assert "couverture : 2 cellules mesurées sur 36 (6\u00a0%), dans 1 commune sur 2" in text
    assert "sans objet : 1 cellule" in text
    assert "origine : 0 automatique, 0 revue, 2 importées" in text
    assert "heure de Paris" in text


def test_show_gives_a_file_of_codes_as_its_codes(campaign: Campaign, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A campaign made from `--communes codes.txt` showed « sélection : codes.txt », the path as
    typed, relative to a folder `show` cannot know: it gives the campaign's codes, as the
    methodology page and the API do, a selection `campaign create --communes` reads again."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "codes.txt").write_text("90002\n90001\n", encoding="utf-8")
    _run("campaign", "create", "fichier", "--communes", "codes.txt")
    said = _run("campaign", "show", "fichier")
    assert "communes\u00a0: 2 (sélection\u00a0: 90001,90002)" in said, said


def test_show_says_what_the_audit_left_so_that_a_low_coverage_is_explained(
    campaign: Campaign,
) -> None:
    """A coverage of 0 % after an audit whose every site failed was shown without a word."""
    assert "audit des sites" not in _run("campaign", "show", "2026")  # never audited
    SiteAudit.objects.create(campaign=campaign, commune_id="90001", status="failed")
    SiteAudit.objects.create(campaign=campaign, commune_id="90002", status="failed")
    assert (
        "  audit des sites : 0 site audité, 2 en échec, 0 sans site connu "
        "(« barometre audit --campaign 2026 --retry-failed » pour réessayer)\n"
    ) in _run("campaign", "show", "2026")


def test_show_an_unknown_campaign_names_the_known_ones(campaign: Campaign) -> None:
    with pytest.raises(BarometreError, match="Campagnes existantes : 2026"):
        _run("campaign", "show", "2030")


def test_delete_asks_for_the_name(campaign: Campaign, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("non\n"))
    with pytest.raises(BarometreError, match="Suppression annulée"):
        _run("campaign", "delete", "2026")
    assert Campaign.objects.filter(name="2026").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: nothing typed, nothing lost
    with pytest.raises(BarometreError, match="--yes"):
        _run("campaign", "delete", "2026")
    monkeypatch.setattr("sys.stdin", io.StringIO("2026\n"))
    text = _run("campaign", "delete", "2026")
    assert "2 évaluations, 2 cellules" in text and "supprimée" in text
    assert not Campaign.objects.filter(name="2026").exists()
    assert not Assessment.objects.exists() and not Cell.objects.exists()
    assert Commune.objects.filter(code="90001").exists()  # the referential stays


def test_delete_with_yes(campaign: Campaign) -> None:
    assert "supprimée" in _run("campaign", "delete", "2026", "--yes")
    assert not Campaign.objects.exists()


def test_services_list(db) -> None:  # type: ignore[no-untyped-def]
    lines = _run("services", "list").splitlines()
    assert lines[0] == "Catalogue 2026.1 — Catalogue par défaut barometre 2026 (18 services)"
    assert lines[1].split()[:3] == ["identifiant", "domaine", "max"]
    assert lines[2].split()[:3] == ["actes-etat-civil", "etat-civil", "4"]
    assert len(lines) == 2 + 18


def test_services_list_of_a_campaign(campaign: Campaign) -> None:
    assert "bibliotheque" in _run("services", "list", "--campaign", "2026")
    with pytest.raises(BarometreError, match="Campagne inconnue"):
        _run("services", "list", "--campaign", "2030")


def test_a_campaign_is_dated_by_its_measurement(campaign: Campaign) -> None:
    """`--measured-on` dates a past study imported later, `set-date` corrects a campaign's date,
    `show` prints it; a date to come, one before the web or one that cannot be read is refused
    with nothing written."""
    CommuneFactory(code="90003")
    out = _run("campaign", "create", "2014", "--communes", "90003", "--measured-on", "2014-03-01")
    assert "créée" in out
    assert str(Campaign.objects.get(name="2014").measured_on) == "2014-03-01"
    assert "mesurée le : 1er mars 2014" in _run("campaign", "show", "2014")
    for bad, said in (
        ("2999-01-01", "postérieure à aujourd'hui"),
        ("01/03/2014", "AAAA-MM-JJ"),
        ("1014-03-01", "antérieure à 1990 : aucune commune n'avait alors de site"),
    ):
        with pytest.raises(BarometreError, match=said):
            call_command("campaign", "create", "autre", "--communes", "90003", "--measured-on", bad)
        with pytest.raises(BarometreError, match=said):
            call_command("campaign", "set-date", "2026", bad)
    assert not Campaign.objects.filter(name="autre").exists()
    assert "mesure datée du 15 juin 2025" in _run("campaign", "set-date", "2026", "2025-06-15")
    assert str(Campaign.objects.get(name="2026").measured_on) == "2025-06-15"
    # a mistyped name is answered with the campaigns that exist
    with pytest.raises(BarometreError, match="Campagnes existantes\u00a0: 2014, 2026"):
        call_command("campaign", "set-date", "inconnue", "2025-06-15")


def test_the_admin_refuses_the_dates_the_commands_refuse(campaign: Campaign) -> None:
    """A campaign dated in the admin (model validation, which the admin form runs) is held to
    the same checks as `campaign set-date`."""
    from django.core.exceptions import ValidationError

    for bad in ("2999-01-01", "1014-03-01"):
        campaign.measured_on = dt.date.fromisoformat(bad)
        with pytest.raises(ValidationError, match="Date de mesure"):
            campaign.full_clean()
    campaign.measured_on = dt.date(2014, 3, 1)
    campaign.full_clean()


def test_a_second_code_after_communes_does_not_name_the_campaign() -> None:
    """`campaign create --communes 90001 90002` created a campaign named « 90002 » holding
    90001 alone; `--communes 90001 2027` (a name after the option) still names it « 2027 »."""
    CommuneFactory(code="90001")
    CommuneFactory(code="90002")
    with pytest.raises(CommandError, match="un nom se place avant l.option"):
        call_command("campaign", "create", "--communes", "90001", "90002")
    assert not Campaign.objects.exists()
    _run("campaign", "create", "--communes", "90001", "2027")
    _run("campaign", "create", "2028", "--communes", "90001,90002")
    held = {
        c.name: sorted(c.communes.values_list("code", flat=True)) for c in Campaign.objects.all()
    }
    assert held == {"2027": ["90001"], "2028": ["90001", "90002"]}


def test_an_unknown_campaign_close_to_one_there_is_names_it(campaign: Campaign) -> None:
    """« Campagne inconnue : « Local » » listed every campaign, leaving the reader to spot the
    one meant among dozens; a close one is named first."""
    CampaignFactory(name="local")
    for typed, meant in (("Local", "local"), ("lcoal", "local"), ("2062", "2026")):
        with pytest.raises(BarometreError) as refused:
            _run("campaign", "show", typed)
        said = str(refused.value)
        assert f"». Vouliez-vous dire «\u00a0{meant}\u00a0»\u00a0? Campagnes" in said, said
    with pytest.raises(BarometreError) as refused:
        _run("campaign", "show", "zzz")
    assert "Vouliez-vous" not in str(refused.value)
