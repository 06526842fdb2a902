"""Import assessments from CSV or XLSX, in long or wide form, all or nothing.

Long form: one row per cell, columns commune_code, service_id, level, evidence_url, note
(optional: provider). Wide form: one row per commune, one column per service id holding the level,
with optional `<service>.evidence_url` / `<service>.note` columns and row-level `evidence_url` /
`note` used for every cell of the row. `level` is 0–5 or `na` (not applicable). Commune codes may
lack their leading zero (`6088` for 06088), as a spreadsheet writes them.

The file is validated in one streaming pass (problems grouped when they repeat), then read again
and written in chunks inside one transaction; memory stays flat whatever the file's size. Each
import is recorded with the file's SHA-256, so importing the same file twice is refused unless
forced.
"""

from __future__ import annotations

import logging
import shlex
import time
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.db import OperationalError, transaction

from barometre.assessments.models import ImportBatch
from barometre.assessments.services.bulk import batch_write
from barometre.assessments.services.record import (
    AUTHOR_MAX,
    NewValue,
    text_problem,
    value_problem,
)
from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS, Table, TableLimits, table_open
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.files import file_sha256
from barometre.core.plural import counted
from barometre.core.problems import Problems
from barometre.core.spreadsheet import wrong_separator
from barometre.core.surrogates import surrogate_shown
from barometre.referential.codes import commune_code_normalise
from barometre.referential.models import Campaign, Commune, Service

logger = logging.getLogger(__name__)

LONG_COLUMNS = ("commune_code", "service_id", "level", "evidence_url", "note")
INFORMATIONAL = {"commune_name", "service_label", "source", "author", "recorded_at", "provider"}
NA_WORDS = {"na", "n/a", "sans objet", "not_applicable"}
_LEVELS = {str(n): n for n in range(10)}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    form: str  # "long" or "wide"
    cells: int
    not_applicable: int
    communes: int
    again: bool = False  # the same file had been imported before (recorded again with force)


def assessments_import(
    *,
    campaign: Campaign,
    path: Path,
    author: str,
    now: datetime,
    force: bool = False,
    limits: TableLimits = DEFAULT_TABLE_LIMITS,
) -> ImportSummary:
    """Validate the whole file, then record every value as `import`; any bad row writes nothing."""
    if problem := text_problem(author, label="auteur", limit=AUTHOR_MAX):
        raise BarometreError(f"Auteur refusé : {problem}.")
    table = table_open(path, limits=limits)
    digest = file_sha256(table.path)
    previous = ImportBatch.objects.filter(campaign=campaign, sha256=digest).order_by("pk").first()
    if previous is not None and not force:
        raise BarometreError(_already(previous, campaign))
    started = time.perf_counter()
    check = _Check(campaign)
    form = _form(table, check.services, table.path, campaign=campaign.name)
    summary = check.run(_values(table, form, check.services))
    logger.info("file checked in %.1f s", time.perf_counter() - started)
    if check.problems:
        raise ValidationFailed(
            f"Import refusé, rien n'a été écrit ({table.path})", _rendered(check)
        )
    if summary[0] == 0:  # nothing to import, and no batch to record
        empty = (
            "aucun niveau rempli : toutes les cases des services sont vides (une grille de "
            "« assessments template » pas encore remplie ?)"
            if next(table.rows(), None) is not None
            else "ligne 1 : en-tête seul, aucune ligne de valeurs"
        )
        raise ValidationFailed(f"Import refusé, rien n'a été écrit ({table.path})", [empty])
    _write_or_busy(table, form, check, digest=digest, author=author, now=now)
    return ImportSummary(form, *summary, again=previous is not None)


def _write_or_busy(
    table: Table, form: str, check: _Check, *, digest: str, author: str, now: datetime
) -> None:
    """Record the checked values; when another write holds the database, say so (nothing is
    written)."""
    started = time.perf_counter()
    try:
        _write(table, form, check, digest=digest, author=author, now=now)
        logger.info("file written and committed in %.1f s", time.perf_counter() - started)
    except OperationalError as error:
        if "locked" not in str(error):
            raise
        raise BarometreError(
            "La base est occupée par une autre écriture (sans doute un autre import en cours) ; "
            "rien n'a été écrit. Relancez l'import quand elle sera terminée."
        ) from error


def _rendered(check: _Check) -> list[str]:
    """The problems, and where the service identifiers are when one is unknown (an id typed
    from the service's name, « etat-civil » for « actes-etat-civil », said nothing more)."""
    lines = check.problems.render()
    if check.problems.has("unknown_service"):
        lines.append(_services_hint(check.campaign.name))
    return lines


def _services_hint(campaign: str) -> str:
    command = f"barometre services list --campaign {shlex.quote(campaign)}"
    return f"identifiants des services : « {command} »"


def _already(previous: ImportBatch, campaign: Campaign) -> str:
    when = previous.created_at.strftime("%d/%m/%Y à %H:%M UTC")
    return (
        f"Ce fichier a déjà été importé dans la campagne « {campaign.name} » le {when} "
        f"({counted(previous.cells, 'cellule', 'cellules')}, par « {previous.author} ») ; "
        "rien n'a été écrit. "
        "Relancez avec --force pour l'enregistrer à nouveau dans l'historique."
    )


@transaction.atomic
def _write(
    table: Table, form: str, check: _Check, *, digest: str, author: str, now: datetime
) -> None:
    batch = ImportBatch.objects.create(
        campaign=check.campaign,
        file_name=surrogate_shown(table.path.name)[:255],
        sha256=digest,
        author=author,
        form=form,
        created_at=now,
    )
    services = {slug: s.pk for slug, s in check.services.items()}
    batch.cells = batch_write(
        batch=batch, values=_valid(_values(table, form, check.services)), services=services, now=now
    )
    if batch.cells != check.cells or file_sha256(table.path) != digest:
        raise BarometreError(f"Le fichier {table.path} a changé pendant l'import ; relancez-le.")
    batch.save(update_fields=["cells"])


