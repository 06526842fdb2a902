"""The coordinators' page counts the unanswered blind codings held by accounts switched off,
with the command that moves them: they waited unseen, nobody could answer them, and their
cells never got their second answer."""

from __future__ import annotations

import html

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create, user_set_active
from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign
from tests.web.conftest import commands_plain


def _page(users, role: str = "coordinateur") -> str:
    coordinator = Client()
    coordinator.force_login(users[role])
    response = coordinator.get(reverse("web:review-arbitration"))
    assert response.status_code == 200
    return commands_plain(html.unescape(response.content.decode()))


def test_codings_held_by_a_disabled_account_are_counted_with_the_command(site, users) -> None:
    coder = users["auditeur"]
    cells = list(site.after.cells.order_by("pk")[:3])
    codings_assign(
        cells=cells, auditors=[coder, users["administrateur"]], size=3, seed=1, now=timezone.now()
    )
    assert "codings-reassign" not in _page(users)  # an active coder's codings: nothing said
    answered = CodingAssignment.objects.filter(auditor=coder).first()
    CodingAssignment.objects.filter(pk=answered.pk).update(level=1, coded_at=timezone.now())
    user_set_active(username=coder.username, active=False)
    page = _page(users, "administrateur")
    assert "Codages bloqués chez des comptes désactivés" in page
    assert (
        f"{coder.username}\u00a0: 2 codages sans réponse — <code>barometre assessments "
        f"codings-reassign --from {coder.username}</code>"
    ) in page
    assert "Le bouton, ou sur le serveur la commande indiquée, les donne" in page
    # a coordinator cannot reach the server: the button alone, and no command to type
    page = _page(users)
    assert f"<li>{coder.username}\u00a0: 2 codages sans réponse<form" in page
    alert = page.partition('id="codages-comptes-desactives"')[2].partition("</div>")[0]
    assert "<li>" in alert and "barometre " not in alert and "<code>" not in alert
    assert "Le bouton les donne à d'autres auditeurs actifs" in page


def test_a_coordinator_gives_a_disabled_accounts_codings_to_others_from_the_page(
    site, users
) -> None:
    """The page named the command only, which a coordinator without the server could not run:
    its button moves the codings as the command does (never to the cell's other coder)."""
    coder = users["auditeur"]
    cells = list(site.after.cells.order_by("pk")[:2])
    codings_assign(
        cells=cells, auditors=[coder, users["administrateur"]], size=2, seed=1, now=timezone.now()
    )
    user_set_active(username=coder.username, active=False)
    assert 'name="compte" value="auditeur-test"' in _page(users)

    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    url = reverse("web:review-arbitration-reassign")
    response = coordinator.post(url, {"compte": coder.username}, follow=True)

    page = html.unescape(response.content.decode())
    assert (
        "2 codages sans réponse de «\u00a0auditeur-test\u00a0» réattribués\u00a0: "
        "coordinateur-test (2)." in page
    )
    assert "Codages bloqués chez des comptes désactivés" not in page
    moved = CodingAssignment.objects.filter(cell__in=cells, coded_at__isnull=True)
    assert sorted(moved.values_list("auditor__username", flat=True)) == [
        "administrateur-test",
        "administrateur-test",
        "coordinateur-test",
        "coordinateur-test",
    ]


def test_the_button_moves_nothing_for_an_active_or_unknown_account_nor_for_an_auditor(
    site, users
) -> None:
    coder = users["auditeur"]
    cells = list(site.after.cells.order_by("pk")[:2])
    codings_assign(
        cells=cells, auditors=[coder, users["administrateur"]], size=2, seed=1, now=timezone.now()
    )
    before = sorted(CodingAssignment.objects.values_list("pk", "auditor_id"))
    url = reverse("web:review-arbitration-reassign")
    coordinator = Client()
    coordinator.force_login(users["coordinateur"])
    for name in (coder.username, "personne"):  # active: its codings are its own to answer
        page = html.unescape(coordinator.post(url, {"compte": name}, follow=True).content.decode())
        assert "Aucun compte désactivé ne détient de codage sans réponse sous ce nom" in page
    assert coordinator.get(url).status_code == 405
    user_set_active(username=coder.username, active=False)
    other = Client()
    other.force_login(user_create(username="autre-auditeur", role="auditeur", password="x" * 12))
    assert other.post(url, {"compte": coder.username}).status_code == 403
    assert sorted(CodingAssignment.objects.values_list("pk", "auditor_id")) == before


def test_the_page_names_the_active_coders_whose_answers_are_awaited(site, users) -> None:
    """« 3 cellules en double codage ; 0 à arbitrer » and nothing else: the coordinator could
    not tell whom the cells were waiting for, nor whom to remind."""
    coder, other = users["auditeur"], users["administrateur"]
    cells = list(site.after.cells.order_by("pk")[:3])
    codings_assign(cells=cells, auditors=[coder, other], size=3, seed=1, now=timezone.now())
    answered = CodingAssignment.objects.filter(auditor=coder).first()
    CodingAssignment.objects.filter(pk=answered.pk).update(level=1, coded_at=timezone.now())
    page = _page(users)
    assert (
        f"Réponses à l'aveugle attendues de\u00a0: {other.username} (3), {coder.username} (2)."
        in page
    )
    CodingAssignment.objects.update(level=1, coded_at=timezone.now())
    assert "attendues de" not in _page(users)
