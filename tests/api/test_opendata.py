"""The open data package: files, values, formula neutralisation, Frictionless validation."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.outputs.opendata.package import opendata_export

pytestmark = pytest.mark.django_db


def test_export_writes_every_file_and_a_valid_frictionless_package(after, tmp_path):
    from frictionless import Package

    paths = opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    assert sorted(p.name for p in paths) == sorted(
        [
            "cellules.csv",
            "cellules.xlsx",
            "cellules.parquet",
            "scores.csv",
            "scores.xlsx",
            "scores.parquet",
            "codages.csv",
            "codages.xlsx",
            "codages.parquet",
            "communes.csv",
            "communes.xlsx",
            "communes.parquet",
            "datapackage.json",
            "donnees.zip",
        ]
    )
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["demonstration"] is True
    assert "DÉMONSTRATION" in descriptor["description"]
    assert "=, +, -, @, une tabulation ou un retour chariot" in descriptor["description"]
    assert descriptor["licenses"][0]["name"] == "etalab-2.0"


def test_cells_carry_level_source_evidence_and_author(after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "cellules.csv").read_text(encoding="utf-8")))
    )
    by_key = {(r["commune_code"], r["service_id"]): r for r in rows}
    assert len(rows) == 6
    reviewed = by_key[("90001", "paiement-famille")]
    assert reviewed["level"] == "4"
    assert reviewed["source"] == "reviewed"
    assert reviewed["evidence_url"] == "https://ville.test/90001/paiement-famille"
    # a pseudonym, never the auditor's user name (outputs.authors)
    assert (reviewed["author"], reviewed["author_kind"]) == ("auditeur 1", "auditor")
    assert reviewed["decided_at"].endswith("Z")
    na = by_key[("90002", "stationnement-resident")]
    assert (na["level"], na["not_applicable"], na["source"]) == ("", "true", "imported")
    assert (na["author"], na["author_kind"]) == ("import", "import")


def test_scores_cover_every_scope(after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    rows = list(csv.DictReader(io.StringIO((tmp_path / "scores.csv").read_text(encoding="utf-8"))))
    scopes = {r["scope"] for r in rows}
    assert scopes == {"all", "domain", "service", "bracket", "commune"}
    aville = next(r for r in rows if r["scope"] == "commune" and r["key"] == "90001")
    assert aville["rank"] == "1"
    assert len([r for r in rows if r["scope"] == "service"]) == 18


def test_text_a_spreadsheet_would_run_is_neutralised_in_csv_and_raw_elsewhere(after, tmp_path):
    """The CSV's apostrophe protects a spreadsheet; XLSX types the cell as text instead, so the
    value stays exact; Parquet, a machine format, carries the raw value."""
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    text = (tmp_path / "cellules.csv").read_text(encoding="utf-8")
    assert ",'=Cville," in text and ",=Cville," not in text
    sheet = load_workbook(tmp_path / "cellules.xlsx").worksheets[0]
    names = {row[2].value for row in sheet.iter_rows(min_row=2)}
    assert "=Cville" in names and "'=Cville" not in names
    assert all(row[2].data_type == "s" for row in sheet.iter_rows(min_row=2))
    table = pq.read_table(tmp_path / "cellules.parquet")
    assert "=Cville" in table.column("commune_name").to_pylist()
    assert not any(n.startswith("'") for n in table.column("commune_name").to_pylist())
    assert table.num_rows == 6
    assert str(table.schema.field("level").type) == "int64"
    scores = pq.read_table(tmp_path / "scores.parquet").column("label").to_pylist()
    assert "=Cville" in scores


def test_zip_holds_the_package(after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    with zipfile.ZipFile(tmp_path / "donnees.zip") as archive:
        assert "datapackage.json" in archive.namelist()
        # 3 tables x 3 formats, the descriptor, and the MIT notice of the commune names
        assert len(archive.namelist()) == 14
        assert "LICENSE-decoupage-administratif.txt" in archive.namelist()


def test_command_writes_the_package(after, tmp_path):
    out = io.StringIO()
    call_command("opendata", "export", "--campaign", "2026", "--out", str(tmp_path), stdout=out)
    assert "datapackage.json" in out.getvalue()
    assert (tmp_path / "cellules.parquet").exists()


def test_command_names_an_unknown_campaign(after, tmp_path):
    from barometre.core.errors import BarometreError

    with pytest.raises(BarometreError, match="Campagne inconnue.*Campagnes existantes"):
        call_command("opendata", "export", "--campaign", "nope", "--out", str(tmp_path))


def test_publish_prepares_the_files_the_web_serves(after, client, settings, tmp_path):
    settings.HOME = tmp_path
    call_command("opendata", "publish", "--campaign", "2026", stdout=io.StringIO())
    built = sorted(p.name for p in (tmp_path / "opendata").rglob("*") if p.is_file())
    assert "cellules.xlsx" in built and "donnees.zip" in built
    served = b"".join(client.get("/donnees/2026/cellules.parquet").streaming_content)
    assert served == next((tmp_path / "opendata").rglob("cellules.parquet")).read_bytes()


def test_files_built_for_another_package_layout_are_not_served(after, settings, tmp_path):
    from barometre.outputs.opendata import package
    from barometre.outputs.published import campaign_state, campaign_version

    settings.HOME = tmp_path
    built = package.opendata_file(campaign=after, name="datapackage.json", now=timezone.now())
    assert built.parent.name == f"{campaign_state(after)}-{package.format_version()}"
    stale = tmp_path / "opendata" / "2026" / campaign_version(after) / "datapackage.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")  # what an earlier version without the digest left behind
    again = package.opendata_file(campaign=after, name="datapackage.json", now=timezone.now())
    assert again == built and json.loads(again.read_text())["resources"]
    before = package.format_version()
    package.TABLES["essai"] = package.TABLES["scores"]  # another layout
    package.TABLE_TITLES["essai"] = "essai"
    try:
        assert package.format_version() != before
    finally:
        del package.TABLES["essai"], package.TABLE_TITLES["essai"]
    values = package.VALUES
    package.VALUES = values + 1  # the same layout, values written another way
    try:
        assert package.format_version() != before
    finally:
        package.VALUES = values


def test_a_descriptor_cached_before_a_change_of_its_profile_is_built_again(
    after, settings, tmp_path, monkeypatch
):
    """The layout digest held the tables alone: after an upgrade that changed what the
    descriptor says beside them (its profile, licences, sources), the cached datapackage.json of
    the earlier version was still served."""
    from barometre.outputs.opendata import package

    settings.HOME = tmp_path
    package.opendata_file(campaign=after, name="datapackage.json", now=timezone.now())
    monkeypatch.setattr(package, "PROFILE", "data-package")
    again = package.opendata_file(campaign=after, name="datapackage.json", now=timezone.now())
    assert json.loads(again.read_text(encoding="utf-8"))["profile"] == "data-package"


def test_fields_carry_their_constraints(after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {
        (r["name"], f["name"]): f for r in descriptor["resources"] for f in r["schema"]["fields"]
    }
    assert fields["cellules", "level"]["constraints"] == {"minimum": 0, "maximum": 5}
    assert fields["cellules", "commune_code"]["constraints"] == {
        "required": True,
        "pattern": r"(?:\d[\dAB]\d{3}|9[YZ]\d{3})",
    }
    assert fields["scores", "share_of_max"]["constraints"] == {"minimum": 0, "maximum": 1}
    assert all(f["description"] for f in fields.values())


def test_empty_text_is_a_missing_value_in_every_format(after, tmp_path):
    """The CSV's "" is a missing value (missingValues); Parquet and XLSX say so with null and an
    empty cell, not with an empty string a reader would count as a value."""
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    cells = pq.read_table(tmp_path / "cellules.parquet").to_pylist()
    assert {c["archived_url"] for c in cells} == {None}  # nothing was crawled
    assert {c["archive_page"] for c in cells} == {None}
    scores = pq.read_table(tmp_path / "scores.parquet").to_pylist()
    assert {s["bracket"] for s in scores if s["scope"] != "commune"} == {None}
    sheet = load_workbook(tmp_path / "cellules.xlsx").worksheets[0]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    column = header.index("archived_url")
    assert {row[column].value for row in sheet.iter_rows(min_row=2)} == {None}


def test_sources_give_the_attribution_of_the_insee_and_websites_data(after, tmp_path):
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    titles = " | ".join(s["title"] for s in descriptor["sources"])
    assert "INSEE, Code officiel géographique" in titles and "licence MIT" in titles
    assert "DINUM / Etalab, noms-de-domaine-organismes-secteur-public" in titles
    assert "décembre 2022" in titles and "Licence Ouverte 2.0" in titles
    assert all(s["path"].startswith("https://") for s in descriptor["sources"][1:])


def test_the_package_states_coverage_and_lists_unmeasured_communes(communes, tmp_path):
    """A commune of the campaign with no measured cell and the cells nobody recorded are said
    (coverage, unmeasured_cells, a commune row without figures), as in the JSON report."""
    from frictionless import Package

    from barometre.outputs.data import report_data
    from barometre.outputs.json_report import report_dict
    from tests.factories import CampaignFactory, CommuneFactory, set_cells

    dville = CommuneFactory(code="90004", name="Dville", population=5_000)
    campaign = CampaignFactory(name="partielle", communes=[*communes, dville])
    set_cells(
        campaign,
        {
            ("90001", "actes-etat-civil"): 0,
            ("90001", "listes-electorales"): 3,
            ("90002", "actes-etat-civil"): "na",
            ("90003", "actes-etat-civil"): 2,
        },
    )
    opendata_export(campaign=campaign, out=tmp_path, now=timezone.now())
    report = report_dict(report_data(campaign=campaign, now=timezone.now()))
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    # the JSON report keeps the unrounded share; the package has the CSV's 6 decimals
    share = report["coverage"]["share_of_cells"]
    assert descriptor["coverage"] == {**report["coverage"], "share_of_cells": round(share, 6)}
    assert descriptor["coverage"]["share_of_cells"] == 0.055556
    assert descriptor["coverage"]["measured_communes"] == 3
    assert "4 cellules mesurées sur 72, dans 3 communes sur 4" in descriptor["description"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "scores.csv").read_text("utf-8"))))
    overall = next(r for r in rows if r["scope"] == "all")
    assert (overall["cells"], overall["unmeasured_cells"]) == ("4", str(report["unmeasured_cells"]))
    cities = [r for r in rows if r["scope"] == "commune"]
    assert [c["key"] for c in cities] == ["90003", "90001", "90002", "90004"]
    for city in report["by_city"]:
        row = next(c for c in cities if c["key"] == city["code"])
        assert row["unmeasured_cells"] == str(city["unmeasured_cells"])
    unmeasured = cities[-1]
    assert report["unmeasured_communes"][0]["code"] == unmeasured["key"] == "90004"
    assert (unmeasured["communes"], unmeasured["cells"], unmeasured["unmeasured_cells"]) == (
        "0",
        "0",
        "18",
    )
    assert unmeasured["mean_level"] == unmeasured["rank"] == ""
    result = Package(str(tmp_path / "datapackage.json")).validate()
    assert result.valid, result.flatten(["rowNumber", "fieldName", "type", "note"])


def test_csv_numbers_have_a_dot_and_never_an_exponent():
    from barometre.outputs.opendata.fields import Field
    from barometre.outputs.opendata.formats import csv_chunks

    fields = (Field("share", "number", "part"), Field("n", "integer", "nombre"))
    rows = [(0.0000123456, 1), (2.0, 0), (0.1234567, None), (None, 3), (0.0, 2)]
    text = b"".join(csv_chunks(fields, rows)).decode("utf-8")
    assert text.splitlines() == ["share,n", "0.000012,1", "2.0,0", "0.123457,", ",3", "0.0,2"]


def test_flagging_a_campaign_as_demonstration_is_never_hidden_by_a_cached_file(
    after, client, settings, tmp_path
):
    """The admin can flag (or unflag) a campaign as demonstration without recording a value:
    the files served and the API's scores follow at once."""
    settings.HOME = tmp_path
    after.is_demo = False
    after.save(update_fields=["is_demo"])
    url = "/donnees/2026/datapackage.json"
    assert json.loads(b"".join(client.get(url).streaming_content))["demonstration"] is False
    comparison = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"})
    assert comparison.json()["demonstration"] is False
    after.is_demo = True
    after.save(update_fields=["is_demo"])
    assert json.loads(b"".join(client.get(url).streaming_content))["demonstration"] is True
    comparison = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"})
    assert comparison.json()["demonstration"] is True


