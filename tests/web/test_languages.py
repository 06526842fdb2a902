"""The interface's language: French for everyone, English on the reader's explicit choice."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from barometre.web.selectors import _cached

TAGLINE_FR = "Le baromètre ouvert de l'e-administration des communes"


def _tagline_en() -> str:
    with override("en"):
        return gettext(TAGLINE_FR)


def test_the_english_catalogue_translates_the_header() -> None:
    assert _tagline_en() != TAGLINE_FR


def test_french_whatever_the_browser_asks(client, site) -> None:
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert b'<html lang="fr"' in response.content
    assert TAGLINE_FR in response.content.decode()
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
    assert _tagline_en() in page.content.decode()
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
        french = _cached("test:tagline", compute)
    with override("en"):
        english = _cached("test:tagline", compute)
    assert french == TAGLINE_FR
    assert english == _tagline_en() != french


def test_error_pages_speak_the_chosen_language(client, site) -> None:
    assert "Page introuvable" in client.get("/commune/99999/").content.decode()
    client.cookies["barometre_langue"] = "en"
    page = client.get("/commune/99999/")
    assert page.status_code == 404
    assert "Page not found" in page.content.decode()


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
