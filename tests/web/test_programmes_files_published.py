"""`opendata publish` builds ahead the report files an election's page links to, as it builds
its donnees.zip: a national election's first request took about 2.3 s to build the file, which
publishing left to the first reader."""

from __future__ import annotations

import csv
import io

from django.core.management import call_command
from django.urls import reverse

from barometre.core.statecache import MEMO
from barometre.programmes import report_files
from tests.web.test_programmes_comparison import _elections


def _built(monkeypatch) -> list[int | None]:  # type: ignore[no-untyped-def]
    """The report files built from here on, by the election they compare with."""
    built: list[int | None] = []
    real = report_files.programmes_report

    def counted(**kwargs):  # type: ignore[no-untyped-def]
        built.append(kwargs["compare_with"])
        return real(**kwargs)

    monkeypatch.setattr(report_files, "programmes_report", counted)
    return built


def _digital(response) -> str:  # type: ignore[no-untyped-def]
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    row = next(r for r in rows if r["section"] == "digital" and r["election"] == "2026")
    return f"{row['count']}/{row['n']}"


def test_publishing_builds_the_report_files_the_page_links_to(
    client, site, settings, tmp_path, monkeypatch
) -> None:
    settings.HOME = tmp_path
    _elections()
    built = _built(monkeypatch)
    call_command("opendata", "publish", "--election", "2026", stdout=io.StringIO())
    # each format, without comparison and compared with 2020 (the page's default)
    assert sorted(built, key=str) == [2020, 2020, 2020, None, None, None]
    built.clear()
    MEMO.clear()  # a server process of its own: what publishing stored is in the cache backend
    page = client.get(reverse("web:programmes-election", kwargs={"election": 2026}))
    assert 'rapport.csv?comparer=2020"' in page.content.decode()
    for fmt in report_files.FORMATS:
        for query in ("", "?comparer=2020"):
            url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": fmt}) + query
            response = client.get(url)
            assert response.status_code == 200 and response.content, url
    assert built == []  # every one was ready
    url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": "csv"})
    assert _digital(client.get(url)) == "6/6"
    # in English too: the file is the command's, in French, whoever asks
    client.post(reverse("set_language"), {"language": "en", "next": url})
    assert _digital(client.get(url)) == "6/6" and built == []
