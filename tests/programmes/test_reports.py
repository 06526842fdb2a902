"""Reports: shares by bracket with intervals, themes, comparison, evidence, promises vs measures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.programmes.analysis.themes import load_themes
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune
from tests.programmes.conftest import GUICHET, measured_campaign, programme

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def test_digital_share_overall_and_by_bracket(election_2020: object) -> None:
    summary = programmes_report(election=2020, now=NOW).summary

    assert (summary.n_programmes, summary.n_communes, summary.n_without_text) == (8, 3, 1)
    assert (summary.digital.count, summary.digital.n) == (4, 8)
    assert (summary.digital.low, summary.digital.high) == pytest.approx(
        (0.21521, 0.78479), abs=1e-5
    )
    rows = {row.bracket: row for row in summary.by_bracket}
    assert (rows["ge200000"].digital.count, rows["ge200000"].digital.n) == (3, 4)
    assert (rows["100000-199999"].digital.count, rows["100000-199999"].digital.n) == (1, 2)
    assert (rows["lt3500"].digital.count, rows["lt3500"].digital.n) == (0, 2)
    assert rows["lt3500"].n_communes == 1
    assert rows["3500-9999"].digital.share is None


def test_theme_and_disruptive_shares(election_2020: object) -> None:
    summary = programmes_report(election=2020, now=NOW).summary

    themes = {row.theme: row for row in summary.themes}
    assert (themes["guichet_unique"].programmes.count, themes["guichet_unique"].programmes.n) == (
        3,
        8,
    )
    assert themes["site_web"].programmes.count == 1  # round 2 of Liste A does not count
    assert themes["open_data"].sentences == 1 and themes["open_data"].disruptive_by_default
    assert (summary.disruptive.count, summary.disruptive.n) == (1, 8)
    assert (summary.disruptive_among_digital.count, summary.disruptive_among_digital.n) == (1, 4)
    assert (summary.digital_sentences, summary.disruptive_sentences) == (3, 1)


def test_comparison_between_elections(election_2020: dict[str, Commune]) -> None:
    programme(election_2020["big"], "Ancienne liste", election=2014, themes=("site_web",))
    programme(election_2020["big"], "Autre ancienne", election=2014)

    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    comparison = report.comparison

    assert comparison is not None and comparison.other.election == 2014
    rows = {row.bracket: row for row in comparison.rows}
    assert rows["all"].change.difference == pytest.approx(0.5 - 0.5)
    assert rows["ge200000"].change.difference == pytest.approx(0.75 - 0.5)
    assert rows["lt3500"].change.difference is None  # nothing in 2014
    assert '<td class="num">+25\u00a0points [' in render(
        report, "html"
    )  # the unit stays with its figure


def test_a_change_in_points_is_the_difference_of_the_printed_shares(
    election_2020: dict[str, Commune],
) -> None:
    """1 of 3 programmes (« 33 % ») against 1 of 6 (« 17 % »): the change printed beside them
    is « +16 points », which a reader finds by subtracting; the unrounded 0.1667 printed
    « +17 ». The CSV keeps the unrounded difference."""
    mid = election_2020["mid"]
    programme(mid, "Liste sans numérique")  # 2020: 1 of 3 speak of digital
    programme(mid, "Ancienne liste", election=2014, themes=("site_web",))
    for n in range(5):  # 2014: 1 of 6
        programme(mid, f"Ancienne liste {n}", election=2014)
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    html = render(report, "html")
    table = html.split("<h2>Comparaison avec l'élection de 2014</h2>")[1]
    row = table.split('<th scope="row">100\u00a0000 à 199\u00a0999 habitants</th>')[1]
    row = row.split("</tr>")[0]
    # « 1 sur 3 » as the election page writes it (held together by no-break spaces), and no
    # « (0/0) » beside a « — »
    assert "33\u00a0% (1&nbsp;sur&nbsp;3)" in row and "17\u00a0% (1&nbsp;sur&nbsp;6)" in row
    assert "+16\u00a0points [" in row
    # the brackets without programmes read « — », and a legend says what it stands for
    empty = table.split('<th scope="row">moins de 3\u00a0500 habitants</th>')[1].split("</tr>")[0]
    assert empty.endswith('<td class="num">—</td><td class="num">—</td>')  # no « (0 sur 0) »
    assert "«\u00a0—\u00a0»\u00a0: aucun programme lu dans cette tranche" in table
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    change = next(r for r in rows if r["section"] == "change" and r["key"] == "100000-199999")
    assert float(change["share"]) == pytest.approx(1 / 3 - 1 / 6)


def test_a_change_over_too_few_programmes_says_so_in_every_format(
    election_2020: dict[str, Commune],
) -> None:
    """A change over 2 programmes of one election is printed but not read, as on the web page
    (« trop peu de programmes »); over 5 or more on each side it is said significant or not.
    The report gave the interval alone, the page a verdict: the two disagreed."""
    for n in range(2):
        programme(election_2020["big"], f"Ancienne {n}", election=2014, themes=("site_web",))
    for n in range(5):
        programme(election_2020["mid"], f"Autre {n}", election=2014)
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    html = render(report, "html").split("<h2>Comparaison avec l'élection de 2014</h2>")[1]

    def cell(label: str) -> str:
        return html.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]

    assert cell("Toutes les communes").endswith("<br>non significatif</td>")
    assert cell("200\u00a0000 habitants et plus").endswith("<br>trop peu de programmes</td>")
    assert "«\u00a0trop peu de programmes\u00a0»\u00a0: moins de 5 programmes lus" in html
    rows = json.loads(render(report, "json"))["comparison"]["rows"]
    assert {r["bracket"]: r["few"] for r in rows if r["change"]["difference"] is not None} == {
        "all": False,
        "100000-199999": True,
        "ge200000": True,
    }
    details = {
        r["key"]: r["detail"]
        for r in csv.DictReader(io.StringIO(render(report, "csv")))
        if r["section"] == "change"
    }
    assert details["all"] == "2020 - 2014"
    assert details["ge200000"] == "2020 - 2014\u00a0; trop peu de programmes"


def test_unknown_election_is_a_clear_error(election_2020: object) -> None:
    with pytest.raises(BarometreError, match="aucun programme importé pour 2008"):
        programmes_report(election=2008, now=NOW)


def test_json_report_fields(election_2020: object) -> None:
    data = json.loads(render(programmes_report(election=2020, now=NOW), "json"))

    assert data["election"] == 2020 and data["generated_at"].startswith("2026-11-27")
    assert set(data["summary"]["digital"]) == {"count", "n", "share", "low", "high"}
    assert data["summary"]["digital"]["share"] == 0.5
    assert {row["bracket"] for row in data["summary"]["by_bracket"]} >= {"ge200000", "lt3500"}
    assert {"theme", "label", "programmes", "sentences"} <= set(data["summary"]["themes"][0])
    big = next(c for c in data["communes"] if c["code"] == "69123")
    first = big["lists"][0]
    assert first["list_name"] == "Liste A" and first["won"] and first["round"] == 1
    assert first["sentences"][0] == {
        "index": 0,
        "text": GUICHET,
        "themes": ["guichet_unique"],
        "disruptive": False,
    }
    assert data["comparison"] is None and data["promises"] == []
    reading = data["reader_validity"]  # how well the coder reads real passages
    assert reading["sample"] == "rw-eval" and reading["passages"] >= 100
    assert reading["digital_f1_low"] <= reading["digital_f1"] <= reading["digital_f1_high"]
    assert 0 < reading["digital_precision"] < 1 and 0 < reading["digital_recall"] < 1


def test_csv_and_html_reports(election_2020: object) -> None:
    report = programmes_report(election=2020, now=NOW, commune="69123")

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    big = next(r for r in rows if r["section"] == "bracket" and r["key"] == "ge200000")
    assert (big["count"], big["n"], big["share"]) == ("3", "4", "0.75")
    assert {r["key"] for r in rows if r["section"] == "list"} == {"69123"}

    html = render(report, "html")
    assert "Le numérique dans les programmes municipaux de 2020" in html
    assert "<strong>50\u00a0%</strong>" in html and "[22\u00a0% ; 78\u00a0%]" in html
    assert GUICHET in html and "Petiteville" not in html
    assert "vegaEmbed" in html  # the vendored Vega-Lite, inlined: the file works offline
    from barometre.outputs.validity import measured_validity

    v = measured_validity()  # how well the coder reads real passages, said before any figure
    note = html.index('id="fiabilite"')
    assert note < html.index("des programmes lus parlent de numérique")  # as the pages say
    said = html[note : note + 1500].replace("&#x27;", "'")
    assert f"Sur {v.passages} extraits réels" in said
    assert f"F1 de {v.digital_f1.value:.2f}".replace(".", ",") in said
    assert f"{round(v.digital_precision * 100)}\u00a0% des extraits qu'il retient" in said


def test_html_detail_is_limited_to_the_largest_communes(
    election_2020: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("barometre.programmes.reports.renderers.HTML_COMMUNES", 1)

    html = render(programmes_report(election=2020, now=NOW), "html")

    assert "<h3>Grandeville" in html and "<h3>Petiteville" not in html
    # the same file is downloaded from the site: no command-line option in it (« ou avec
    # --commune » was)
    assert "les 2 autres sont dans les rapports JSON et CSV de cette élection." in html
    assert "--commune" not in html


def test_programme_report_percentages_round_half_away_from_zero() -> None:
    from barometre.programmes.reports.renderers import _percent

    # Python's format rounds the binary value half to even: 0.625 printed « 62 % »
    assert [_percent(v) for v in (0.625, 0.575, 0.005, None)] == [
        "63\u00a0%",
        "58\u00a0%",
        "1\u00a0%",
        "—",
    ]


def test_a_programme_without_text_is_said_unread_in_every_format(election_2020: object) -> None:
    report = programmes_report(election=2020, now=NOW)
    small = next(c for c in report.communes if any(i.list_name == "Liste scannée" for i in c.lists))
    scanned = next(i for i in small.lists if i.list_name == "Liste scannée")
    assert scanned.unread == "texte illisible (PDF d'images ou vide) : non lu"

    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    row = next(r for r in rows if r["section"] == "list" and r["label"] == "Liste scannée")
    assert (row["share"], row["detail"]) == ("", scanned.unread)  # not « 0 », not digital
    html = render(report, "html").replace("&#x27;", "'")
    assert "Texte illisible (PDF d'images ou vide) : non lu" in html
    assert json.loads(render(report, "json"))["communes"][-1]["lists"][-1]["unread"]


def test_report_commune_is_normalised_and_an_unknown_one_refused(election_2020: object) -> None:
    report = programmes_report(election=2020, now=NOW, commune="1004")  # 01004, zero dropped
    assert [c.code for c in report.communes] == ["01004"]
    with pytest.raises(BarometreError, match="commune 99999 inconnue du référentiel"):
        programmes_report(election=2020, now=NOW, commune="99999")
    with pytest.raises(BarometreError, match="comparez avec une autre année"):
        programmes_report(election=2020, now=NOW, compare_with=2020)


def test_a_report_limited_to_one_commune_says_its_figures_are_the_whole_elections(
    election_2020: object,
) -> None:
    """`--commune` limits the detail and the promises, not the shares: « 4 programmes sur 8 »
    is the election's, and the report said nothing of it under one commune's detail."""
    report = programmes_report(election=2020, now=NOW, commune="38185")
    assert (report.commune, report.summary.digital.n) == ("38185", 8)
    html = render(report, "html")
    assert (
        '<p id="commune-seule">Les chiffres portent sur toutes les communes de l\'élection\u00a0; '
        "le détail par commune et les promesses se limitent à la commune 38185.</p>"
    ) in html
    assert json.loads(render(report, "json"))["commune"] == "38185"
    whole = programmes_report(election=2020, now=NOW)
    assert whole.commune is None and 'id="commune-seule"' not in render(whole, "html")
    Programme.objects.filter(commune_id="38185").delete()  # a commune without programmes
    empty = render(programmes_report(election=2020, now=NOW, commune="38185"), "html")
    assert "la commune 38185. Aucun programme de cette élection pour cette commune.</p>" in empty


def test_a_later_election_to_compare_with_is_refused(election_2020: dict[str, Commune]) -> None:
    """The change is the report's share minus the other election's: the 2020 report compared
    with 2026 printed a fall from 100 % to 67 % as « Évolution +33 points »."""
    programme(election_2020["big"], "Liste 2026", election=2026, themes=("site_web",))
    with pytest.raises(BarometreError, match=r"--compare 2026 est postérieure à l'élection du "):
        programmes_report(election=2020, now=NOW, compare_with=2026)
    report = programmes_report(election=2026, now=NOW, compare_with=2020)
    assert report.comparison is not None and report.comparison.other.election == 2020


def test_report_figures_round_half_away_from_zero() -> None:
    from barometre.programmes.reports.promises import _fmt
    from barometre.programmes.reports.renderers import _points

    assert (_points(0.125), _points(-0.125), _points(-0.001), _points(0.0)) == (
        "+13",
        "\u221213",  # the minus sign
        "0",
        "0",
    )
    assert (_fmt(1.25), _fmt(2.75), _fmt(2.0)) == ("1,3", "2,8", "2,0")


def test_report_counts_agree_in_french(election_2020: object) -> None:
    report = programmes_report(election=2020, now=NOW, commune="01004")
    html = render(report, "html").replace("&#x27;", "'")
    assert "programmes lus parlent de numérique (4 sur 8, 3 communes" in html
    assert "non lus ni comptés : 1 programme." in html
    assert "programme(s)" not in html and "phrase(s)" not in html
    assert "3 phrases disruptives sur" not in html  # counted, not « phrase(s) »
    assert "(01004, 2\u00a0000 habitants)" in html
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    details = {r["key"]: r["detail"] for r in rows if r["section"] == "theme"}
    assert details["open_data"] == "1 phrase" and details["cybersecurite"] == "0 phrase"


def test_html_report_names_themes_by_their_french_labels(election_2020: object) -> None:
    html = render(programmes_report(election=2020, now=NOW, commune="69123"), "html")
    detail = html[html.index("Par commune") :]
    assert '<span class="tag">Guichet unique</span>' in detail
    assert ">guichet_unique<" not in detail and ">open_data<" not in detail


def test_html_report_says_what_disruptive_means_where_it_marks_it(election_2020: object) -> None:
    html = render(programmes_report(election=2020, now=NOW), "html")
    explained = html.index("Une proposition est dite disruptive quand elle change")
    # before the first theme marked « disruptif » and the first sentence so marked
    assert explained < html.index('<span class="tag disruptive">disruptif</span>')
    assert explained < html.index("proposition disruptive</span>")


def test_html_report_shares_say_over_what_they_are_counted(election_2020: object) -> None:
    """The themes' « Programmes » is not the brackets' (their base): it names what it counts and
    the caption the base; the disruptive share says it is over the programmes read, and its
    interval is named as the other shares'."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    themes = html[html.index("Programmes et phrases par thème") :]
    assert themes.startswith("Programmes et phrases par thème, sur 8 programmes lus</caption>")
    assert '<th scope="col">Programmes qui le citent</th>' in themes[: themes.index("</thead>")]
    assert "disruptive\u00a0: <strong>13\u00a0%</strong> des programmes lus (1 sur 8" in html
    assert "(1 sur 8\u00a0; IC\u00a095\u00a0% [" in html


