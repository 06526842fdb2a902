"""Storing one programme read from a file: refused, already there, a duplicate, replaced or new,
each in its own transaction, with the sentences that carry its themes."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation

from barometre.core.surrogates import surrogate_shown
from barometre.outputs.labels import date_label
from barometre.programmes.analysis import (
    ProgrammeAnalysis,
)
from barometre.programmes.elections import by_election_warning
from barometre.programmes.ingestion import (
    Extracted,
    IngestionError,
    open_regular,
)
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.outcomes import (
    ALREADY,
    DUPLICATE,
    FOREIGN,
    IMPORTED,
    NO_TEXT,
    REFUSED,
    REPLACED,
    UPDATED,
    FileOutcome,
)
from barometre.programmes.selectors import list_key
from barometre.referential.models import Commune


@dataclass
class Job:
    source: str
    meta: ProgrammeMeta
    path: Path
    line: int | None = None
    extracted: Extracted | None = None
    demo: bool = False  # a made-up programme of the demonstration (Programme.is_demo)
    outcome: FileOutcome | None = None


def job_refused(job: Job, message: str) -> FileOutcome:
    return FileOutcome(job.source, REFUSED, message, None, job.line)


def _find_list(meta: ProgrammeMeta) -> Programme | None:
    """The programme already stored for this list and round; a list is known by its name
    whatever its capitals and spaces, as the reports count it (selectors.one_per_list)."""
    same_round = Programme.objects.filter(
        commune_id=meta.commune_code, election=meta.election, round=meta.round
    ).order_by("pk")
    wanted = list_key(meta.list_name)
    names = same_round.values_list("pk", "list_name")
    found = next((pk for pk, name in names if list_key(name) == wanted), None)
    return None if found is None else same_round.get(pk=found)


def job_check(job: Job) -> None:
    """Refuse an unknown commune; skip, without reading it, a file already imported as is (so
    that an interrupted import can simply be run again)."""
    if job.outcome is not None:
        return
    if not Commune.objects.filter(pk=job.meta.commune_code).exists():
        job.outcome = job_refused(job, f"commune {job.meta.commune_code} inconnue du référentiel")
        return
    existing = _find_list(job.meta)
    if existing is not None and existing.file_sha256 == _file_sha256(job.path):
        job.outcome = _already(job, existing)


_LABELS = {
    "head_of_list": "tête de liste",
    "won": "élue",
    "source_url": "adresse source",
    "published_on": "date de publication",
}


def _shown(value: object) -> str:
    """A stored value as the import report names it: oui/non, a date, quoted text or vide."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if value is None or value == "":
        return "vide"
    if isinstance(value, dt.date):
        with translation.override("fr"):  # "1er mars 2014", as the rest of the CLI
            return date_label(value)
    return f"« {value} »"


def _already(job: Job, existing: Programme) -> FileOutcome:
    """The same programme again: keep it, but take the manifest's head of list, result, source
    and date (a column the manifest lacks leaves the stored value alone); the report says what
    changed, from what to what ("élue" alone did not say whether the list now won or lost)."""
    changed: list[str] = []
    notes: list[str] = []
    for name in _LABELS:
        before, after = getattr(existing, name), getattr(job.meta, name)
        if name in job.meta.given and before != after:
            setattr(existing, name, after)
            changed.append(name)
            notes.append(f"{_LABELS[name]} ({_shown(before)} → {_shown(after)})")
    if changed:
        existing.save(update_fields=[*changed, "updated_at"])
    notes = [f"{UPDATED} {', '.join(notes)}"] if notes else []
    notes += _won_twice(existing)
    return FileOutcome(
        job.source, ALREADY, "; ".join(notes), existing.pk, job.line, existing.page_count
    )


def _won_twice(programme: Programme) -> list[str]:
    """A warning when another list of the same commune and election is marked as won too."""
    if not programme.won:
        return []
    others = {
        list_key(name): name
        for name in Programme.objects.filter(
            commune_id=programme.commune_id,
            election=programme.election,
            won=True,
            is_demo=programme.is_demo,  # a demo list is no rival of a real one
        )
        .exclude(pk=programme.pk)
        .values_list("list_name", flat=True)
    }
    others.pop(list_key(programme.list_name), None)  # the same list in the other round
    if not others:
        return []
    names = ", ".join(f"« {name} »" for name in sorted(others.values()))
    return [
        f"attention : la liste {names} est aussi marquée élue pour cette commune et cette "
        "élection (une seule liste est élue)"
    ]


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open_regular(path) as file:
            for block in iter(lambda: file.read(2**20), b""):
                digest.update(block)
    except (OSError, IngestionError):
        return ""  # reading it properly will report the problem
    return digest.hexdigest()


def _same_text(extracted: Extracted, existing: Programme | None, demo: bool) -> Programme | None:
    """A programme with the same text, among real ones (or demonstration ones for a demo)."""
    queryset = Programme.objects.filter(is_demo=demo).exclude(pk=existing.pk if existing else None)
    if extracted.text_sha256:
        queryset = queryset.filter(text_sha256=extracted.text_sha256)
    else:
        queryset = queryset.filter(file_sha256=extracted.file_sha256)
    return queryset.select_related("commune").order_by("pk").first()


