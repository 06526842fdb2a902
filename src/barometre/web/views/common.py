"""What the views share: finding a campaign, paginating, CSV downloads, the reviewers' check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from barometre.accounts.roles import REVIEW
from barometre.assessments.models import Cell
from barometre.core.spreadsheet import spreadsheet_csv, spreadsheet_text
from barometre.core.typography import ascii_minus
from barometre.outputs.data_labels import data_label
from barometre.referential.models import Campaign
from barometre.web.selectors import campaign_by_name

PAGE_SIZE = 50

review_required = permission_required(REVIEW, raise_exception=True)


def cell_label(found: Cell) -> str:
    """A cell as a message names it: "Nantes (44109), Inscription scolaire"."""
    return _("%(commune)s (%(code)s), %(service)s") % {
        "commune": found.commune.name,
        "code": found.commune_id,
        "service": data_label(found.service.label),
    }


def campaign_or_404(name: str) -> Campaign:
    campaign = campaign_by_name(name)
    if campaign is None:
        raise Http404("Campagne inconnue")
    return campaign


def page_of(request: HttpRequest, items: Sequence[object], size: int = PAGE_SIZE) -> Page:
    paginator = Paginator(items, size)
    return paginator.get_page(request.GET.get("page"))


def _neutral(value: object) -> str:
    """The cell as text, neutralised as every CSV barometre writes (`spreadsheet_text`: a text
    that starts like a formula gets an apostrophe, a plain number such as "-0,25" does not).

    A change shown signed on the page ("+0,08") loses its "+": a spreadsheet takes a cell that
    starts with "+" for a formula (=+0,08), and no other CSV of barometre signs its numbers. Only
    a plain number can still start with "+" here: any other text got its apostrophe.
    """
    # a page's figure « −0,25 » (the minus sign) goes back to the hyphen-minus a spreadsheet
    # reads as a number
    text = spreadsheet_text(ascii_minus("" if value is None else str(value)))
    return text[1:] if text[:1] == "+" else text


def csv_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    demonstration: bool = False,
) -> HttpResponse:
    """A CSV download (UTF-8 with BOM for spreadsheets); text cells never start a formula. A
    demonstration campaign's file ends each row with a column that says its figures are made
    up: the page says it in a banner, which rows copied out of the file lose."""
    made_up = [_("oui (pas une mesure réelle)")] if demonstration else []
    head = [_neutral(h) for h in headers] + (
        [_("données de démonstration")] if demonstration else []
    )
    text = spreadsheet_csv([head, *([_neutral(v) for v in row] + made_up for row in rows)])
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def allow_charts(request: HttpRequest) -> None:
    """Let this page run Vega, which compiles chart expressions (CSP 'unsafe-eval')."""
    request.csp_allow_eval = True  # type: ignore[attr-defined]
