"""The interface's language: French for everyone, English on the reader's explicit choice."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from barometre.core.statecache import cached
from barometre.referential.models import Campaign

TAGLINE_FR = "Le baromètre ouvert de l'e-administration des communes"


def _tagline_en() -> str:
    with override("en"):
        return gettext(TAGLINE_FR)


def _unheld(body: str) -> str:
    """The page's text with the words held whole on a phone (`held_hyphenated`,
    `held_name_in_text`) as they read: "l'e-administration", "avant"."""
    return re.sub(r'<span class="nowrap">(.*?)</span>', r"\1", html.unescape(body))


def test_the_english_catalogue_translates_the_header() -> None:
    assert _tagline_en() != TAGLINE_FR


def test_french_whatever_the_browser_asks(client, site) -> None:
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert b'<html lang="fr"' in response.content
    assert TAGLINE_FR in _unheld(response.content.decode())
    assert response["Content-Language"] == "fr"


def test_the_chosen_language_is_kept_for_the_next_pages(client, site) -> None:
    commune = reverse("web:commune", kwargs={"code": "44109"})
    response = client.post(reverse("set_language"), {"language": "en", "next": commune})
    assert response.status_code == 302
    assert response["Location"] == commune
    assert response.cookies["barometre_langue"].value == "en"
    page = client.get(commune)
    assert page.status_code == 200
    assert b'<html lang="en"' in page.content
    assert _tagline_en() in _unheld(page.content.decode())
    assert page["Content-Language"] == "en"
    # and back to French
    client.post(reverse("set_language"), {"language": "fr", "next": commune})
    assert b'<html lang="fr"' in client.get(commune).content


@pytest.mark.parametrize("cookie", ["de", "", "en'><script>", "xx-YY"])
def test_an_unknown_language_reads_french(client, site, cookie) -> None:
    client.cookies["barometre_langue"] = cookie
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    assert b'<html lang="fr"' in response.content


def test_the_choice_never_leaves_the_site(client, site) -> None:
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://example.org/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_cached_values_are_kept_apart_by_language(db) -> None:
    def compute() -> str:
        return gettext(TAGLINE_FR)

    with override("fr"):
        french = cached("test:tagline", compute)
    with override("en"):
        english = cached("test:tagline", compute)
    assert french == TAGLINE_FR
    assert english == _tagline_en() != french


def test_error_pages_speak_the_chosen_language(client, site) -> None:
    assert "Page introuvable" in client.get("/commune/99999/").content.decode()
    client.cookies["barometre_langue"] = "en"
    page = client.get("/commune/99999/")
    assert page.status_code == 404
    assert "Page not found" in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/nope",
        "/api/v1/campaigns",
        "/api/openapi.json",
        "/donnees/apres/cellules.csv",
        "/donnees/apres/",
        "/pdf/commune/apres/44109.pdf",
    ],
)
def test_the_api_open_data_and_pdf_say_french_whatever_the_reader_chose(client, site, url) -> None:
    """They answer in French (docs/api.md, docs/opendata.md); with the reader's English, the
    API's unknown addresses answered in English and every French answer said it was English."""
    client.cookies["barometre_langue"] = "en"
    response = client.get(url)
    assert response["Content-Language"] == "fr"
    if url == "/api/v1/nope":
        assert response.json()["error"]["message"].startswith("Adresse inconnue de l'API")


def test_the_shipped_data_labels_read_in_the_chosen_language(client, site) -> None:
    """The catalogue's service names on a commune page; the published outputs stay French."""
    from barometre.outputs.data_labels import data_label

    french = "Demande d'acte de naissance, de mariage ou de décès"
    with override("en"):
        english = data_label(french)
    assert english != french
    client.cookies["barometre_langue"] = "en"
    page = client.get(reverse("web:commune", kwargs={"code": "44109"})).content.decode()
    assert html.escape(english) in page
    assert html.escape(french) not in page


def test_a_chart_table_downloaded_in_english_varies_on_the_cookie(client, site) -> None:
    """The CSV of a chart carries the page's labels: a shared cache must keep the languages
    apart, though the download renders no form (no CSRF cookie to make it vary already)."""
    url = reverse("web:chart-table", kwargs={"name": "apres", "chart": "domains"})
    french = client.get(url)
    client.cookies["barometre_langue"] = "en"
    english = client.get(url)
    assert english.status_code == 200
    assert english.content != french.content
    assert "Cookie" in english["Vary"]
    assert english["Content-Language"] == "en"


