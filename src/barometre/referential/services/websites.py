"""Official websites of communes and EPCI: shipped registries, users' additions and corrections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from barometre.core.errors import ValidationFailed
from barometre.referential import shipped_names as names
from barometre.referential.hostnames import bare_host
from barometre.referential.models import Commune, Epci, EpciWebsite, Website
from barometre.referential.services.shipped import csv_rows, is_loaded, mark_loaded, read_bytes
from barometre.referential.services.website_changes import (
    SiteChange,
    Snapshot,
    site_changes,
    sites_snapshot,
)
from barometre.referential.services.website_rows import (
    _TRUE,
    checked_rows,
    chooses_primary,
    read_rows,
    same_site,
    url_canonical,
    url_host,
)


@dataclass(frozen=True, slots=True)
class WebsiteImportSummary:
    added: int
    updated: int  # known sites the file changed (flags, note, source...)
    epci: bool = False  # the file listed EPCI websites (a siren column)
    primaries_changed: int = 0  # communes (or EPCI) whose primary site is another one now
    unchanged: int = 0  # known sites already as the file says
    changes: tuple[SiteChange, ...] = ()  # every site added or changed, the file's or not
    dry_run: bool = False  # nothing was written


@transaction.atomic
def websites_load(*, now: datetime, force: bool = False) -> int:
    """Load the shipped registry (Etalab 2022 + barometre's curated additions); idempotent.

    Rows a user imported (same commune and URL) are left as written: loading the registry
    again never undoes a user's correction (its note, its choice of primary site). The
    registry's rows the file no longer lists are removed.
    """
    etalab, curated = read_bytes(names.WEBSITES_ETALAB), read_bytes(names.WEBSITES_CURATED)
    if not force and is_loaded("websites", etalab + curated):
        return 0
    known = set(Commune.objects.values_list("code", flat=True))
    mine = set(Website.objects.filter(source=Website.Source.USER).values_list("commune_id", "url"))
    rows = _not_mine(csv_rows(etalab, gz=True), known, mine)
    extra = _not_mine(csv_rows(curated, gz=False), known, mine)
    sites = [
        _registry_site(r, Website.Source.ETALAB_2022, r["host"], r["confidence"]) for r in rows
    ]
    sites += [
        _registry_site(r, Website.Source.CURATED, url_host(r["url"]), "medium") for r in extra
    ]
    Website.objects.bulk_create(
        sites,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["commune", "url"],
        update_fields=["host", "confidence", "source", "note"],
    )
    _drop_stale(Website, "commune_id", {(site.commune_id, site.url) for site in sites})
    choose_primaries(
        Website,
        owner="commune_id",
        preferred={r["code"]: r["url"] for r in extra if r["primary"] in _TRUE},
    )
    mark_loaded("websites", etalab + curated, rows=len(sites), now=now)
    return len(sites)


def _drop_stale(
    model: type[Website] | type[EpciWebsite], owner: str, kept: set[tuple[str, str]]
) -> None:
    """Delete the registry's rows (not a user's) that the shipped file no longer lists: a newer
    build left them out (`mairie20.paris.frvillaineslagonais.mairie72.fr`, a host of the 2022
    list that cannot be real), so a database loaded before keeps no trace of them."""
    rows = model.objects.exclude(source=Website.Source.USER)  # type: ignore[attr-defined]
    stale = [pk for pk, key, url in rows.values_list("pk", owner, "url") if (key, url) not in kept]
    for start in range(0, len(stale), 500):  # SQLite's limit of query parameters
        model.objects.filter(pk__in=stale[start : start + 500]).delete()  # type: ignore[attr-defined]


def _not_mine(
    rows: Iterable[dict[str, str]], known: set[str], mine: set[tuple[str, str]]
) -> list[dict[str, str]]:
    """Registry rows of known communes, but for the sites a user imported (left as written)."""
    return [r for r in rows if r["code"] in known and (r["code"], r["url"]) not in mine]


def _registry_site(
    row: dict[str, str], source: Website.Source, host: str, confidence: str
) -> Website:
    return Website(
        commune_id=row["code"],
        url=row["url"],
        host=host,
        confidence=confidence,
        source=source,
        note=row["note"][:300],
    )


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
    _drop_stale(EpciWebsite, "epci_id", {(site.epci_id, site.url) for site in sites})
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
    changed: list[tuple[int, bool]] = []
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
        changed += [(s.pk, s is best) for s in sites if s.is_primary != (s is best)]
    # Two plain UPDATEs (by chunks of ids) instead of bulk_update's CASE over every row: the
    # first load of 15,000 sites took 10 s on PostgreSQL with the CASE, under one here.
    for primary in (False, True):
        ids = [pk for pk, value in changed if value is primary]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            model.objects.filter(pk__in=chunk).update(is_primary=primary)  # type: ignore[attr-defined]


def websites_import(*, path: Path, now: datetime, dry_run: bool = False) -> WebsiteImportSummary:
    """Add or correct websites from a CSV, all or nothing (any bad row refuses the whole file).

    Columns: `commune_code,url[,primary][,active][,note]` for communes' websites, or
    `siren,url[,primary][,active][,note]` (the EPCI's SIREN) for intercommunal websites. A
    column the file does not have leaves that field of the sites it names as it is.
    With `dry_run`, every change is made and said, then undone: nothing is written.
    """
    fieldnames, raws = read_rows(path)
    if "siren" in fieldnames:
        if "commune_code" in fieldnames:
            raise ValidationFailed(
                f"Colonnes incompatibles dans {path}",
                ["commune_code et siren : un fichier pour les communes, un autre pour les EPCI"],
            )
        known = set(Epci.objects.values_list("siren", flat=True))
        rows = checked_rows(path, raws, "siren", known, _unknown_epci, _registry_hosts())
        model, owner = EpciWebsite, "epci_id"
    else:
        known = set(Commune.objects.values_list("code", flat=True))
        rows = checked_rows(
            path,
            raws,
            "commune_code",
            known,
            lambda code: f"commune inconnue « {code} »",
            _registry_hosts(),
        )
        model, owner = Website, "commune_id"
    _refuse_lost_primaries(path, model, owner, rows)
    return _store_and_say(model, owner, rows, dry_run=dry_run)


def _refuse_lost_primaries(
    path: Path, model: type[Website] | type[EpciWebsite], owner: str, rows: list[dict]
) -> None:
    """Refuse a row that unmarks its owner's active primary site (`primary=false`, or an empty
    `primary` cell) while it stays active and no row of the file chooses another: the audit
    starts from the primary site (an EPCI's is the only one it follows), and the import kept it
    primary while it said the site was « déjà à jour »."""
    chosen = {row["key"] for row in rows if chooses_primary(row)}
    unmarked = [
        row
        for row in rows
        if row.get("primary") is False and row.get("active") is not False
        if row["key"] not in chosen
    ]
    if not unmarked:
        return
    manager = model.objects  # type: ignore[attr-defined]
    primaries = manager.filter(
        **{f"{owner}__in": {row["key"] for row in unmarked}}, is_primary=True, active=True
    ).values_list(owner, "url")
    current = {(key, url_canonical(url)) for key, url in primaries}
    who = "l'EPCI" if model is EpciWebsite else "la commune"
    problems = [
        f"ligne {row['line']} : « {row['url'][:80]} » est le site principal de {who} "
        f"« {row['key']} » ; primary=false (ou vide) le laisserait sans site principal, "
        "celui que l'audit visite d'abord : marquez primary=true le site qui le remplace, "
        "ou primary=true sur cette ligne pour le garder"
        for row in unmarked
        if any((row["key"], url) in current for url in same_site(row["url"]))
    ]
    if problems:
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({path})", problems)


def _store_and_say(
    model: type[Website] | type[EpciWebsite], owner: str, rows: list[dict], *, dry_run: bool
) -> WebsiteImportSummary:
    """Store the rows and compare the sites of their owners before and after; undo all of it
    when `dry_run`."""
    keys = {row["key"] for row in rows}
    with transaction.atomic():
        before = sites_snapshot(model, owner, keys)
        added, matched = _store_user_rows(model, owner, rows)
        after = sites_snapshot(model, owner, keys)
        if dry_run:
            transaction.set_rollback(True)
    changes = site_changes(before, after)
    updated = sum(1 for pk in matched if before[pk][2] != after[pk][2])
    was, now = _primaries(before), _primaries(after)
    return WebsiteImportSummary(
        added=added,
        updated=updated,
        epci=model is EpciWebsite,
        primaries_changed=sum(1 for key in keys if was.get(key) != now.get(key)),
        unchanged=len(matched) - updated,
        changes=tuple(changes),
        dry_run=dry_run,
    )


def _primaries(snapshot: Snapshot) -> dict[str, set[int]]:
    """The primary sites (ids) of each owner in a snapshot."""
    found: dict[str, set[int]] = {}
    for pk, (owner, _url, fields) in snapshot.items():
        if fields["is_primary"]:
            found.setdefault(owner, set()).add(pk)
    return found


def _registry_hosts() -> set[str]:
    """The hosts (without "www.") of the communes' and EPCI's websites known to the database
    (the shipped registries once loaded, users' imports): the names a host glued to another in
    a user's file is made of."""
    hosts = set(Website.objects.values_list("host", flat=True))
    hosts.update(EpciWebsite.objects.values_list("host", flat=True))
    return {bare_host(host) for host in hosts}


def _store_user_rows(
    model: type[Website] | type[EpciWebsite], owner: str, rows: list[dict]
) -> tuple[int, set[int]]:
    """Store the rows (in a few queries: a national file holds 16,000); return how many sites
    were added and the ids of the known sites the rows name.

    A row corrects the owner's known site with its URL (with or without the slash of an empty
    path: "https://www.nice.fr" and "https://www.nice.fr/" are one site) or adds one. An active
    primary row makes its site the owner's only primary one; an inactive row's site is no
    primary. The file's rows were checked: one primary at most per owner, no site twice."""
    manager = model.objects  # type: ignore[attr-defined]
    known = list(manager.filter(**{f"{owner}__in": {row["key"] for row in rows}}))
    by_url = {(getattr(site, owner), url_canonical(site.url)): site for site in known}
    chosen = {row["key"] for row in rows if chooses_primary(row)}
    now = timezone.now()
    changed, new, matched = [], [], set()
    for row in rows:
        spellings = [(row["key"], url) for url in same_site(row["url"])]
        site = next((by_url[spelling] for spelling in spellings if spelling in by_url), None)
        if site is None:
            site = model(**{owner: row["key"], "url": row["url"], "is_primary": False})
            new.append(site)
        else:
            matched.add(site.pk)
            changed.append(site)
        _set_fields(site, row, row["key"] in chosen)
        site.updated_at = now
    for site in known:  # the owner's other sites: no longer primary when a row chose another
        if site.pk not in matched and site.is_primary and getattr(site, owner) in chosen:
            site.is_primary, site.updated_at = False, now
            changed.append(site)
    manager.bulk_create(new, batch_size=2000)
    _update(model, changed)
    return len(new), matched


def _set_fields(site: Website | EpciWebsite, row: dict, owner_chose: bool) -> None:
    """Give a site the row's fields; a column the file does not have leaves the site's field as
    it is (a new site's default: active, no note, not primary). A site marked primary is made
    active unless its row says `active=false`; an inactive site is no primary one."""
    site.host = row["host"]
    site.note = row.get("note", site.note)
    site.active = row.get("active", site.active or chooses_primary(row))
    site.confidence, site.source = Website.Confidence.HIGH, Website.Source.USER
    site.is_primary = site.active and (
        chooses_primary(row) or (site.is_primary and not owner_chose)
    )


_UPDATED = ("host", "note", "active", "confidence", "source", "is_primary", "updated_at")


def _update(model: type[Website] | type[EpciWebsite], sites: list) -> None:
    """Write the sites' fields in `_UPDATED`: one statement run for every site (Django's
    `bulk_update` builds a CASE a field and a site, which took two minutes for 16,000 sites)."""
    meta = model._meta
    columns = [meta.get_field(name) for name in _UPDATED]
    table = connection.ops.quote_name(meta.db_table)
    assigned = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in columns)
    pk = connection.ops.quote_name(meta.pk.column)
    rows = [
        [field.get_db_prep_save(getattr(site, field.attname), connection) for field in columns]
        + [site.pk]
        for site in sites
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assigned} WHERE {pk} = %s", rows)


def _unknown_epci(siren: str) -> str:
    if siren.isascii() and siren.isdigit() and Commune.objects.filter(siren=siren).exists():
        return f"« {siren} » est le SIREN d'une commune, pas d'un EPCI (colonne commune_code)"
    return f"EPCI inconnu « {siren} »"
