"""The programmes report gives, for each list, where it published its programme and when
(`source_url`, `published_on`: the manifest's, as the open data and the API give them), in
JSON, CSV and HTML; null or empty when unknown."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from barometre.programmes.models import Programme
from barometre.programmes.reports import programmes_report, render

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 11, 27, 10, 0))
URL = "https://liste-a.example.test/programme.pdf"


@pytest.fixture
def sourced(election_2020: object) -> None:
    Programme.objects.filter(list_name="Liste A", round=1).update(
        source_url=URL, published_on=dt.date(2020, 2, 15)
    )


def test_the_json_report_gives_each_lists_source_and_date(sourced: None) -> None:
    data = json.loads(render(programmes_report(election=2020, now=NOW), "json"))
    lists = {(i["list_name"], i["round"]): i for c in data["communes"] for i in c["lists"]}
    assert lists["Liste A", 1]["source_url"] == URL
    assert lists["Liste A", 1]["published_on"] == "2020-02-15"
    assert lists["Liste B", 1]["source_url"] is None
    assert lists["Liste B", 1]["published_on"] is None


def test_the_csv_list_rows_give_them(sourced: None) -> None:
    text = render(programmes_report(election=2020, now=NOW), "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    lists = {(r["label"], r["round"]): r for r in rows if r["section"] == "list"}
    assert (lists["Liste A", "1"]["source_url"], lists["Liste A", "1"]["published_on"]) == (
        URL,
        "2020-02-15",
    )
    assert (lists["Liste B", "1"]["source_url"], lists["Liste B", "1"]["published_on"]) == ("", "")


def test_the_html_report_links_the_source_beside_the_date(sourced: None) -> None:
    html = render(programmes_report(election=2020, now=NOW), "html")
    line = html.split("<h4>Liste A")[1].split("<h4>")[0]
    assert "Publié le 15 février 2020" in line
    assert f'<a href="{URL}" rel="noopener noreferrer nofollow">' in line
    assert html.count('class="programme-source"') == 1  # the others know neither


def test_the_html_report_names_the_round_as_the_pages_do(election_2020: object) -> None:
    """« (1<sup>er</sup> tour, liste élue) », not « (tour 1, liste élue) »: the pages' words, the
    ordinal's letters raised; the CSV keeps the round as a number."""
    report = programmes_report(election=2020, now=NOW)
    html = render(report, "html")
    assert "(1<sup>er</sup> tour, liste élue)</span></h4>" in html
    assert "(2<sup>d</sup> tour)</span></h4>" in html
    assert "tour 1" not in html and "tour 2" not in html
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert {r["round"] for r in rows if r["section"] == "list"} == {"1", "2"}


def test_the_report_names_each_lists_document_and_warns_of_ocr(election_2020: object) -> None:
    """The pages give each list's document (« Document : « … » (PDF, 24 pages) ») and warn
    that a text read by OCR may differ from it; the HTML report gave neither, though it quotes
    the same sentences. It says the same, with the pages' words; the JSON gives the fields."""
    Programme.objects.filter(list_name="Liste A", round=1).update(page_count=24, ocr=True)
    Programme.objects.filter(list_name="Liste B").update(format="text", source_name="b.txt")
    report = programmes_report(election=2020, now=NOW)
    html = render(report, "html").replace("&#x27;", "'")
    first = html.split("<h4>Liste A")[1].split("<h4>")[0]
    assert "Document\u00a0: «\u00a0Liste A.pdf\u00a0» (PDF, 24 pages)." in first
    ocr = "Texte lu par OCR (reconnaissance de caractères)\u00a0: une phrase citée peut différer"
    assert ocr in first and html.count(ocr) == 1
    other = html.split("<h4>Liste B")[1].split("<h4>")[0]
    assert "Document\u00a0: «\u00a0b.txt\u00a0» (texte)." in other
    data = json.loads(render(report, "json"))
    lists = {(i["list_name"], i["round"]): i for c in data["communes"] for i in c["lists"]}
    assert {
        k: lists["Liste A", 1][k] for k in ("file_name", "file_format", "page_count", "ocr")
    } == {
        "file_name": "Liste A.pdf",
        "file_format": "pdf",
        "page_count": 24,
        "ocr": True,
    }
    assert (lists["Liste B", 1]["file_format"], lists["Liste B", 1]["page_count"]) == ("text", None)


def test_the_csv_list_rows_give_the_document_in_the_last_columns(election_2020: object) -> None:
    """As the HTML report and the open data's programmes.csv: file name, format, pages and OCR
    on each list row, in four columns added last (a reader by position finds the others)."""
    Programme.objects.filter(list_name="Liste A", round=1).update(page_count=24, ocr=True)
    text = render(programmes_report(election=2020, now=NOW), "csv")
    header = next(csv.reader(io.StringIO(text)))
    assert header[-6:] == [
        "source_url",
        "published_on",
        "file_name",
        "file_format",
        "page_count",
        "ocr",
    ]
    rows = list(csv.DictReader(io.StringIO(text)))
    lists = {(r["label"], r["round"]): r for r in rows if r["section"] == "list"}
    first = lists["Liste A", "1"]
    assert [first[k] for k in ("file_name", "file_format", "page_count", "ocr")] == [
        "Liste A.pdf",
        "pdf",
        "24",
        "1",
    ]
    assert (lists["Liste B", "1"]["page_count"], lists["Liste B", "1"]["ocr"]) == ("", "0")
