"""Reports: shares by bracket with intervals, themes, comparison, evidence, promises vs measures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.outputs.html_report import charts_js
from barometre.programmes.analysis.themes import load_themes
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Campaign, Commune
from tests.a11y import (
    chart_type_settings,
    charts_past_their_box,
    document_problems,
    drawn_chart_names,
    needs_chromium,
)
from tests.factories import CampaignFactory, set_cells

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def programme(
    commune: Commune,
    name: str,
    *,
    election: int = 2020,
    themes: tuple[str, ...] = (),
    disruptive: bool = False,
    round: int = 1,
    won: bool = False,
    status: str = "ok",
    sentences: tuple[tuple[str, tuple[str, ...], bool], ...] = (),
) -> Programme:
    item = Programme.objects.create(
        commune=commune,
        election=election,
        list_name=name,
        round=round,
        won=won,
        source_name=f"{name}.pdf",
        format="pdf",
        file_sha256=f"{name}-{election}-{round}",
        text="" if status == "no_text" else "texte",
        status=status,
        mentions_digital=bool(themes),
        themes=list(themes),
        disruptive=disruptive,
    )
    for index, (text, sentence_themes, is_disruptive) in enumerate(sentences):
        ProgrammeSentence.objects.create(
            programme=item,
            index=index,
            start=0,
            end=len(text),
            text=text,
            themes=list(sentence_themes),
            disruptive=is_disruptive,
        )
    return item


GUICHET = "Nous créerons un guichet unique en ligne."


@pytest.fixture
def election_2020(communes: dict[str, Commune]) -> dict[str, Commune]:
    big, mid, small = communes["big"], communes["mid"], communes["small"]
    programme(
        big,
        "Liste A",
        themes=("ecole_numerique", "guichet_unique", "open_data"),
        disruptive=True,
        won=True,
        sentences=(
            (GUICHET, ("guichet_unique",), False),
            ("Les données seront ouvertes.", ("open_data",), True),
            ("Des tablettes dans chaque école.", ("ecole_numerique",), False),
        ),
    )
    programme(big, "Liste A", round=2, themes=("site_web",))  # counted once, as round 1
    programme(big, "Liste B", themes=("guichet_unique",))
    programme(big, "Liste C", themes=("guichet_unique",))
    programme(big, "Liste D")
    programme(mid, "Liste E", themes=("site_web",))
    programme(mid, "Liste F")
    programme(small, "Liste G")
    programme(small, "Liste H")
    programme(small, "Liste scannée", status="no_text")
    return communes


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
    table = html.split("<h2>Comparaison 2020 / 2014</h2>")[1]
    row = table.split('<th scope="row">100\u00a0000 à 199\u00a0999 habitants</th>')[1]
    row = row.split("</tr>")[0]
    assert "33\u00a0% (1/3)" in row and "17\u00a0% (1/6)" in row
    assert "+16\u00a0points [" in row
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    change = next(r for r in rows if r["section"] == "change" and r["key"] == "100000-199999")
    assert float(change["share"]) == pytest.approx(1 / 3 - 1 / 6)


def test_unknown_election_is_a_clear_error(election_2020: object) -> None:
    with pytest.raises(BarometreError, match="aucun programme importé pour 2008"):
        programmes_report(election=2008, now=NOW)


def _campaign(
    name: str,
    created: dt.datetime,
    levels: dict[tuple[str, str], int | str],
    *,
    measured: dt.date | None = None,
) -> Campaign:
    """A campaign created at `created` and measured that day, or on `measured`."""
    codes = {code for code, _ in levels}
    campaign = CampaignFactory(name=name, communes=list(Commune.objects.filter(code__in=codes)))
    set_cells(campaign, levels)
    Campaign.objects.filter(pk=campaign.pk).update(
        created_at=created, measured_on=measured or created.date()
    )
    return campaign


def test_promises_are_set_beside_the_latest_later_measure(election_2020: object) -> None:
    aware = timezone.make_aware
    _campaign("avant", aware(dt.datetime(2019, 6, 1)), {("69123", "inscription-scolaire"): 5})
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "inscription-scolaire"): 1})
    _campaign(
        "mesure-2026",
        aware(dt.datetime(2026, 3, 1)),  # before the next term (first round: 15 March 2026)
        {
            ("69123", "inscription-scolaire"): 4,
            ("69123", "periscolaire"): 4,
            ("69123", "paiement-famille"): 2,
            ("69123", "listes-electorales"): 1,
            ("69123", "urbanisme"): "na",
        },
    )

    report = programmes_report(election=2020, now=NOW)

    promises = {(p.list_name, p.theme): p for p in report.promises}
    assert set(promises) == {
        ("Liste A", "ecole_numerique"),
        ("Liste A", "guichet_unique"),
        ("Liste A", "site_web"),  # promised in round 2
        ("Liste B", "guichet_unique"),
        ("Liste C", "guichet_unique"),
    }  # open_data has no measured service; Liste E's commune was not measured
    school = promises[("Liste A", "ecole_numerique")]
    assert (school.campaign, school.measured_year) == ("mesure-2026", 2026)
    assert school.n_cells == 3 and school.mean_level == pytest.approx(10 / 3)
    assert school.at_level_3_or_more == 2
    assert school.sentence == "Des tablettes dans chaque école."
    assert "promis en 2020" in school.statement and "3,3 sur 5" in school.statement
    # the same services before the first round: « avant » (2019) measured school enrolment at 5
    assert (school.before_campaign, school.before_year, school.before_n_cells) == ("avant", 2019, 1)
    assert school.before_mean_level == 5.0 and school.before_at_level_3_or_more == 1
    assert "avant l'élection, 2019 (campagne avant) : niveau moyen 5,0 sur 5" in school.statement
    one_stop = promises[("Liste A", "guichet_unique")]
    assert one_stop.n_cells == 4 and one_stop.mean_level == pytest.approx(11 / 4)
    assert one_stop.won and one_stop.sentence == GUICHET

    won_only = programmes_report(election=2020, now=NOW, won_only=True).promises
    assert {p.list_name for p in won_only} == {"Liste A"}


def test_the_measure_after_an_election_stays_within_the_term_it_opened(
    election_2020: object,
) -> None:
    """A campaign measured on the first round's day shows the outgoing council's work: it is
    the measure before, not lost between the two sides. One measured after the next general
    election (15 March 2026) belongs to the next term: the 2020 lists are not set beside it.
    A by-election's day is unknown: a campaign of its year counts on neither side."""
    aware = timezone.make_aware
    _campaign(
        "jour-du-vote",
        aware(dt.datetime(2020, 3, 20)),
        {("69123", "urbanisme"): 1},
        measured=dt.date(2020, 3, 15),
    )
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    _campaign("mesure-2027", aware(dt.datetime(2027, 5, 1)), {("69123", "urbanisme"): 4})
    promises = programmes_report(election=2020, now=NOW).promises
    assert {(p.campaign, p.before_campaign) for p in promises} == {("mesure-2024", "jour-du-vote")}
    assert all("2027" not in p.statement for p in promises)

    Programme.objects.filter(commune_id="69123").update(election=2023)  # a by-election
    _campaign("mesure-2023", aware(dt.datetime(2023, 6, 1)), {("69123", "urbanisme"): 3})
    promises = programmes_report(election=2023, now=NOW).promises
    assert {(p.campaign, p.before_campaign) for p in promises} == {("mesure-2024", "jour-du-vote")}