def _english(client, url: str) -> str:
    client.cookies["barometre_langue"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return _unheld(response.content.decode())


def test_the_domain_page_says_its_figures_in_english_sentences(client, site) -> None:
    """One message per sentence: no French « : » or « ; » between English words."""
    domain = site.after.catalogue.services.order_by("position").first().domain
    page = _english(client, reverse("web:domain", kwargs={"name": "apres", "domain": domain}))
    assert "Domain mean level (0 to 5): <strong>" in page
    assert "%; fully online (at the service's maximum level): " in page
    assert "Since avant: " in page and "Since avant :" not in page
    assert " down, " in page and "en baisse" not in page and "inchang" not in page


def test_the_service_page_says_its_figures_in_english_sentences(client, site) -> None:
    slug = site.after.catalogue.services.order_by("position").first().slug
    page = _english(client, reverse("web:service", kwargs={"name": "apres", "slug": slug}))
    assert "Mean level (0 to 5): <strong>" in page
    assert " ; " not in page.split("<main", 1)[1]


def test_the_methodology_page_names_the_catalogue_in_one_english_sentence(client, site) -> None:
    Campaign.objects.filter(pk=site.after.pk).update(spec="44109,35238")
    page = _english(client, reverse("web:methodology", kwargs={"name": "apres"}))
    assert "The 18 services</summary>" in page
    assert "(18 services); municipality selection: <code>44109, 35238</code>." in page


def test_the_overview_labels_its_charts_downloads_and_numbers_in_english(client, site) -> None:
    page = _english(client, reverse("web:overview", kwargs={"name": "apres"}))
    assert ": chart; the values are in the table that follows." in page
    assert "graphique ; les valeurs" not in page
    assert "Blind double coding (CSV)" in page and "Tout le paquet" not in page
    assert '"decimal": "."' in page and '"legend": "Chart legend"' in page
    assert "not applicable" in page and "; 0 not applicable" in page
    # French readers keep French numbers in the charts
    client.cookies["barometre_langue"] = "fr"
    french = html.unescape(
        client.get(reverse("web:overview", kwargs={"name": "apres"})).content.decode()
    )
    assert '"decimal": ","' in french and "Double codage à l'aveugle (CSV)" in french


def test_the_commune_and_evidence_pages_say_new_window_in_english(client, site) -> None:
    page = _english(client, reverse("web:commune", kwargs={"code": "44109"}))
    assert "— new window" in page and "nouvelle fenêtre" not in page
    assert '<span class="fr-sr-only">Level 3: </span>' in page
    evidence = _english(client, reverse("web:evidence", kwargs={"pk": site.record.pk}))
    assert "— new window" in evidence and "nouvelle fenêtre" not in evidence
    assert ": level 3 (" in evidence and " : level" not in evidence


def test_the_programme_pages_write_intervals_and_tests_in_english(client, site) -> None:
    from tests.web.test_programmes_demo import _mixed

    _mixed()
    url = reverse("web:programmes-election", kwargs={"election": 2026})
    page = _english(client, url)
    assert "95% CI [0%, " in page and " ; " not in page.split("<main", 1)[1]
    client.cookies["barometre_langue"] = "fr"
    assert "[0\xa0% ; " in client.get(url).content.decode()


def test_the_follow_up_says_no_test_in_the_chosen_language() -> None:
    from barometre.programmes.reports.follow_up import _p_text

    with override("en"):
        assert _p_text(None) == "no test (fewer than 5 municipalities on one side)"
    with override("fr"):
        assert _p_text(None) == "pas de test (moins de 5 communes d'un côté)"


def test_the_review_queue_reads_in_english(client, site, users) -> None:
    """The service filter's names, the share reviewed and « s.o. » on the auditors' queue."""
    from barometre.outputs.data_labels import data_label

    client.force_login(users["auditeur"])
    french = "Demande d'acte de naissance, de mariage ou de décès"
    with override("en"):
        english = data_label(french)
    page = _english(client, reverse("web:review-queue"))
    options = page.split('id="f-service"', 1)[1].split("</select>", 1)[0]
    assert english in options and french not in options
    assert "0%</td>" in page and "0\xa0%</td>" not in page


def test_the_overview_says_the_change_in_one_english_sentence(client, site) -> None:
    page = _english(client, reverse("web:overview", kwargs={"name": "apres"}))
    assert re.search(r"to [0-9.]+ \(<strong>[^<]+</strong>[^)]*\): \d+ up, \d+ down, ", page)
    assert ") : " not in page.split("<main", 1)[1]


def test_a_tiny_p_value_is_written_in_the_page_language() -> None:
    from barometre.outputs.labels import p_value

    with override("en"):
        assert p_value(0.0001) == "<\xa00.001"
    with override("fr"):
        assert p_value(0.0001) == "<\xa00,001"


def test_the_server_error_page_speaks_the_chosen_language() -> None:
    from django.test import RequestFactory

    from barometre.web.views.errors import server_error

    with override("en"):
        page = server_error(RequestFactory().get("/commune/44109/")).content.decode()
    assert '<html lang="en" ' in page and "<h1>Internal error</h1>" in page
    assert "Erreur interne" not in page and "Back to the home page" in page
    french = server_error(RequestFactory().get("/commune/44109/")).content.decode()
    assert '<html lang="fr" ' in french and "<h1>Erreur interne</h1>" in french


def test_a_failing_view_shows_the_server_error_page_in_the_chosen_language(site, settings) -> None:
    """Through the middleware: the reader's language is still active when a view fails."""
    from unittest.mock import patch

    from django.test import Client

    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.cookies["barometre_langue"] = "en"
    with patch("barometre.web.views.about.render", side_effect=RuntimeError("boom")):
        page = client.get(reverse("web:accessibility"))
    assert page.status_code == 500
    assert "<h1>Internal error</h1>" in page.content.decode()


def test_sentences_once_split_across_messages_read_whole_in_english(client, site, users) -> None:
    """Home, heat map, evidence and arbitration pages: each sentence is one message."""
    home = _english(client, reverse("web:home"))
    assert "records the online level of 18 everyday procedures, from information" in home
    heatmap = _english(client, reverse("web:heatmap", kwargs={"name": "apres"}))
    assert "come last), 3 in total. This table is the heatmap: each square" in heatmap
    evidence = _english(client, reverse("web:evidence", kwargs={"pk": site.record.pk}))
    assert re.search(r"Archived on [^<]+ \(campaign apres, <a href=\"/commune/44109/\">", evidence)
    assert ") · HTTP status 200 · " in evidence and " · digest " in evidence
    client.force_login(users["coordinateur"])
    arbitration = _english(client, reverse("web:review-arbitration"))
    assert "All campaigns together: 0 cells in double coding; 0 to arbitrate (the" in arbitration


def test_the_search_results_count_has_no_french_colon_in_english(client, site) -> None:
    page = _english(client, reverse("web:search") + "?q=n")
    assert re.search(r"\d+ municipalities found:</p>", page) and "found :" not in page
    client.cookies["barometre_langue"] = "fr"
    french = client.get(reverse("web:search") + "?q=n").content.decode()
    assert re.search(r"\d+ communes trouvées\u00a0:</p>", french)


def test_the_evidence_signals_have_no_french_colon_in_english(client, site) -> None:
    page = _english(client, reverse("web:commune", kwargs={"code": "44109"}))
    assert "<li>Level 3: un formulaire" in page and "Level 3 :" not in page


def test_a_cell_history_line_has_no_french_colon_in_english(client, site, users) -> None:
    client.force_login(users["auditeur"])
    review = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    seen = site.auto_cell.assessment_id
    assert client.post(review, {"action": "accept", "seen": seen}).status_code == 302
    client.logout()  # the public page (a signed-in page's header names its user)
    page = _english(client, reverse("web:commune", kwargs={"code": "44109"}))
    # a pseudonym in the page's language, never the user name (outputs.authors)
    assert re.search(r"<li>[^<]+ — [^<]+ \(auditor 1\): level 3", page)
    assert "(auditor 1) : " not in page and "auditeur-test" not in page


def test_the_confidence_filter_shows_its_example_in_the_page_language(client, site, users) -> None:
    client.force_login(users["auditeur"])
    assert 'placeholder="0.6"' in _english(client, reverse("web:review-queue"))
    client.cookies["barometre_langue"] = "fr"
    assert 'placeholder="0,6"' in client.get(reverse("web:review-queue")).content.decode()


def test_the_cue_over_a_table_that_scrolls_speaks_the_chosen_language(client, site) -> None:
    """web/tables.js writes the words it finds on <body> above a table that scrolls sideways:
    French by default, English on the reader's choice (the script only holds the French)."""
    ranking = reverse("web:ranking", kwargs={"name": "apres"})
    assert 'data-scroll-hint="Faites défiler le tableau horizontalement"' in (
        client.get(ranking).content.decode()
    )
    client.cookies["barometre_langue"] = "en"
    assert 'data-scroll-hint="Scroll the table sideways"' in client.get(ranking).content.decode()
