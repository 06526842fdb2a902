"""Public pages: every page answers in French for anyone, shows coverage, never writes."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Assessment
from barometre.assessments.services import AutoValue, assessments_record_auto
from barometre.outputs.opendata.fields import CELL_FIELDS
from barometre.outputs.opendata.tables import cell_rows
from barometre.referential.models import Campaign
from tests.factories import review_cell

PAGES = [
    ("web:home", {}),
    ("web:overview", {"name": "apres"}),
    ("web:ranking", {"name": "apres"}),
    ("web:heatmap", {"name": "apres"}),
    ("web:methodology", {"name": "apres"}),
    ("web:commune", {"code": "44109"}),
    ("web:programmes", {}),
    ("web:login", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_public_pages_answer_with_security_headers(client, site, name, kwargs) -> None:
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b'lang="fr"' in response.content


def test_home_states_coverage_of_the_latest_campaign(client, site) -> None:
    body = client.get(reverse("web:home")).content.decode()
    assert 'Dernière campagne : <span class="held-name">apres</span>' in body
    assert "communes mesurées sur\u00a03" in body
    assert "Couverture partielle" in body  # 2 x 6 + 2 cells out of 3 x 18


def test_the_pages_name_a_partial_coverage_as_the_reports_do(client, site) -> None:
    """The pages said « Couverture incomplète » where the HTML, PDF and XLSX reports (and the
    method) say « Couverture partielle » for the same campaign."""
    from barometre.outputs.coverage import coverage_headline
    from barometre.web.selectors import campaign_report

    headline = coverage_headline(campaign_report(site.after).scores.coverage)
    assert headline.startswith("Couverture partielle")
    for name, kwargs in [
        ("web:home", {}),
        ("web:overview", {"name": "apres"}),
        ("web:methodology", {"name": "apres"}),
    ]:
        body = client.get(reverse(name, kwargs=kwargs)).content.decode()
        assert "Couverture partielle" in body and "incomplète" not in body, name


def test_search_by_name_code_and_single_match_redirects(client, site) -> None:
    assert client.get(reverse("web:search"), {"q": "44109"})["Location"] == "/commune/44109/"
    assert client.get(reverse("web:search"), {"q": "renn"})["Location"] == "/commune/35238/"
    assert "Aucune commune" in client.get(reverse("web:search"), {"q": "zzz"}).content.decode()


def test_home_numbers_the_leading_communes_by_their_rank_ties_shared(client, site) -> None:
    """Rennes and Brest share rank 1 (same mean, ahead of Nantes): the home page's list numbered
    them 1 and 2, as an <ol> counts, and Nantes 3, while the ranking page gave both 1."""
    body = client.get(reverse("web:home")).content.decode()
    leaders = re.findall(r'<li value="(\d+)"><a href="/commune/(\d+)/', body)
    assert leaders == [("1", "35238"), ("1", "29019"), ("3", "44109")]
    ranking = client.get(reverse("web:ranking", kwargs={"name": "apres"})).content.decode()
    rows = re.findall(r'<tr><td>(\d+)</td><th scope="row"><a href="/commune/(\d+)/', ranking)
    assert rows == leaders  # the same ranks as the ranking page


def test_overview_compares_with_the_previous_campaign_and_offers_downloads(client, site) -> None:
    body = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    assert 'Évolution depuis <span class="held-name">avant</span>' in body
    assert "/donnees/apres/cellules.csv" in body
    assert "/pdf/campagne/apres.pdf" in body
    response = client.get(reverse("web:chart-table", kwargs={"name": "apres", "chart": "domains"}))
    assert response["Content-Type"].startswith("text/csv")


def test_ranking_filters_and_paginates(client, site) -> None:
    url = reverse("web:ranking", kwargs={"name": "apres"})
    body = client.get(url, {"departement": "75"}).content.decode()
    assert "Rennes" in body
    # a size no commune of the site has (an unknown department is a 400: test_filters_refused)
    assert "Aucune commune" in client.get(url, {"tranche": "lt3500"}).content.decode()
    csv = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("rang;code;commune")


@pytest.mark.parametrize("page", ["web:ranking", "web:heatmap"])
def test_removing_the_filters_leads_to_the_page_s_own_address(client, site, page: str) -> None:
    """« Retirer les filtres » led to « ? »: the list came back under an address ending in
    « ? », a different one to bookmark, share or cache than the page's own. It leads to the
    page's path, with no query."""
    url = reverse(page, kwargs={"name": "apres"})
    body = client.get(url, {"departement": "75", "tranche": ""}).content.decode()
    assert f'<a class="fr-link fr-ml-2w" href="{url}">Retirer les filtres</a>' in body
    assert "Retirer les filtres" not in client.get(url).content.decode()


