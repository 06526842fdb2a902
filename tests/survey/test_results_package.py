"""A closed survey campaign's published results as an open data package under
/donnees/enquete/<campagne>/: the report's results table (nothing on fewer than 5
respondents) in CSV, XLSX and Parquet, with a datapackage.json (licence, sources, a Table
Schema with descriptions and constraints, tabular profile) that `frictionless validate` passes,
served as a campaign's files and listed on /donnees-ouvertes/."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from barometre.core.errors import BarometreError
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.results_package import results_file, results_validators
from barometre.survey.services import survey_campaign_close
from tests.api.conftest import read_and_close
from tests.survey.conftest import add_answers, report_rows
from tests.survey.test_report_files import _respond

BASE = "/donnees/enquete/essai/"


@pytest.fixture(autouse=True)
def _home(settings, tmp_path: Path) -> None:
    settings.HOME = tmp_path / "home"


@pytest.fixture
def closed(campaign: SurveyCampaign) -> SurveyCampaign:
    """Villebelle: 10 agents, 6 managers, 4 elected (the managers withdrawn, the elected too
    few); Montclair: 4 respondents, too few: nothing of its own is published."""
    _respond(campaign, "90001", "agent", 10, 3)
    _respond(campaign, "90001", "encadrant", 6, 4)
    _respond(campaign, "90001", "elu", 4, 1)
    _respond(campaign, "90002", "agent", 4, 1)
    survey_campaign_close(name="essai")
    return SurveyCampaign.objects.get(name="essai")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_package_validates_with_its_licence_and_schema(closed, tmp_path: Path) -> None:
    from frictionless import Package

    client = Client()
    descriptor = json.loads(read_and_close(client.get(BASE + "datapackage.json")))
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["licenses"][0]["name"] == "etalab-2.0" and descriptor["sources"]
    assert descriptor["demonstration"] is False and descriptor["min_respondents"] == 5
    (resource,) = descriptor["resources"]
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    assert list(fields)[-1] == "demonstration" and "is_demo" not in fields
    assert all(f["description"] and f["title"] for f in fields.values())
    assert fields["respondents"]["constraints"]["minimum"] == 5
    assert fields["role"]["constraints"]["enum"] == [
        "agent",
        "encadrant",
        "dsi",
        "elu",
        "direction",
    ]
    fetched = tmp_path / "fetched"
    fetched.mkdir()
    (fetched / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    for name in ("resultats.csv", "resultats.xlsx", "resultats.parquet", "donnees.zip"):
        response = client.get(BASE + name)
        assert response.status_code == 200, name
        (fetched / name).write_bytes(read_and_close(response))
    report = Package(str(fetched / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    zipped = Package(str(fetched / "donnees.zip")).validate()
    assert zipped.valid, zipped.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_table_is_the_report_s_never_a_row_more(closed) -> None:
    """The package's CSV holds the report page's rows, value for value: Montclair (4
    respondents) has only its overall and axis rows, its own figures empty; no figure on fewer
    than 5."""
    client = Client()
    table = read_and_close(client.get(BASE + "resultats.csv")).decode()
    rows = _rows(table)
    assert rows == report_rows(client.get("/enquete/rapport/essai/csv/").content.decode())
    assert list(rows[0])[-2:] == ["provisional", "demonstration"]
    montclair = [r for r in rows if r["collectivite_code"] == "90002"]
    assert {r["level"] for r in montclair} == {"overall", "axis"}
    assert {r["score"] for r in montclair} == {""} and {r["respondents"] for r in montclair} == {""}
    shown = [int(r[k]) for r in rows for k in ("respondents", "peers_respondents") if r[k]]
    assert shown and min(shown) >= 5
    # the managers (withdrawn) and the elected (too few) have rows, with no figure
    assert {r["role"] for r in rows if r["score"]} == {"", "agent"}


def test_the_report_page_s_csv_is_written_as_the_site_s_other_downloads(closed) -> None:
    """For a spreadsheet, as the ranking's or a commune's CSV: a byte order mark, `;`, CRLF, a
    decimal comma; the package's `resultats.csv` keeps the open data's convention (`,`, a dot,
    no byte order mark, `\\n`), which its Table Schema describes."""
    client = Client()
    page = client.get("/enquete/rapport/essai/csv/").content
    assert page.startswith(b"\xef\xbb\xbfcampaign;questionnaire;")
    assert page.endswith(b";false;false\r\n") and page.count(b"\r\n") == page.count(b"\n")
    score = next(r for r in report_rows(page.decode()) if r["collectivite_code"] == "90001")
    assert f";{score['score'].replace('.', ',')};" in page.decode()
    table = read_and_close(client.get(BASE + "resultats.csv"))
    assert table.startswith(b"campaign,questionnaire,") and b"\r" not in table
    assert f",{score['score']}," in table.decode()


def test_an_open_campaign_or_an_unknown_file_is_a_plain_404(campaign) -> None:
    add_answers(campaign, "90001", 6)
    client = Client()
    for url in (
        BASE + "resultats.csv",
        BASE + "datapackage.json",
        "/donnees/enquete/x/donnees.zip",
    ):
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"].startswith("text/plain")
        assert response["Access-Control-Allow-Origin"] == "*", url
    survey_campaign_close(name="essai")
    unknown = client.get(BASE + "resultats.json")
    assert unknown.status_code == 404 and "resultats.parquet" in unknown.content.decode()
    page = client.get("/donnees-ouvertes/").content.decode()
    assert f'href="{BASE}datapackage.json"' in page and f'href="{BASE}resultats.xlsx"' in page


def test_a_file_answers_conditional_requests_and_says_demonstration(closed) -> None:
    client = Client()
    first = client.get(BASE + "resultats.parquet")
    read_and_close(first)
    assert first["Cache-Control"] == "public, no-cache" and first["ETag"].startswith('"')
    assert 'filename="barometre-enquete-essai-resultats.parquet"' in first["Content-Disposition"]
    again = client.get(BASE + "resultats.parquet", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304 and again["Access-Control-Allow-Origin"] == "*"
    SurveyCampaign.objects.filter(pk=closed.pk).update(is_demo=True)
    later = client.get(BASE + "resultats.csv")
    assert "-resultats-demonstration.csv" in later["Content-Disposition"]
    assert {r["demonstration"] for r in _rows(read_and_close(later).decode())} == {"true"}
    page = client.get("/enquete/rapport/essai/").content.decode()
    assert f'href="{BASE}donnees.zip"' in page


def test_the_command_writes_the_bytes_the_web_serves_silently_at_v0(closed, tmp_path: Path) -> None:
    out = tmp_path / "paquet"
    said, err = StringIO(), StringIO()
    arguments = ["survey", "opendata", "--campaign", "essai", "--out", str(out), "-v", "0"]
    call_command(*arguments, stdout=said, stderr=err)
    assert (said.getvalue(), err.getvalue()) == ("", "")
    client = Client()
    names = ["resultats.csv", "resultats.xlsx", "resultats.parquet", "datapackage.json"]
    for name in [*names, "donnees.zip"]:
        assert (out / name).read_bytes() == read_and_close(client.get(BASE + name)), name


def test_the_command_refuses_a_campaign_unknown_or_still_open(campaign, tmp_path: Path) -> None:
    out = str(tmp_path / "paquet")
    with pytest.raises(BarometreError, match="inconnue"):
        call_command("survey", "opendata", "--campaign", "x", "--out", out)
    with pytest.raises(BarometreError, match="est ouverte\u00a0: ses résultats"):
        call_command("survey", "opendata", "--campaign", "essai", "--out", out)
    SurveyCampaign.objects.filter(pk=campaign.pk).update(status=SurveyCampaign.Status.DRAFT)
    with pytest.raises(BarometreError, match="est en préparation"):
        call_command("survey", "opendata", "--campaign", "essai", "--out", out)
    assert not Path(out).exists()


def test_the_version_changes_with_the_answers_never_with_the_day(closed) -> None:
    """A reuser tells a new release by its version: the same answers built on another day give
    the same version (and the same ETag), an answer more gives another."""
    day, now = date(2026, 12, 3), datetime(2026, 12, 3, 9, tzinfo=UTC)

    def version(today: date) -> str:
        path = results_file(campaign=closed, name="datapackage.json", today=today, now=now)
        return json.loads(path.read_text(encoding="utf-8"))["version"]

    first = version(day)
    tag = results_validators(campaign=closed, name="resultats.csv", today=day, now=now)[0]
    assert version(day + timedelta(days=1)) == first
    later = results_validators(campaign=closed, name="resultats.csv", today=day, now=now)[0]
    assert later == tag
    add_answers(SurveyCampaign.objects.get(pk=closed.pk), "90002", 1)
    assert version(day + timedelta(days=2)) != first


def test_a_row_is_told_by_its_primary_key_which_frictionless_checks(closed, tmp_path: Path) -> None:
    """As every table of barometre's packages, the results say which columns tell a row from
    the others; a file saved back with a row twice is refused."""
    from frictionless import Package

    out = tmp_path / "paquet"
    call_command("survey", "opendata", "--campaign", "essai", "--out", str(out), "-v", "0")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    key = descriptor["resources"][0]["schema"]["primaryKey"]
    assert key == ["campaign", "collectivite_code", "role", "level", "axis", "statement"]
    assert Package(str(out / "datapackage.json")).validate().valid
    lines = (out / "resultats.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "resultats.csv").write_text("".join([*lines, lines[-1]]), encoding="utf-8")
    report = Package(str(out / "datapackage.json")).validate()
    assert [e.type for e in report.tasks[0].errors] == ["primary-key"]
