"""Programme reports: promises set beside the measures of the campaigns after the election."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.programmes.models import Programme
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Campaign
from tests.programmes.conftest import GUICHET, measured_campaign

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def test_promises_are_set_beside_the_latest_later_measure(election_2020: object) -> None:
    aware = timezone.make_aware
    measured_campaign(
        "avant", aware(dt.datetime(2019, 6, 1)), {("69123", "inscription-scolaire"): 5}
    )
    measured_campaign(
        "mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "inscription-scolaire"): 1}
    )
    measured_campaign(
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
    measured_campaign(
        "jour-du-vote",
        aware(dt.datetime(2020, 3, 20)),
        {("69123", "urbanisme"): 1},
        measured=dt.date(2020, 3, 15),
    )
    measured_campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    measured_campaign("mesure-2027", aware(dt.datetime(2027, 5, 1)), {("69123", "urbanisme"): 4})
    promises = programmes_report(election=2020, now=NOW).promises
    assert {(p.campaign, p.before_campaign) for p in promises} == {("mesure-2024", "jour-du-vote")}
    assert all("2027" not in p.statement for p in promises)

    Programme.objects.filter(commune_id="69123").update(election=2023)  # a by-election
    measured_campaign("mesure-2023", aware(dt.datetime(2023, 6, 1)), {("69123", "urbanisme"): 3})
    promises = programmes_report(election=2023, now=NOW).promises
    assert {(p.campaign, p.before_campaign) for p in promises} == {("mesure-2024", "jour-du-vote")}


def test_a_theme_without_measured_services_reads_as_french(election_2020: object) -> None:
    """The commune was measured after the election, but none of the family services: the
    sentence says so without « de les démarches famille »."""
    aware = timezone.make_aware
    measured_campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
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
    measured_campaign(
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
    page = re.sub(r'<span class="nowrap">(.*?)</span>', r"\1", page)  # the campaign held whole
    assert "aucun de ces services mesuré (campagne mesure-2024)" not in page
    assert "aucun niveau : 2 services « sans objet » (campagne mesure-2024)" in page


def test_services_sans_objet_before_the_election_are_said(  # type: ignore[no-untyped-def]
    election_2020: object, client
) -> None:
    """The family services all « sans objet » in the campaign before the election: the
    sentence said nothing of that campaign, as if there were none; it says so, as the measure
    after does, and the commune page too."""
    aware = timezone.make_aware
    measured_campaign(
        "avant",
        aware(dt.datetime(2019, 6, 1)),
        {
            ("69123", "urbanisme"): 1,
            ("69123", "inscription-scolaire"): "na",
            ("69123", "periscolaire"): "na",
        },
    )
    measured_campaign(
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
    measured_campaign(
        "mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "inscription-scolaire"): 3}
    )
    measured_campaign(
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
    measured_campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    measured_campaign(
        "etude-2019",
        aware(dt.datetime(2026, 6, 1)),
        {("69123", "urbanisme"): 4},
        measured=dt.date(2019, 6, 1),
    )
    report = programmes_report(election=2020, now=NOW)
    assert {(p.campaign, p.measured_year) for p in report.promises} == {("mesure-2024", 2024)}


def test_the_campaigns_set_beside_the_promises_can_be_chosen(election_2020: object) -> None:
    """By default each commune's latest campaign of the term is used, a throwaway one (a test run
    of the audit, measured later) included; --campaign and --campaign-before name the ones to
    use, and a campaign unknown, of the wrong side of the election or of the other kind
    (demonstration or real) is refused with what to give instead."""
    aware = timezone.make_aware
    measured_campaign("avant", aware(dt.datetime(2019, 6, 1)), {("69123", "urbanisme"): 4})
    measured_campaign("avant-essai", aware(dt.datetime(2019, 9, 1)), {("69123", "urbanisme"): 0})
    measured_campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})
    measured_campaign("essai-jetable", aware(dt.datetime(2025, 1, 1)), {("69123", "urbanisme"): 0})
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
    demo = measured_campaign(
        "demo-2024", aware(dt.datetime(2024, 6, 1)), {("69123", "urbanisme"): 3}
    )
    Campaign.objects.filter(pk=demo.pk).update(is_demo=True)
    with pytest.raises(BarometreError, match="« demo-2024 » est une campagne de démonstration"):
        programmes_report(election=2020, now=NOW, campaign="demo-2024")


def test_the_html_report_says_what_its_promises_rest_on(election_2020: object) -> None:
    """A journalist quoting « Promesses et mesures » reads which election and lists (how many
    elected, in either round), how many communes are both read and measured, which campaigns,
    and that the levels are no effect of the promises."""
    aware = timezone.make_aware
    measured_campaign("avant", aware(dt.datetime(2019, 6, 1)), {("69123", "urbanisme"): 4})
    measured_campaign("mesure-2024", aware(dt.datetime(2024, 5, 1)), {("69123", "urbanisme"): 2})

    page = html.unescape(render(programmes_report(election=2020, now=NOW), "html"))

    section = page[page.index("Promesses et mesures") :]
    basis = section[section.index('id="promesses-base">') :]
    basis = basis[: basis.index("</p>")]
    # each campaign's name kept whole on a phone, « mesure- » never over « 2024 »
    assert '<span class="held-name">mesure-2024' in basis
    basis = re.sub("<[^>]+>", "", basis)
    assert "Promesses de 3 listes de l'élection de 2020 (dont 1 élue)" in basis
    assert "dans 1 commune sur 3 dont un programme a été lu" in basis
    assert "avant la suivante\u00a0: campagne mesure-2024 (2024)." in basis
    assert "Avant l'élection\u00a0: campagne avant (2019)." in basis
    assert "pas une cause" in basis
    # limited to one commune, the base is that commune, not every commune read
    one = html.unescape(render(programmes_report(election=2020, now=NOW, commune="69123"), "html"))
    assert "dans 1 commune sur 1 dont un programme a été lu" in one