def _valid(values: Iterator[tuple[int, NewValue | str]]) -> Iterator[NewValue]:
    for line, value in values:
        if isinstance(value, str):
            raise BarometreError(f"ligne {line} : {value} (le fichier a changé pendant l'import)")
        yield value


def _form(table: Table, services: dict[str, Service], path: Path, *, campaign: str) -> str:
    header = set(table.header) - {""}
    if "service_id" in header:
        missing = [c for c in LONG_COLUMNS if c not in header]
        unknown = sorted(header - set(LONG_COLUMNS) - INFORMATIONAL)
        problems = [f"colonne manquante : {c}" for c in missing]
        problems += [f"colonne inconnue : {c}" for c in unknown]
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
                    f"colonne inconnue (ni service du catalogue ni colonne admise) : {c}"
                    for c in unknown
                ]
                + [_services_hint(campaign)],
            )
        return "wide"
    wrong = wrong_separator([name for name in table.header if name])
    raise ValidationFailed(
        f"Format non reconnu ({path})",
        [
            *([wrong] if wrong else []),  # a pipe-separated file: why its columns are not read
            "forme longue : commune_code,service_id,level,evidence_url,note ; "
            "forme large : commune_code puis une colonne par identifiant de service",
            _services_hint(campaign),
        ],
    )


def _level(raw: str) -> tuple[int | None, bool] | str:
    text = raw.strip().lower()
    if text in NA_WORDS:
        return None, True
    if text in _LEVELS:  # ASCII digits only: "³".isdigit() is true
        return _LEVELS[text], False
    if raw:
        return f"niveau « {raw[:40]} » invalide (0 à 5 ou na)"
    return _LEVEL_MISSING


# A row of the long template left empty: a grid is filled over days, so say what to do with it.
_LEVEL_MISSING = (
    "niveau manquant (en forme longue, supprimez les lignes que vous ne remplissez pas "
    "encore ; en forme large, une case vide n'importe rien)"
)


def _values(
    table: Table, form: str, services: dict[str, Service]
) -> Iterator[tuple[int, NewValue | str]]:
    """Each row's values (one in long form, one per filled service column in wide form)."""
    columns = [c for c in table.header if c in services]
    for line, row in table.rows():
        if isinstance(row, str):
            yield line, row
        elif form == "long":
            yield line, _value(row, row.get("service_id", ""), row.get("level", ""), "")
        else:
            for column in columns:
                if raw := row.get(column, ""):
                    yield line, _value(row, column, raw, column)


def _value(row: dict[str, str], service: str, raw: str, column: str) -> NewValue | str:
    level = _level(raw)
    if isinstance(level, str):
        return f"{column} : {level}" if column else level
    prefix = f"{column}." if column else ""
    return NewValue(
        commune=commune_code_normalise(row.get("commune_code", "")),
        service=service,
        level=level[0],
        not_applicable=level[1],
        evidence_url=row.get(f"{prefix}evidence_url") or row.get("evidence_url", ""),
        note=row.get(f"{prefix}note") or row.get("note", ""),
        provider=row.get("provider", ""),
    )


class _Check:
    """One pass over the values: every problem found, duplicates by an array of first lines."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.services = {
            s.slug: s for s in Service.objects.filter(catalogue_id=campaign.catalogue_id)
        }
        self.known = set(Commune.objects.values_list("code", flat=True))
        members = campaign.communes.order_by("code").values_list("code", flat=True)
        self.members = {code: index for index, code in enumerate(members)}
        self.service_index = {slug: index for index, slug in enumerate(self.services)}
        self.first_line = array("l", [0]) * (len(self.members) * len(self.services))
        self.problems = Problems()
        self.cells = 0

    def run(self, values: Iterator[tuple[int, NewValue | str]]) -> tuple[int, int, int]:
        not_applicable, communes = 0, set()
        for line, value in values:
            if isinstance(value, str):
                self.problems.add(line, value)
            elif self._accept(line, value):
                self.cells += 1
                not_applicable += value.not_applicable
                communes.add(value.commune)
        return self.cells, not_applicable, len(communes)

    def _accept(self, line: int, value: NewValue) -> bool:
        code, slug = value.commune, value.service
        if not code:
            self.problems.add(line, "code de commune vide")
        elif code not in self.known:
            self.problems.add(
                line, f"commune inconnue « {code[:20]} »", kind="unknown_commune", subject=code
            )
        elif code not in self.members:
            self.problems.add(
                line, f"commune « {code} » hors de la campagne", kind="not_member", subject=code
            )
        elif slug not in self.services:
            self.problems.add(
                line, f"service inconnu « {slug[:40]} »", kind="unknown_service", subject=slug
            )
        elif problem := value_problem(value, max_level=self.services[slug].max_level):
            self.problems.add(line, f"{slug} : {problem}")
        elif "@" in urlsplit(value.evidence_url).netloc:  # it would be published
            self.problems.add(
                line, f"{slug} : URL de preuve avec un identifiant ou un mot de passe, à retirer"
            )
        else:
            index = self.members[code] * len(self.services) + self.service_index[slug]
            if first := self.first_line[index]:
                self.problems.add(
                    line, f"cellule en double ({code}, {slug}), déjà à la ligne {first}"
                )
                return False
            self.first_line[index] = line
            return True
        return False
