"""The open data package of an election's programmes (`barometre opendata export --election`)."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.outputs.opendata.package import FORMATS
from barometre.outputs.opendata.programme_package import programmes_export
from barometre.programmes.analysis.themes import shipped_themes
from barometre.programmes.models import Programme
from barometre.programmes.reports.build import election_summary

pytestmark = pytest.mark.django_db


def _table(folder, name):
    with (folder / f"{name}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_package_is_valid_with_every_programme_and_its_sentences(election_2020, tmp_path):
    from frictionless import Package

    paths = programmes_export(election=2020, out=tmp_path, now=timezone.now())
    assert sorted(p.name for p in paths) == sorted(
        [f"{t}.{f}" for t in ("programmes", "phrases", "themes") for f in FORMATS]
        + ["datapackage.json", "donnees.zip"]
    )
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    programmes = _table(tmp_path, "programmes")
    assert len(programmes) == Programme.objects.filter(election=2020).count() == 10
    first = next(p for p in programmes if p["list_name"] == "Liste A" and p["round"] == "1")
    assert first["commune_code"] == "69123" and first["won"] == "true"
    assert first["counted"] == "true" and first["theme_open_data"] == "true"
    assert first["theme_site_web"] == "false" and first["digital_sentences"] == "3"
    assert first["disruptive_sentences"] == "1" and first["demonstration"] == "false"
    second = next(p for p in programmes if p["list_name"] == "Liste A" and p["round"] == "2")
    assert second["counted"] == "false"  # one per list: the first round's
    scanned = next(p for p in programmes if p["list_name"] == "Liste scannée")
    assert scanned["read"] == "false" and scanned["status"] == "no_text"
    assert scanned["counted"] == "false" and "non lu" in scanned["unread_reason"]
    assert scanned["mentions_digital"] == "" and scanned["theme_open_data"] == ""
    phrases = _table(tmp_path, "phrases")
    assert [(p["theme_id"], p["disruptive"]) for p in phrases] == [
        ("guichet_unique", "false"),
        ("open_data", "true"),
        ("ecole_numerique", "false"),
    ]
    assert phrases[0]["programme_id"] == first["programme_id"]
    assert phrases[0]["sentence"] == "Nous créerons un guichet unique en ligne."


def test_package_declares_itself_a_tabular_one_under_both_licences(election_2020, tmp_path):
    """As a campaign's: the Data Package 1.0 profile of a package of tables (not
    `data-package`), and the licences of its content, barometre's and the communes'."""
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    # the communes' codes and names, MIT-licensed, as in a campaign's package
    assert [licence["name"] for licence in package["licenses"]] == ["etalab-2.0", "MIT"]


def test_a_commune_code_saved_back_as_a_number_is_refused_as_in_a_campaign_s(
    election_2020, tmp_path
):
    """The programmes' commune columns had no constraint, where a campaign's cellules.csv has
    the codes' patterns: a programmes.csv saved back by a spreadsheet with 01001 as 1001 was
    still valid. They carry the same constraints now, and the bracket its values."""
    from frictionless import Package

    from barometre.outputs.opendata.package import TABLES
    from barometre.referential.brackets import BRACKET_IDS

    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    cells = {f.name: f.descriptor() for f in TABLES["cellules"]}
    for name in ("commune_code", "commune_name", "department_code"):
        assert fields[name]["constraints"] == cells[name]["constraints"], name
    assert fields["bracket"]["constraints"] == {"required": True, "enum": list(BRACKET_IDS)}
    path = tmp_path / "programmes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",69123,", ",6912,"), "utf-8")
    report = Package(str(tmp_path / "datapackage.json")).validate()
    errors = report.flatten(["fieldName", "type"])
    assert not report.valid and ["commune_code", "constraint-error"] in errors


def test_the_demonstration_column_speaks_of_programmes_not_of_a_campaign(election_2020, tmp_path):
    """The programmes' tables ended with the campaign package's `demonstration` column, whose
    description spoke of « une campagne de démonstration »: an election is no campaign."""
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        last = resource["schema"]["fields"][-1]
        assert last["name"] == "demonstration" and last["constraints"] == {"required": True}
        assert "campagne" not in last["description"] and "programmes" in last["description"]


def test_the_package_has_a_version_that_changes_with_the_programmes(election_2020, tmp_path):
    """A campaign's datapackage.json gives its `version`; an election's gave none, so that a
    reuser who kept an earlier download could not tell from the descriptor whether the
    programmes had changed since. Its version is the digest its zip is built under."""
    from barometre.outputs.opendata.programme_package import programmes_version

    def version(folder):  # type: ignore[no-untyped-def]
        programmes_export(election=2020, out=tmp_path / folder, now=timezone.now())
        text = (tmp_path / folder / "datapackage.json").read_text(encoding="utf-8")
        return json.loads(text)["version"]

    first = version("a")
    assert first == version("b") == programmes_version(2020, demo=False)
    Programme.objects.filter(election=2020).order_by("pk").first().delete()
    assert version("c") != first


def test_figures_are_the_reports(election_2020, tmp_path):
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    summary = election_summary(2020, shipped_themes())
    figures = {(r["group"], r["key"]): r for r in _table(tmp_path, "themes")}
    overall = figures["all", "all"]
    assert int(overall["programmes"]) == summary.digital.n == 8
    assert int(overall["count"]) == summary.digital.count
    assert float(overall["share_low"]) == pytest.approx(summary.digital.low, abs=1e-6)
    guichet = next(t for t in summary.themes if t.theme == "guichet_unique")
    assert float(figures["theme", "guichet_unique"]["share"]) == pytest.approx(
        guichet.programmes.share, abs=1e-6
    )
    assert {k for g, k in figures if g == "bracket"} == {r.bracket for r in summary.by_bracket}


def test_figures_hold_every_share_the_election_page_shows(election_2020, tmp_path):
    """The page gives the share without video protection and the disruptive share among the
    programmes that speak of digital: the open data's figures held neither."""
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    summary = election_summary(2020, shipped_themes())
    figures = {(r["group"], r["key"]): r for r in _table(tmp_path, "themes")}
    for key, share in (
        (("all", "without_video_protection"), summary.digital_without_video_protection),
        (("disruptive", "digital"), summary.disruptive_among_digital),
    ):
        row = figures[key]
        assert (int(row["programmes"]), int(row["count"])) == (share.n, share.count)
        assert float(row["share_high"]) == pytest.approx(share.high, abs=1e-6)
    # among the programmes that speak of digital: its own denominator
    assert int(figures["disruptive", "digital"]["programmes"]) == summary.digital.count


