"""The territory filters of the ranking and the heatmap: read from the address, refused in
French when a value names nothing, and given to the filter form."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from barometre.core.typography import held_groups
from barometre.outputs.data_labels import data_label
from barometre.referential.brackets import BRACKET_LABELS
from barometre.referential.models import Department, Epci, Region
from barometre.web.communes import Territory


def territory_of(request: HttpRequest) -> Territory:
    return Territory(
        department=request.GET.get("departement", "")[:3],
        region=request.GET.get("region", "")[:3],
        bracket=request.GET.get("tranche", "")[:16],
        epci=request.GET.get("epci", "")[:9],
    )


def territory_refused(request: HttpRequest) -> HttpResponse | None:
    """A French 400 when the region, department or size bracket of the address is none of the
    form's choices (an address typed or cut short): the list was empty under a form that read
    « Toutes », as if no commune existed. An unknown SIREN keeps its own message in the form,
    where it can be typed."""
    given = {
        "region": request.GET.get("region", ""),
        "departement": request.GET.get("departement", ""),
        "tranche": request.GET.get("tranche", ""),
    }
    unknown = [
        (_("la région"), given["region"])
        if given["region"] and not Region.objects.filter(code=given["region"]).exists()
        else None,
        (_("le département"), given["departement"])
        if given["departement"]
        and not Department.objects.filter(code=given["departement"]).exists()
        else None,
        (_("la taille"), given["tranche"])
        if given["tranche"] and given["tranche"] not in BRACKET_LABELS
        else None,
    ]
    found = next((u for u in unknown if u), None)
    return filter_refused(request, *found) if found else None


def filter_refused(request: HttpRequest, name: str, value: str) -> HttpResponse:
    """The French 400 of a filter whose value `name` (« la taille ») is none of the form's
    choices, with a link to the page without filters."""
    text = _(
        "Filtre inconnu : %(filter)s « %(value)s » ne fait pas partie des choix. "
        "Choisissez les filtres dans le formulaire de la page."
    ) % {"filter": name, "value": value[:40]}
    context = {
        "status": 400,
        "title": _("Filtre inconnu"),
        "text": text,
        "link": {"url": request.path, "label": _("Voir la liste sans filtre")},
    }
    return render(request, "web/error.html", context, status=400)


def territory_filters(territory: Territory) -> dict[str, Any]:
    """The filter form's choices and values, and the filters' names for the page's title."""
    epci_name = (
        Epci.objects.filter(siren=territory.epci).values_list("name", flat=True).first()
        if territory.epci
        else ""
    )
    return {
        "territory": territory,
        "filter_names": _filter_names(territory, epci_name),
        "departments": Department.objects.order_by("code").values_list("code", "name"),
        "regions": Region.objects.order_by("name").values_list("code", "name"),
        "brackets": list(BRACKET_LABELS.items()),
        "epci_name": epci_name,
        # a name or a mistyped SIREN filtered every commune out without a word
        "epci_unknown": bool(territory.epci) and not epci_name,
        "query": "&".join(
            f"{k}={v}"
            for k, v in (
                ("departement", territory.department),
                ("region", territory.region),
                ("tranche", territory.bracket),
                ("epci", territory.epci),
            )
            if v
        ),
    }


def _filter_names(territory: Territory, epci_name: str) -> list[str]:
    """The filters a page applies, as a reader names them (a region's name, a department's code
    and name, a bracket, an EPCI's name), so that its title tells a filtered list from the
    whole one."""
    region = Region.objects.filter(code=territory.region).values_list("name", flat=True).first()
    department = (
        Department.objects.filter(code=territory.department).values_list("name", flat=True).first()
    )
    bracket = BRACKET_LABELS.get(territory.bracket)
    names = [
        region or territory.region,
        f"{territory.department} — {department}" if department else territory.department,
        held_groups(data_label(bracket)) if bracket else territory.bracket,
        epci_name or territory.epci,
    ]
    return [name for name in names if name]
