"""EPCI websites: the shipped registry, users' CSV imports, and the crawler's selector."""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.utils import timezone

from barometre.core.errors import ValidationFailed
from barometre.referential import shipped_names as names
from barometre.referential.models import Commune, DatasetLoad, Epci, EpciWebsite, Website
from barometre.referential.selectors import epci_website_hosts
from barometre.referential.services import epci_websites_load, websites_import
from barometre.referential.services.shipped import read_bytes
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def shipped_rows() -> list[dict[str, str]]:
    text = gzip.decompress(read_bytes(names.WEBSITES_EPCI)).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_shipped_file_has_one_row_per_site_and_valid_values() -> None:
    rows = shipped_rows()
    assert len(rows) > 800
    assert {r["confidence"] for r in rows} == {"high", "medium", "low"}
    assert all(r["url"] in {f"https://{r['host']}/", f"http://{r['host']}/"} for r in rows)
    sites = [(r["siren"], r["host"].removeprefix("www.")) for r in rows]
    assert len(sites) == len(set(sites))  # www. and bare host merged
    first = {}
    for r in rows:
        first.setdefault(r["siren"], r)
    # A site that redirected to another of its EPCI's sites in 2022 is never the first choice.
    assert not any("redirigeait" in r["note"] for r in first.values())
    assert any("redirigeait" in r["note"] for r in rows)


def test_load_is_idempotent_and_skips_unknown_epci() -> None:
    rows = shipped_rows()
    first, second = (
        rows[0]["siren"],
        next(r["siren"] for r in rows if r["siren"] != rows[0]["siren"]),
    )
    for siren in (first, second):
        Epci.objects.create(siren=siren, name=f"EPCI {siren}", kind="CC")
    expected = sum(1 for r in rows if r["siren"] in {first, second})

    assert epci_websites_load(now=timezone.now()) == expected
    assert EpciWebsite.objects.count() == expected
    assert epci_websites_load(now=timezone.now()) == 0  # same file: nothing reloaded
    assert DatasetLoad.objects.get(name="epci-websites").rows == expected
    assert epci_websites_load(now=timezone.now(), force=True) == expected
    assert EpciWebsite.objects.count() == expected
    # Each EPCI has exactly one primary: the first row of the file (best site first).
    for siren in (first, second):
        primary = EpciWebsite.objects.get(epci_id=siren, is_primary=True)
        assert primary.url == next(r["url"] for r in rows if r["siren"] == siren)


def test_a_reload_keeps_a_users_primary_and_row() -> None:
    row = shipped_rows()[0]
    Epci.objects.create(siren=row["siren"], name="EPCI", kind="CC")
    mine = EpciWebsite.objects.create(
        epci_id=row["siren"],
        url="https://portail.exemple.fr/",
        host="portail.exemple.fr",
        confidence="high",
        source=Website.Source.USER,
        is_primary=True,
    )
    epci_websites_load(now=timezone.now())
    assert EpciWebsite.objects.get(epci_id=row["siren"], is_primary=True) == mine


def test_a_registry_row_the_rebuilt_file_left_out_is_removed_on_reload() -> None:
    """Grand Avignon's only site was `www.grandavignon.frfr` (two extensions glued) in the file
    first shipped: a database loaded with it loses it when the rebuilt file is loaded."""
    Epci.objects.create(siren="248400251", name="CA du Grand Avignon", kind="CA")
    EpciWebsite.objects.create(
        epci_id="248400251",
        url="https://www.grandavignon.frfr/",
        host="www.grandavignon.frfr",
        confidence="high",
        source=Website.Source.ETALAB_2022,
        is_primary=True,
    )
    epci_websites_load(now=timezone.now())
    assert not EpciWebsite.objects.filter(host__endswith=".frfr").exists()


