"""The ranking's CSV (`?format=csv` on the ranking page): its figures as the page prints them,
an empty cell where there is none, and a last column that says why, in the page's language.

The page's « — » stood for two things in one file: a commune with no rank nor figure (every
measured cell « sans objet ») and a commune whose level-4 share has no cell to be over (none of
its measured applicable services can reach level 4). A reuser read neither from the cell: the
cell is now empty and the `statut` column names the case (docs/web.md).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from barometre.outputs.chart_statuses import ranking_status
from barometre.outputs.labels import number, percent
from barometre.scoring import CityScore
from barometre.web.views.common import csv_response


def ranking_csv(
    filename: str,
    cities: list[CityScore],
    digits: int,
    *,
    demonstration: bool = False,
    local: dict[str, int] | None = None,
) -> HttpResponse:
    """As the chart tables: for a spreadsheet, in the page's language, the figures as the page
    prints them (« 2,824 », « 70 % »); raw floats with a dot (« 2.823529411764706 ») were text,
    or a date, in a French spreadsheet reading this « ; »-separated file. A filtered ranking's
    ranks among its communes (`local`) come first, then the national ones, as on the page."""

    def shown(value: float | None, text: str) -> str:
        return "" if value is None else text

    def first(city: CityScore) -> list[object]:
        return [] if local is None else [local.get(city.code, "")]

    return csv_response(
        filename,
        _headers(local is not None),
        [
            [
                *first(c),
                c.rank or "",
                c.code,
                c.name,
                shown(c.mean_level, number(c.mean_level, digits)),
                shown(c.share_of_max, percent(c.share_of_max)),
                shown(c.share_transactional, percent(c.share_transactional)),
                c.cells,
                ranking_status(c),
            ]
            for c in cities
        ],
        demonstration=demonstration,
    )


def _headers(filtered: bool) -> list[str]:
    ranks = [_("rang parmi ces communes"), _("rang national")] if filtered else [_("rang")]
    return [
        *ranks,
        _("code"),
        _("commune"),
        _("niveau moyen"),
        _("part du maximum atteignable"),
        _("part des cellules au niveau 4 ou plus"),
        _("cellules"),
        _("statut"),
    ]
