"""Record assessment values and keep each cell pointing to the value that counts.

Precedence (SCALE.md): the value that counts is the latest human or imported one, else the latest
automatic one. So a human or imported value always takes the cell; an automatic value takes it only
when the cell holds no human or imported value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from barometre.assessments.models import Assessment, Cell, Source
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign, Commune, Service

_REVIEWED = {Source.HUMAN, Source.IMPORT}


@dataclass(frozen=True, slots=True)
class NewValue:
    """One value to record for a cell (commune code, service slug)."""

    commune: str
    service: str
    level: int | None  # None with not_applicable=True
    not_applicable: bool = False
    evidence_url: str = ""
    note: str = ""
    provider: str = ""
    confidence: float | None = None
    rationale: Sequence[Any] = field(default_factory=tuple)
    evidence_record_id: int | None = None


AutoValue = NewValue  # an automatic proposal is a NewValue recorded with source "auto"


# The same limits on every database (PostgreSQL enforces column sizes, SQLite does not).
EVIDENCE_URL_MAX = 2000  # Assessment.evidence_url max_length
NOTE_MAX = 20_000  # characters; a note is a sentence or two, not a document
PROVIDER_MAX = 200  # Assessment.provider max_length
AUTHOR_MAX = 150  # Assessment.author max_length


def evidence_url_problem(url: str) -> str | None:
    """Why `url` cannot be evidence (in French), or None: an http(s) URL with a host."""
    if len(url) > EVIDENCE_URL_MAX:
        return f"URL de preuve de {len(url)} caractères (au plus {EVIDENCE_URL_MAX})"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError:
        return f"URL de preuve invalide « {url[:80]} »"
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return f"URL de preuve « {url[:80]} » : une adresse http(s) avec un nom d'hôte est attendue"
    if any(c.isspace() or ord(c) < 32 for c in url):
        return f"URL de preuve « {url[:80]} » : espace ou caractère de contrôle"
    return None


def text_problem(value: str, *, label: str, limit: int) -> str | None:
    """Why a free text cannot be stored (in French): too long, or holding a NUL character."""
    if len(value) > limit:
        return f"{label} de {len(value)} caractères (au plus {limit})"
    if "\x00" in value:
        return f"{label} contient un caractère NUL"
    return None


def value_problem(value: NewValue, *, max_level: int) -> str | None:
    """Return why a value cannot be stored (in French), or None when it is valid."""
    texts = (("note", value.note, NOTE_MAX), ("provider", value.provider, PROVIDER_MAX))
    for label, text, limit in texts:
        if problem := text_problem(text, label=label, limit=limit):
            return problem
    if value.evidence_url and (problem := evidence_url_problem(value.evidence_url)):
        return problem
    if problem := confidence_problem(value.confidence):
        return problem
    if value.rationale and (problem := rationale_problem(value.rationale)):
        return problem  # an import carries none: millions of rows skip the JSON test
    if value.not_applicable:
        return "un « sans objet » ne porte pas de niveau" if value.level is not None else None
    if problem := level_problem(value.level, max_level=max_level):
        return problem
    if value.level and not value.evidence_url.strip():
        return f"preuve (evidence_url) manquante pour un niveau {value.level}"
    return None


def level_problem(level: object, *, max_level: int) -> str | None:
    """Why `level` cannot be a cell's level (in French), or None: an integer from 0 to the
    service's maximum (never a boolean, a float or a text such as "2")."""
    if level is None:
        return "niveau manquant"
    if isinstance(level, bool) or not isinstance(level, int):
        return f"niveau « {shown_value(level)} » : un entier de 0 à 5 est attendu"
    if not 0 <= level <= 5:
        return f"niveau {shown_value(level)} hors de l'échelle 0–5"
    if level > max_level:
        return f"niveau {level} au-dessus du maximum {max_level} de ce service"
    return None


def confidence_problem(confidence: object) -> str | None:
    """Why an automatic proposal's confidence cannot be stored (in French), or None: none, or a
    number from 0 to 1. NaN fails the comparison, so NaN and ±inf are refused with the rest:
    PostgreSQL would store NaN, which no JSON (the API, the open data) can carry."""
    if confidence is None:
        return None
    if isinstance(confidence, bool) or not isinstance(confidence, int | float):
        return f"confiance « {shown_value(confidence)} » : un nombre de 0 à 1 est attendu"
    if not 0 <= confidence <= 1:
        return f"confiance {shown_value(confidence)} hors de l'intervalle 0–1"
    return None


def rationale_problem(rationale: Sequence[Any]) -> str | None:
    """Why a rationale cannot be stored (in French), or None: it must be strict JSON (PostgreSQL's
    jsonb refuses NaN and ±inf, which SQLite would keep and the API could not send)."""
    try:
        json.dumps(list(rationale), allow_nan=False)
    except (TypeError, ValueError) as error:
        return f"explication (rationale) non enregistrable en JSON : {str(error)[:80]}"
    return None


