"""API views of the referential: communes, services, campaigns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.utils import timezone

from barometre.api.core import endpoint, page
from barometre.api.known import (
    campaign_not_found,
    catalogue_domains,
    known,
    known_epci,
    known_territory,
)
from barometre.api.params import CAMPAIGN_NAME, DEPARTMENT, INSEE, REGION, SIREN, NotFound, Param
from barometre.assessments.blind_check import campaign_blind_check
from barometre.assessments.selectors import campaign_origins
from barometre.outputs.opendata.formats import utc_text
from barometre.outputs.opendata.package import coverage_json, instruments_json, opendata_names
from barometre.outputs.published import published_report
from barometre.outputs.queries import campaigns_list, communes_search, services_list
from barometre.referential.brackets import BRACKET_IDS
from barometre.referential.models import Campaign, Catalogue
from barometre.referential.selectors import selection_public
from barometre.scoring import Interval

CODE_2_3 = DEPARTMENT


def commune_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "name": row["name"],
        "department": {"code": row["department_code"], "name": row["department_name"]},
        "region": {"code": row["region_code"], "name": row["region_name"]},
        "bracket": row["bracket"],
        "population": row["population"],
        "postcodes": row["postcodes"].split(),
        "epci": {"siren": row["epci_siren"], "name": row["epci_name"]}
        if row["epci_siren"]
        else None,
    }


@endpoint(
    "/api/v1/communes",
    summary=(
        "Communes, recherchées par nom, code INSEE ou code postal, filtrées par territoire "
        "ou tranche"
    ),
    tag="référentiel",
    schema="Commune",
    paginated=True,
    params=(
        Param(
            "q",
            "Début du nom (ou d'un mot du nom), accents, majuscules et traits d'union "
            "indifférents ; code INSEE ou code postal.",
        ),
        Param("department", "Code du département (inconnu : erreur 400).", pattern=CODE_2_3),
        Param("region", "Code de la région (inconnu : erreur 400).", pattern=REGION),
        Param("bracket", "Tranche de population.", choices=BRACKET_IDS),
        Param("epci", "SIREN de l'intercommunalité (inconnu : erreur 400).", pattern=SIREN),
    ),
)
def communes(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    known_territory(q["department"], q["region"])
    known_epci(q["epci"])
    rows = communes_search(
        q=q["q"],
        department=q["department"],
        region=q["region"],
        bracket=q["bracket"],
        epci=q["epci"],
    )
    return page(request, q, rows, commune_json)


@endpoint(
    "/api/v1/communes/{code}",
    summary="Une commune",
    tag="référentiel",
    schema="CommuneDetail",
    path_params=(("code", INSEE, "Code INSEE de la commune."),),
)
def commune(request: HttpRequest, q: dict[str, Any], code: str) -> dict[str, Any]:
    rows = communes_search(q=code) if len(code) == 5 else []
    row = next((r for r in rows if r["code"] == code), None)  # not a commune of that postcode
    if row is None:
        raise NotFound(
            f"Commune inconnue : « {code} » (aucune commune ne porte ce code INSEE) ; "
            "chercher une commune par son nom : /api/v1/communes?q=…"
        )
    names = (
        Campaign.objects.filter(communes=code)
        .order_by("-measured_on", "-created_at")
        .values_list("name", flat=True)
    )
    return {**commune_json(row), "campaigns": list(names)}


@endpoint(
    "/api/v1/services",
    summary="Services des catalogues",
    tag="référentiel",
    schema="Service",
    paginated=True,
    params=(
        Param("catalogue", "Version du catalogue (inconnu : erreur 400).", names=True),
        Param("domain", "Identifiant du domaine (inconnu : erreur 400).", names=True),
    ),
)
def services(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    catalogues = Catalogue.objects.all()
    known("catalogue", q["catalogue"], catalogues.values_list("version", flat=True))
    if q["catalogue"] is not None:
        catalogues = catalogues.filter(version=q["catalogue"])
    known("domain", q["domain"], set().union(*map(catalogue_domains, catalogues)))
    rows = services_list(catalogue=q["catalogue"], domain=q["domain"])
    return page(
        request,
        q,
        rows,
        lambda r: {
            "id": r["slug"],
            "label": r["label"],
            "domain": r["domain"],
            "max_level": r["max_level"],
            "position": r["position"],
            "catalogue": r["catalogue_version"],
        },
    )


def _codes(campaign: str) -> Iterable[str]:
    """The codes of a campaign's communes."""
    through = Campaign.communes.through
    return through.objects.filter(campaign__name=campaign).values_list("commune_id", flat=True)


def campaign_json(row: dict[str, Any]) -> dict[str, Any]:
    base = f"/donnees/{quote(row['name'])}/"
    return {
        "name": row["name"],
        "catalogue": row["catalogue_version"],
        "demonstration": row["is_demo"],
        "created_at": utc_text(row["created_at"]),
        "measured_on": row["measured_on"].isoformat(),
        "communes": row["commune_count"],
        "selection": selection_public(row["spec"], lambda: _codes(row["name"])),
        "downloads": {name: base + name for name in opendata_names()},
        "pdf": f"/pdf/campagne/{quote(row['name'])}.pdf",
    }


@endpoint(
    "/api/v1/campaigns",
    summary="Campagnes de mesure, la plus récente d'abord",
    tag="campagnes",
    schema="Campaign",
    paginated=True,
    params=(
        Param("demonstration", "Seulement (true) ou sans (false) la démonstration.", "boolean"),
    ),
)
def campaigns(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    return page(request, q, campaigns_list(demo=q["demonstration"]), campaign_json)


def means_json(campaign: Campaign) -> dict[str, Any]:
    """The campaign's mean level and mean of city means with their 95 % bootstrap intervals,
    under the names the JSON report gives them (`mean_level_ci`, `mean_of_city_means_ci`),
    each interval with its `level` and `resamples` as `/api/v1/comparisons` gives its own; null
    below 2 communes, as in the report."""
    scores = published_report(campaign=campaign, now=timezone.now()).scores
    return {
        "mean_level": scores.overall.mean_level,
        "mean_level_ci": _interval(scores.ci_mean_level),
        "mean_of_city_means": scores.overall.mean_of_city_means,
        "mean_of_city_means_ci": _interval(scores.ci_mean_of_city_means),
    }


def _interval(interval: Interval | None) -> dict[str, Any] | None:
    return None if interval is None else asdict(interval)


@endpoint(
    "/api/v1/campaigns/{name}",
    summary=(
        "Une campagne, ses fichiers de données ouvertes, l'origine de ses niveaux (propositions "
        "automatiques non relues, niveaux revus, niveaux importés) et la détection mesurée par ses "
        "codages aveugles (chacun face à la proposition automatique que son auditeur n'a pas "
        "vue ; exact_low et exact_high : intervalle de Wilson à 95 %)"
    ),
    tag="campagnes",
    schema="CampaignDetail",
    path_params=(("name", CAMPAIGN_NAME, "Nom de la campagne."),),
)
def campaign(request: HttpRequest, q: dict[str, Any], name: str) -> dict[str, Any]:
    row = campaigns_list().filter(name=name).first()
    if row is None:
        raise campaign_not_found(name)
    found = Campaign.objects.get(name=name)
    return campaign_json(row) | {
        "coverage": coverage_json(found, now=timezone.now()),
        **means_json(found),
        **instruments_json(found, now=timezone.now()),
        "origins": campaign_origins(found).as_json(),
        "detection_check": campaign_blind_check(found).as_json(),
    }
