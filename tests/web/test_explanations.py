"""The detector's explanations in the page's language (web/explanations.py).

Detection writes a proposal's rationale and its signals' details in French, the stored record
and the CLI's; each signal also carries a code and its parameters, from which an English page
writes them in English. The page below gives every code of detection.model.DETAIL_CODES."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from barometre.assessments.services import assessments_record_auto
from barometre.collection.services.consumer import absent_value, found_value, signal_item
from barometre.detection import Page, analyse_page, load_platforms, site_levels
from barometre.detection.model import DETAIL_CODES
from barometre.referential.catalogue import default_catalogue
from barometre.web.explanations import (
    PLATFORM_NAMES,
    WORDINGS,
    proposal_explanation,
    signal_detail,
)
from tests.factories import CampaignFactory, CommuneFactory

DETECTION = Path(__file__).resolve().parents[2] / "src" / "barometre" / "detection" / "data"
URL = "https://www.ville-exemple.fr/etat-civil/acte-de-naissance"
PAGE = """<html><head><title>Demande d'acte de naissance - Ville d'Exemple</title></head><body>
<main><h1>Demande d'acte de naissance</h1>
<p>Vous pouvez faire votre demande d'acte de naissance en ligne sur
<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">service-public.fr</a>.</p>
<p>Pour une rectification, le formulaire cerfa n° 11531*02 est à télécharger :
<a href="/docs/cerfa_11531.pdf">formulaire cerfa (PDF)</a></p>
<p>Le cerfa n° 12345*01 n'est pas disponible en ligne.</p>
<p>Le formulaire papier :
<a href="https://www.service-public.fr/particuliers/vosdroits/R1406">formulaire cerfa (PDF)</a> ;
frais de copie : <a href="https://www.payfip.gouv.fr/tpa/paiement.web">PayFiP</a>.</p>
<form action="https://www.demarches-simplifiees.fr/commencer/acte-naissance" method="post">
<input name="nom"><input name="prenom"><button>Commencer</button></form>
<p><a href="/docs/tarifs-etat-civil.pdf">Tarifs de l'état civil</a></p>
<p>Pour un acte de naissance, vous pouvez aussi vous présenter sur rendez-vous en mairie.</p>
<h2>Formulaire de demande d'acte de naissance</h2>
<form action="/etat-civil/demande" method="post"><label>Nom</label><input name="nom">
<label>Prénom</label><input name="prenom"><input name="date">
<button type="submit">Envoyer la demande</button></form>
<form action="/compte/connexion" method="post"><input name="login">
<input type="password" name="pw"><button>Se connecter</button></form>
<div class="fr-connect-group">
<button class="fr-connect">S'identifier avec FranceConnect</button></div>
</main></body></html>
"""


def _found():
    catalogue = default_catalogue()
    analysis = analyse_page(
        Page(url=URL, html=PAGE), catalogue=catalogue, platforms=load_platforms()
    )
    found = site_levels([analysis], catalogue=catalogue)["actes-etat-civil"]
    max_level = {s.id: s.max_level for s in catalogue.services}[found.service]
    return analysis, found, max_level


def test_the_page_gives_every_code_of_a_detail() -> None:
    analysis, _, _ = _found()
    assert {s.code for s in analysis.signals} | {"information"} == set(DETAIL_CODES)
    assert {s.code for m in analysis.services for s in m.signals} >= {"information"}


def test_in_french_the_explanation_is_the_stored_french() -> None:
    analysis, found, max_level = _found()
    with override("fr"):
        for signal in (*analysis.signals, *found.signals):
            assert signal_detail(signal_item(signal)) == signal.detail
        items = [signal_item(s) for s in found.signals]
        assert proposal_explanation(found.level, max_level, items, "") == found.rationale


def test_a_signal_repeated_on_one_address_is_said_once() -> None:
    """A PDF a page links twice gave two signals of one kind: the explanation listed the same
    « formulaire à télécharger (…pdf) » twice in a row."""
    _, found, max_level = _found()
    items = [signal_item(s) for s in found.signals]
    once = proposal_explanation(found.level, max_level, items, "")
    twice = proposal_explanation(found.level, max_level, [*items, items[-1]], "")
    assert twice == once


def test_in_english_no_french_is_left() -> None:
    analysis, found, max_level = _found()
    items = [signal_item(s) for s in found.signals]
    with override("en"):
        explanation = proposal_explanation(found.level, max_level, items, found.rationale)
        details = {s.detail: signal_detail(signal_item(s)) for s in analysis.signals}
    assert explanation.startswith(
        "Level 4 (transaction), capped at the service's maximum (4): link to PayFiP ("
    ), explanation
    assert "); FranceConnect (button or marker “.fr-connect-group”) (https://www.ville-" in (
        explanation
    )
    for french in ("Niveau", "plafonné", "lien vers", "bouton", "paiement en", " ; ", " : "):
        assert french not in explanation
    assert all(english != french for french, english in details.items()), details
    assert details["formulaire en ligne (3 champs)"] == "online form (3 fields)"
    assert details["cerfa n° 12345 cité"] == "cerfa no. 12345 mentioned"
    assert details["formulaire vers Démarche Numérique (ex-démarches-simplifiées)"] == (
        "form sent to Démarche Numérique (formerly démarches-simplifiées)"
    )
    with override("en"):
        information = signal_detail(signal_item(found.signals[0]))
    assert information == (
        "page about the service (title, main heading, web address, section heading, text)"
    )


def test_a_signal_without_a_code_keeps_its_stored_detail() -> None:
    stored = {"kind": "html_form", "detail": "formulaire en ligne (3 champs)", "level": 3}
    with override("en"):
        assert signal_detail(stored) == "formulaire en ligne (3 champs)"
        assert proposal_explanation(3, 5, [stored], "Niveau 3 : ancien") == "Niveau 3 : ancien"
        # a wording whose French the catalogue no longer lists stays as stored
        changed = {"detail": "autre phrase", "code": "wording", "params": {"kind": "payment"}}
        assert signal_detail(changed) == "autre phrase"


def test_the_wordings_and_platforms_listed_are_those_of_the_data_files() -> None:
    channels = yaml.safe_load((DETECTION / "channels.yaml").read_text(encoding="utf-8"))
    platforms = yaml.safe_load((DETECTION / "platforms.yaml").read_text(encoding="utf-8"))
    assert {c["kind"]: c["detail"] for c in channels["rules"]} == WORDINGS
    assert sorted(PLATFORM_NAMES) == sorted(p["name"] for p in platforms["platforms"])


def test_the_pages_searched_for_a_level_0_in_english() -> None:
    pages = (URL, "https://www.ville-exemple.fr/", "https://www.ville-exemple.fr/contact")
    value = absent_value("44109", "urbanisme", pages, {})
    with override("fr"):
        assert proposal_explanation(0, 4, value.rationale, "") == value.note
        assert signal_detail(value.rationale[0]) == "3 pages analysées"
    with override("en"):
        assert proposal_explanation(0, 4, value.rationale, value.note) == (
            "Service looked for on 3 pages of the website, not found."
        )
        assert signal_detail(value.rationale[0]) == "3 pages analyzed"


@pytest.mark.django_db
def test_an_english_commune_page_shows_the_proposal_explained_in_english(client) -> None:
    _, found, max_level = _found()
    commune = CommuneFactory(code="44109", name="Nantes", population=320_000)
    campaign = CampaignFactory(name="2026", communes=[commune])
    assessments_record_auto(
        campaign=campaign, values=[found_value("44109", found, None)], now=timezone.now()
    )
    address = reverse("web:commune", kwargs={"code": "44109"})
    french = html.unescape(client.get(address).content.decode())
    assert found.rationale in french
    client.cookies["barometre_langue"] = "en"
    english = html.unescape(client.get(address).content.decode())
    assert found.rationale not in english
    with override("en"):
        items = [signal_item(s) for s in found.signals]
        explained = proposal_explanation(found.level, max_level, items, "")
    assert explained.startswith("Level 4 (transaction)")
    assert explained in english
    for french_detail in ("page consacrée au service", "lien vers", "connexion FranceConnect"):
        assert french_detail not in english
    assert "FranceConnect sign-in" in english  # a signal of the list under the explanation


def test_a_one_field_upload_form_is_said_in_the_singular() -> None:
    """An upload form with a single field read « formulaire en ligne (1 champs) »."""
    page = Page(
        url="https://www.ville.test/encombrants",
        html=(
            "<html><head><title>Encombrants : demande d'enlèvement</title></head><body>"
            "<h1>Encombrants : demande d'enlèvement</h1><p>Déposez votre demande d'enlèvement "
            "des encombrants.</p><form action='/envoi' method='post'>"
            "<input type='file' name='photo'><button>Envoyer</button></form></body></html>"
        ),
    )
    signals = [s for s in analyse_page(page).signals if s.code == "online_form"]
    assert [s.detail for s in signals] == ["formulaire en ligne (1 champ)"]
    item = signal_item(signals[0])
    assert signal_detail(item) == "formulaire en ligne (1 champ)"
    with override("en"):
        assert signal_detail(item) == "online form (1 field)"
