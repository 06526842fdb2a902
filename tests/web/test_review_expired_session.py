"""An auditor whose session expired while typing loses nothing: the POST is kept server side
for its cell, they log in (CSRF token rotated), and find what they typed in the form."""

from __future__ import annotations

import html
import re

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell, CodingAssignment
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import Decision, assessment_override
from tests.web.conftest import PASSWORD

JUSTIFICATION = "Le formulaire ne couvre que les actes de naissance, pas les mariages."


def _token(body: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def _typed_justification(body: str) -> str:
    return re.search(r'<textarea[^>]*name="justification"[^>]*>([^<]*)</textarea>', body).group(1)


def _expire_sessions() -> None:
    """What the server sees when a session outlives SESSION_COOKIE_AGE: the row is stale."""
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))


def _login_via_form(client: Client, location: str, username: str) -> str:
    """Follow the login page the expired POST was sent to; return the page logged in after."""
    page = client.get(location)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Votre session a expiré" in html.unescape(body)
    response = client.post(
        location,
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _token(body)},
    )
    assert response.status_code == 302
    return response["Location"]


def test_a_correction_typed_after_expiry_is_restored_after_login_then_saved(site, users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk}) + "?campagne=apres"
    old_token = _token(client.get(url).content.decode())
    _expire_sessions()
    typed = {
        "csrfmiddlewaretoken": old_token,
        "action": "override",
        "seen": cell.assessment_id,
        "level": "1",
        "justification": JUSTIFICATION,
        "evidence_url": "http://127.0.0.1:9/naissance",
    }
    response = client.post(url, typed)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    cell.refresh_from_db()
    assert cell.source == "auto"  # nothing recorded without a login
    target = _login_via_form(client, response["Location"], "auditeur-test")
    assert target == url
    page = client.get(target)
    body = html.unescape(page.content.decode())
    assert _typed_justification(body) == JUSTIFICATION
    assert 'value="http://127.0.0.1:9/naissance"' in body
    assert '<option value="1" selected>' in body
    assert "rien n'a encore été enregistré" in body
    new_token = _token(page.content.decode())
    assert new_token != old_token
    # the restored form carries the version the auditor saw; saving it records the correction
    assert f'name="seen" value="{cell.assessment_id}"' in body
    saved = client.post(url, {**typed, "csrfmiddlewaretoken": new_token})
    assert saved.status_code == 302
    cell.refresh_from_db()
    assert (cell.level, cell.source) == (1, "human")
    assert cell.assessment.note == JUSTIFICATION
    # restored once: the next visit shows the cell as it now is
    again = html.unescape(client.get(url).content.decode())
    assert _typed_justification(again) == ""


def test_a_restored_correction_is_refused_if_the_cell_changed_meanwhile(site, users) -> None:
    client = Client()
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    seen = cell.assessment_id
    client.logout()
    typed = {"action": "override", "seen": seen, "level": "1", "justification": JUSTIFICATION}
    response = client.post(url, typed)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    assessment_override(  # a colleague corrects the cell in the meantime
        cell=cell,
        user=users["coordinateur"],
        seen=seen,
        decision=Decision(level=2, not_applicable=False, justification="Vu en ligne."),
        now=timezone.now(),
    )
    client.force_login(users["auditeur"])  # keeps the anonymous session's data, as login does
    body = html.unescape(client.get(url).content.decode())
    assert _typed_justification(body) == JUSTIFICATION and f'name="seen" value="{seen}"' in body
    refused = client.post(url, {**typed, "seen": seen})
    assert refused.status_code == 409
    cell.refresh_from_db()
    assert (cell.level, cell.assessment.note) == (2, "Vu en ligne.")


def test_an_accept_after_expiry_is_said_not_recorded(site, users) -> None:
    client = Client()
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    client.post(url, {"action": "accept", "seen": cell.assessment_id})
    client.force_login(users["auditeur"])
    body = html.unescape(client.get(url).content.decode())
    assert "la proposition n'a pas été acceptée" in body
    assert Cell.objects.get(pk=cell.pk).source == "auto"


def test_a_blind_answer_typed_after_expiry_is_restored_for_its_coder_only(site, users) -> None:
    auditors = [users["auditeur"], users["coordinateur"]]
    codings_assign(
        cells=Cell.objects.filter(pk=site.auto_cell.pk),
        auditors=auditors,
        size=1,
        seed=1,
        now=timezone.now(),
    )
    mine = CodingAssignment.objects.get(auditor=users["auditeur"])
    theirs = CodingAssignment.objects.get(auditor=users["coordinateur"])
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    token = _token(client.get(url).content.decode())
    _expire_sessions()
    typed = {"csrfmiddlewaretoken": token, "level": "2", "justification": JUSTIFICATION}
    response = client.post(url, typed)
    assert response.status_code == 302
    # another coder's assignment posted anonymously is kept too, but never shown to this one
    other = reverse("web:review-coding", kwargs={"pk": theirs.pk})
    assert client.post(other, {**typed, "justification": "autre"}).status_code == 302
    target = _login_via_form(client, response["Location"], "auditeur-test")
    body = html.unescape(client.get(target).content.decode())
    assert _typed_justification(body) == JUSTIFICATION and '<option value="2" selected>' in body
    assert client.get(other).status_code == 404
    mine.refresh_from_db()
    assert mine.coded_at is None  # restored, not recorded


def test_only_the_decision_fields_are_kept_and_each_within_its_limit(site, users) -> None:
    client = Client()
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    client.post(url, {"action": "override", "justification": "x" * 9000, "is_staff": "1"})
    kept = client.session["barometre_drafts"][f"cell:{site.auto_cell.pk}"]
    assert set(kept) == {"action", "level", "justification", "evidence_url", "seen"}
    assert len(kept["justification"]) == 5000


def _relogged(client: Client, username: str) -> None:
    """Log in again through the form, as in another tab: the CSRF token is rotated."""
    page = client.get("/connexion/").content.decode()
    form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _token(page)}
    assert client.post("/connexion/", form).status_code == 302


def test_a_form_whose_token_changed_in_another_tab_keeps_its_input(site, users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditeur"])
    cell = site.auto_cell
    url = reverse("web:review-cell", kwargs={"pk": cell.pk})
    old_token = _token(client.get(url).content.decode())
    _expire_sessions()
    _relogged(client, "auditeur-test")
    typed = {
        "csrfmiddlewaretoken": old_token,
        "action": "override",
        "seen": cell.assessment_id,
        "level": "1",
        "justification": JUSTIFICATION,
    }
    response = client.post(url, typed, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url)
    body = html.unescape(page.content.decode())
    assert "Le formulaire n'était plus valable" in body
    assert _typed_justification(body) == JUSTIFICATION
    assert client.post(url, {**typed, "csrfmiddlewaretoken": _token(body)}).status_code == 302
    cell.refresh_from_db()
    assert (cell.level, cell.assessment.note) == (1, JUSTIFICATION)


def test_a_refused_form_from_another_site_keeps_nothing(site, users) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditeur"])
    url = reverse("web:review-cell", kwargs={"pk": site.auto_cell.pk})
    client.get(url)
    typed = {"action": "override", "level": "0", "justification": "forcé"}
    for origin in ({"HTTP_ORIGIN": "http://127.0.0.2:8000"}, {}):
        response = client.post(url, {**typed, "csrfmiddlewaretoken": "x" * 32}, **origin)
        assert response.status_code == 403 and "Formulaire expiré" in response.content.decode()
    assert "barometre_drafts" not in client.session
    assert _typed_justification(html.unescape(client.get(url).content.decode())) == ""
