"""An election's programme page compared with an earlier election, as the report's `--compare`
gives it: the same shares, change and interval by size bracket, each theme's two shares, the
reader's choice of the earlier election, and the report files that carry it."""

from __future__ import annotations

import csv
import html
import io
import json

from django.urls import reverse
from django.utils import timezone

from tests.web.test_public_programmes import _programme

NBSP = "\u00a0"


def _elections() -> None:
    """2014: 1 programme of 6 speaks of digital (4 in Nantes, 2 in Rennes, both 200 000 and
    more); 2020: 1 of 1 (Nantes); 2026: 6 of 6 (3 in Nantes, 1 in Rennes, 2 in Brest, 100 000
    to 199 999)."""
    for index in range(4):
        _programme("44109", f"L{index}", election=2014, mentions_digital=index == 0)
    for index in range(2):
        _programme("35238", f"R{index}", election=2014)
    _programme("44109", "Vingt", election=2020, mentions_digital=True, themes=["site_web"])
    for index in range(3):
        _programme("44109", f"N{index}", mentions_digital=True, themes=["site_web"])
    _programme("35238", "Rennes", mentions_digital=True, themes=["open_data"])
    for index in range(2):
        _programme("29019", f"B{index}", mentions_digital=True, themes=["open_data"])


def _get(client, query: str = "", election: int = 2026):  # type: ignore[no-untyped-def]
    url = reverse("web:programmes-election", kwargs={"election": election}) + query
    return client.get(url)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def _row(page: str, label: str) -> str:
    section = page[page.index('id="comparaison"') :]
    row = section[section.index(f'<th scope="row">{label}</th>') :]
    return row[: row.index("</tr>")]


def test_the_election_page_compares_with_the_previous_election_as_the_report(client, site) -> None:
    from barometre.programmes.analysis.themes import shipped_themes
    from barometre.programmes.reports.build import compare, election_summary

    _elections()

    page = _text(_get(client))

    # by default the latest earlier election with programmes: 2020, not 2014
    assert "Comparaison avec l'élection de 2020" in page
    assert f"Comparer avec{NBSP}: <strong>2020</strong>, " in page
    assert '<a href="?comparer=2014#comparaison">2014</a>' in page
    chosen = _text(_get(client, "?comparer=2014"))
    assert "Comparaison avec l'élection de 2014" in chosen
    # the report's figures: 6 of 6 in 2026, 1 of 6 in 2014, +83 points, Newcombe's interval
    summary = election_summary(2026, shipped_themes())
    change = compare(summary, election_summary(2014, shipped_themes())).rows[0]
    assert (change.current.count, change.current.n) == (6, 6)
    assert (change.other.count, change.other.n) == (1, 6)
    row = _row(chosen, "Toutes les communes")
    assert f'<strong>100{NBSP}%</strong></span> <span class="figure-range">(6 sur 6)' in row
    assert f'<strong>17{NBSP}%</strong></span> <span class="figure-range">(1 sur 6)' in row
    low, high = round(change.change.low * 100), round(change.change.high * 100)
    assert f"<strong>+83{NBSP}points</strong>" in row
    assert f"[+{low} ; +{high}]".replace(" ;", f"{NBSP};") in row
    assert change.change.low > 0 and row.endswith('<span class="verdict">significatif</span></td>')
    # 2026 has 4 programmes in the bracket, fewer than 5: said plainly, never « significatif »
    big = _row(chosen, f"200{NBSP}000 habitants et plus")
    assert '<span class="verdict">trop peu de programmes</span>' in big
    assert "Trop peu de programmes pour conclure</strong> (moins de 5 programmes" in chosen
    # brackets without programmes: « — », and the legend says what it stands for
    small = _row(chosen, f"moins de 3{NBSP}500 habitants")
    assert small.endswith("<td>—</td>")
    brest = _row(chosen, f"100{NBSP}000 à 199{NBSP}999 habitants")
    assert "(2 sur 2)" in brest and brest.endswith("</td><td>—</td>")
    assert f"«{NBSP}—{NBSP}»{NBSP}: aucun programme lu dans cette tranche" in chosen


