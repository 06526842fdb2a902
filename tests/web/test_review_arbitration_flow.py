"""The arbitrating coordinator's way through the list of cells to arbitrate: each cell to
arbitrate links back to the list, and a recorded arbitration leads to the next cell to
arbitrate, or back to the list when none is left (the coordinator went back by hand)."""

from __future__ import annotations

import html

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from barometre.accounts.roles import user_create
from barometre.assessments.models import Cell
from barometre.assessments.services.draw import codings_assign
from barometre.assessments.services.review import codings_disputed
from tests.web.conftest import PASSWORD


def _disputed(site, users, count: int) -> list[Cell]:
    """`count` cells of the campaign coded 2 by the coordinator and 4 by the administrator,
    in the list's order."""
    coders = [users["coordinateur"], users["administrateur"]]
    cells = list(Cell.objects.filter(campaign=site.after).order_by("pk")[:count])
    created = codings_assign(cells=cells, auditors=coders, size=count, seed=1, now=timezone.now())
    for assignment in created:
        coder = Client()
        coder.force_login(assignment.auditor)
        coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
        level = "2" if assignment.auditor == users["coordinateur"] else "4"
        assert coder.post(coding, {"level": level}).status_code == 302
    waiting = list(codings_disputed().order_by("campaign_id", "commune_id", "service_id"))
    assert len(waiting) == count
    return waiting


def _arbitrator() -> tuple[Client, User]:
    user = user_create(username="arbitre", role="coordinateur", password=PASSWORD)
    client = Client()
    client.force_login(user)
    return client, user


def _decide(client: Client, cell: Cell):
    cell.refresh_from_db()
    return client.post(
        reverse("web:review-cell", kwargs={"pk": cell.pk}),
        {"action": "override", "seen": cell.assessment_id, "level": "3", "justification": "vu"},
        follow=True,
    )


def test_a_cell_to_arbitrate_links_back_to_the_list(site, users) -> None:
    first = _disputed(site, users, 1)[0]
    client, _user = _arbitrator()
    page = client.get(reverse("web:review-cell", kwargs={"pk": first.pk})).content.decode()
    back = reverse("web:review-arbitration")
    assert f'id="retour-arbitrage" href="{back}"' in page
    assert "Retour à la liste des cellules à arbitrer" in page
    other = Cell.objects.filter(campaign=site.after).exclude(pk=first.pk).first()
    plain = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).content.decode()
    assert 'id="retour-arbitrage"' not in plain  # a cell that waits for no arbitration


def test_an_arbitration_leads_to_the_next_cell_then_back_to_the_list(site, users) -> None:
    first, second = _disputed(site, users, 2)
    client, _user = _arbitrator()
    went = _decide(client, first)
    assert went.redirect_chain[-1][0] == reverse("web:review-cell", kwargs={"pk": second.pk})
    said = html.unescape(went.content.decode())
    assert f"Arbitrage enregistré pour {first.commune.name} ({first.commune_id})" in said
    assert "Voici la cellule suivante à arbitrer." in said
    assert "Niveau corrigé et enregistré" not in said  # one message, not two
    went = _decide(client, second)
    assert went.redirect_chain[-1][0] == reverse("web:review-arbitration")
    said = html.unescape(went.content.decode())
    assert f"Arbitrage enregistré pour {second.commune.name} ({second.commune_id})" in said
    assert "Aucune cellule à arbitrer." in said
    assert not codings_disputed().exists()


def test_a_plain_correction_still_stays_on_its_cell(site, users) -> None:
    client, _user = _arbitrator()
    cell = site.auto_cell
    went = _decide(client, cell)
    assert went.redirect_chain[-1][0] == reverse("web:review-cell", kwargs={"pk": cell.pk})
    # the message names the cell, as the accept message does
    named = f"Niveau corrigé et enregistré pour {cell.commune.name} ({cell.commune_id}), "
    assert named + f"{cell.service.label}." in html.unescape(went.content.decode())


