"""Official websites of communes and EPCI: shipped registries, users' additions and corrections."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction

from barometre.core.errors import ValidationFailed
from barometre.core.files import os_reason
from barometre.core.problems import Problems
from barometre.core.spreadsheet import csv_delimiter
from barometre.referential import shipped_names as names
from barometre.referential.codes import commune_code_normalise
from barometre.referential.models import Commune, Epci, EpciWebsite, Website
from barometre.referential.services.shipped import csv_rows, is_loaded, mark_loaded, read_bytes

_TRUE = {"1", "true", "vrai", "oui", "yes", "x"}
_FALSE = {"0", "false", "faux", "non", "no", ""}


@dataclass(frozen=True, slots=True)
class WebsiteImportSummary:
    added: int
    updated: int
    epci: bool = False  # the file listed EPCI websites (a siren column)
    primaries_changed: int = 0  # communes (or EPCI) whose primary site is another one now


URL_MAX = 500  # Website.url max_length, enforced here so that every database agrees
NOTE_MAX = 300  # Website.note max_length
MAX_BYTES = 64 * 2**20  # a websites file: the national registry is under 5 MB


def url_host(url: str) -> str:
    """Return the lower-case host of an http(s) URL, or raise ValueError with a French reason."""
    url = url.strip()
    if len(url) > URL_MAX:
        raise ValueError(f"URL de {len(url)} caractères (au plus {URL_MAX})")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        raise ValueError(f"URL avec une espace ou un caractère de contrôle : « {url[:80]} »")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port out of range, e.g. 99999)
    except ValueError:
        raise ValueError(f"URL invalide (port ou adresse hors norme) : « {url[:80]} »") from None
    if parts.scheme not in {"http", "https"}:
        raise ValueError(f"URL non http(s) : « {url} »")
    if "@" in parts.netloc:
        raise ValueError(f"URL avec un identifiant ou un mot de passe refusée : « {url[:80]} »")
    if parts.port == 0:
        raise ValueError(f"URL invalide (port 0) : « {url[:80]} »")
    host = (parts.hostname or "").lower()
    if "." not in host or not _host_valid(host):
        raise ValueError(f"URL sans nom d'hôte valide : « {url} »")
    return host


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")


def _host_valid(host: str) -> bool:
    """A DNS name (labels of letters, digits and inner hyphens; accented names as IDNA) or an
    IPv4 address."""
    if _IPV4.fullmatch(host):
        return all(int(part) <= 255 for part in host.split("."))
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return len(labels) >= 2 and all(_LABEL.fullmatch(label) for label in labels)


@transaction.atomic
def websites_load(*, now: datetime, force: bool = False) -> int:
    """Load the shipped registry (Etalab 2022 + barometre's curated additions); idempotent.

    Rows a user imported (same commune and URL) are left as written: loading the registry
    again never undoes a user's correction (its note, its choice of primary site).
    """
    etalab, curated = read_bytes(names.WEBSITES_ETALAB), read_bytes(names.WEBSITES_CURATED)
    if not force and is_loaded("websites", etalab + curated):
        return 0
    known = set(Commune.objects.values_list("code", flat=True))
    mine = set(Website.objects.filter(source=Website.Source.USER).values_list("commune_id", "url"))
    rows = [
        r
        for r in csv_rows(etalab, gz=True)
        if r["code"] in known and (r["code"], r["url"]) not in mine
    ]
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
    extra = [
        r
        for r in csv_rows(curated, gz=False)
        if r["code"] in known and (r["code"], r["url"]) not in mine
    ]
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
    choose_primaries(
        Website,
        owner="commune_id",
        preferred={r["code"]: r["url"] for r in extra if r["primary"] in _TRUE},
    )
    mark_loaded("websites", etalab + curated, rows=len(sites), now=now)
    return len(sites)


@transaction.atomic
def epci_websites_load(*, now: datetime, force: bool = False) -> int:
    """Load the shipped registry of EPCI websites (Etalab 2022, matched by name); idempotent.

    Each EPCI's first row in the file (ranked by the build script) becomes its primary site,
    unless a user chose one. Rows a user imported (same EPCI and URL) are left as written.
    """
    raw = read_bytes(names.WEBSITES_EPCI)
    if not force and is_loaded("epci-websites", raw):
        return 0
    known = set(Epci.objects.values_list("siren", flat=True))
    first: dict[str, str] = {}  # the file lists each EPCI's best site first
    mine = set(EpciWebsite.objects.filter(source=Website.Source.USER).values_list("epci_id", "url"))
    sites = [
        EpciWebsite(
            epci_id=r["siren"],
            url=r["url"],
            host=r["host"],
            confidence=r["confidence"],
            source=Website.Source.ETALAB_2022,
            note=r["note"][:300],
        )
        for r in csv_rows(raw, gz=True)
        if r["siren"] in known and (r["siren"], r["url"]) not in mine
    ]
    EpciWebsite.objects.bulk_create(
        sites,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["epci", "url"],
        update_fields=["host", "confidence", "source", "note"],
    )
    for site in sites:
        first.setdefault(site.epci_id, site.url)
    choose_primaries(EpciWebsite, owner="epci_id", preferred=first)
    mark_loaded("epci-websites", raw, rows=len(sites), now=now)
    return len(sites)


_RANK = {"high": 0, "medium": 1, "low": 2}


def choose_primaries(
    model: type[Website] | type[EpciWebsite], *, owner: str, preferred: dict[str, str]
) -> None:
    """Give each owner (commune or EPCI) one primary website, never overriding a user's choice.

    `preferred` maps an owner to the URL to prefer; otherwise the best confidence wins, then a
    site that answered in 2022, then the shorter host.
    """
    by_owner: dict[str, list] = {}
    for site in model.objects.filter(active=True).only(  # type: ignore[attr-defined]
        "id", owner, "url", "host", "confidence", "source", "is_primary", "note"
    ):
        by_owner.setdefault(getattr(site, owner), []).append(site)
    changed: list = []
    for key, sites in by_owner.items():
        if any(s.is_primary and s.source == Website.Source.USER for s in sites):
            continue
        best = next((s for s in sites if s.url == preferred.get(key)), None) or min(
            sites,
            key=lambda s: (
                _RANK.get(s.confidence, 3),
                "ne répondait pas" in s.note,
                len(s.host),
            ),
        )
        for site in sites:
            if site.is_primary != (site is best):
                site.is_primary = site is best
                changed.append(site)
    model.objects.bulk_update(changed, ["is_primary"], batch_size=5000)  # type: ignore[attr-defined]


def websites_import(*, path: Path, now: datetime) -> WebsiteImportSummary:
    """Add or correct websites from a CSV, all or nothing (any bad row refuses the whole file).

    Columns: `commune_code,url[,primary][,active][,note]` for communes' websites, or
    `siren,url[,primary][,active][,note]` (the EPCI's SIREN) for intercommunal websites.
    """
    fieldnames, raws = _read_csv(path)
    if "siren" in fieldnames:
        if "commune_code" in fieldnames:
            raise ValidationFailed(
                f"Colonnes incompatibles dans {path}",
                ["commune_code et siren : un fichier pour les communes, un autre pour les EPCI"],
            )
        known = set(Epci.objects.values_list("siren", flat=True))
        rows = _checked_rows(path, raws, "siren", known, _unknown_epci)
        model, owner = EpciWebsite, "epci_id"
    else:
        known = set(Commune.objects.values_list("code", flat=True))
        rows = _checked_rows(
            path, raws, "commune_code", known, lambda code: f"commune inconnue « {code} »"
        )
        model, owner = Website, "commune_id"
    added, updated, changed = _store_user_rows(model, owner, rows)
    return WebsiteImportSummary(
        added=added, updated=updated, epci=model is EpciWebsite, primaries_changed=changed
    )


def _primaries(manager: object, owner: str, keys: set[str]) -> dict[str, set[int]]:
    """The primary sites (ids) of each owner among `keys`."""
    found: dict[str, set[int]] = {key: set() for key in keys}
    rows = manager.filter(  # type: ignore[attr-defined]
        **{f"{owner}__in": keys, "is_primary": True}
    ).values_list(owner, "pk")
    for key, pk in rows:
        found[key].add(pk)
    return found


@transaction.atomic
def _store_user_rows(
    model: type[Website] | type[EpciWebsite], owner: str, rows: list[dict]
) -> tuple[int, int, int]:
    """Store the rows; return how many were added, updated, and how many owners have another
    primary site afterwards."""
    added = updated = 0
    manager = model.objects  # type: ignore[attr-defined]
    before = _primaries(manager, owner, {row["key"] for row in rows})
    for row in rows:
        # "https://www.nice.fr" and "https://www.nice.fr/" are one site: correct the one known
        same = manager.filter(**{owner: row["key"], "url__in": _same_site(row["url"])})
        url = same.values_list("url", flat=True).first() or row["url"]
        site, created = manager.update_or_create(
            **{owner: row["key"], "url": url},
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
            manager.filter(**{owner: row["key"]}).exclude(pk=site.pk).update(is_primary=False)
            manager.filter(pk=site.pk).update(is_primary=True)
        elif not row["active"]:
            manager.filter(pk=site.pk).update(is_primary=False)
    after = _primaries(manager, owner, set(before))
    return added, updated, sum(1 for key in before if before[key] != after[key])


def _same_site(url: str) -> list[str]:
    """`url` and its spelling with or without the slash of an empty path."""
    parts = urlsplit(url)
    if parts.path in ("", "/") and not parts.query and not parts.fragment:
        bare = f"{parts.scheme}://{parts.netloc}"
        return [bare, bare + "/"]
    return [url]


def _unknown_epci(siren: str) -> str:
    if siren.isascii() and siren.isdigit() and Commune.objects.filter(siren=siren).exists():
        return f"« {siren} » est le SIREN d'une commune, pas d'un EPCI (colonne commune_code)"
    return f"EPCI inconnu « {siren} »"


def _read_csv(path: Path) -> tuple[set[str], list[dict]]:
    try:
        if Path(path).stat().st_size > MAX_BYTES:
            raise ValidationFailed(
                f"Fichier refusé : {path}",
                [f"plus de {MAX_BYTES // 2**20} Mo pour une liste de sites"],
            )
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise ValidationFailed(f"Fichier illisible : {path}", [os_reason(error)]) from None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValidationFailed(
            f"Fichier non UTF-8 : {path}", [f"ligne {line} : encodage invalide (UTF-8 attendu)"]
        ) from None
    if not text.split("\n", 1)[0].strip(" \t\r,;"):
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            [
                "ligne 1 : fichier vide ou sans en-tête (la première ligne doit nommer les "
                "colonnes : commune_code ou siren, url)"
            ],
        )
    reader = csv.DictReader(
        io.StringIO(text, newline=""),
        delimiter=csv_delimiter(text.split("\n", 1)[0]),
        strict=True,
    )
    try:
        fieldnames, rows, header = _dict_rows(reader)
    except csv.Error as error:
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({path})",
            [f"ligne {reader.line_num + 1} : CSV mal formé ({_csv_reason(error)})"],
        ) from error
    _require_columns(path, fieldnames)
    _check_header(path, header)
    return fieldnames, rows


def _csv_reason(error: csv.Error) -> str:
    """What the csv module's message means, in French."""
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return "guillemet ouvert et jamais fermé"
    if "field larger than field limit" in text:
        return "champ trop long"
    if "NUL" in text or "nul" in text:
        return "caractère NUL"
    return "vérifiez les guillemets et les séparateurs"


_COLUMNS = ("commune_code", "siren", "url", "primary", "active", "note")


def _check_header(path: Path, header: list[str]) -> None:
    """Columns named twice or unknown are refused: a misspelt `primary` would be ignored."""
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(f"ligne 1 : colonne « {name[:40]} » en double")
        elif name and name not in _COLUMNS:
            problems.append(
                f"ligne 1 : colonne inconnue « {name[:40]} » (colonnes permises : "
                f"{', '.join(_COLUMNS)})"
            )
        seen.add(name)
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems)


def _dict_rows(reader: csv.DictReader) -> tuple[set[str], list[dict], list[str]]:
    header = [name.strip() for name in reader.fieldnames or []]
    fieldnames = set(header)
    rows = []
    for raw in reader:
        row = {(k or "").strip(): v for k, v in raw.items() if k is not None}
        if raw.get(None):  # type: ignore[call-overload]
            row["__extra__"] = raw[None]  # type: ignore[index]
        # the file's line where the row starts: blank lines are skipped, and a quoted field
        # may hold line breaks
        values = [*row.values(), *row.get("__extra__", [])]
        row["__line__"] = reader.line_num - sum(v.count("\n") for v in values if isinstance(v, str))
        rows.append(row)
    return fieldnames, rows, header


def _require_columns(path: Path, fieldnames: set[str]) -> set[str]:
    missing = [c for c in ("url",) if c not in fieldnames]
    if not fieldnames & {"commune_code", "siren"}:
        missing.insert(0, "commune_code (ou siren pour un EPCI)")
    if missing:
        raise ValidationFailed(f"Colonnes manquantes dans {path}", [", ".join(missing)])
    return fieldnames


def _checked_rows(
    path: Path,
    raws: list[dict],
    column: str,
    known: set[str],
    unknown: Callable[[str], str],
) -> list[dict]:
    rows, problems = [], Problems()
    primaries: dict[str, int] = {}  # key -> line of its primary site in this file
    sites: dict[tuple[str, str], int] = {}  # (key, url without its empty path) -> first line
    kind = "unknown_commune" if column == "commune_code" else "unknown_epci"
    for raw in raws:
        line = raw["__line__"]
        key = (raw.get(column) or "").strip()
        key = commune_code_normalise(key) if column == "commune_code" else key
        if key not in known:
            problems.add(line, unknown(key[:40]), kind=kind, subject=key[:40])
            continue
        row, problem = _website_row(raw)
        same = (key, _same_site(row["url"])[0]) if not problem else None
        if same in sites:  # its note or its flags would be those of the last row: refuse
            problem = f"site « {row['url'][:80]} » déjà donné ligne {sites[same]} pour « {key} »"
        elif same is not None:
            sites[same] = line
        if not problem and row["primary"] and row["active"]:
            if key in primaries:  # which one would win is the order of the rows: refuse
                problem = (
                    f"deuxième site principal pour « {key} » (déjà à la ligne {primaries[key]})"
                )
            else:
                primaries[key] = line
        if problem:
            problems.add(line, problem)
        else:
            rows.append({**row, "key": key})
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems.render())
    return rows


def _website_row(raw: dict) -> tuple[dict, str | None]:
    if extra := [v for v in raw.get("__extra__", []) if v.strip()]:
        shown = ", ".join(f"« {v.strip()[:40]} »" for v in extra[:3])
        return {}, f"valeurs hors colonnes refusées ({shown})"
    url = (raw.get("url") or "").strip()
    try:
        host = url_host(url)
    except ValueError as error:
        return {}, str(error)
    flags = {}
    for column, default in (("primary", False), ("active", True)):
        value = (raw.get(column) or "").strip().lower()
        if value and value not in _TRUE | _FALSE:
            return {}, f"valeur « {value} » invalide pour {column} (true/false)"
        flags[column] = value in _TRUE if value else default
    note = (raw.get("note") or "").strip()
    if len(note) > NOTE_MAX or "\x00" in note:
        return {}, f"note de {len(note)} caractères ou avec un caractère NUL (au plus {NOTE_MAX})"
    return {"url": url, "host": host, "note": note, **flags}, None