def test_the_comparison_gives_each_themes_share_in_both_elections(client, site) -> None:
    _elections()

    page = _text(_get(client))

    section = page[page.index("Thèmes cités, 2026 et 2020") :]
    row = section[section.index("Site internet, application, réseaux sociaux</th>") :]
    row = row[: row.index("</tr>")]
    assert f'<strong>50{NBSP}%</strong></span> <span class="figure-range">(3 sur 6)' in row
    assert f'<strong>100{NBSP}%</strong></span> <span class="figure-range">(1 sur 1)' in row


def test_an_election_without_earlier_programmes_has_no_comparison(client, site) -> None:
    _programme("44109", "Seule", mentions_digital=True)

    page = _text(_get(client))

    assert 'id="comparaison"' not in page
    assert "?comparer=" not in page  # nor in the report files' links


def test_a_bad_later_or_unknown_election_to_compare_is_a_french_error(client, site) -> None:
    _elections()
    back = reverse("web:programmes-election", kwargs={"election": 2026})

    for query, status, said in (
        ("?comparer=abc", 400, f"«{NBSP}abc{NBSP}» n'est pas l'année d'une élection"),
        ("?comparer=\u00b2\u00b2\u00b2\u00b2", 400, "n'est pas l'année d'une élection"),
        ("?comparer=2026", 400, "l'évolution irait à rebours du temps"),
        ("?comparer=2030", 400, "l'évolution irait à rebours du temps"),
        ("?comparer=2008", 404, "Aucun programme n'est importé pour l'élection de 2008"),
    ):
        response = _get(client, query)
        assert response.status_code == status, query
        page = _text(response)
        assert said in page, query
        assert f'href="{back}"' in page, query  # the way back: the page without the choice
    later = _get(client, "?comparer=2026", election=2020)
    assert later.status_code == 400
    file = client.get(reverse("web:programmes-file", args=[2026, "csv"]) + "?comparer=x")
    assert file.status_code == 400


def test_the_demonstration_page_compares_demonstration_programmes_only(client, site) -> None:
    _elections()  # real ones
    _programme("44109", "Démo 2026", is_demo=True, mentions_digital=True)
    url = reverse("web:programmes-election-demo", kwargs={"election": 2026})

    assert 'id="comparaison"' not in _text(client.get(url))
    assert client.get(url + "?comparer=2014").status_code == 404

    _programme("44109", "Démo 2014", election=2014, is_demo=True)
    page = _text(client.get(url))
    assert "Comparaison avec l'élection de 2014" in page
    assert "(0 sur 1)" in _row(page, "Toutes les communes")


def test_the_report_files_carry_the_comparison_the_page_shows(client, site) -> None:
    _elections()
    page = _text(_get(client))

    for fmt in ("csv", "json", "html"):
        url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": fmt})
        assert f'href="{url}?comparer=2020"' in page, fmt
    url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": "csv"})
    response = client.get(url + "?comparer=2014")
    assert 'filename="programmes-2026-2014.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    change = next(r for r in rows if r["section"] == "change" and r["key"] == "all")
    assert (float(change["share"]), change["detail"]) == (5 / 6, "2026 - 2014")
    assert not [r for r in csv.DictReader(io.StringIO(client.get(url).content.decode()))
                if r["section"] == "change"]  # fmt: skip
    data = json.loads(client.get(url.replace(".csv", ".json") + "?comparer=2020").content)
    assert data["comparison"]["other"]["election"] == 2020
    report = client.get(url.replace(".csv", ".html") + "?comparer=2014").content.decode()
    assert "Comparaison avec l'élection de 2014" in html.unescape(report)