def test_the_ranking_csv_gives_the_figures_as_the_page_prints_them(client, site) -> None:
    """A « ; »-separated file for a spreadsheet in the reader's language: its means had a dot
    and 16 decimals (« 2.823529411764706 »), text or a date in a French spreadsheet."""
    import re

    url = reverse("web:ranking", kwargs={"name": "apres"})
    page = client.get(url).content.decode()
    lines = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "rang;code;commune;niveau moyen;part du maximum atteignable;"
        "part des cellules au niveau 4 ou plus;cellules;statut"
    )
    rank, code, _name, mean, share, _level_4, cells, status = lines[1].split(";")
    assert re.fullmatch(r"\d,\d{2,4}", mean) and f"<td>{mean}</td>" in page
    assert re.fullmatch(r"\d{1,3}\u00a0%", share) and cells.isdigit() and status == "classée"
    client.cookies["barometre_langue"] = "en"
    english = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").splitlines()
    assert english[0] == (
        "rank;code;municipality;mean level;share of attainable maximum;"
        "share of cells at level 4 or above;cells;status"
    )
    assert english[1].split(";")[3] == mean.replace(",", ".")
    assert english[1].split(";")[7] == "ranked"


def test_commune_page_shows_levels_evidence_and_who_decided(client, site) -> None:
    body = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert "automatique" in body
    assert reverse("web:evidence", kwargs={"pk": site.record.pk}) in body
    assert "Au fil des campagnes" in body
    assert 'href="javascript:' not in body  # the hostile signal URL is shown as text only
    assert "javascript:alert(1)" in body


def test_service_and_domain_pages(client, site) -> None:
    slug = site.auto_cell.service.slug
    assert (
        client.get(reverse("web:service", kwargs={"name": "apres", "slug": slug})).status_code
        == 200
    )
    domain = site.auto_cell.service.domain
    assert (
        client.get(reverse("web:domain", kwargs={"name": "apres", "domain": domain})).status_code
        == 200
    )
    assert (
        client.get(reverse("web:service", kwargs={"name": "apres", "slug": "nope"})).status_code
        == 404
    )


def test_archived_page_is_served_under_a_sandbox_policy(client, site) -> None:
    response = client.get(reverse("web:evidence-raw", kwargs={"pk": site.record.pk}))
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;")
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # an archived copy of a commune's page is kept out of search engines
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    page = client.get(reverse("web:evidence", kwargs={"pk": site.record.pk})).content.decode()
    assert "<iframe" in page and "sandbox" in page


def test_public_pages_refuse_writes(client, site) -> None:
    before = Assessment.objects.count()
    for name, kwargs in PAGES[:-1]:
        response = client.post(reverse(name, kwargs=kwargs))
        assert response.status_code == 405
    assert Assessment.objects.count() == before


def test_unknown_campaign_is_404(client, site) -> None:
    assert client.get(reverse("web:overview", kwargs={"name": "inconnue"})).status_code == 404


def test_a_javascript_evidence_url_is_never_a_link(client, site) -> None:
    from django.utils import timezone

    from barometre.assessments.services import NewValue, assessments_record_many

    slug = site.auto_cell.service.slug
    from barometre.assessments.models import Assessment

    value = NewValue(commune="35238", service=slug, level=2, evidence_url="https://x.example/a")
    assessments_record_many(
        campaign=site.after, values=[value], source="import", author="x", now=timezone.now()
    )
    # The domain now refuses such a URL; a row stored before that rule must still be shown safely.
    Assessment.objects.filter(evidence_url="https://x.example/a").update(
        evidence_url="javascript:alert(1)"
    )
    body = client.get(reverse("web:commune", kwargs={"code": "35238"})).content.decode()
    assert "javascript:alert(1)" in body  # shown as text, for the record
    assert 'href="javascript:' not in body.replace(" ", "")


