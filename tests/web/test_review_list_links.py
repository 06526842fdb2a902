"""The review lists' links: none ends with a bare « ? » (an empty query string), and the
filters chosen, with the page the auditor was on, survive pagination and the way back."""

from __future__ import annotations

import html
import re
from functools import partial

from django.urls import reverse

from barometre.web.views import arbitration, review_queue
from barometre.web.views.common import page_of
from tests.web.test_review_arbitration_flow import _disputed


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page)]


def test_no_queue_link_ends_with_a_bare_question_mark(client, site, users) -> None:
    """Each cell of an unfiltered queue linked to « /revue/cellule/N/? »."""
    client.force_login(users["auditeur"])
    page = client.get(reverse("web:review-queue")).content.decode()
    cells = [h for h in _hrefs(page) if h.startswith("/revue/cellule/")]
    assert cells and not [h for h in _hrefs(page) if h.endswith("?")]
    cell = client.get(cells[0]).content.decode()
    assert not [h for h in _hrefs(cell) if h.endswith("?")]


def test_filters_and_page_survive_pagination_and_the_way_back(
    client, site, users, monkeypatch
) -> None:
    """On page 2 of a filtered queue, a cell's « File de revue » led to page 1."""
    monkeypatch.setattr(review_queue, "page_of", partial(page_of, size=1))
    client.force_login(users["auditeur"])
    url = reverse("web:review-queue") + "?campagne=apres&page=2"
    page = client.get(url).content.decode()
    pages = [h for h in _hrefs(page) if "page=" in h]
    assert pages and all("campagne=apres" in h for h in pages)
    cells = [h for h in _hrefs(page) if h.startswith("/revue/cellule/")]
    assert cells == [cells[0]] and cells[0].endswith("?campagne=apres&page=2")
    cell = client.get(cells[0]).content.decode()
    assert "/revue/?campagne=apres&page=2" in _hrefs(cell)


def test_the_arbitration_lists_pages_keep_the_campaign_chosen(
    client, site, users, monkeypatch
) -> None:
    """The draw's campaign chosen (« ?campagne=avant »), page 2 of the cells to arbitrate
    went back to the newest campaign in the draw form."""
    _disputed(site, users, 2)
    monkeypatch.setattr(arbitration, "page_of", partial(page_of, size=1))
    client.force_login(users["coordinateur"])
    page = client.get(reverse("web:review-arbitration") + "?campagne=avant").content.decode()
    pages = [h for h in _hrefs(page) if "page=" in h]
    assert pages == ["?campagne=avant&page=2"] * 2  # « Suivante », « Dernière page »
    second = client.get(reverse("web:review-arbitration") + pages[0]).content.decode()
    assert "<option selected>avant</option>" in second


def test_a_filtered_queue_offers_to_take_its_filters_off(client, site, users) -> None:
    """The public lists have « Retirer les filtres »; the review queue had no way back to the
    whole queue but emptying each of its six fields."""
    client.force_login(users["auditeur"])
    whole = client.get(reverse("web:review-queue")).content.decode()
    assert "Retirer les filtres" not in whole
    for query in ("?campagne=apres&proposition=absent", "?confiance=7"):
        page = client.get(reverse("web:review-queue") + query).content.decode()
        link = re.search(r'<a[^>]*id="retirer-filtres"[^>]*href="([^"]*)"', page)
        assert link is not None and link.group(1) == "/revue/", query


def test_a_page_of_the_arbitration_list_says_which_in_its_title(
    client, site, users, monkeypatch
) -> None:
    """Every paginated list's title says « (page 2 sur 7) »; the cells to arbitrate's did not."""
    _disputed(site, users, 2)
    monkeypatch.setattr(arbitration, "page_of", partial(page_of, size=1))
    client.force_login(users["coordinateur"])
    page = client.get(reverse("web:review-arbitration") + "?page=2").content.decode()
    title = re.search(r"<title>([^<]*)</title>", page)
    assert title is not None and "(page 2 sur 2)" in title.group(1)
