"""The open data package as a reuser's tools read it: column titles, codes as text, times shown
as the CSV writes them."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.utils import timezone

from barometre.outputs.opendata.package import opendata_export

pytestmark = pytest.mark.django_db


def _fields(folder):  # type: ignore[no-untyped-def]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["schema"]["fields"] for r in package["resources"]}


def test_every_column_has_a_french_title(after, tmp_path):
    """A tool that shows a Table Schema (data.gouv.fr's preview, Frictionless, a data catalogue)
    shows each column's `title` beside its name: no column went without one."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    for table, fields in _fields(tmp_path).items():
        titles = [f.get("title") for f in fields]
        assert all(titles), (table, [f["name"] for f in fields if not f.get("title")])
        assert len(set(titles)) == len(titles), table
    cells = {f["name"]: f for f in _fields(tmp_path)["cellules"]}
    assert cells["level"]["title"] == "Niveau (0 à 5)"
    assert cells["decided_at"]["title"] == "Décidé le (UTC)"


def test_codes_are_described_as_text_with_their_leading_zero(after, tmp_path):
    """pandas reads 01001 as the number 1001 unless told the column is text: the schema types
    codes as strings and their description says the leading zero is part of the code."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    for table, fields in _fields(tmp_path).items():
        code = next((f for f in fields if f["name"] == "commune_code"), None)
        if code is not None:
            assert code["type"] == "string", table
            assert "01001" in code["description"] and "jamais un nombre" in code["description"]
    department = next(f for f in _fields(tmp_path)["cellules"] if f["name"] == "department_code")
    assert department["type"] == "string" and "2A" in department["description"]


def test_an_xlsx_time_shows_as_the_csv_writes_it(after, tmp_path):
    """openpyxl's default format showed `2026-03-01 9:00:07`, the hour without its zero and no
    word of UTC: the cell, still a typed time, is shown as `2026-03-01T09:00:07Z`."""
    from openpyxl import load_workbook

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    sheet = load_workbook(tmp_path / "cellules.xlsx").worksheets[0]
    column = [c.value for c in next(sheet.iter_rows(max_row=1))].index("decided_at")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(c.is_date for c in cells)
    assert {c.number_format for c in cells} == {'yyyy-mm-dd"T"hh:mm:ss"Z"'}


def test_the_api_campaign_gives_the_coverage_of_the_package(client, after, tmp_path):
    """The package and the JSON report said how much of the campaign is measured; the API's
    campaign did not, so that an API reuser could not tell a partial campaign from a full one."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    body = client.get("/api/v1/campaigns/2026").json()
    assert body["coverage"] == package["coverage"]
    assert body["coverage"]["measured_cells"] == 6 and body["coverage"]["communes"] == 3
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]["CampaignDetail"]
    assert "coverage" in schema["required"]


def test_the_scores_are_computed_again_from_cellules_alone(after, tmp_path):
    """share_of_max and share_fully_online weigh each level by its service's maximum, which no
    file of the package gave: a reuser could not compute a score of their own grouping (a
    department, a set of services) from cellules.csv. Each row now carries max_level."""
    import csv

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    with (tmp_path / "cellules.csv").open(encoding="utf-8") as handle:
        cells = [r for r in csv.DictReader(handle) if r["not_applicable"] == "false"]
    with (tmp_path / "scores.csv").open(encoding="utf-8") as handle:
        overall = next(r for r in csv.DictReader(handle) if r["scope"] == "all")
    pairs = [(int(r["level"]), int(r["max_level"])) for r in cells]
    transactional = [level >= 4 for level, top in pairs if top >= 4]
    computed = {
        "mean_level": sum(level for level, _ in pairs) / len(pairs),
        "share_of_max": sum(min(level, top) / top for level, top in pairs) / len(pairs),
        "share_fully_online": sum(level >= top for level, top in pairs) / len(pairs),
        "share_transactional": sum(transactional) / len(transactional),
    }
    for name, value in computed.items():
        assert abs(float(overall[name]) - value) < 1e-6, name