def test_command_help_names_every_table():
    """It said « Trois tables, cellules, scores et double codage » after the communes table
    had joined them: a reader looked for three files of each format."""
    from barometre.outputs.management.commands.opendata import Command
    from barometre.outputs.opendata.package import TABLES

    assert list(TABLES) == ["cellules", "scores", "codages", "communes"]
    assert "Quatre tables, cellules, scores, double codage et communes," in Command.help


@pytest.mark.parametrize(("campaign", "flag"), [("2026", True), ("2014", False)])
def test_every_file_says_on_every_row_whether_it_is_demonstration_data(
    after, before, client, settings, tmp_path, campaign, flag
):
    """A CSV or a sheet passed around alone still says it holds made-up data: a last column
    `demonstration` on every row of every table, in every format; the file name says it too."""
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    settings.HOME = tmp_path
    for table in ("cellules", "scores", "codages"):
        response = client.get(f"/donnees/{campaign}/{table}.csv")
        text = b"".join(response.streaming_content).decode("utf-8")
        header, *rows = list(csv.reader(io.StringIO(text)))
        assert header[-1] == "demonstration"
        assert {row[-1] for row in rows} <= {"true" if flag else "false"}
        named = "-demonstration.csv" in response["Content-Disposition"]
        assert named is flag
    assert table == "codages" and rows == []  # no blind coding here: the header says it still
    cells = client.get(f"/donnees/{campaign}/cellules.xlsx")
    book = load_workbook(io.BytesIO(b"".join(cells.streaming_content)), read_only=True)
    header, *rows = book["cellules"].iter_rows(values_only=True)
    assert header[-1] == "demonstration" and rows and {r[-1] for r in rows} == {flag}
    book.close()
    scores = client.get(f"/donnees/{campaign}/scores.parquet")
    column = pq.read_table(io.BytesIO(b"".join(scores.streaming_content))).column("demonstration")
    assert set(column.to_pylist()) == {flag}