def test_csv_list_rows_carry_round_won_status_and_exact_interval_bounds(
    election_2020: object,
) -> None:
    report = programmes_report(election=2020, now=NOW)
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    lists = {(r["label"], r["round"]): r for r in rows if r["section"] == "list"}
    assert (lists["Liste A", "1"]["won"], lists["Liste A", "1"]["status"]) == ("1", "ok")
    assert lists["Liste A", "2"]["won"] == "0"
    assert lists["Liste scannée", "1"]["status"] == "no_text"
    small = next(r for r in rows if r["section"] == "bracket" and r["key"] == "lt3500")
    assert small["ci_low"] == "0.0"  # 0/2: not 2.7755575615628914e-17
    data = json.loads(render(report, "json"))
    zero = next(b for b in data["summary"]["by_bracket"] if b["bracket"] == "lt3500")
    assert zero["digital"]["low"] == 0


def test_a_csv_list_row_without_a_digital_sentence_has_an_empty_detail(
    election_2020: object,
) -> None:
    """« themes :: sentences » for a list that speaks of digital; nothing for one that does not
    (the cell read « :: »), and why for one that was not read."""
    rows = csv.DictReader(io.StringIO(render(programmes_report(election=2020, now=NOW), "csv")))
    details = {r["label"]: r["detail"] for r in rows if r["section"] == "list"}
    assert details["Liste D"] == "" and details["Liste B"] == "guichet_unique :: "
    assert details["Liste scannée"].startswith("texte illisible")


