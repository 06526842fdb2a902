"""What a websites import changes, site by site, and the websites as a file that the import
reads back (`barometre websites import --dry-run`, `barometre websites export`).

An import overwrites a site's flags and note (those of its file's columns): `--dry-run` says
beforehand what it would change, and an export taken before it is a file that puts them back
(import it again)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from barometre.core.files import output_write
from barometre.core.spreadsheet import spreadsheet_text
from barometre.referential.models import EpciWebsite, Website

# the stored fields an import may change, and how a change is said
_FIELDS = {
    "is_primary": "principal",
    "active": "actif",
    "note": "note",
    "source": "source",
    "confidence": "confiance",
}  # not the host: it follows the URL (the registry keeps it without « www. », an import with)


@dataclass(frozen=True, slots=True)
class SiteChange:
    """One site that an import adds or changes: its owner (commune code or SIREN), its URL, and
    for a known site each field changed as (name, before, after)."""

    owner: str
    url: str
    added: bool
    fields: tuple[tuple[str, str, str], ...] = ()

    def line(self) -> str:
        """The change in French, on one line."""
        if self.added:
            return f"{self.owner} {self.url} : ajouté"
        changed = " ; ".join(f"{name} {before} → {after}" for name, before, after in self.fields)
        return f"{self.owner} {self.url} : {changed}"


Snapshot = dict[int, tuple[str, str, dict[str, object]]]  # pk -> owner, url, fields


def sites_snapshot(
    model: type[Website] | type[EpciWebsite], owner: str, keys: Iterable[str]
) -> Snapshot:
    """The stored fields of every site of these owners (a commune's other sites change too when
    one becomes its primary site)."""
    manager = model.objects  # type: ignore[attr-defined]
    rows = manager.filter(**{f"{owner}__in": list(keys)}).values("pk", owner, "url", *_FIELDS)
    return {
        row["pk"]: (row[owner], row["url"], {name: row[name] for name in _FIELDS}) for row in rows
    }


def site_changes(before: Snapshot, after: Snapshot) -> list[SiteChange]:
    """The sites added or changed between two snapshots, in owner and URL order."""
    changes = []
    for pk, (owner, url, fields) in after.items():
        if pk not in before:
            changes.append(SiteChange(owner=owner, url=url, added=True))
            continue
        old = before[pk][2]
        moved = tuple(
            (label, _said(old[name]), _said(fields[name]))
            for name, label in _FIELDS.items()
            if old[name] != fields[name]
        )
        if moved:
            changes.append(SiteChange(owner=owner, url=url, added=False, fields=moved))
    return sorted(changes, key=lambda change: (change.owner, change.url))


def _said(value: object) -> str:
    """A field's value as a change line says it, on one line: a note's line breaks are shown
    as « ⏎ » (the stored note keeps them)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value == "":
        return "(vide)"
    shown = _BREAKS.sub(" ⏎ ", str(value))
    return f"« {shown} »"


_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")  # str.splitlines' breaks


def websites_export(*, path: Path, epci: bool) -> int:
    """Write every commune (or EPCI) website to `path` as a CSV that `websites import` reads
    (`commune_code` or `siren`, url, primary, active, note); return how many rows. A note that a
    spreadsheet would run as a formula gets a leading apostrophe, which the import removes."""
    model, owner, column = (
        (EpciWebsite, "epci_id", "siren") if epci else (Website, "commune_id", "commune_code")
    )
    rows = list(
        model.objects.order_by(owner, "url").values_list(  # type: ignore[attr-defined]
            owner, "url", "is_primary", "active", "note"
        )
    )

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([column, "url", "primary", "active", "note"])
            for key, url, primary, active, note in rows:
                writer.writerow([key, url, _flag(primary), _flag(active), spreadsheet_text(note)])

    output_write(path, write, what="le fichier des sites")
    return len(rows)


def _flag(value: bool) -> str:
    return "true" if value else "false"