def test_a_theme_without_measured_services_reads_as_french(election_2020: object) -> None:
    """The commune was measured after the election, but none of the family services: the
    sentence says so without « de les démarches famille »."""
    aware = timezone.make_aware
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    school = next(
        p
        for p in programmes_report(election=2020, now=NOW).promises
        if p.theme == "ecole_numerique"
    )
    assert school.mean_level is None
    assert school.statement.endswith(
        "2024 (campagne mesure-2024) : aucun service mesuré pour les démarches famille, école et "
        "petite enfance"
    )


def test_services_sans_objet_are_not_said_unmeasured(election_2020: object, client) -> None:  # type: ignore[no-untyped-def]
    """The family services all « sans objet » in the commune read « aucun service mesuré »
    in the report and « aucun de ces services mesuré » on the commune page: they were."""
    aware = timezone.make_aware
    _campaign(
        "mesure-2024",
        aware(dt.datetime(2024, 5, 1)),
        {
            ("69123", "urbanisme"): 2,
            ("69123", "inscription-scolaire"): "na",
            ("69123", "periscolaire"): "na",
        },
    )
    school = next(
        p
        for p in programmes_report(election=2020, now=NOW).promises
        if p.theme == "ecole_numerique"
    )
    assert school.mean_level is None and school.n_cells == 0 and school.n_not_applicable == 2
    assert school.statement.endswith(
        "2024 (campagne mesure-2024) : aucun niveau pour les démarches famille, école et petite "
        "enfance, 2 services « sans objet » dans la commune"
    )
    page = client.get("/commune/69123/").content.decode()
    assert "aucun de ces services mesuré (campagne mesure-2024)" not in page
    assert "aucun niveau : 2 services « sans objet » (campagne mesure-2024)" in page