def test_the_report_heads_and_labels_its_comparison_as_the_page(client, site) -> None:
    """A journalist who reads the page and then the HTML report finds the same heading
    (« Comparaison avec l'élection de 2014 », not « Comparaison 2026 / 2014 ») and the same
    row « Toutes les communes », capital included."""
    _elections()
    page = _text(_get(client, "?comparer=2014"))
    url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": "html"})
    report = _text(client.get(url + "?comparer=2014"))

    heading = "Comparaison avec l'élection de 2014</h2>"
    assert heading in page and heading in report
    row = '<th scope="row">Toutes les communes</th>'
    assert row in page and row in report
    assert "toutes les communes" not in report


def test_a_report_file_is_computed_again_when_the_programmes_change(
    client, site, monkeypatch
) -> None:
    from barometre.programmes import report_files
    from barometre.programmes.models import Programme

    _elections()
    built = []
    real = report_files.programmes_report
    monkeypatch.setattr(
        report_files, "programmes_report", lambda **kw: built.append(1) or real(**kw)
    )
    url = reverse("web:programmes-file", kwargs={"election": 2026, "fmt": "csv"})

    def digital(query: str = "") -> str:
        rows = csv.DictReader(io.StringIO(client.get(url + query).content.decode()))
        row = next(r for r in rows if r["section"] == "digital" and r["key"] == "all")
        return f"{row['count']}/{row['n']}"

    assert digital() == digital() == "6/6"
    assert len(built) == 1  # the second request read the cached file
    # read again (reanalyse): Rennes no longer speaks of digital
    Programme.objects.filter(list_name="Rennes").update(
        mentions_digital=False, read_at=timezone.now()
    )
    assert digital() == "5/6"
    # the earlier election read again changes the file that compares with it
    assert digital("?comparer=2014") == "5/6"
    before = len(built)
    Programme.objects.filter(election=2014, list_name="L1").update(
        mentions_digital=True, read_at=timezone.now()
    )
    rows = csv.DictReader(io.StringIO(client.get(url + "?comparer=2014").content.decode()))
    other = next(r for r in rows if r["section"] == "digital" and r["election"] == "2014")
    assert (other["count"], len(built)) == ("2", before + 1)
    # the list that won changed (a manifest imported again): in the list rows
    Programme.objects.filter(list_name="N0").update(won=True)
    rows = csv.DictReader(io.StringIO(client.get(url).content.decode()))
    assert next(r for r in rows if r["section"] == "list" and r["label"] == "N0")["won"] == "1"


def test_the_elections_index_links_to_the_comparison(client, site) -> None:
    _elections()

    page = _text(client.get(reverse("web:programmes")))

    assert 'href="/programmes/2026/?comparer=2020#comparaison">comparé à 2020</a>' in page
    assert 'href="/programmes/2020/?comparer=2014#comparaison">comparé à 2020' not in page
    assert 'href="/programmes/2020/?comparer=2014#comparaison">comparé à 2014</a>' in page


def test_the_elections_index_lists_the_latest_election_first(client, site) -> None:
    _elections()

    page = _text(client.get(reverse("web:programmes")))

    links = [page.index(f'href="/programmes/{year}/"') for year in (2026, 2020, 2014)]
    assert links == sorted(links)


def test_the_pages_of_lists_keep_the_comparison_the_reader_chose(client, site) -> None:  # type: ignore[no-untyped-def]
    """With more than 20 lists the election page has pages; « Suivante » from the comparison
    with 2014 led to page 2 compared with 2020, the latest earlier election."""
    _elections()
    for index in range(20):
        _programme("29019", f"Plus {index}")
    chosen = _get(client, "?comparer=2014").content.decode()
    assert 'href="?comparer=2014&page=2"' in html.unescape(chosen)
    page_2 = _get(client, "?comparer=2014&page=2").content.decode()
    assert "Comparaison avec l'élection de 2014" in html.unescape(page_2)
    default = html.unescape(_get(client).content.decode())  # the default needs no query
    assert 'href="?page=2"' in default