def test_commune_history_follows_the_measurement_dates(client, site) -> None:
    """« Au fil des campagnes » lists campaigns by when they were measured, with that date; a
    campaign dated again reorders it at once (no assessment is recorded by a new date)."""
    url = reverse("web:commune", kwargs={"code": "35238"})

    def history() -> list[tuple[str, str]]:
        body = client.get(url).content.decode()
        table = body[body.index("Niveau moyen par campagne") :]
        table = table[: table.index("</table>")]
        # the name held whole on a phone (`held_name_in_text`)
        held = r'campagne=[^"]+">(?:<span class="nowrap">)?([^<]+)(?:</span>)?</a></th>'
        return re.findall(held + r"<td[^>]*>(.+?)</td>", table)

    Campaign.objects.filter(name="avant").update(measured_on=date(2025, 6, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    first = "1<sup>er</sup>"  # the ordinal's letters raised, as French typography writes them
    assert history() == [("avant", f"{first} juin 2025"), ("apres", f"{first} juin 2026")]
    call_command("campaign", "set-date", "avant", "2026-07-01")
    assert history() == [("apres", f"{first} juin 2026"), ("avant", f"{first} juillet 2026")]


def test_pages_stay_french_whatever_the_browser_asks(client, site) -> None:
    page = client.get(
        reverse("web:commune", kwargs={"code": "44109"}), HTTP_ACCEPT_LANGUAGE="en-US"
    )
    body = page.content.decode()
    assert "320,000" not in body and "320\u00a0000" in body  # groups joined by a no-break space


def test_methodology_states_how_right_the_automatic_readers_were_on_real_text(client, site) -> None:
    from barometre.outputs.validity import measured_validity

    validity = measured_validity()
    body = client.get(reverse("web:methodology", kwargs={"name": "apres"})).content.decode()
    assert "Fiabilité des lectures automatiques" in body
    assert f"{validity.exact.n} cellules" in body
    assert f"{validity.passages} extraits, dont {validity.digital_passages} numériques" in body
    shown = f"{round(validity.exact.value * 100)}\u00a0%"
    assert shown in body and "4 décembre 2026" in body
    # the confidence is said to separate right levels from wrong ones poorly, with its figure
    confident = f"{round(validity.confident.value * 100)}\u00a0%"
    assert "confiance de 0,8 ou plus n'est juste que dans " + confident in body.replace(
        "&#x27;", "'"
    )
    assert f"{validity.confident.n} cellules" in body
    assert "par domaine de services" in body
    assert body.index("État civil</th>") < body.index("Vie associative</th>")


def test_evidence_page_lists_the_levels_read_on_it(client, site) -> None:
    url = reverse("web:evidence", kwargs={"pk": site.record.pk})
    page = html.unescape(client.get(url).content.decode())
    label = site.auto_cell.service.label
    assert "Niveaux lus sur cette page" in page
    assert f"Nantes</a> (44109) — {label} : niveau 3 (automatique)" in page
    assert "repose sur une autre preuve" not in page
    assert "sans être trouvé" not in page  # said of level 0 only
    # an auditor decides on other evidence: the page still shows what was read on it
    review_cell(site.after, "44109", site.auto_cell.service.slug, 1)
    page = html.unescape(client.get(url).content.decode())
    assert (
        f"{label} : niveau 1 (revu par un auditeur). Une proposition automatique a été lue" in page
    )
    assert "le niveau retenu repose sur une autre preuve" in page


def test_evidence_page_says_a_level_0_was_searched_from_it(client, site) -> None:
    slug = site.after.catalogue.services.order_by("position").values_list("slug", flat=True)[2]
    value = AutoValue(
        commune="44109", service=slug, level=0, confidence=0.5, evidence_record_id=site.record.pk
    )
    assessments_record_auto(campaign=site.after, values=[value], now=timezone.now())
    url = reverse("web:evidence", kwargs={"pk": site.record.pk})
    page = html.unescape(client.get(url).content.decode())
    assert "niveau 0 (automatique), service cherché sur le site sans être trouvé" in page


def test_api_and_open_data_link_each_cell_to_its_archived_page(client, site) -> None:
    viewer = reverse("web:evidence", kwargs={"pk": site.record.pk})
    slug = site.auto_cell.service.slug
    body = client.get("/api/v1/cells", {"campaign": "apres", "commune": "44109"}).json()
    by_service = {row["service"]: row for row in body["results"]}
    assert by_service[slug]["archive_page"] == viewer
    names = [f.name for f in CELL_FIELDS]
    rows = [dict(zip(names, row, strict=True)) for row in cell_rows(site.after)]
    (row,) = [r for r in rows if r["commune_code"] == "44109" and r["service_id"] == slug]
    assert row["archive_page"] == viewer
    assert {r["archive_page"] for r in rows if r["commune_code"] != "44109"} == {""}
    assert client.get(viewer).status_code == 200


def test_a_campaign_dated_again_changes_the_default_comparison_of_the_pages(client, site) -> None:
    """`campaign set-date` records no assessment, yet it may change which campaign another is
    compared with by default: the pages follow at once, not at the next recorded value."""
    from barometre.web.selectors import campaign_report

    Campaign.objects.filter(name="avant").update(measured_on=date(2025, 6, 1))
    Campaign.objects.filter(name="apres").update(measured_on=date(2026, 6, 1))
    overview = reverse("web:overview", kwargs={"name": "avant"})
    assert client.get(overview).status_code == 200
    avant = Campaign.objects.get(name="avant")
    assert campaign_report(avant).reference is None
    call_command("campaign", "set-date", "avant", "2026-07-01")
    avant.refresh_from_db()
    body = client.get(overview).content.decode()
    assert "Sites mesurés le 1<sup>er</sup> juillet 2026" in body
    report = campaign_report(avant)
    assert report.reference is not None and report.reference.name == "apres"
    assert report.campaign.measured_on == date(2026, 7, 1)
    apres = Campaign.objects.get(name="apres")
    assert campaign_report(apres).reference is None


def test_an_unknown_epci_is_said_beside_its_field(client, site) -> None:
    """The ranking's and the heat map's « Intercommunalité (SIREN) » took a name or a mistyped
    SIREN and answered « 0 commune classée » without a word. The field now says no EPCI has
    that SIREN, in the page's language, the text typed kept."""
    from selectolax.lexbor import LexborHTMLParser

    from tests.a11y import referenced_text

    for view in ("web:ranking", "web:heatmap"):
        url = reverse(view, kwargs={"name": "apres"})
        for language, said, error in (
            ("fr", "Aucune intercommunalité n'a le SIREN «\u00a0Nantes\u00a0»", "Erreur : "),
            ("en", "No intercommunal body has the SIREN “Nantes”", "Error: "),
        ):
            client.cookies["barometre_langue"] = language
            page = client.get(url, {"epci": "Nantes"}).content.decode()
            tree = LexborHTMLParser(page)
            assert tree.css_first("#f-epci").attributes["value"] == "Nantes"
            assert tree.css_first("#f-epci").attributes["aria-invalid"] == "true"
            (text,) = referenced_text(page, "#f-epci", "aria-describedby")
            assert text.startswith(said), text
            assert tree.css_first("title").text().startswith(error)
        client.cookies["barometre_langue"] = "fr"
        plain = LexborHTMLParser(client.get(url).content.decode())
        assert "aria-invalid" not in plain.css_first("#f-epci").attributes


def test_the_overview_links_every_file_of_the_open_data_package(client, site) -> None:
    """The zip and datapackage.json list scores and double coding in Parquet and XLSX too: the
    page offers each file the package holds, no more."""
    from barometre.outputs.opendata.package import opendata_names

    body = client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    linked = set(re.findall(r'href="/donnees/apres/([^"/]+)"', body))
    assert linked == set(opendata_names()), linked ^ set(opendata_names())


def test_commune_history_says_which_campaigns_are_made_up(client, site) -> None:
    """A demonstration campaign's made-up levels are never read as a measurement: on a commune's
    page, its name in « Au fil des campagnes » and in the choice of campaign says
    « (démonstration) », as on the home page, at once when the admin flags it (no assessment is
    recorded by that)."""
    url = reverse("web:commune", kwargs={"code": "35238"})

    def rows() -> list[str]:
        body = client.get(url).content.decode()
        table = body[body.index("Niveau moyen par campagne") :]
        table = table[: table.index("</table>")]
        return re.findall(r'<th scope="row">(.*?)</th>', table)

    def options() -> list[str]:
        body = client.get(url).content.decode()
        return re.findall(r"<option[^>]*>([^<]+)</option>", body)

    assert not any("démonstration" in row for row in rows())
    Campaign.objects.filter(name="avant").update(is_demo=True)
    flagged = [row for row in rows() if "(démonstration)" in row]
    assert len(flagged) == 1 and ">avant</span></a>" in flagged[0], rows()
    assert "avant (démonstration)" in options() and "apres" in options()


def test_a_service_page_says_in_how_many_communes_it_is_measured(client, site) -> None:
    """Its list shows the communes where the service is measured only: the page says out of how
    many, so that a reader never takes the list for every commune, nor a missing one for a 0."""
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))

    def coverage(slug: str) -> str:
        url = reverse("web:service", kwargs={"name": "apres", "slug": slug})
        body = html.unescape(client.get(url).content.decode())
        return re.search(r'<p id="couverture-service">([^<]*)</p>', body).group(1)  # type: ignore[union-attr]

    assert (
        coverage(slugs[0])
        == "Mesuré dans 3 communes sur\u00a03 de la campagne (sans objet compris)."
    )
    partly = coverage(slugs[2])
    assert partly.startswith("Mesuré dans 2 communes sur\u00a03 de la campagne"), partly
    assert "ne compte dans aucun chiffre (jamais comme 0)" in partly
    assert coverage(slugs[10]).startswith("Mesuré dans 0 commune sur\u00a03 ")