def test_every_csv_row_is_as_wide_as_the_header(election_2020: object) -> None:
    text = render(programmes_report(election=2020, now=NOW), "csv")
    assert {len(row) for row in csv.reader(io.StringIO(text))} == {21}  # CSV_COLUMNS


def test_csv_promise_rows_name_their_theme(election_2020: object) -> None:
    """A promise row gave the commune, the list and figures but not the theme, so that the rows
    of one list (a row per promised theme) could not be told apart but by reading the
    statement."""
    measured_campaign(
        "mesure-2024",
        timezone.make_aware(dt.datetime(2024, 5, 1)),
        {("69123", "inscription-scolaire"): 4, ("69123", "paiement-famille"): 2},
    )
    report = programmes_report(election=2020, now=NOW)
    labels = {t.id: t.label for t in load_themes().themes}
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    promised = {
        (r["key"], r["label"], r["theme"]): r["theme_label"]
        for r in rows
        if r["section"] == "promise"
    }
    assert promised == {
        (p.commune_code, p.list_name, p.theme): labels[p.theme] for p in report.promises
    }
    assert ("69123", "Liste A", "ecole_numerique") in promised
    assert ("69123", "Liste A", "guichet_unique") in promised
    themes = {r["key"]: (r["theme"], r["theme_label"]) for r in rows if r["section"] == "theme"}
    assert themes and all(themes[key] == (key, labels[key]) for key in themes)


