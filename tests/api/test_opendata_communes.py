"""The communes table of a campaign's package: what a reuser joins the cells to (population,
region, intercommunal body), with the cells' foreign key checked by Frictionless."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.utils import timezone

from barometre.outputs.opendata.package import opendata_export
from barometre.referential.models import Commune, Epci

pytestmark = pytest.mark.django_db


def _rows(path):  # type: ignore[no-untyped-def]
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_package_gives_each_communes_population_region_and_intercommunality(after, tmp_path):
    """Before, population, region and EPCI came only from the API, 500 communes a call: a study
    by size or territory from the package alone could not be made."""
    epci = Epci.objects.create(siren="200000172", name="CC de Test")
    Commune.objects.filter(code="90001").update(epci=epci)
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    rows = {r["commune_code"]: r for r in _rows(tmp_path / "communes.csv")}
    assert sorted(rows) == ["90001", "90002", "90003"]
    aville = rows["90001"]
    assert (aville["population"], aville["bracket"]) == ("300000", "ge200000")
    assert (aville["epci_siren"], aville["epci_name"]) == ("200000172", "CC de Test")
    assert aville["region_code"] == "11" and aville["campaign"] == "2026"
    assert (rows["90002"]["department_code"], rows["90002"]["epci_siren"]) == ("13", "")
    assert rows["90003"]["commune_name"] == "'=Cville"  # a formula-like name, protected
    assert aville["demonstration"] == "true"


def test_every_cells_commune_is_a_row_and_frictionless_checks_the_key(after, tmp_path):
    """The cells' foreign key points to communes: a commune taken out of the campaign after its
    cells were recorded keeps a row, so that the package stays valid."""
    from frictionless import Package

    after.communes.remove(Commune.objects.get(code="90003"))
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    codes = [r["commune_code"] for r in _rows(tmp_path / "communes.csv")]
    assert codes == ["90001", "90002", "90003"]
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    cells = next(r for r in descriptor["resources"] if r["name"] == "cellules")
    assert cells["schema"]["foreignKeys"][0]["reference"]["resource"] == "communes"
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # and a commune missing from the table is caught
    table = tmp_path / "communes.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if ",90002," not in line), encoding="utf-8")
    broken = Package(str(tmp_path / "datapackage.json")).validate()
    assert not broken.valid
    assert "foreign-key" in [kind for (kind,) in broken.flatten(["type"])]