def test_a_service_s_and_a_domain_s_title_name_their_campaign(client, site) -> None:
    """« État civil » alone, with « Depuis avant : … » under it: which campaign the figures
    were of was said by the window's title only, with two campaigns a click apart."""
    service = site.auto_cell.service
    held = '<span class="held-name">apres</span>'
    page = client.get(f"/campagne/apres/service/{service.slug}/").content.decode()
    assert f"<h1>{html.escape(service.label)} — {held}</h1>" in page
    page = client.get(f"/campagne/apres/domaine/{service.domain}/").content.decode()
    assert re.search(rf"<h1>[^<]+ — {re.escape(held)}</h1>", page), page[:3000]


def test_the_methodology_says_over_what_the_proposed_levels_are_right(client, site) -> None:
    """« au bon niveau dans environ 58 % des cas », then « niveaux proposés justes 67 % » in
    the next sentence: two shares of the same thing to a reader. The second is over the
    services where the detector proposes a level; the page says so, and how many."""
    from barometre.outputs.validity import measured_validity

    validity = measured_validity()
    url = reverse("web:methodology", kwargs={"name": "apres"})
    body = html.unescape(client.get(url).content.decode())
    services = f"{validity.proposed.n} services"
    said = body[body.index("juste en moyenne") :][:120]
    assert said.startswith(f"juste en moyenne sur les {services} où il propose un niveau"), said


def test_a_service_page_says_the_scale_of_its_mean_level(client, site) -> None:
    """« niveau maximal possible : 3. Niveau moyen : 2,08 » read as 2,08 out of 3: the mean
    says its scale, as the campaign's and the ranking's tables do (0 to 5)."""
    slug = site.after.catalogue.services.order_by("position").first().slug
    url = reverse("web:service", kwargs={"name": "apres", "slug": slug})
    assert "Niveau moyen (0 à 5)\u00a0: <strong>" in client.get(url).content.decode()


def test_a_domain_page_says_the_scale_of_its_mean_level(client, site) -> None:
    """« Niveau moyen du domaine : 3,03 sur 60 cellules applicables » read as 3,03 out of 60:
    the mean says its scale (0 to 5), and its base comes after a comma."""
    domain = site.after.catalogue.services.order_by("position").first().domain
    url = reverse("web:domain", kwargs={"name": "apres", "domain": domain})
    body = html.unescape(client.get(url).content.decode())
    assert re.search(r"Niveau moyen du domaine \(0 à 5\)\u00a0: <strong>[\d,]+</strong>, sur", body)