def test_csv_promise_rows_say_whether_the_list_was_elected(election_2020: object) -> None:
    """A researcher keeping the elected lists' promises reads `won` (1/0) on promise rows as on
    list rows, not in the statement's prose (it was empty there)."""
    measured_campaign(
        "mesure-2024",
        timezone.make_aware(dt.datetime(2024, 5, 1)),
        {("69123", "inscription-scolaire"): 4},
    )
    rows = list(
        csv.DictReader(io.StringIO(render(programmes_report(election=2020, now=NOW), "csv")))
    )
    won = {(r["label"], r["theme"]): r["won"] for r in rows if r["section"] == "promise"}
    assert won[("Liste A", "ecole_numerique")] == "1"
    assert won[("Liste B", "guichet_unique")] == "0"


WRAPPED = "Nous créerons la\nMaison du numérique à Saint-\nÉtienne-\nde-Montluc\n2 000 tablettes."


def test_a_sentence_wrapped_in_its_programme_is_quoted_on_one_line(
    election_2020: dict[str, Commune],
) -> None:
    programme(
        election_2020["mid"],
        "Liste I",
        themes=("guichet_unique",),
        sentences=((WRAPPED, ("guichet_unique",), False),),
    )
    later = timezone.make_aware(dt.datetime(2024, 5, 1))
    measured_campaign("mesure", later, {("38185", "inscription-scolaire"): 4})
    report = programmes_report(election=2020, now=NOW)
    one_line = "Nous créerons la Maison du numérique à Saint-Étienne-de-Montluc 2 000 tablettes."

    lists = {item.list_name: item for c in report.communes for item in c.lists}
    assert [s.text for s in lists["Liste I"].sentences] == [one_line]
    data = json.loads(render(report, "json"))
    quoted = [s["text"] for c in data["communes"] for i in c["lists"] for s in i["sentences"]]
    assert one_line in quoted and not [q for q in quoted if "\n" in q]
    rows = list(csv.reader(io.StringIO(render(report, "csv"))))
    assert f"guichet_unique :: {one_line}" in {row[9] for row in rows}
    assert not [cell for row in rows for cell in row if "\n" in cell]
    assert [p.sentence for p in report.promises if p.list_name == "Liste I"] == [one_line]
    shown = one_line.replace("2 000", "2\u00a0000")  # its digit groups joined where it is read
    assert f"<blockquote>{shown}</blockquote>" in render(report, "html")
    stored = ProgrammeSentence.objects.get(text=WRAPPED)  # the stored text keeps its breaks
    assert (stored.start, stored.end) == (0, len(WRAPPED))


