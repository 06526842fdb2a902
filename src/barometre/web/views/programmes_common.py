"""What an election's programme page and its report files share: the 404 of an election without
programmes, the earlier election compared (`?comparer=`) with its refusals, and the comparison
as the page shows it.

The comparison is the report's (`reports.build.compare`, `barometre programmes report
--compare`): the same shares, change in points and Newcombe interval."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from barometre.programmes.analysis.themes import ShippedThemes
from barometre.programmes.reports.build import compare
from barometre.programmes.reports.model import FEW_PROGRAMMES, ElectionSummary
from barometre.programmes.reports.renderers import (
    change_view,
    share_view,
    theme_comparison,
    themes_unmeasured,
)
from barometre.programmes.selectors import earlier_elections, elections
from barometre.programmes.summary import summary_of


def election_page(election: int, *, demo: bool) -> str:
    name = "web:programmes-election-demo" if demo else "web:programmes-election"
    return reverse(name, args=[election])


def no_programme(request: HttpRequest, election: int, *, demo: bool) -> HttpResponse:
    """404 that says which programmes the election lacks, and links to the other kind when
    it has them (an election with demonstration programmes only, the quickstart's case)."""
    other = election in elections(demo=not demo)
    if demo:
        text = _("Aucun programme de démonstration n'est importé pour l'élection de %(year)s.")
    elif other:
        text = _(
            "Aucun programme réel n'est importé pour l'élection de %(year)s : elle n'a que des "
            "programmes de démonstration, qui ne comptent dans aucun chiffre réel."
        )
    else:
        text = _("Aucun programme n'est importé pour l'élection de %(year)s.")
    link = None
    if other:
        label = (
            _("Voir les programmes réels de %(year)s")
            if demo
            else _("Voir les programmes de démonstration de %(year)s")
        )
        link = {"url": election_page(election, demo=not demo), "label": label % {"year": election}}
    context = {
        "status": 404,
        "title": _("Élection sans programme"),
        "text": text % {"year": election},
        "link": link or {"url": reverse("web:programmes"), "label": _("Programmes électoraux")},
    }
    return render(request, "web/error.html", context, status=404)


def compared_election(
    request: HttpRequest, election: int, *, demo: bool, default: bool
) -> int | None | HttpResponse:
    """The earlier election `?comparer=` names, else with `default` the latest earlier one with
    programmes (None when there is none); a French 400 for a value that is no year or not an
    earlier election, a 404 for an earlier one without programmes."""
    given = request.GET.get("comparer", "").strip()
    if not given:
        earlier = earlier_elections(election, demo=demo)
        return earlier[0] if default and earlier else None
    # ASCII digits only: « ²⁰¹⁴ » passes str.isdigit() and int() refuses it
    year = int(given) if given.isascii() and given.isdigit() and len(given) == 4 else None
    if year is None or year >= election:
        return _refused(request, election, given, demo=demo, later=year is not None)
    if year not in elections(demo=demo):
        text = _(
            "Aucun programme n'est importé pour l'élection de %(other)s : elle ne peut pas être "
            "comparée avec %(year)s."
        ) % {"other": year, "year": election}
        return _error(request, election, 404, _("Élection sans programme"), text, demo=demo)
    return year


def _refused(
    request: HttpRequest, election: int, given: str, *, demo: bool, later: bool
) -> HttpResponse:
    if later:
        text = _(
            "L'élection de %(year)s se compare avec une élection antérieure, pas avec "
            "« %(given)s » : l'évolution irait à rebours du temps."
        )
    else:
        text = _("« %(given)s » n'est pas l'année d'une élection à comparer avec %(year)s.")
    text = text % {"year": election, "given": given[:40]}
    return _error(request, election, 400, _("Comparaison impossible"), text, demo=demo)


def _error(
    request: HttpRequest, election: int, status: int, title: str, text: str, *, demo: bool
) -> HttpResponse:
    context = {
        "status": status,
        "title": title,
        "text": text,
        "link": {
            "url": election_page(election, demo=demo),
            "label": _("Programmes de l'élection de %(year)s") % {"year": election},
        },
    }
    return render(request, "web/error.html", context, status=status)


def comparison_view(
    summary: ElectionSummary, other: int, themes: ShippedThemes, *, demo: bool
) -> dict[str, Any]:
    """The comparison with the election `other` as the page shows it: per bracket (and every
    commune) both shares, the change and whether it is significant; each theme's two shares."""
    before = summary_of(other, themes, demo=demo)
    comparison = compare(summary, before)
    rows = []
    for row in comparison.rows:
        label = _("Toutes les communes") if row.bracket == "all" else row.label
        rows.append(
            {
                "label": label,
                "shares": (share_view(row.current), share_view(row.other)),
                "change": change_view(row),
                "few": row.few,
            }
        )
    theme_rows = theme_comparison(summary, before)
    return {
        "other": other,
        "rows": rows,
        "few": [r["label"] for r in rows if r["few"]],
        "unmeasured": any(r["change"]["significant"] is None for r in rows),
        "themes": theme_rows,
        "themes_unmeasured": themes_unmeasured(theme_rows),
        "few_programmes": FEW_PROGRAMMES,
    }