def _conflict(job: Job, existing: Programme | None, replace: bool) -> FileOutcome | None:
    """The outcome when this list already has a programme and it must not be replaced."""
    extracted = job.extracted
    assert extracted is not None
    if existing is None:
        return None
    if job.demo and not existing.is_demo:  # a real programme is never replaced by a demo one
        return job_refused(job, "un programme réel est déjà importé pour cette liste")
    same = existing.file_sha256 == extracted.file_sha256 or (
        bool(extracted.text_sha256) and existing.text_sha256 == extracted.text_sha256
    )
    if same:
        return _already(job, existing)
    if replace:
        return None
    message = "un autre texte est déjà importé pour cette liste (--replace pour le remplacer)"
    return job_refused(job, message)


def job_store(job: Job, analysis: ProgrammeAnalysis | None, *, replace: bool) -> FileOutcome:
    """Write one programme and its evidence sentences in one transaction."""
    extracted, meta = job.extracted, job.meta
    assert extracted is not None
    existing = _find_list(meta)
    conflict = _conflict(job, existing, replace)
    if conflict is not None:
        return conflict
    twin = _same_text(extracted, existing, job.demo)
    if twin and twin.commune_id == meta.commune_code and twin.election == meta.election:
        message = f"même texte que le programme de la liste « {twin.list_name} » (n° {twin.pk})"
        return FileOutcome(job.source, DUPLICATE, message, None, job.line, extracted.page_count)
    warnings = [extracted.problem] if extracted.problem else []
    if note := by_election_warning(meta.election):
        warnings.append(note)
    if twin:
        warnings.append(
            f"texte identique au programme n° {twin.pk} ({twin.commune.name}, {twin.election}, "
            f"« {twin.list_name} »)"
        )
    fields = _fields(job, existing, twin)
    with transaction.atomic():
        # replaced in place: its number, in /api/v1/programmes/<id> links, stays the same
        programme = _replaced(existing, fields) if existing else Programme.objects.create(**fields)
        if analysis is not None:
            programme_store_analysis(programme, analysis)
    warnings += _won_twice(programme)
    unread = {"no_text": NO_TEXT, "foreign": FOREIGN}
    status = REPLACED if existing else unread.get(extracted.status, IMPORTED)
    return FileOutcome(
        job.source,
        status,
        "; ".join(warnings),
        programme.pk,
        job.line,
        extracted.page_count,
        programme.tokens,
    )


def _fields(job: Job, existing: Programme | None, twin: Programme | None) -> dict[str, object]:
    """The stored fields of a job's programme: the manifest's, the extracted text's."""
    extracted, meta = job.extracted, job.meta
    assert extracted is not None
    kept = {
        name: getattr(existing if existing is not None and name not in meta.given else meta, name)
        for name in ("head_of_list", "won", "source_url", "published_on")
    }  # a column the manifest lacks leaves the stored value alone
    return {
        "commune_id": meta.commune_code,
        "election": meta.election,
        "list_name": meta.list_name,
        "round": meta.round,
        **kept,
        "source_name": surrogate_shown(job.path.name),
        "format": extracted.format,
        "file_sha256": extracted.file_sha256,
        "text_sha256": extracted.text_sha256,
        "text": extracted.text,
        "page_count": extracted.page_count,
        "ocr": extracted.ocr,
        "status": extracted.status,
        "problem": extracted.problem,
        "duplicate_of": twin,
        "is_demo": job.demo,
    }


def _replaced(existing: Programme, fields: dict[str, object]) -> Programme:
    """The programme given a new text under the same number: its sentences, reading and the
    copies that pointed at its old text are cleared, as a deletion would have done."""
    existing.sentences.all().delete()
    existing.copies.update(duplicate_of=None)
    reading = {"tokens": 0, "mentions_digital": False, "themes": [], "disruptive": False}
    for name, value in {**fields, **reading, "themes_version": "", "read_at": None}.items():
        setattr(existing, name, value)
    existing.save()
    return existing


def programme_store_analysis(programme: Programme, analysis: ProgrammeAnalysis) -> None:
    """Copy the summary onto the programme and keep the sentences that carry a theme."""
    programme.tokens = analysis.tokens
    programme.mentions_digital = analysis.mentions_digital
    programme.themes = list(analysis.themes)
    programme.disruptive = analysis.disruptive
    programme.themes_version = analysis.themes_version
    programme.read_at = timezone.now()
    programme.save(
        update_fields=[
            "tokens",
            "mentions_digital",
            "themes",
            "disruptive",
            "themes_version",
            "read_at",
            "updated_at",
        ]
    )
    ProgrammeSentence.objects.bulk_create(
        ProgrammeSentence(
            programme=programme,
            index=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            themes=list(s.themes),
            disruptive=s.disruptive,
            evidence=list(s.evidence),
        )
        for s in analysis.evidence
    )
