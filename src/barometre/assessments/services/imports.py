"""Import assessments from CSV or XLSX, in long or wide form, all or nothing.

Long form: one row per cell, columns commune_code, service_id, level, evidence_url, note
(optional: provider). Wide form: one row per commune, one column per service id holding the level,
with optional `<service>.evidence_url` / `<service>.note` columns and row-level `evidence_url` /
`note` used for every cell of the row. `level` is 0–5 or `na` (not applicable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from barometre.assessments.models import Source
from barometre.assessments.services.record import NewValue, assessments_record_many, value_problem
from barometre.assessments.tabular import Table, table_read
from barometre.core.errors import ValidationFailed
from barometre.referential.models import Campaign, Commune, Service

LONG_COLUMNS = ("commune_code", "service_id", "level", "evidence_url", "note")
INFORMATIONAL = {"commune_name", "service_label", "source", "author", "recorded_at", "provider"}
NA_WORDS = {"na", "n/a", "sans objet", "not_applicable"}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    form: str  # "long" or "wide"
    cells: int
    not_applicable: int
    communes: int


def assessments_import(
    *, campaign: Campaign, path: Path, author: str, now: datetime
) -> ImportSummary:
    """Validate the whole file, then record every value as `import`; any bad row writes nothing."""
    table = table_read(path)
    services = {s.slug: s for s in Service.objects.filter(catalogue_id=campaign.catalogue_id)}
    form = _form(table, services, path)
    parsed = _long(table) if form == "long" else _wide(table, services)
    problems = _check(parsed, campaign, services)
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems)
    values = [value for _, value in parsed]
    assessments_record_many(
        campaign=campaign, values=values, source=Source.IMPORT, author=author, now=now
    )
    return ImportSummary(
        form=form,
        cells=len(values),
        not_applicable=sum(v.not_applicable for v in values),
        communes=len({v.commune for v in values}),
    )


def _form(table: Table, services: dict[str, Service], path: Path) -> str:
    header = set(table.header)
    if "service_id" in header:
        missing = [c for c in LONG_COLUMNS if c not in header]
        unknown = sorted(header - set(LONG_COLUMNS) - INFORMATIONAL)
        problems = [f"colonne manquante : {c}" for c in missing]
        problems += [f"colonne inconnue : {c}" for c in unknown]
        if problems:
            raise ValidationFailed(f"En-tête invalide ({path})", problems)
        return "long"
    if "commune_code" in header and header & set(services):
        allowed = {"commune_code", "evidence_url", "note", "commune_name"} | set(services)
        allowed |= {f"{s}.{suffix}" for s in services for suffix in ("evidence_url", "note")}
        unknown = sorted(header - allowed)
        if unknown:
            raise ValidationFailed(
                f"En-tête invalide ({path})",
                [
                    f"colonne inconnue (ni service du catalogue ni colonne admise) : {c}"
                    for c in unknown
                ],
            )
        return "wide"
    raise ValidationFailed(
        f"Format non reconnu ({path})",
        [
            "forme longue : commune_code,service_id,level,evidence_url,note ; "
            "forme large : commune_code puis une colonne par identifiant de service"
        ],
    )


Parsed = list[tuple[int, NewValue | str]]  # (line, value or problem)


def _level(raw: str) -> tuple[int | None, bool] | str:
    text = raw.strip().lower()
    if text in NA_WORDS:
        return None, True
    if text.isdigit():
        return int(text), False
    return f"niveau « {raw} » invalide (0 à 5 ou na)" if raw else "niveau manquant"


def _long(table: Table) -> Parsed:
    parsed: Parsed = []
    for line, row in table.rows:
        level = _level(row.get("level", ""))
        if isinstance(level, str):
            parsed.append((line, level))
            continue
        parsed.append(
            (
                line,
                NewValue(
                    commune=row.get("commune_code", ""),
                    service=row.get("service_id", ""),
                    level=level[0],
                    not_applicable=level[1],
                    evidence_url=row.get("evidence_url", ""),
                    note=row.get("note", ""),
                    provider=row.get("provider", ""),
                ),
            )
        )
    return parsed


def _wide(table: Table, services: dict[str, Service]) -> Parsed:
    parsed: Parsed = []
    columns = [c for c in table.header if c in services]
    for line, row in table.rows:
        for column in columns:
            raw = row.get(column, "")
            if not raw:
                continue
            level = _level(raw)
            if isinstance(level, str):
                parsed.append((line, f"{column} : {level}"))
                continue
            parsed.append(
                (
                    line,
                    NewValue(
                        commune=row.get("commune_code", ""),
                        service=column,
                        level=level[0],
                        not_applicable=level[1],
                        evidence_url=row.get(f"{column}.evidence_url")
                        or row.get("evidence_url", ""),
                        note=row.get(f"{column}.note") or row.get("note", ""),
                    ),
                )
            )
    return parsed


def _check(parsed: Parsed, campaign: Campaign, services: dict[str, Service]) -> list[str]:
    codes = {v.commune for _, v in parsed if isinstance(v, NewValue)}
    known = (
        set(Commune.objects.filter(code__in=codes).values_list("code", flat=True))
        if len(codes) < 900
        else set(Commune.objects.values_list("code", flat=True))
    )
    members = set(campaign.communes.values_list("code", flat=True))
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for line, value in parsed:
        if isinstance(value, str):
            problems.append(f"ligne {line} : {value}")
            continue
        reason = _reason(value, known, members, services)
        key = (value.commune, value.service)
        if reason is None and key in seen:
            reason = (
                f"cellule en double ({value.commune}, {value.service}), déjà à la ligne {seen[key]}"
            )
        seen.setdefault(key, line)
        if reason:
            problems.append(f"ligne {line} : {reason}")
    return problems


def _reason(
    value: NewValue, known: set[str], members: set[str], services: dict[str, Service]
) -> str | None:
    if value.commune not in known:
        return f"commune inconnue « {value.commune} »"
    if value.commune not in members:
        return f"commune « {value.commune} » hors de la campagne"
    if value.service not in services:
        return f"service inconnu « {value.service} »"
    problem = value_problem(value, max_level=services[value.service].max_level)
    return f"{value.service} : {problem}" if problem else None
