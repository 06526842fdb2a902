"""Follow-up of promises: how the levels moved where the elected list promised a theme, and
elsewhere (programmes/reports/follow_up.py)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import replace

import pytest

from barometre.programmes.models import Programme
from barometre.programmes.reports import programmes_report, render
from barometre.programmes.reports.follow_up import _statement, follow_up_view
from barometre.programmes.reports.model import FollowUp, FollowUpBasis
from barometre.referential.models import Campaign, Commune
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
# services of the default catalogue: two of the family domain, one of civil status
FAMILY, CIVIL = ("inscription-scolaire", "periscolaire"), "actes-etat-civil"


def _programme(code: str, name: str, *, won: bool, themes: tuple[str, ...]) -> None:
    Programme.objects.create(
        commune_id=code,
        election=2020,
        list_name=name,
        won=won,
        source_name=f"{name}.pdf",
        format="pdf",
        file_sha256=f"{code}-{name}",
        text="texte",
        status="ok",
        mentions_digital=bool(themes),
        themes=list(themes),
    )


def _campaign(name: str, measured: dt.date, levels: dict[tuple[str, str], int]) -> None:
    codes = {code for code, _ in levels}
    campaign = CampaignFactory(name=name, communes=list(Commune.objects.filter(code__in=codes)))
    set_cells(campaign, levels)
    Campaign.objects.filter(pk=campaign.pk).update(measured_on=measured)


def _communes(promising: int, others: int) -> tuple[list[str], list[str]]:
    """Communes whose elected list promised the family theme (`ecole_numerique`), and others
    whose elected list promised something else; each also has a defeated list that promised
    it (a defeated list's promise counts for nothing)."""
    yes = [f"7{i:04d}" for i in range(promising)]
    no = [f"8{i:04d}" for i in range(others)]
    for code in yes + no:
        CommuneFactory(code=code)
        _programme(code, "Battue", won=False, themes=("ecole_numerique",))
    for code in yes:
        _programme(code, "Élue", won=True, themes=("ecole_numerique", "open_data"))
    for code in no:
        _programme(code, "Élue", won=True, themes=("site_web",))
    return yes, no


def test_levels_moved_where_the_theme_was_promised_and_elsewhere(client) -> None:  # type: ignore[no-untyped-def]
    yes, no = _communes(6, 6)
    before = {(c, s): 1 for c in yes + no for s in FAMILY} | {(c, CIVIL): 2 for c in yes + no}
    after = {(c, s): 3 for c in yes for s in FAMILY} | {(c, s): 1 for c in no for s in FAMILY}
    after |= {(c, CIVIL): 2 for c in yes + no}
    after |= {(c, "bibliotheque"): 4 for c in yes}  # measured after only: not paired, left out
    _campaign("avant", dt.date(2019, 6, 1), before)
    _campaign("apres", dt.date(2021, 6, 1), after)
    _campaign("bien-avant", dt.date(2015, 6, 1), {(c, FAMILY[0]): 4 for c in yes + no})

    report = programmes_report(election=2020, now=NOW)

    rows = {r.theme: r for r in report.follow_up}
    school = rows["ecole_numerique"]  # the family services: +2 where promised, 0 elsewhere
    assert (school.promised_communes, school.other_communes) == (6, 6)
    assert school.promised_change == pytest.approx(2.0) and school.other_change == 0.0
    assert school.difference == pytest.approx(2.0)
    assert school.p_value is not None and school.p_value < 0.01
    assert "+2,00 (6 communes) là où la liste élue l'avait promis, 0" in school.statement
    assert (
        "(Mann-Whitney, p\u00a0=\u00a00,00" in school.statement
        or "p\u00a0<\u00a00,001" in school.statement
    )
    # every service, nobody promised it: all twelve on one side; the library (after only) and
    # the earlier campaign change nothing: (2 + 2 + 0) / 3 where promised, 0 elsewhere
    everything = rows["e_administration"]
    assert (everything.promised_communes, everything.other_communes) == (0, 12)
    assert everything.promised_change is None and everything.difference is None
    assert everything.other_change == pytest.approx(
        (6 * (2 + 2 + 0) / 3 + 6 * 0) / 12
    )  # the « yes » communes are « others » for this theme
    assert "open_data" not in rows  # no measured service stands for open data
    data = json.loads(render(report, "json"))
    assert data["follow_up"][0]["theme"] in rows and "p_value" in data["follow_up"][0]
    page = client.get("/programmes/2020/").content.decode()
    table = page[page.index("Ce qui a changé là où la liste élue l'avait promis") :]
    # each count held to its noun: a narrow column read « +0,61 (3 » over « communes) »
    sides = "<td>+2,00 (6\u00a0communes)</td><td>0,00 (6\u00a0communes)</td>"
    assert f"{sides}<td>+2,00</td>" in table
    csv_rows = [r for r in render(report, "csv").splitlines() if r.startswith("follow_up,")]
    assert any(r.startswith("follow_up,2020,ecole_numerique,") for r in csv_rows)
    html = render(report, "html")
    assert (
        "Là où la liste élue l&#x27;avait promis" in html
        or "Là où la liste élue l'avait promis" in html
    )


def test_too_few_communes_give_no_test_and_one_commune_report_no_follow_up() -> None:
    yes, no = _communes(2, 3)
    before = {(c, s): 1 for c in yes + no for s in FAMILY}
    after = {(c, s): 2 for c in yes + no for s in FAMILY}
    _campaign("avant", dt.date(2019, 6, 1), before)
    _campaign("apres", dt.date(2021, 6, 1), after)

    school = {r.theme: r for r in programmes_report(election=2020, now=NOW).follow_up}[
        "ecole_numerique"
    ]
    assert (school.promised_communes, school.other_communes) == (2, 3)
    assert school.p_value is None and school.difference == 0.0
    assert "moins de 5 communes d'un côté : pas de test" in school.statement
    assert programmes_report(election=2020, now=NOW, commune=yes[0]).follow_up == ()


def test_an_election_without_a_follow_up_says_why_in_the_report_and_on_its_page(client) -> None:  # type: ignore[no-untyped-def]
    """No commune measured on both sides, or no elected list read: the section vanished from
    the report and the page without a word, and a reader took it for forgotten."""
    yes, no = _communes(1, 1)
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})
    said = (
        "Sur 2 communes dont le programme de la liste élue a été lu, aucune n'a été mesurée à "
        "la fois avant et après l'élection : rien à mettre en regard."
    )

    def both() -> list[str]:
        report = programmes_report(election=2020, now=NOW)
        assert report.follow_up == ()
        page = client.get("/programmes/2020/").content.decode()
        return [html.unescape(text) for text in (render(report, "html"), page)]

    for text in both():
        section = text.split("<h2>Ce qui a changé là où la liste élue l'avait promis</h2>")[1]
        assert said in section.split("</p>")[0]
    Programme.objects.update(won=False)  # and no list marked as won
    for text in both():
        assert "Aucune commune dont le programme de la liste élue a été lu" in text
    # one commune's report has no table by design: nothing to say there
    one = render(programmes_report(election=2020, now=NOW, commune=yes[0]), "html")
    assert "Ce qui a changé" not in one


