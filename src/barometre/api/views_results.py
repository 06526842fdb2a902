"""API views of measured values: cells, scores and comparisons between campaigns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation

from barometre.api.core import endpoint, page
from barometre.api.known import (
    campaign_not_found,
    catalogue_domains,
    known,
    known_commune,
    known_territory,
)
from barometre.api.params import (
    CAMPAIGN_NAME,
    DEPARTMENT,
    INSEE,
    SERVICE_ID,
    BadRequest,
    NotFound,
    Param,
    describe,
    matches,
    shown,
)
from barometre.core.spreadsheet import PValue
from barometre.outputs.authors import Pseudonyms, author_kind, campaign_pseudonyms
from barometre.outputs.data import ReportData
from barometre.outputs.labels import comparison_empty
from barometre.outputs.opendata.fields import SCORE_FIELDS, SCORE_SCOPES
from barometre.outputs.opendata.formats import utc_text
from barometre.outputs.opendata.tables import (
    SOURCE_NAMES,
    archive_page,
    score_rows,
)
from barometre.outputs.published import (
    UnknownCampaign,
    campaign_by_name,
    campaign_previous,
    published_report,
    reference_problem,
)
from barometre.outputs.queries import cells_filter, cells_slice
from barometre.referential.brackets import BRACKET_IDS
from barometre.referential.models import Campaign
from barometre.scoring import Change, Test

CAMPAIGN = Param("campaign", "Nom de la campagne.", pattern=CAMPAIGN_NAME, required=True)
_SOURCES = {public: stored for stored, public in SOURCE_NAMES.items()}


def _campaign(name: str, parameter: str = "campaign") -> Campaign:
    """The campaign a query parameter names; unknown, a 404 that names the parameter, so that
    a caller of /comparisons knows whether `campaign` or `reference` is wrong."""
    try:
        return campaign_by_name(name)
    except UnknownCampaign:
        raise campaign_not_found(name, parameter) from None


def cell_json(row: dict[str, Any], pseudonyms: Pseudonyms) -> dict[str, Any]:
    """A cell as the API gives it: its author a kind and a pseudonym, never a user name."""
    return {
        "commune": row["commune_id"],
        "commune_name": row["commune_name"],
        "service": row["service_slug"],
        "level": row["level"],
        "not_applicable": row["not_applicable"],
        "source": SOURCE_NAMES.get(row["source"], row["source"]),
        "evidence_url": row["evidence_url"] or None,
        "archived_url": row["archived_url"] or None,
        "archive_page": archive_page(row["archive_id"]) or None,
        "confidence": row["confidence"],
        "author": pseudonyms.name(row["source"], row["author"]),
        "author_kind": author_kind(row["source"], row["author"]),
        "decided_at": utc_text(row["decided_at"]),
        **dict(zip(_PROPOSED, row["proposal"], strict=True)),
    }


_PROPOSED = ("proposed_level", "proposed_not_applicable", "proposed_confidence")


@endpoint(
    "/api/v1/cells",
    summary="Cellules d'une campagne : niveau de chaque service dans chaque commune, avec preuve",
    tag="résultats",
    schema="Cell",
    paginated=True,
    params=(
        CAMPAIGN,
        Param(
            "commune",
            "Code INSEE (inconnu : erreur 400) ; une commune hors de la campagne n'a "
            "aucune cellule.",
            pattern=INSEE,
        ),
        Param("department", "Code du département (inconnu : erreur 400).", pattern=DEPARTMENT),
        Param(
            "service",
            "Identifiant du service, du catalogue de la campagne (inconnu : erreur 400).",
            pattern=SERVICE_ID,
        ),
        Param(
            "level",
            "Niveau (0 à 5) ou na (sans objet).",
            choices=("0", "1", "2", "3", "4", "5", "na"),
        ),
        Param("source", "Origine de la valeur.", choices=tuple(_SOURCES)),
    ),
)
def cells(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    campaign = _campaign(q["campaign"])
    services = campaign.catalogue.services.values_list("slug", flat=True)
    known("service", q["service"], services, "/api/v1/services")
    known_territory(q["department"])
    known_commune("commune", q["commune"])
    rows = cells_filter(
        campaign=campaign,
        commune=q["commune"],
        service=q["service"],
        level=q["level"],
        source=_SOURCES.get(q["source"] or ""),
        department=q["department"],
    )
    pseudonyms = campaign_pseudonyms(campaign.pk)
    return page(
        request,
        q,
        rows,
        lambda row: cell_json(row, pseudonyms),
        fetch=lambda offset, limit: cells_slice(
            rows, campaign=campaign, offset=offset, limit=limit
        ),
    )


@endpoint(
    "/api/v1/scores",
    summary="Scores d'une campagne : ensemble, domaines, services, tranches, communes",
    tag="résultats",
    schema="Score",
    paginated=True,
    params=(
        CAMPAIGN,
        Param("scope", "Groupe.", choices=SCORE_SCOPES),
        Param(
            "key",
            "Identifiant du groupe (domaine, service, tranche, code INSEE) (inconnu : erreur 400).",
            names=True,
        ),
    ),
)
def scores(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    campaign = _campaign(q["campaign"])
    key = q["key"]
    # a commune's key is its INSEE code, taken in either case as everywhere in the API (2a004)
    if key is not None and matches(INSEE, key):
        key = key.upper()
    _score_key_known(campaign, q["scope"], key)
    data = published_report(campaign=campaign, now=timezone.now())
    names = [f.name for f in SCORE_FIELDS]
    keys = None if key is None else {key}
    rows = [
        row
        for row in score_rows(data)
        if (q["scope"] is None or row[1] == q["scope"]) and (keys is None or row[2] in keys)
    ]
    return page(request, q, rows, lambda r: dict(zip(names, r, strict=True)))


def _score_key_known(campaign: Campaign, scope: str | None, key: str | None) -> None:
    """Refuse a key that names no group of `scope` (of any scope, without one); a commune of
    the referential passes, even outside the campaign (then no row)."""
    if key is None:
        return
    if scope in (None, "commune") and matches(INSEE, key):
        return known_commune("key", key)
    if scope == "commune":
        raise BadRequest(
            f"« key » : valeur inconnue « {shown(key)} » ; attendu : {describe(INSEE)}.", "key"
        )
    groups = {
        "all": {"all"},
        "domain": catalogue_domains(campaign.catalogue),
        "service": set(campaign.catalogue.services.values_list("slug", flat=True)),
        "bracket": set(BRACKET_IDS),
    }
    valid = groups[scope] if scope else set().union(*groups.values())
    known("key", key, valid)


def _in_french(words: Callable[..., str | None], *args: Any) -> str | None:
    """What `words` says in French, the API's language whatever the request's."""
    with translation.override(settings.LANGUAGE_CODE):
        return words(*args)


def _test(test: Test) -> dict[str, Any]:
    """The domain's Wilcoxon test; `cities` is the old name of `paired_communes`, kept so that
    clients written before the rename still read it (the schema marks it deprecated)."""
    return {
        "paired_communes": test.cities,
        "nonzero_differences": test.nonzero_differences,
        "cities": test.cities,
        "direction": test.direction_name,
        "communes_rose": test.rose,
        "communes_fell": test.fell,
        "statistic": test.statistic,
        "p_value": None if test.p_value is None else PValue(test.p_value),  # 6 significant digits
        "reason": test.reason,
    }


def _change(change: Change, label: str) -> dict[str, Any]:
    return {**asdict(change), "label": label}


_REFERENCE = Param(
    "reference",
    "Campagne de référence (défaut : la précédente sur le même catalogue, avec des communes en "
    "commun).",
    pattern=CAMPAIGN_NAME,
)


@endpoint(
    "/api/v1/comparisons",
    summary="Évolution entre deux campagnes (cellules comparables, test de Wilcoxon par domaine)",
    tag="résultats",
    schema="Comparison",
    params=(CAMPAIGN, _REFERENCE),
)
def comparisons(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    return comparison_json(_compared(q))


@endpoint(
    "/api/v1/comparisons/communes",
    summary="Évolution de chaque commune entre deux campagnes (le by_city du rapport JSON)",
    tag="résultats",
    schema="CommuneChange",
    paginated=True,
    params=(
        CAMPAIGN,
        _REFERENCE,
        Param(
            "commune",
            "Code INSEE (inconnu : erreur 400) ; une commune hors de la campagne n'a aucune ligne.",
            pattern=INSEE,
        ),
    ),
)
def comparison_communes(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    """The JSON report's comparison `by_city`, paged: a national pair is 34,969 communes (4.7 MB
    in one answer, six times slower than the comparison without them)."""
    known_commune("commune", q["commune"])
    code = q["commune"]  # in upper case (params.normalise)
    comparison = _compared(q).comparison
    assert comparison is not None
    rows = [city for city in comparison.by_city if code is None or city.code == code]
    return page(request, q, rows, asdict)


def _compared(q: dict[str, Any]) -> ReportData:
    """The campaign's report compared with `reference`, or with the campaign before it."""
    after = _campaign(q["campaign"])
    before = _campaign(q["reference"], "reference") if q["reference"] else campaign_previous(after)
    if q["reference"] and before is not None and (problem := reference_problem(after, before)):
        raise BadRequest(f"reference « {before.name} » : {problem}.", "reference")
    if before is None:
        raise NotFound(
            f"Aucune campagne antérieure à « {after.name} » à comparer (même catalogue, communes "
            "en commun, démonstration ou non comme elle) : donnez « reference ».",
            "reference",
        )
    return published_report(campaign=after, reference=before, now=timezone.now())


