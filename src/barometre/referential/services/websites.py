"""Official websites of communes: the shipped registry, and users' additions or corrections."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction

from barometre.core.errors import ValidationFailed
from barometre.referential import shipped_names as names
from barometre.referential.models import Commune, Website
from barometre.referential.services.shipped import csv_rows, is_loaded, mark_loaded, read_bytes

_TRUE = {"1", "true", "vrai", "oui", "yes", "x"}
_FALSE = {"0", "false", "faux", "non", "no", ""}


@dataclass(frozen=True, slots=True)
class WebsiteImportSummary:
    added: int
    updated: int


def url_host(url: str) -> str:
    """Return the lower-case host of an http(s) URL, or raise ValueError with a French reason."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        raise ValueError(f"URL non http(s) : « {url} »")
    host = (parts.hostname or "").lower()
    if "." not in host:
        raise ValueError(f"URL sans nom d'hôte valide : « {url} »")
    return host


@transaction.atomic
def websites_load(*, now: datetime, force: bool = False) -> int:
    """Load the shipped registry (Etalab 2022 + barometre's curated additions); idempotent."""
    etalab, curated = read_bytes(names.WEBSITES_ETALAB), read_bytes(names.WEBSITES_CURATED)
    if not force and is_loaded("websites", etalab + curated):
        return 0
    known = set(Commune.objects.values_list("code", flat=True))
    rows = [r for r in csv_rows(etalab, gz=True) if r["code"] in known]
    sites = [
        Website(
            commune_id=r["code"],
            url=r["url"],
            host=r["host"],
            confidence=r["confidence"],
            source=Website.Source.ETALAB_2022,
            note=r["note"][:300],
        )
        for r in rows
    ]
    extra = [r for r in csv_rows(curated, gz=False) if r["code"] in known]
    sites += [
        Website(
            commune_id=r["code"],
            url=r["url"],
            host=url_host(r["url"]),
            confidence="medium",
            source=Website.Source.CURATED,
            note=r["note"][:300],
        )
        for r in extra
    ]
    Website.objects.bulk_create(
        sites,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["commune", "url"],
        update_fields=["host", "confidence", "source", "note"],
    )
    _choose_primaries(preferred={r["code"]: r["url"] for r in extra if r["primary"] in _TRUE})
    mark_loaded("websites", etalab + curated, rows=len(sites), now=now)
    return len(sites)


_RANK = {"high": 0, "medium": 1, "low": 2}


def _choose_primaries(*, preferred: dict[str, str]) -> None:
    """Give each commune one primary website, never overriding a user's choice."""
    by_commune: dict[str, list[Website]] = {}
    for site in Website.objects.filter(active=True).only(
        "id", "commune_id", "url", "host", "confidence", "source", "is_primary", "note"
    ):
        by_commune.setdefault(site.commune_id, []).append(site)
    changed: list[Website] = []
    for code, sites in by_commune.items():
        if any(s.is_primary and s.source == Website.Source.USER for s in sites):
            continue
        best = next((s for s in sites if s.url == preferred.get(code)), None) or min(
            sites,
            key=lambda s: (_RANK.get(s.confidence, 3), "ne répondait pas" in s.note, len(s.host)),
        )
        for site in sites:
            if site.is_primary != (site is best):
                site.is_primary = site is best
                changed.append(site)
    Website.objects.bulk_update(changed, ["is_primary"], batch_size=5000)


def websites_import(*, path: Path, now: datetime) -> WebsiteImportSummary:
    """Add or correct websites from a CSV (commune_code,url[,primary][,active][,note]).

    All or nothing: any bad row refuses the whole file, listing every problem.
    """
    rows = _read_website_rows(path)
    added = updated = 0
    with transaction.atomic():
        for row in rows:
            site, created = Website.objects.update_or_create(
                commune_id=row["commune_code"],
                url=row["url"],
                defaults={
                    "host": row["host"],
                    "confidence": Website.Confidence.HIGH,
                    "source": Website.Source.USER,
                    "note": row["note"],
                    "active": row["active"],
                },
            )
            added, updated = added + created, updated + (not created)
            if row["primary"] and row["active"]:
                Website.objects.filter(commune_id=row["commune_code"]).exclude(pk=site.pk).update(
                    is_primary=False
                )
                Website.objects.filter(pk=site.pk).update(is_primary=True)
            elif not row["active"]:
                Website.objects.filter(pk=site.pk).update(is_primary=False)
    return WebsiteImportSummary(added=added, updated=updated)


def _read_website_rows(path: Path) -> list[dict]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ValidationFailed(f"Fichier illisible : {path}", [str(error)]) from error
    except UnicodeDecodeError as error:
        raise ValidationFailed(f"Fichier non UTF-8 : {path}", [str(error)]) from error
    reader = csv.DictReader(
        io.StringIO(text), delimiter=";" if text.split("\n", 1)[0].count(";") else ","
    )
    missing = {"commune_code", "url"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationFailed(f"Colonnes manquantes dans {path}", [", ".join(sorted(missing))])
    known = set(Commune.objects.values_list("code", flat=True))
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        row, problem = _website_row(raw, known)
        if problem:
            problems.append(f"ligne {line} : {problem}")
        else:
            rows.append(row)
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems)
    return rows


def _website_row(raw: dict, known: set[str]) -> tuple[dict, str | None]:
    code = (raw.get("commune_code") or "").strip()
    if code not in known:
        return {}, f"commune inconnue « {code} »"
    url = (raw.get("url") or "").strip()
    try:
        host = url_host(url)
    except ValueError as error:
        return {}, str(error)
    flags = {}
    for column, default in (("primary", False), ("active", True)):
        value = (raw.get(column) or "").strip().lower()
        if value and value not in _TRUE | _FALSE:
            return {}, f"valeur « {value} » invalide pour {column} (true/false)"
        flags[column] = value in _TRUE if value else default
    note = (raw.get("note") or "").strip()[:300]
    return {"commune_code": code, "url": url, "host": host, "note": note, **flags}, None