def test_services_sans_objet_before_the_election_are_said(  # type: ignore[no-untyped-def]
    election_2020: object, client
) -> None:
    """The family services all « sans objet » in the campaign before the election: the
    sentence said nothing of that campaign, as if there were none; it says so, as the measure
    after does, and the commune page too."""
    aware = timezone.make_aware
    _campaign(
        "avant",
        aware(dt.datetime(2019, 6, 1)),
        {
            ("69123", "urbanisme"): 1,
            ("69123", "inscription-scolaire"): "na",
            ("69123", "periscolaire"): "na",
        },
    )
    _campaign(
        "mesure-2024",
        aware(dt.datetime(2024, 5, 1)),
        {("69123", "urbanisme"): 2, ("69123", "inscription-scolaire"): 3},
    )
    school = next(
        p
        for p in programmes_report(election=2020, now=NOW).promises
        if p.theme == "ecole_numerique"
    )
    assert (school.before_campaign, school.before_n_not_applicable) == ("avant", 2)
    assert (
        "avant l'élection, 2019 (campagne avant)\u00a0: aucun niveau, 2 services «\u00a0sans "
        "objet\u00a0» ; 2024 (campagne mesure-2024)"
    ).replace(" ;", "\u00a0;") in school.statement
    page = client.get("/commune/69123/").content.decode()
    assert "aucun niveau\u00a0: 2 services «\u00a0sans objet\u00a0» (campagne avant)" in page


def test_a_later_campaign_all_sans_objet_is_the_latest_measure(election_2020: object) -> None:
    """The latest campaign holds only « sans objet » cells for the commune: it was skipped,
    and the promise was set beside the earlier campaign's level 3 as the latest measure (or,
    without an earlier one, left out of the report). It is the latest measure."""
    aware = timezone.make_aware
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "inscription-scolaire"): 3})
    _campaign(
        "mesure-2025",
        aware(dt.datetime(2025, 5, 1)),
        {("69123", "inscription-scolaire"): "na", ("69123", "periscolaire"): "na"},
    )
    school = next(
        p
        for p in programmes_report(election=2020, now=NOW).promises
        if p.theme == "ecole_numerique"
    )
    assert (school.campaign, school.mean_level, school.n_not_applicable) == ("mesure-2025", None, 2)
    assert school.statement.endswith(
        "2025 (campagne mesure-2025)\u00a0: aucun niveau pour les démarches famille, école et "
        "petite enfance, 2 services «\u00a0sans objet\u00a0» dans la commune"
    )
    Campaign.objects.filter(name="mesure-2024").update(is_demo=True)  # out of a real report
    promises = programmes_report(election=2020, now=NOW).promises
    assert {p.campaign for p in promises if p.commune_code == "69123"} == {"mesure-2025"}


def test_a_past_study_imported_after_the_election_is_not_a_later_measure(
    election_2020: object,
) -> None:
    """What counts is when the sites were measured, not when the campaign was created: a 2019
    study imported in 2026 stands before the 2020 election, and the 2024 campaign is the
    latest measure after it."""
    aware = timezone.make_aware
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    _campaign(
        "etude-2019",
        aware(dt.datetime(2026, 6, 1)),
        {("69123", "urbanisme"): 4},
        measured=dt.date(2019, 6, 1),
    )
    report = programmes_report(election=2020, now=NOW)
    assert {(p.campaign, p.measured_year) for p in report.promises} == {("mesure-2024", 2024)}


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
    assert note < html.index("des programmes parlent de numérique")
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
    assert "2 autres sont dans les rapports JSON et CSV" in html


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
        "-13",
        "0",
        "0",
    )
    assert (_fmt(1.25), _fmt(2.75), _fmt(2.0)) == ("1,3", "2,8", "2,0")


def test_report_counts_agree_in_french(election_2020: object) -> None:
    report = programmes_report(election=2020, now=NOW, commune="01004")
    html = render(report, "html").replace("&#x27;", "'")
    assert "programmes parlent de numérique (4 sur 8, 3 communes" in html
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