def shown_value(value: object) -> str:
    """A value as a problem names it: short, and an integer too long to print said so."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return "très grand entier"
    return repr(value)[:40] if isinstance(value, float | str) else str(value)[:40]


def assessment_record(
    *,
    campaign: Campaign,
    commune: Commune,
    service: Service,
    level: int | None,
    source: str,
    now: datetime,
    not_applicable: bool = False,
    evidence_url: str = "",
    note: str = "",
    author: str = "",
    provider: str = "",
) -> Assessment:
    """Record one value (a human review, typically) and update its cell."""
    if service.catalogue_id != campaign.catalogue_id:
        raise BarometreError(
            f"Le service « {service.slug} » n'est pas dans le catalogue de la campagne."
        )
    value = NewValue(
        commune.code, service.slug, level, not_applicable, evidence_url, note, provider
    )
    assessments_record_many(
        campaign=campaign, values=[value], source=source, author=author, now=now
    )
    return Assessment.objects.filter(campaign=campaign, commune=commune, service=service).latest(
        "id"
    )


def assessments_record_auto(
    *, campaign: Campaign, values: Iterable[NewValue], now: datetime
) -> int:
    """Record automatic proposals; they never take a cell that holds a human or imported value."""
    return assessments_record_many(
        campaign=campaign, values=list(values), source=Source.AUTO, author="barometre", now=now
    )


@transaction.atomic
def assessments_record_many(
    *, campaign: Campaign, values: Sequence[NewValue], source: str, author: str, now: datetime
) -> int:
    """Record many values in one transaction; invalid values refuse the whole batch."""
    if source not in Source.values:
        raise BarometreError(f"Origine inconnue « {source} ».")
    if problem := text_problem(author, label="auteur", limit=AUTHOR_MAX):
        raise BarometreError(f"Auteur refusé : {problem}.")
    services = {s.slug: s for s in Service.objects.filter(catalogue_id=campaign.catalogue_id)}
    members = set(campaign.communes.values_list("code", flat=True))
    problems = _problems(values, services, members)
    if problems:
        raise BarometreError("Valeurs refusées, rien n'a été écrit :\n" + "\n".join(problems))
    created = Assessment.objects.bulk_create(
        [_assessment(campaign, v, services[v.service], source, author, now) for v in values],
        batch_size=2000,
    )
    _update_cells(campaign, created, reviewed=source in _REVIEWED)
    return len(created)


def _problems(
    values: Sequence[NewValue], services: dict[str, Service], members: set[str]
) -> list[str]:
    problems = []
    for index, value in enumerate(values):
        where = f"{value.commune}/{value.service}"
        if value.service not in services:
            problems.append(f"  - {where} : service inconnu")
        elif value.commune not in members:
            problems.append(f"  - {where} : commune hors de la campagne")
        elif problem := value_problem(value, max_level=services[value.service].max_level):
            problems.append(f"  - {where} : {problem}")
        if len(problems) >= 100:
            problems.append(f"  … (arrêt à la valeur {index + 1})")
            break
    return problems


def _assessment(
    campaign: Campaign, value: NewValue, service: Service, source: str, author: str, now: datetime
) -> Assessment:
    return Assessment(
        campaign=campaign,
        commune_id=value.commune,
        service=service,
        level=value.level,
        not_applicable=value.not_applicable,
        source=source,
        evidence_url=value.evidence_url,
        note=value.note,
        provider=value.provider,
        confidence=value.confidence,
        rationale=list(value.rationale),
        evidence_record_id=value.evidence_record_id,
        author=author,
        created_at=now,
    )


def _update_cells(campaign: Campaign, created: list[Assessment], *, reviewed: bool) -> None:
    latest: dict[tuple[str, int], Assessment] = {}
    for assessment in created:  # later values in a batch win
        latest[(assessment.commune_id, assessment.service_id)] = assessment
    cells = Cell.objects.filter(campaign=campaign)
    communes = {k[0] for k in latest}
    if len(communes) <= 500:  # keep the IN list small; a large batch reads the whole campaign
        cells = cells.filter(commune_id__in=communes)
    existing = {(c.commune_id, c.service_id): c for c in cells}
    new_cells, changed = [], []
    for key, assessment in latest.items():
        cell = existing.get(key)
        if cell is None:
            new_cells.append(Cell(campaign=campaign, commune_id=key[0], service_id=key[1]))
            cell = new_cells[-1]
        elif not reviewed and cell.source in _REVIEWED:
            continue  # an automatic value never overwrites a human or imported one
        else:
            changed.append(cell)
        cell.level, cell.not_applicable = assessment.level, assessment.not_applicable
        cell.source, cell.assessment = assessment.source, assessment
        cell.review_rank = review_rank(assessment.source, assessment.confidence)
    Cell.objects.bulk_create(new_cells, batch_size=2000)
    Cell.objects.bulk_update(
        changed,
        ["level", "not_applicable", "source", "assessment", "review_rank"],
        batch_size=2000,
    )


def review_rank(source: str, confidence: float | None) -> float | None:
    """A cell's place in the review queue (`Cell.review_rank`): automatic values by confidence,
    those without one first; nothing for reviewed or imported values."""
    if source != Source.AUTO:
        return None
    return 0.0 if confidence is None else confidence