def comparison_json(data: ReportData) -> dict[str, Any]:
    """The comparison as the API gives it: the JSON report's figures, its `by_domain` and
    `by_service` as the lists `domains` and `services` (its `by_city` is paged apart:
    /api/v1/comparisons/communes)."""
    c = data.comparison
    assert c is not None
    return {
        "before": c.before,
        "after": c.after,
        "demonstration": data.is_demo,
        "overall": _change(c.overall, "Ensemble"),
        "mean_of_city_means_before": c.mean_of_city_means_before,
        "mean_of_city_means_after": c.mean_of_city_means_after,
        "mean_of_city_means_change": c.mean_of_city_means_change,
        "unpaired_cells_before": c.unpaired_cells_before,
        "unpaired_cells_after": c.unpaired_cells_after,
        "communes_in_common": c.communes_in_common,
        "empty_reason": c.why_empty,
        "empty_message": _in_french(comparison_empty, c.before, c.after, c.why_empty),
        "ci_mean_change": asdict(c.ci_mean_change) if c.ci_mean_change else None,
        "ci_mean_of_city_means_change": (
            asdict(c.ci_mean_of_city_means_change) if c.ci_mean_of_city_means_change else None
        ),
        "domains": [
            {**_change(d.change, data.domain_label(k)), "test": _test(d.test)}
            for k, d in c.by_domain.items()
        ],
        "services": [_change(s, data.service_label(k)) for k, s in c.by_service.items()],
    }