def test_demonstration_package_says_so(election_2020, tmp_path):
    Programme.objects.filter(election=2020).update(is_demo=True)
    with pytest.raises(BarometreError, match="aucun programme importé pour 2020"):
        programmes_export(election=2020, out=tmp_path, now=timezone.now())
    call_command("opendata", "export", "--election", "2020", "--demo", "--out", tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["demonstration"] is True
    assert descriptor["description"].startswith("DONNÉES DE DÉMONSTRATION")
    assert {r["demonstration"] for r in _table(tmp_path, "programmes")} == {"true"}
    with zipfile.ZipFile(tmp_path / "donnees.zip") as archive:
        assert "phrases.parquet" in archive.namelist()


def test_a_theme_of_an_older_themes_file_keeps_its_column(election_2020, tmp_path):
    from frictionless import Package

    Programme.objects.filter(list_name="Liste E").update(themes=["ancien_theme"])
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    assert Package(str(tmp_path / "datapackage.json")).validate().valid
    rows = {r["list_name"]: r for r in _table(tmp_path, "programmes")}
    assert rows["Liste E"]["theme_ancien_theme"] == "true"
    assert rows["Liste F"]["theme_ancien_theme"] == "false"
    figures = {(r["group"], r["key"]): r for r in _table(tmp_path, "themes")}
    assert figures["theme", "ancien_theme"]["count"] == "1"


def test_programmes_give_where_and_when_their_list_published_them(election_2020, tmp_path):
    """The source address and publication date of the import's manifest, in every format and
    described in the datapackage; empty when unknown (the import date stands for neither)."""
    import datetime as dt

    import openpyxl
    import pyarrow.parquet as pq
    from frictionless import Package

    Programme.objects.filter(election=2020, list_name="Liste A", round=1).update(
        source_url="https://liste-a.test/programme.pdf", published_on=dt.date(2020, 2, 1)
    )
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = _table(tmp_path, "programmes")
    first = next(p for p in rows if p["list_name"] == "Liste A" and p["round"] == "1")
    assert first["source_url"] == "https://liste-a.test/programme.pdf"
    assert first["published_on"] == "2020-02-01"
    other = next(p for p in rows if p["list_name"] == "Liste A" and p["round"] == "2")
    assert other["source_url"] == other["published_on"] == ""
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (table,) = [r for r in descriptor["resources"] if r["name"] == "programmes"]
    fields = {f["name"]: f for f in table["schema"]["fields"]}
    assert fields["published_on"]["type"] == "date"
    assert "Date de publication du programme" in fields["published_on"]["description"]
    assert fields["source_url"]["type"] == "string"
    assert "Adresse (http ou https)" in fields["source_url"]["description"]
    parquet = pq.read_table(tmp_path / "programmes.parquet").to_pylist()
    assert dt.date(2020, 2, 1) in [r["published_on"] for r in parquet]
    sheet = openpyxl.load_workbook(tmp_path / "programmes.xlsx").active
    header = [c.value for c in sheet[1]]
    column = header.index("published_on")
    days = [row[column].value for row in sheet.iter_rows(min_row=2)]
    assert dt.datetime(2020, 2, 1) in days


def test_programmes_give_the_document_their_page_shows(election_2020, tmp_path):
    """The election's page gives each list's document (« Document : « … » (PDF, 24 pages) »
    and the OCR warning): programmes.csv gives its file name, format, pages and OCR flag,
    after the source's columns (a reader by position finds those where they were) and before
    `demonstration`, last as in every table; described in the datapackage."""
    import openpyxl
    import pyarrow.parquet as pq
    from frictionless import Package

    Programme.objects.filter(election=2020, list_name="Liste A", round=1).update(
        page_count=24, ocr=True
    )
    Programme.objects.filter(election=2020, list_name="Liste B").update(
        format="html", source_name="liste-b.html"
    )
    programmes_export(election=2020, out=tmp_path, now=timezone.now())
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (tmp_path / "programmes.csv").open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[-7:] == [
        "source_url",
        "published_on",
        "file_name",
        "file_format",
        "page_count",
        "ocr",
        "demonstration",
    ]
    rows = _table(tmp_path, "programmes")
    first = next(p for p in rows if p["list_name"] == "Liste A" and p["round"] == "1")
    assert (first["file_name"], first["file_format"]) == ("Liste A.pdf", "pdf")
    assert (first["page_count"], first["ocr"]) == ("24", "true")
    other = next(p for p in rows if p["list_name"] == "Liste B")
    assert (other["file_name"], other["file_format"]) == ("liste-b.html", "html")
    assert (other["page_count"], other["ocr"]) == ("", "false")
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (table,) = [r for r in descriptor["resources"] if r["name"] == "programmes"]
    fields = {f["name"]: f for f in table["schema"]["fields"]}
    assert fields["file_format"]["constraints"]["enum"] == ["pdf", "html", "docx", "text"]
    assert fields["page_count"]["type"] == "integer"
    assert fields["ocr"]["type"] == "boolean" and "OCR" in fields["ocr"]["description"]
    parquet = pq.read_table(tmp_path / "programmes.parquet").to_pylist()
    assert {(r["file_format"], r["page_count"], r["ocr"]) for r in parquet} >= {
        ("pdf", 24, True),
        ("html", None, False),
    }
    sheet = openpyxl.load_workbook(tmp_path / "programmes.xlsx").active
    assert [c.value for c in sheet[1]][-5:-1] == ["file_name", "file_format", "page_count", "ocr"]