def test_an_arbitration_never_leads_to_a_cell_the_coordinator_coded(site, users) -> None:
    client, arbitrator = _arbitrator()
    first, second = Cell.objects.filter(campaign=site.after).order_by("pk")[:2]
    for cell, coders in (
        (first, [users["coordinateur"], users["administrateur"]]),
        (second, [arbitrator, users["administrateur"]]),  # theirs: another one decides it
    ):
        for index, assignment in enumerate(
            codings_assign(cells=[cell], auditors=coders, size=1, seed=1, now=timezone.now())
        ):
            coder = Client()
            coder.force_login(assignment.auditor)
            coding = reverse("web:review-coding", kwargs={"pk": assignment.pk})
            assert coder.post(coding, {"level": str(2 + 2 * index)}).status_code == 302
    assert set(codings_disputed()) == {first, second}
    went = _decide(client, first)
    assert went.redirect_chain[-1][0] == reverse("web:review-arbitration")
    assert list(codings_disputed()) == [second]  # still listed, for another coordinator


def _current(page: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    links = LexborHTMLParser(page).css(".fr-nav__link[aria-current=page]")
    return [link.text() for link in links]


def test_the_menu_shows_arbitrage_while_the_coordinator_arbitrates(site, users) -> None:
    """A cell opened from the list of cells to arbitrate lit « File de revue » in the menu, a
    list the coordinator had not come from: « Arbitrage », where they go back, is lit now."""
    first = _disputed(site, users, 1)[0]
    client, _user = _arbitrator()
    page = client.get(reverse("web:review-cell", kwargs={"pk": first.pk})).content.decode()
    assert _current(page) == ["Arbitrage"]
    other = Cell.objects.filter(campaign=site.after).exclude(pk=first.pk).first()
    plain = client.get(reverse("web:review-cell", kwargs={"pk": other.pk})).content.decode()
    assert _current(plain) == ["File de revue"]
    # an auditor, who may not arbitrate, reads the same cell from the queue
    auditor = Client()
    auditor.force_login(users["auditeur"])
    page = auditor.get(reverse("web:review-cell", kwargs={"pk": first.pk})).content.decode()
    assert _current(page) == ["File de revue"]


def test_the_way_back_to_the_list_keeps_its_campaign_and_page(site, users) -> None:
    """« Retour à la liste des cellules à arbitrer » led to the list's first page, the campaign
    chosen for the draw forgotten: it leads back to the list as it was left, through the next
    cells to arbitrate too."""
    first, second = _disputed(site, users, 2)
    client, _user = _arbitrator()
    listed = client.get(reverse("web:review-arbitration"), {"campagne": "apres"})
    cell_url = reverse("web:review-cell", kwargs={"pk": first.pk})
    assert f'href="{cell_url}?arbitrage_campagne=apres"' in listed.content.decode()
    carried = "arbitrage_campagne=apres&amp;arbitrage_page=2"
    page = client.get(f"{cell_url}?{html.unescape(carried)}").content.decode()
    back = reverse("web:review-arbitration")
    assert f'id="retour-arbitrage" href="{back}?campagne=apres&amp;page=2"' in page
    second_url = reverse("web:review-cell", kwargs={"pk": second.pk})
    assert f'id="lien-suivant" href="{second_url}?{carried}"' in page
    first.refresh_from_db()
    decided = client.post(
        f"{cell_url}?{html.unescape(carried)}",
        {"action": "override", "seen": first.assessment_id, "level": "3", "justification": "vu"},
    )
    assert decided["Location"] == f"{second_url}?{html.unescape(carried)}"
    # a page that is not a whole number above 1 is the first; nothing to keep, nothing added
    odd = client.get(f"{second_url}?arbitrage_page=x").content.decode()
    assert f'id="retour-arbitrage" href="{back}"' in odd
