"""The way back from a cell to the list of cells to arbitrate, as the coordinator left it.

The list (`/revue/arbitrage/`) keeps the campaign chosen for the draw (`campagne`) and its page
(`page`) in its address. Its links to the cells carry them under names of their own,
`arbitrage_campagne` and `arbitrage_page` (the cell page reads `campagne` and `page` as the
review queue's), and the cell page's « Retour à la liste des cellules à arbitrer » leads back to
that address: it led to the list's first page, the campaign of the draw forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

CAMPAIGN, PAGE = "arbitrage_campagne", "arbitrage_page"


@dataclass(frozen=True, slots=True)
class ListReturn:
    url: str  # the list as it was left
    query: str  # what a link to another cell to arbitrate carries ("" when nothing to carry)


def _state(campaign: str, page: object) -> dict[str, str]:
    """The list's campaign and page (past the first), each as typed: a page that is not a
    whole number above 1 is the first, a campaign is cut at 200 characters as the list cuts it."""
    kept = {"campagne": campaign[:200]} if campaign else {}
    typed = str(page)[:9] if isinstance(page, int | str) else ""
    if typed.isascii() and typed.isdigit() and int(typed) > 1:
        kept["page"] = str(int(typed))
    return kept


def list_queries(campaign: str, page_number: int) -> dict[str, str]:
    """The list's own query (its pages' links keep the campaign) and the one its links to the
    cells carry (the campaign and the page)."""
    state = _state(campaign, page_number)
    return {
        "query": urlencode({"campagne": state["campagne"]}) if "campagne" in state else "",
        "cell_query": urlencode(
            {{"campagne": CAMPAIGN, "page": PAGE}[k]: v for k, v in state.items()}
        ),
    }


def list_return(request: HttpRequest) -> ListReturn:
    """The list as the cell page's address says it was left."""
    state = _state(request.GET.get(CAMPAIGN, ""), request.GET.get(PAGE))
    target = reverse("web:review-arbitration")
    carried = urlencode({{"campagne": CAMPAIGN, "page": PAGE}[k]: v for k, v in state.items()})
    return ListReturn(f"{target}?{urlencode(state)}" if state else target, carried)
