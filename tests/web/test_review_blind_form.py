"""The blind coding page says the scale of the service coded."""

from __future__ import annotations

import html
import re

from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import CodingAssignment
from barometre.assessments.services.draw import codings_assign


def _mine(site, users) -> CodingAssignment:  # type: ignore[no-untyped-def]
    auditors = [users["auditeur"], users["coordinateur"]]
    codings_assign(cells=[site.auto_cell], auditors=auditors, size=1, seed=1, now=timezone.now())
    return CodingAssignment.objects.get(cell=site.auto_cell, auditor=users["auditeur"])


def test_the_blind_page_says_the_services_maximum_level(client, site, users) -> None:
    """The review page said « niveau maximal du service : 4 »; the blind page, where the
    auditor codes without the proposal, said nothing of the scale's upper bound."""
    mine = _mine(site, users)
    client.force_login(users["auditeur"])
    page = client.get(reverse("web:review-coding", kwargs={"pk": mine.pk})).content.decode()
    assert "niveau maximal du service\u00a0: 4" in page
    assert "0,41" not in page and "3 · interaction" not in page.split("<select", 1)[0]


def test_the_list_says_how_many_cells_are_left_and_their_state_first(client, site, users) -> None:
    """On a phone the table scrolls sideways: « à coder » was its last column, past the
    screen's edge, and nothing said how many cells were left."""
    from barometre.assessments.models import Cell

    other = Cell.objects.get(campaign=site.after, commune_id="44109", source="auto", level=0)
    auditors = [users["auditeur"], users["coordinateur"]]
    codings_assign(
        cells=[site.auto_cell, other], auditors=auditors, size=2, seed=1, now=timezone.now()
    )
    client.force_login(users["auditeur"])
    first = CodingAssignment.objects.filter(auditor=users["auditeur"]).first()
    assert first is not None
    url = reverse("web:review-coding", kwargs={"pk": first.pk})
    assert client.post(url, {"level": "0", "evidence_url": ""}).status_code == 302
    page = client.get(reverse("web:review-codings")).content.decode()
    assert "1 cellule à coder sur 2." in page
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert re.findall(r'<th scope="col">([^<]*)</th>', head)[:2] == ["Commune", "État"]


def test_the_list_says_what_comes_next_once_every_cell_is_answered(client, site, users) -> None:
    """« 0 cellule à coder sur 1. » and nothing more: the coder did not know whether anything
    was left to do, nor what happens to their answers."""
    codings_assign(
        cells=[site.auto_cell],
        auditors=[users["auditeur"], users["coordinateur"]],
        size=1,
        seed=1,
        now=timezone.now(),
    )
    client.force_login(users["auditeur"])
    waiting = client.get(reverse("web:review-codings")).content.decode()
    assert "rien d'autre à coder" not in html.unescape(waiting)
    mine = CodingAssignment.objects.get(auditor=users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    assert client.post(url, {"level": "0", "evidence_url": ""}).status_code == 302
    page = html.unescape(client.get(reverse("web:review-codings")).content.decode())
    assert (
        "0 cellule à coder sur 1. Toutes vos réponses sont enregistrées\u00a0: rien d'autre à "
        "coder pour l'instant. Un coordinateur arbitrera les cellules dont les deux réponses "
        "diffèrent." in page
    )


def test_an_empty_list_tells_a_coordinator_where_cells_are_drawn(client, site, users) -> None:
    """« Aucune cellule attribuée. » and nothing more: the coordinator who came to start a
    double coding did not learn that it is drawn on the « Arbitrage » page."""
    client.force_login(users["coordinateur"])
    page = html.unescape(client.get(reverse("web:review-codings")).content.decode())
    link = f'<a href="{reverse("web:review-arbitration")}" id="lien-tirage">'
    assert "Les cellules du double codage se tirent sur la page " + link in page
    client.force_login(users["auditeur"])  # an auditor cannot draw: not sent there
    page = html.unescape(client.get(reverse("web:review-codings")).content.decode())
    assert "Aucune cellule attribuée." in page and "lien-tirage" not in page


def test_the_blind_forms_fields_are_not_full_width(client, site, users) -> None:
    """On a desktop the blind form's level select and address field ran the page's whole width
    (about 1,000 px for a choice among six levels); the cell page holds its form in a column."""
    from tests.web.form_widths import full_width_fields

    mine = _mine(site, users)
    client.force_login(users["auditeur"])
    url = reverse("web:review-coding", kwargs={"pk": mine.pk})
    assert full_width_fields(client.get(url).content.decode()) == []
    assert client.post(url, {"level": "0"}).status_code == 302
    assert full_width_fields(client.get(url).content.decode()) == []  # the change form
