"""Filters that name something (a service, a domain, a department, a theme…) must name
something that exists: an unknown value is a 400 naming the parameter, the value and the valid
values (the closest ones when there are many), never a silent empty page that a typo would
read as "no data". A known value that simply has no rows stays a 200 with 0 results.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from barometre.api.params import BadRequest, NotFound, shown
from barometre.referential.models import (
    Campaign,
    Catalogue,
    Commune,
    Department,
    Epci,
    Region,
)

LISTED = 12  # up to this many valid values, all are named; beyond, only the closest
CLOSEST = 5


def known(parameter: str, value: str | None, valid: Iterable[str], where: str = "") -> None:
    """Refuse `value` of `parameter` (a 400) when it is not one of `valid`; None passes.

    `where` says, when the valid values are too many to name, where to find them (an
    endpoint), e.g. "/api/v1/communes".
    """
    if value is None:
        return
    values = sorted(set(valid))
    if value not in values:
        raise BadRequest(unknown_message(parameter, value, values, where), parameter)


def unknown_message(parameter: str, value: str, values: list[str], where: str = "") -> str:
    """« service » : valeur inconnue « typo » ; then the valid values or the closest ones."""
    head = f"« {parameter} » : valeur inconnue « {shown(value)} »"
    if not values:
        return f"{head} ; aucune valeur admise ici."
    if len(values) <= LISTED:
        return f"{head} ; valeurs admises : {', '.join(values)}."
    close = difflib.get_close_matches(value, values, n=CLOSEST, cutoff=0.5)
    hint = f" ; liste complète : {where}" if where else ""
    if close:
        return f"{head} ; valeurs proches : {', '.join(close)}{hint}."
    return f"{head} ; aucune valeur proche parmi les {len(values)} admises{hint}."


def known_commune(parameter: str, code: str | None) -> None:
    """Refuse an INSEE code (already of the right form) that names no commune of the
    referential; a commune that exists passes, even outside the campaign asked about (its
    rows are simply none)."""
    if code is None or Commune.objects.filter(code=code).exists():
        return
    raise BadRequest(
        f"« {parameter} » : code INSEE inconnu « {code} » (aucune commune ne le porte) ; "
        "chercher une commune par son nom : /api/v1/communes?q=…",
        parameter,
    )


def known_territory(department: str | None, region: str | None = None) -> None:
    """Refuse a department or region code that names none of the referential."""
    if department is not None:
        known("department", department, Department.objects.values_list("code", flat=True))
    if region is not None:
        known("region", region, Region.objects.values_list("code", flat=True))


def known_epci(siren: str | None) -> None:
    if siren is not None and not Epci.objects.filter(siren=siren).exists():
        known("epci", siren, Epci.objects.values_list("siren", flat=True))


def known_election(year: int | None) -> None:
    """Refuse an election year that no programme has, real or demonstration, naming those that
    do; an election whose programmes are all of the other kind passes (its rows are none)."""
    if year is None:
        return
    from barometre.programmes.selectors import elections

    years = {*elections(), *elections(demo=True)}
    if year not in years:
        raise BadRequest(
            f"« election » : élection inconnue « {year} » (aucun programme "
            f"importé) ; élections : {', '.join(map(str, sorted(years))) or 'aucune'}.",
            "election",
        )


def catalogue_domains(catalogue: Catalogue) -> set[str]:
    """The domain ids of a catalogue: those it declares and those its services carry."""
    return set(catalogue.domains) | set(catalogue.services.values_list("domain", flat=True))


def campaign_not_found(name: str, parameter: str | None = None) -> NotFound:
    """The 404 of a campaign name that none has (in the path, or the query's `parameter`): it
    names the campaigns, or the closest ones and where they are listed, as an unknown filter's
    400 does, so that a mistyped name (`demo2026`) is put right at once."""
    names = sorted(Campaign.objects.values_list("name", flat=True))
    head = f"Campagne inconnue : « {name[:64]} »"
    if not names:
        return NotFound(f"{head} ; aucune campagne n'est publiée.", parameter)
    if len(names) <= LISTED:
        return NotFound(f"{head} ; campagnes : {', '.join(names)}.", parameter)
    close = difflib.get_close_matches(name, names, n=CLOSEST, cutoff=0.5)
    listed = "liste complète : /api/v1/campaigns"
    if close:
        closest = f"campagnes proches : {', '.join(close)}"
        return NotFound(f"{head} ; {closest} ; {listed}.", parameter)
    return NotFound(f"{head} ; {listed}.", parameter)