def test_a_commune_measured_on_one_side_only_is_left_out() -> None:
    yes, no = _communes(1, 1)
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})
    assert programmes_report(election=2020, now=NOW).follow_up == ()


def test_a_side_without_communes_reads_as_french() -> None:
    """A theme that no measured commune's elected list promised says so, instead of « évolution
    moyenne du niveau aucune commune là où… »."""
    yes, no = _communes(1, 2)
    _campaign("avant", dt.date(2019, 6, 1), {(c, CIVIL): 1 for c in yes + no})
    _campaign("apres", dt.date(2021, 6, 1), {(c, CIVIL): 2 for c in yes + no})
    rows = {r.theme: r for r in programmes_report(election=2020, now=NOW).follow_up}
    assert rows["e_administration"].statement.startswith(
        "Démarches en ligne : aucune commune mesurée où la liste élue l'avait promis ; "
        "évolution moyenne du niveau +1,00 (3 communes) ailleurs"
    )
    assert "niveau aucune" not in rows["e_administration"].statement


def test_the_printed_difference_is_that_of_the_printed_means_and_p_keeps_its_sign() -> None:
    """+0,76 beside +0,53 prints a gap of +0,23 (not the +0,24 of the unrounded 0.235), in the
    sentence and in the table; « < 0,001 » holds a no-break space as in the other reports."""
    row = FollowUp(
        theme="guichet_unique",
        theme_label="Guichet unique",
        scope="l'ensemble des démarches",
        promised_communes=6,
        promised_change=0.7625,
        other_communes=6,
        other_change=0.5275,
        difference=0.7625 - 0.5275,
        p_value=0.0004,
        statement="",
    )
    sentence = _statement("Guichet unique", row)
    assert "+0,76 (6 communes)" in sentence and "+0,53 (6 communes)" in sentence
    assert "écart +0,23 " in sentence
    assert sentence.endswith("(Mann-Whitney, p\u00a0<\u00a00,001)")
    shown = follow_up_view([row])[0]
    assert (shown["promised"], shown["other"], shown["difference"]) == (
        "+0,76 (6\u00a0communes)",
        "+0,53 (6\u00a0communes)",
        "+0,23",
    )
    assert shown["p"] == "<\u00a00,001"
    assert _statement("Guichet unique", replace(row, p_value=0.0123)).endswith(
        "p\u00a0=\u00a00,012)"
    )