def test_every_csv_row_is_as_wide_as_the_header(election_2020: object) -> None:
    text = render(programmes_report(election=2020, now=NOW), "csv")
    assert {len(row) for row in csv.reader(io.StringIO(text))} == {15}


def test_csv_promise_rows_name_their_theme(election_2020: object) -> None:
    """A promise row gave the commune, the list and figures but not the theme, so that the rows
    of one list (a row per promised theme) could not be told apart but by reading the
    statement."""
    _campaign(
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
    _campaign("mesure", later, {("38185", "inscription-scolaire"): 4})
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
    and when it was generated, both in Paris time, alike in HTML and JSON."""
    first = dt.datetime(2026, 11, 3, 23, 30, tzinfo=dt.UTC)  # 4 November in Paris
    Programme.objects.filter(status="ok").update(read_at=first, themes_version="2026.12")
    Programme.objects.filter(list_name="Liste B").update(read_at=first + dt.timedelta(days=2))

    report = programmes_report(election=2020, now=NOW)

    data = json.loads(render(report, "json"))
    assert data["generated_at"] == "2026-11-27T13:00:00+01:00"
    assert data["read_from"] == "2026-11-04T00:30:00+01:00"
    assert data["read_to"] == "2026-11-06T00:30:00+01:00"
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


def test_the_html_report_fits_a_phone_screen(election_2020: object) -> None:
    """A viewport meta: without it a phone lays the page out 980 px wide and zooms out."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


@needs_chromium
def test_on_a_phone_the_report_is_390_px_wide_at_full_scale(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 390 px phone the page is laid out 390 px wide, unzoomed: a wide table or chart
    scrolls in its own box, not the page."""
    from tests.a11y import drawn_page

    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-themes") as page:
        layout = page.evaluate(
            "[window.innerWidth, document.documentElement.scrollWidth, visualViewport.scale]"
        )
    assert layout == [390, 390, 1]


def test_the_html_report_reads_out_right(election_2020: dict[str, Commune]) -> None:
    programme(election_2020["big"], "Ancienne liste", election=2014, themes=("site_web",))
    html = render(programmes_report(election=2020, compare_with=2014, now=NOW), "html")
    assert document_problems(html) == []
    # a disruptive sentence says so in words, not by the colour of its tags alone
    quote = html.split("Les données seront ouvertes.")[1].split("</blockquote>")[0]
    assert "proposition disruptive" in quote
    plain = html.split(GUICHET)[1].split("</blockquote>")[0]
    assert "disruptive" not in plain


@needs_chromium
def test_the_drawn_charts_keep_their_french_text(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    names = drawn_chart_names(path, "#chart-themes svg")
    assert [n[0] for n in names] == ["chart-brackets", "chart-themes"]
    for chart_id, role, label in names:  # Vega would label each "Vega visualization"
        assert role == "img" and "tableau qui le suit" in label, (chart_id, role, label)


def test_the_campaigns_set_beside_the_promises_can_be_chosen(election_2020: object) -> None:
    """By default each commune's latest campaign of the term is used, a throwaway one (a test run
    of the audit, measured later) included; --campaign and --campaign-before name the ones to
    use, and a campaign unknown, of the wrong side of the election or of the other kind
    (demonstration or real) is refused with what to give instead."""
    aware = timezone.make_aware
    _campaign("avant", aware(dt.datetime(2019, 6, 1)), {("69123", "urbanisme"): 4})
    _campaign("avant-essai", aware(dt.datetime(2019, 9, 1)), {("69123", "urbanisme"): 0})
    _campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    _campaign("essai-jetable", aware(dt.datetime(2025, 1, 1)), {("69123", "urbanisme"): 0})
    default = programmes_report(election=2020, now=NOW)
    assert {(p.campaign, p.before_campaign) for p in default.promises} == {
        ("essai-jetable", "avant-essai")
    }
    chosen = programmes_report(
        election=2020, now=NOW, campaign="mesure-2024", campaign_before="avant"
    )
    assert {(p.campaign, p.before_campaign) for p in chosen.promises} == {("mesure-2024", "avant")}

    out = io.StringIO()
    call_command(
        "programmes", "report", "--election", "2020", "--campaign", "mesure-2024",
        "--campaign-before", "avant", "--format", "json", "--out", "-", stdout=out,
        stderr=io.StringIO(),
    )  # fmt: skip
    promised = json.loads(out.getvalue())["promises"]
    assert promised and {p["campaign"] for p in promised} == {"mesure-2024"}

    with pytest.raises(BarometreError, match="--campaign : campagne inconnue « 2042 »"):
        programmes_report(election=2020, now=NOW, campaign="2042")
    with pytest.raises(BarometreError, match="« avant » a été mesurée le 1er juin 2019, hors du"):
        programmes_report(election=2020, now=NOW, campaign="avant")
    with pytest.raises(BarometreError, match="--campaign-before : « mesure-2024 » a été mesurée"):
        programmes_report(election=2020, now=NOW, campaign_before="mesure-2024")
    demo = _campaign("demo-2024", aware(dt.datetime(2024, 6, 1)), {("69123", "urbanisme"): 3})
    Campaign.objects.filter(pk=demo.pk).update(is_demo=True)
    with pytest.raises(BarometreError, match="« demo-2024 » est une campagne de démonstration"):
        programmes_report(election=2020, now=NOW, campaign="demo-2024")


@needs_chromium
def test_the_drawn_charts_write_numbers_in_french(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The percentages of the axes read « 10 % » (no-break space) as in the campaign report,
    not « 10% »."""
    from tests.a11y import drawn_page

    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-themes", 1280) as page:
        ticks = page.evaluate(
            "[...document.querySelectorAll('#chart-themes svg text')].map(t => t.textContent)"
        )
    percents = [t for t in ticks if t.endswith("%")]
    assert "10\u00a0%" in percents, ticks
    assert all(t.endswith("\u00a0%") for t in percents), percents


def test_the_report_file_draws_its_charts_with_the_sites_script(election_2020: object) -> None:
    """The charts are drawn by the site's charts.js, inlined (the file works offline), each to
    its box's width; their specs sit where the script reads them, under the ids it draws in."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert charts_js() in html
    specs = json.loads(
        html.split('id="barometre-chart-specs" type="application/json">')[1].split("</script>")[0]
    )
    assert sorted(specs) == ["brackets", "themes"]
    assert all(f'id="chart-{key}"' in html for key in specs)


def test_the_charts_keep_each_number_of_a_bracket_on_one_line(election_2020: object) -> None:
    """A bracket's label wrapped on a phone read « 200 » at a line's end and « 000 habitants »
    at the next: its numbers' groups are joined by a no-break space in the chart (the CSV and
    JSON keep plain spaces). The letters are the site's, chosen by charts.js for every chart."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    specs = json.loads(
        html.split('id="barometre-chart-specs" type="application/json">')[1].split("</script>")[0]
    )
    brackets = [v["tranche"] for v in specs["brackets"]["data"]["values"]]
    assert brackets and all(re.search(r"\d\u00a0\d{3}", b) for b in brackets), brackets
    assert not [b for b in brackets if re.search(r"\d \d", b)], brackets
    assert [chart_type_settings(spec) for spec in specs.values()] == [[], []]