# a no-break space in or after a figure (« 100 000 », « 50 % »)
FIGURE_SPACE = re.compile(r"\d\u00a0[\d%]")


def test_machine_formats_keep_plain_numbers(election_2020: object) -> None:
    """Only the text a reader sees joins « 50 % » with a no-break space: the CSV's and the
    JSON's figures stay plain numbers (a note's « : » keeps its no-break space)."""
    report = programmes_report(election=2020, now=NOW)
    data = json.loads(render(report, "json"))
    assert data["summary"]["digital"]["share"] == 0.5
    text = render(report, "csv")
    assert "%" not in text and not FIGURE_SPACE.search(text)
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["section"] == "digital"]
    assert rows and all(float(r["share"]) >= 0 and float(r["ci_low"]) >= 0 for r in rows)
    html, raw = render(report, "html"), render(report, "json")
    assert "50\u00a0%" in html and "\u00a0%" not in raw
    # a bracket's digit groups are joined where a reader sees them, as the data write them in
    # the CSV and the JSON
    assert '<th scope="row">100\u00a0000 à 199\u00a0999 habitants</th>' in html
    assert "100 000 à 199 999 habitants" in text and "100 000 à 199 999 habitants" in raw
    assert not FIGURE_SPACE.search(raw)


def test_a_quoted_sentence_keeps_its_numbers_on_one_line(
    client,  # type: ignore[no-untyped-def]
    communes: dict[str, Commune],
) -> None:
    """A programme's sentence quotes « 2 000 euros » as the programme wrote it (plain space,
    kept in the JSON); the report and the election's page join its digit groups."""
    quoted = "Un budget participatif de 2 000 euros sera voté en ligne."
    shown = quoted.replace("2 000", "2\u00a0000")
    programme(
        communes["big"],
        "Liste Z",
        themes=("site_web",),
        sentences=((quoted, ("site_web",), False),),
    )
    report = programmes_report(election=2020, now=NOW)
    assert f"<blockquote>{shown} " in render(report, "html")
    assert quoted in render(report, "json")
    page = client.get("/programmes/2020/").content.decode()
    assert f"\u00ab\u00a0{shown}\u00a0\u00bb" in page


