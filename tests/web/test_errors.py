"""Error pages speak French: the site's DSFR page for a person, the API's JSON for a client."""

from __future__ import annotations

import json

from django.test import Client, RequestFactory

from barometre.web.views.errors import server_error


def test_an_unknown_page_is_a_french_page_with_a_way_back(client, db) -> None:
    response = client.get("/cette-page-n-existe-pas/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in body and "Retour à l'accueil" in body
    assert "Not Found" not in body and "fr-header" in body
    assert client.get("/commune/99999/").status_code == 404


def test_a_refused_page_is_a_french_page_of_the_site(client, db) -> None:
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("sans-role", password="x" * 12))
    response = client.get("/revue/")  # a logged-in account without a reviewer's role
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in body and "fr-header" in body and "Forbidden" not in body


def test_an_unknown_api_path_answers_json(client, db) -> None:
    response = client.get("/api/v1/nulle-part")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    message = json.loads(response.content)["error"]["message"]
    assert message.startswith("Adresse inconnue de l'API") and "/api/v1/" in message


def test_too_many_fields_is_a_french_bad_request(client, db) -> None:
    query = "&".join(f"x{i}=1" for i in range(1500))
    response = client.get(f"/recherche/?{query}")
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in response.content.decode()


def test_an_expired_form_says_so_in_french(db) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/connexion/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Formulaire expiré</h1>" in body and "403 Forbidden" not in body


def test_the_server_error_page_needs_no_context() -> None:
    """The site's DSFR page, rendered without the request and without the database (no `db`
    fixture: a query would fail the test), as when PostgreSQL does not answer."""
    page = server_error(RequestFactory().get("/commune/44109/"))
    body = page.content.decode()
    assert page.status_code == 500 and "<h1>Erreur interne</h1>" in body
    assert 'class="fr-header"' in body and "dsfr.min.css" in body and 'class="fr-footer"' in body
    assert 'class="fr-btn" href="/">Retour à l\'accueil' in body
    assert '<form method="post"' not in body  # no language form without its CSRF token
    api = server_error(RequestFactory().get("/api/v1/cells"))
    assert json.loads(api.content)["error"]["status"] == 500


def test_a_login_form_with_a_missing_or_invalid_field_says_so(client, db) -> None:
    for fields in (
        {"username": "", "password": "x"},
        {"username": "a" * 10_000, "password": "x"},
        {"username": "a\x00b", "password": "x"},
        {"username": "a", "password": "x" * 100_000},
    ):
        response = client.post("/connexion/", fields)
        assert response.status_code == 400
        assert "Identifiant ou mot de passe manquant ou invalide." in response.content.decode()


def test_logout_by_address_asks_and_only_a_post_logs_out(client, db) -> None:
    from django.contrib.auth.models import User

    assert client.get("/deconnexion/")["Location"] == "/"  # nobody to log out
    client.force_login(User.objects.create_user("sortant", password="x" * 12))
    page = client.get("/deconnexion/")
    body = page.content.decode()
    assert page.status_code == 200 and "connecté en tant que «\u00a0sortant\u00a0»" in body
    assert 'method="post" action="/deconnexion/"' in body
    assert "_auth_user_id" in client.session  # a GET logs nobody out
    assert client.post("/deconnexion/")["Location"] == "/"
    assert "_auth_user_id" not in client.session
    refused = client.put("/deconnexion/")
    assert refused.status_code == 405 and "<h1>Méthode non permise</h1>" in refused.content.decode()
    assert refused["Allow"] == "GET, HEAD, POST"


def test_a_method_no_page_form_sends_is_a_405_with_allow_not_an_expired_form(db) -> None:
    """Before the CSRF check, which called any DELETE an expired form (403); the API keeps its
    own 405 in JSON."""
    strict = Client(enforce_csrf_checks=True)
    for method in ("delete", "put", "patch"):
        page = getattr(strict, method)("/commune/44109/")
        assert page.status_code == 405, method
        assert page["Allow"] == "GET, HEAD"
        assert "<h1>Méthode non permise</h1>" in page.content.decode()
    assert strict.delete("/connexion/")["Allow"] == "GET, HEAD, POST"  # a form page
    assert strict.delete("/revue/")["Allow"] == "GET, HEAD, POST"  # no method decorator
    api = strict.delete("/api/v1/cells")
    assert api.status_code == 405 and api["Allow"] == "GET, HEAD, OPTIONS"
    assert json.loads(api.content)["error"]["status"] == 405