@needs_chromium
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_chart_of_the_report_file_runs_past_its_box(
    election_2020: dict[str, Commune], width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 390 px the charts were drawn 609 and 623 px wide and scrolled in their box, two fifths
    out of sight; now each is as wide as its box, no label cut, its legend in HTML under it on
    a phone; at 1280 px they fill the column. At 320 px the brackets' axis title, anchored at
    the plot's end, ran past the left edge (« part » cut) and the themes' labels left their bars
    a few pixels: the title and such labels are now written on several lines (charts.js)."""
    programme(election_2020["big"], "Ancienne liste", election=2014, themes=("site_web",))
    path = tmp_path / "programmes.html"
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    path.write_text(render(report, "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    past, scroll, legends = charts_past_their_box(path, "#chart-brackets, #chart-themes", width)
    assert past == [] and scroll == width
    assert legends == (1 if width < 600 else 0)  # the two elections' colours, in HTML


def test_the_charts_axis_titles_are_in_the_catalogue(election_2020: object) -> None:
    """The axis titles of the programmes charts were written in French in the code: they go
    through the catalogue like every other word of the report."""
    from django.utils import translation

    from barometre.programmes.reports.renderers import _charts

    report = programmes_report(election=2020, now=NOW)
    for language, brackets, themes in (
        ("fr", "part des programmes qui parlent de numérique", "part des programmes qui citent"),
        ("en", "share of programs that mention digital", "share of programs that cite the"),
    ):
        with translation.override(language):
            specs = _charts(report)
        assert specs["brackets"]["layer"][0]["encoding"]["x"]["title"] == brackets
        assert specs["themes"]["encoding"]["x"]["title"].startswith(themes)