def test_the_follow_up_says_which_communes_and_campaigns_it_counts(client) -> None:  # type: ignore[no-untyped-def]
    """Of the communes whose elected list was read, those measured before and after the
    election are the only ones counted: the report and the page say how many, and with which
    campaigns, so that a reader does not take the table for every commune read."""
    yes, no = _communes(2, 2)
    both = yes + no[:1]  # the last commune is measured after the election only
    _campaign("avant", dt.date(2019, 6, 1), {(c, s): 1 for c in both for s in FAMILY})
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})

    report = programmes_report(election=2020, now=NOW)

    assert report.follow_up_basis == FollowUpBasis(4, 3, ("apres (2021)",), ("avant (2019)",))
    said = (
        "Sur 4 communes dont le programme de la liste élue a été lu, 3 mesurées avant et après "
        "l'élection, les seules comptées ci-dessous (avant\u00a0: campagne avant (2019)\u00a0; "
        "après\u00a0: campagne apres (2021))."
    )
    # the campaigns' names in spans that keep each whole on a phone
    pages = [render(report, "html"), client.get("/programmes/2020/").content.decode()]
    assert all('<span class="held-name">apres (2021)</span>' in page for page in pages)
    assert all(said in html.unescape(re.sub("<[^>]+>", "", page)) for page in pages)
    assert json.loads(render(report, "json"))["follow_up_basis"]["measured_both"] == 3


def test_the_election_page_names_the_themes_left_out_of_the_follow_up(client) -> None:  # type: ignore[no-untyped-def]
    """The table has a row only for the themes the scale's services relate to and that were
    measured on both sides: the page names the others (open data here, promised by the elected
    lists), which a reader took for forgotten."""
    yes, no = _communes(2, 2)
    _campaign("avant", dt.date(2019, 6, 1), {(c, s): 1 for c in yes + no for s in FAMILY})
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})

    body = html.unescape(client.get("/programmes/2020/").content.decode())

    (absent,) = re.findall(r'<p class="fr-text--sm" id="suivi-absents">(.*?)</p>', body)
    assert "Données ouvertes et transparence" in absent
    assert "École numérique" not in absent  # it has its row
    table = body.split("Évolution des niveaux selon la promesse")[1].split("</table>")[0]
    assert "École numérique" in table and "Données ouvertes" not in table


def test_the_report_names_the_themes_left_out_of_the_follow_up_as_the_page_does(client) -> None:  # type: ignore[no-untyped-def]
    """The election's page named the themes without a row under the table, the HTML report did
    not: a reader of the report took them for forgotten. It names the same ones, and the JSON
    gives their ids; a report limited to one commune has no table, so none."""
    yes, no = _communes(2, 2)
    _campaign("avant", dt.date(2019, 6, 1), {(c, s): 1 for c in yes + no for s in FAMILY})
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})

    report = programmes_report(election=2020, now=NOW)
    pattern = r'<p class="[^"]*" id="suivi-absents">(.*?)</p>'
    page = html.unescape(client.get("/programmes/2020/").content.decode())
    (on_page,) = re.findall(pattern, page)
    (in_report,) = re.findall(pattern, html.unescape(render(report, "html")))
    assert in_report == on_page
    assert "Données ouvertes et transparence" in in_report and "École numérique" not in in_report
    absent = json.loads(render(report, "json"))["follow_up_absent"]
    assert "open_data" in absent and "ecole_numerique" not in absent
    one = programmes_report(election=2020, now=NOW, commune=yes[0])
    assert one.follow_up_absent == () and 'id="suivi-absents"' not in render(one, "html")


def test_mann_whitney_is_held_whole_on_the_page_and_in_the_report(client) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the test's name ended a line on « Mann- », in the table's header and the text
    above it: both hold it on one line (`held_hyphenated`), and the report, whose own styles
    had no `.nowrap`, now has one."""
    yes, no = _communes(2, 2)
    _campaign("avant", dt.date(2019, 6, 1), {(c, s): 1 for c in yes + no for s in FAMILY})
    _campaign("apres", dt.date(2021, 6, 1), {(c, s): 2 for c in yes + no for s in FAMILY})

    report = render(programmes_report(election=2020, now=NOW), "html")
    page = client.get("/programmes/2020/").content.decode()
    for body in (page, report):
        assert '<th scope="col">p <span class="nowrap">(Mann-Whitney)</span></th>' in body
        assert 'test de <span class="nowrap">Mann-Whitney</span>' in body.replace("Test", "test")
    assert ".nowrap { white-space: nowrap; }" in report