@pytest.fixture
def epci(db) -> Epci:
    body = Epci.objects.create(siren="200000001", name="CC du Pays de Lure", kind="CC")
    CommuneFactory(code="70310", name="Lure", epci=body, siren="217003107")
    CommuneFactory(code="70001", name="Abelcourt", epci=body)
    return body


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "epci.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_users_add_and_correct_epci_websites_by_siren(epci: Epci, tmp_path: Path) -> None:
    EpciWebsite.objects.create(
        epci=epci,
        url="https://www.cc-lure.fr/",
        host="www.cc-lure.fr",
        confidence="medium",
        source=Website.Source.ETALAB_2022,
        is_primary=True,
    )
    path = write(
        tmp_path,
        "siren;url;primary;active;note\n"
        "200000001;https://www.pays-de-lure.fr/;oui;;nouveau site\n"
        "200000001;https://www.cc-lure.fr/;;false;ancien\n",
    )
    summary = websites_import(path=path, now=timezone.now())
    assert (summary.added, summary.updated, summary.epci) == (1, 1, True)
    primary = EpciWebsite.objects.get(epci=epci, is_primary=True)
    assert (primary.host, primary.source, primary.confidence) == (
        "www.pays-de-lure.fr",
        "user",
        "high",
    )
    assert not EpciWebsite.objects.get(url="https://www.cc-lure.fr/").active
    assert Website.objects.count() == 0


def test_a_bad_epci_file_is_refused_whole_with_line_numbers(epci: Epci, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "siren,url,primary\n"
        "200000001,https://ok.fr/,\n"
        "217003107,https://lure.fr/,\n"  # the commune's SIREN, not the EPCI's
        "999999999,https://x.fr/,\n"
        "200000001,lure.fr,\n"
        "200000001,https://y.fr/,peut-être\n",
    )
    with pytest.raises(ValidationFailed) as error:
        websites_import(path=path, now=timezone.now())
    problems = error.value.problems
    assert [p.split(" :")[0] for p in problems] == ["ligne 3", "ligne 4", "ligne 5", "ligne 6"]
    assert "SIREN d'une commune" in problems[0] and "EPCI inconnu" in problems[1]
    assert EpciWebsite.objects.count() == 0


def test_a_file_with_both_key_columns_is_refused(epci: Epci, tmp_path: Path) -> None:
    path = write(tmp_path, "commune_code,siren,url\n70310,200000001,https://a.fr/\n")
    with pytest.raises(ValidationFailed, match="Colonnes incompatibles"):
        websites_import(path=path, now=timezone.now())
    with pytest.raises(ValidationFailed, match="Colonnes manquantes") as error:
        websites_import(path=write(tmp_path, "epci,url\n1,https://a.fr/\n"), now=timezone.now())
    assert "siren" in error.value.problems[0]


def test_selector_gives_each_member_its_epcis_primary_host(epci: Epci) -> None:
    other = Epci.objects.create(siren="200000002", name="CC Autre", kind="CC")
    CommuneFactory(code="70002", epci=other)
    CommuneFactory(code="70003", epci=None)
    common = {"source": Website.Source.ETALAB_2022, "confidence": "high"}
    EpciWebsite.objects.create(
        epci=epci, url="https://www.cc-lure.fr/", host="www.cc-lure.fr", is_primary=True, **common
    )
    EpciWebsite.objects.create(
        epci=epci, url="https://lure-tourisme.fr/", host="lure-tourisme.fr", **common
    )
    low = EpciWebsite.objects.create(
        epci=other,
        url="https://autre.fr/",
        host="autre.fr",
        source=Website.Source.ETALAB_2022,
        confidence="low",
        is_primary=True,
    )
    communes = Commune.objects.all()
    assert epci_website_hosts(communes) == {"70310": "www.cc-lure.fr", "70001": "www.cc-lure.fr"}
    assert epci_website_hosts(communes, min_confidence="low")["70002"] == "autre.fr"
    low.active = False
    low.save()
    assert "70002" not in epci_website_hosts(communes, min_confidence="low")
    assert epci_website_hosts(Commune.objects.filter(code="70001")) == {"70001": "www.cc-lure.fr"}
    assert epci_website_hosts(Commune.objects.order_by("code")[:1]) == {"70001": "www.cc-lure.fr"}