def test_the_report_dates_its_figures_by_the_reading_in_paris_time(election_2020: object) -> None:
    """The figures are those of the reading run at import (or reanalyse): the report says when,
    and when it was generated, in Paris time in HTML, in UTC in JSON (as every machine value)."""
    first = dt.datetime(2026, 11, 3, 23, 30, tzinfo=dt.UTC)  # 4 November in Paris
    Programme.objects.filter(status="ok").update(read_at=first, themes_version="2026.12")
    Programme.objects.filter(list_name="Liste B").update(read_at=first + dt.timedelta(days=2))

    report = programmes_report(election=2020, now=NOW)

    data = json.loads(render(report, "json"))
    assert data["generated_at"] == "2026-11-27T12:00:00Z"
    assert data["read_from"] == "2026-11-03T23:30:00Z"
    assert data["read_to"] == "2026-11-05T23:30:00Z"
    html = render(report, "html")
    assert (
        "Programmes lus du 4 novembre 2026 au 6 novembre 2026 (lecture automatique) ; thèmes "
        "version 2026.12 ; rapport généré le 27 novembre 2026 à 13:00 (heure "
        "de Paris, UTC+01:00)."
    ) in html
    Programme.objects.update(read_at=first)
    assert "Programmes lus le 4 novembre 2026 (lecture" in render(
        programmes_report(election=2020, now=NOW), "html"
    )


def test_the_report_gives_the_themes_version_the_programmes_were_read_with(
    election_2020: object,
) -> None:
    """Not the current themes file's: after the file changes and before `reanalyse`, the
    figures are still those of the older reading, and the report says both."""
    Programme.objects.filter(status="ok").update(read_at=NOW, themes_version="2025.01")
    current = load_themes().version
    assert current != "2025.01"

    report = programmes_report(election=2020, now=NOW)

    assert report.themes_version == "2025.01" and report.current_themes_version == current
    html = render(report, "html")
    assert "(lecture automatique) ; thèmes version 2025.01 (le fichier des thèmes est " in html
    assert f"maintenant en version {current} : «\u00a0barometre programmes reanalyse\u00a0»" in html
    assert json.loads(render(report, "json"))["themes_version"] == "2025.01"
    Programme.objects.filter(list_name="Liste B").update(themes_version=current)
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert f"thèmes versions 2025.01, {current} (le fichier" in html
    Programme.objects.update(themes_version=current)
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert f"thèmes version {current} ; rapport généré" in html and "reanalyse" not in html


def test_the_bracket_charts_tooltip_prints_the_share_as_the_table(election_2020: object) -> None:
    """d3's ".0%" printed a share of 1 in 300 « 0 % » beside the table's « 0,3 % »: the tooltip
    reads the text the report prints (`_percent`)."""
    from barometre.programmes.reports.renderers import _bracket_chart, _percent

    summary = programmes_report(election=2020, now=NOW).summary
    chart = _bracket_chart([summary])
    assert chart["layer"][0]["encoding"]["tooltip"][1] == {"field": "part_texte", "title": "part"}
    values = chart["data"]["values"]
    assert values and all(v["part_texte"] == _percent(v["part"]) for v in values)
