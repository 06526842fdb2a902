"""The workspace's links follow the account's rights: a user without a role (a reader made in
the Django admin) is not led to pages that answer « Accès refusé »."""

from __future__ import annotations

import html

from django.contrib.auth.models import User
from django.urls import reverse

from tests.web.conftest import PASSWORD

WORKSPACE = ("/revue/", "/revue/double-codage/", "/revue/arbitrage/")


def test_a_reader_without_a_role_is_not_led_to_refused_pages(client, db) -> None:
    User.objects.create_user("lecteur", password=PASSWORD)
    logged = client.post(reverse("web:login"), {"username": "lecteur", "password": PASSWORD})
    assert logged.status_code == 302 and logged["Location"] == reverse("web:home")
    home = client.get(logged["Location"])
    body = html.unescape(home.content.decode())
    assert "n'a pas de rôle dans l'espace des auditeurs" in body
    assert not any(f'href="{path}"' in body for path in WORKSPACE)
    assert "Se déconnecter (lecteur)" in body  # the way out stays
    confirm = client.get(reverse("web:logout")).content.decode()
    assert 'href="/revue/"' not in confirm


def test_an_auditor_keeps_the_workspace_links(client, users) -> None:
    logged = client.post(reverse("web:login"), {"username": "auditeur-test", "password": PASSWORD})
    assert logged["Location"] == reverse("web:review-queue")
    body = client.get(reverse("web:home")).content.decode()
    assert 'href="/revue/"' in body and 'href="/revue/double-codage/"' in body
    assert 'href="/revue/arbitrage/"' not in body  # coordinators only


def test_the_menu_marks_the_workspace_page_shown(client, site, users) -> None:
    from django.utils import timezone

    from barometre.assessments.services.draw import codings_assign

    created = codings_assign(
        cells=[site.auto_cell],
        auditors=[users["coordinateur"], users["auditeur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    mine = next(a for a in created if a.auditor == users["coordinateur"])
    client.force_login(users["coordinateur"])
    other = site.after.cells.exclude(pk=site.auto_cell.pk).first()
    pages = {
        reverse("web:review-queue"): "/revue/",
        reverse("web:review-cell", kwargs={"pk": other.pk}): "/revue/",
        reverse("web:review-codings"): "/revue/double-codage/",
        reverse("web:review-coding", kwargs={"pk": mine.pk}): "/revue/double-codage/",
        reverse("web:review-arbitration"): "/revue/arbitrage/",
    }
    for url, current in pages.items():
        body = client.get(url).content.decode()
        marked = [
            href
            for href in WORKSPACE
            if f'class="fr-nav__link" href="{href}" aria-current="page"' in body
        ]
        assert marked == [current], url


def test_a_blind_coding_page_leads_back_to_its_list(client, site, users) -> None:
    """The review page leads back to the queue and an arbitration to its list; a blind coding
    page led nowhere, before and after the answer (on a phone the menu is folded away)."""
    from django.utils import timezone
    from selectolax.lexbor import LexborHTMLParser

    from barometre.assessments.services.draw import codings_assign

    coders = [users["auditeur"], users["coordinateur"]]
    (first, _second) = codings_assign(
        cells=[site.auto_cell], auditors=coders, size=1, seed=1, now=timezone.now()
    )
    client.force_login(first.auditor)
    page = reverse("web:review-coding", kwargs={"pk": first.pk})

    def back_link() -> tuple[str, str]:
        back = LexborHTMLParser(client.get(page).content.decode()).css_first(
            "main a#retour-codages"
        )
        assert back is not None
        return back.attributes["href"], back.text(strip=True)

    expected = (reverse("web:review-codings"), "Mes cellules en double codage")
    assert back_link() == expected  # to answer
    assert client.post(page, {"level": "2"}).status_code == 302
    assert back_link() == expected  # answered