def test_every_source_of_the_package_names_its_licence() -> None:
    """docs/opendata.md: `sources` gives each source with its attribution and licence (the
    external ones with their address too)."""
    from barometre.outputs.opendata.package import SOURCES

    licences = ("Licence Ouverte 2.0", "licence MIT")
    assert all(any(name in source["title"] for name in licences) for source in SOURCES), SOURCES
    assert all("path" in source for source in SOURCES if "barometre" not in source["title"])


def test_the_package_description_groups_a_national_campaign_s_thousands(after):
    from barometre.outputs.opendata.package import package_description

    national = {"cells": 629_442, "measured_cells": 12_345, "share_of_cells": 0.02}
    national |= {"communes": 34_969, "measured_communes": 1_000}
    text = package_description(after, national)
    assert (
        "12\u00a0345 cellules mesurées sur 629\u00a0442, dans 1\u00a0000 communes sur 34\u00a0969"
        in text
    )


def test_a_decision_time_reads_the_same_in_every_file_and_in_the_api(after, tmp_path, client):
    """The CSV gave `2026-03-01T09:00:07Z` and the API `2026-03-01T09:00:07.654321+00:00` for
    the same decision: both give it in UTC to the second (ISO 8601, Table Schema's default
    datetime format), as XLSX and Parquet type it, and the schema says so."""
    import datetime as dt

    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    from barometre.assessments.models import Assessment, Cell

    paris = dt.timezone(dt.timedelta(hours=1))
    moment = dt.datetime(2026, 3, 1, 10, 0, 7, 654321, tzinfo=paris)
    decided = Cell.objects.filter(campaign=after).values("assessment")
    Assessment.objects.filter(pk__in=decided).update(created_at=moment)
    opendata_export(campaign=after, out=tmp_path, now=timezone.now())

    text = (tmp_path / "cellules.csv").read_text(encoding="utf-8")
    assert {r["decided_at"] for r in csv.DictReader(io.StringIO(text))} == {"2026-03-01T09:00:07Z"}
    api = client.get("/api/v1/cells", {"campaign": "2026"}).json()["results"]
    assert {c["decided_at"] for c in api} == {"2026-03-01T09:00:07Z"}
    sheet = load_workbook(tmp_path / "cellules.xlsx").worksheets[0]
    column = [c.value for c in next(sheet.iter_rows(max_row=1))].index("decided_at")
    times = {row[column].value for row in sheet.iter_rows(min_row=2)}
    assert times == {dt.datetime(2026, 3, 1, 9, 0, 7)}
    stamps = pq.read_table(tmp_path / "cellules.parquet").column("decided_at").to_pylist()
    assert set(stamps) == {dt.datetime(2026, 3, 1, 9, 0, 7, tzinfo=dt.UTC)}
    schema = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    cells = next(r for r in schema["resources"] if r["name"] == "cellules")["schema"]
    field = next(f for f in cells["fields"] if f["name"] == "decided_at")
    assert "à la seconde" in field["description"]
    assert "AAAA-MM-JJTHH:MM:SSZ" in field["description"]
    openapi = client.get("/api/openapi.json").json()
    described = openapi["components"]["schemas"]["Cell"]["properties"]["decided_at"]
    assert described["description"] == field["description"] + "."


def test_the_version_changes_whenever_a_file_would_read_otherwise(after, tmp_path):
    """A reuser tells a new release by `version`: a corrected measurement date (which
    `measured_on` gives) makes another one, as a new value does; building again the same data
    gives the same."""
    from barometre.referential.models import Campaign

    def version(out: str) -> str:
        campaign = Campaign.objects.get(pk=after.pk)
        opendata_export(campaign=campaign, out=tmp_path / out, now=timezone.now())
        text = (tmp_path / out / "datapackage.json").read_text(encoding="utf-8")
        return json.loads(text)["version"]

    first = version("a")
    assert version("b") == first
    Campaign.objects.filter(pk=after.pk).update(measured_on=after.measured_on.replace(day=1))
    assert version("c") != first