def test_the_package_says_when_the_campaign_was_measured(client, after, tmp_path):
    """The package gave only `created`, the time it was built: a reuser of the files alone did
    not know when the sites were measured, which the JSON report and the API say."""
    import datetime as dt

    after.measured_on = dt.date(2026, 3, 1)
    after.save(update_fields=["measured_on"])
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["measured_on"] == "2026-03-01"
    assert package["measured_on"] == client.get("/api/v1/campaigns/2026").json()["measured_on"]
    assert "mesurés le 2026-03-01" in package["description"]
    assert package["catalogue"] == after.catalogue.version


def test_the_package_declares_itself_a_tabular_one(after, tmp_path):
    """Every resource is a CSV table with a Table Schema, yet the package said `data-package`:
    a catalogue or a tool reading the Data Package 1.0 profile took it for any files. It says
    `tabular-data-package`, and frictionless checks it as one."""
    from frictionless import Package

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert {r["profile"] for r in package["resources"]} == {"tabular-data-resource"}
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_package_names_the_instruments_a_comparison_rests_on(client, after, before, tmp_path):
    """Two campaigns' packages said their catalogue, not which detector versions read the
    sites (the JSON report said it) nor which definitions of the scores they were computed
    with: a reuser comparing an older package with a newer one could not tell a change of the
    sites from a change of the instrument."""
    from barometre.collection.models import SiteAudit
    from barometre.scoring import DEFINITIONS

    for code, version in (("90001", "0.1.0+aaaaaaaaaaaa"), ("90002", "0.1.0+aaaaaaaaaaaa")):
        SiteAudit.objects.create(campaign=after, commune_id=code, status="done", detector=version)
    SiteAudit.objects.create(campaign=after, commune_id="90003", status="failed")
    packages = {}
    for campaign in (before, after):
        opendata_export(campaign=campaign, out=tmp_path / campaign.name, now=timezone.now())
        text = (tmp_path / campaign.name / "datapackage.json").read_text(encoding="utf-8")
        packages[campaign.name] = json.loads(text)
    assert packages["2026"]["detectors"] == [{"version": "0.1.0+aaaaaaaaaaaa", "sites": 2}]
    assert packages["2014"]["detectors"] == []  # imported levels: no detector read them
    assert packages["2014"]["scoring_definitions"] == DEFINITIONS
    assert packages["2026"]["scoring_definitions"] == DEFINITIONS
    body = client.get("/api/v1/campaigns/2026").json()  # the API's campaign gives the same
    assert body["detectors"] == packages["2026"]["detectors"]
    assert body["scoring_definitions"] == DEFINITIONS


def test_the_communes_licence_and_notice_travel_with_the_descriptor(after, tmp_path):
    """The communes' codes and names are MIT-licensed (@etalab/decoupage-administratif), whose
    notice went only into donnees.zip: datapackage.json, which a catalogue or a script reads
    alone, listed the Licence Ouverte only. It lists the MIT licence too, with the copyright
    line of the notice the zip carries."""
    from importlib import resources

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == ["etalab-2.0", "MIT"]
    notice = resources.files("barometre.referential").joinpath(
        "data/territories/LICENSE-decoupage-administratif"
    )
    copyright_line = next(
        line for line in notice.read_text(encoding="utf-8").splitlines() if "Copyright" in line
    )
    mit = package["licenses"][1]
    assert copyright_line in mit["title"] and "LICENSE-decoupage-administratif.txt" in mit["title"]
    with zipfile.ZipFile(tmp_path / "donnees.zip") as archive:
        assert copyright_line in archive.read("LICENSE-decoupage-administratif.txt").decode()


def test_the_dialect_says_how_lines_end(after, tmp_path):
    """The CSV files end their lines with "\\n", but the dialect left `lineTerminator` to the
    CSV Dialect's default, "\\r\\n": a reader following the descriptor to the letter expected
    other line ends than the files have. The dialect says "\\n"."""
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        raw = (tmp_path / resource["path"]).read_bytes()
        assert b"\r\n" not in raw and raw.endswith(b"\n"), resource["name"]
        assert resource["dialect"]["lineTerminator"] == "\n", resource["name"]
