"""Writing programmes: import one file or a folder described by a manifest.

Each file is read and analysed outside any transaction, then stored in its own transaction, so
that a bad file never costs the others: the import report lists every file's outcome.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils import timezone

from barometre.core.errors import BarometreError
from barometre.core.surrogates import surrogate_shown
from barometre.programmes.analysis import (
    ProgrammeAnalysis,
    ThemeSet,
    analyse_text,
    analyse_texts,
    load_themes,
)
from barometre.programmes.elections import by_election_warning
from barometre.programmes.ingestion import (
    DEFAULT_LIMITS,
    Extracted,
    IngestionError,
    Limits,
    open_regular,
)
from barometre.programmes.manifest import ManifestRow, ProgrammeMeta, parse_manifest
from barometre.programmes.models import Programme, ProgrammeSentence
from barometre.programmes.outcomes import (
    ALREADY,
    DUPLICATE,
    FOREIGN,
    IMPORTED,
    NO_TEXT,
    REFUSED,
    REPLACED,
    FileOutcome,
    ImportReport,
)
from barometre.programmes.reading import BatchReader, auto_workers
from barometre.programmes.selectors import list_key
from barometre.referential.models import Commune

logger = logging.getLogger(__name__)
# A text the analysis breaks on: said in French, the exception (English) only in the log
ANALYSIS_FAILED = (
    "le texte a été lu mais son analyse automatique a échoué (erreur interne du lecteur de "
    "programmes, détail technique dans le journal) : rien n'est enregistré pour ce fichier ; "
    "signalez-le avec le fichier"
)

CHUNK_FILES = 16  # files extracted, then analysed together (spaCy batches across texts)


@dataclass
class _Job:
    source: str
    meta: ProgrammeMeta
    path: Path
    line: int | None = None
    extracted: Extracted | None = None
    demo: bool = False  # a made-up programme of the demonstration (Programme.is_demo)
    outcome: FileOutcome | None = None


def _refused(job: _Job, message: str) -> FileOutcome:
    return FileOutcome(job.source, REFUSED, message, None, job.line)


def _find_list(meta: ProgrammeMeta) -> Programme | None:
    return Programme.objects.filter(
        commune_id=meta.commune_code,
        election=meta.election,
        list_name=meta.list_name,
        round=meta.round,
    ).first()


def _check(job: _Job) -> None:
    """Refuse an unknown commune; skip, without reading it, a file already imported as is (so
    that an interrupted import can simply be run again)."""
    if job.outcome is not None:
        return
    if not Commune.objects.filter(pk=job.meta.commune_code).exists():
        job.outcome = _refused(job, f"commune {job.meta.commune_code} inconnue du référentiel")
        return
    existing = _find_list(job.meta)
    if existing is not None and existing.file_sha256 == _file_sha256(job.path):
        job.outcome = _already(job, existing)


def _already(job: _Job, existing: Programme) -> FileOutcome:
    """The same programme again: keep it, but take the manifest's head of list and result (a
    column the manifest lacks leaves the stored value alone)."""
    changed = []
    given = job.meta.given
    if "head_of_list" in given and existing.head_of_list != job.meta.head_of_list:
        existing.head_of_list, changed = job.meta.head_of_list, [*changed, "head_of_list"]
    if "won" in given and existing.won != job.meta.won:
        existing.won, changed = job.meta.won, [*changed, "won"]
    if changed:
        existing.save(update_fields=changed)
    labels = {"head_of_list": "tête de liste", "won": "élue"}
    notes = [f"mis à jour : {', '.join(labels[c] for c in changed)}"] if changed else []
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
        f"attention : la liste {names} est aussi marquée élue pour cette commune et cette "
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


def _conflict(job: _Job, existing: Programme | None, replace: bool) -> FileOutcome | None:
    """The outcome when this list already has a programme and it must not be replaced."""
    extracted = job.extracted
    assert extracted is not None
    if existing is None:
        return None
    if job.demo and not existing.is_demo:  # a real programme is never replaced by a demo one
        return _refused(job, "un programme réel est déjà importé pour cette liste")
    same = existing.file_sha256 == extracted.file_sha256 or (
        bool(extracted.text_sha256) and existing.text_sha256 == extracted.text_sha256
    )
    if same:
        return _already(job, existing)
    if replace:
        return None
    message = "un autre texte est déjà importé pour cette liste (--replace pour le remplacer)"
    return _refused(job, message)


def _store(job: _Job, analysis: ProgrammeAnalysis | None, *, replace: bool) -> FileOutcome:
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
    head, won = meta.head_of_list, meta.won
    if existing is not None:  # a column the manifest lacks leaves the stored value alone
        head = head if "head_of_list" in meta.given else existing.head_of_list
        won = won if "won" in meta.given else existing.won
    fields = {
        "commune_id": meta.commune_code,
        "election": meta.election,
        "list_name": meta.list_name,
        "head_of_list": head,
        "round": meta.round,
        "won": won,
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


def _analyse(jobs: list[_Job], themes: ThemeSet) -> dict[int, ProgrammeAnalysis]:
    """Analyse a chunk's readable texts together; a text that breaks the analysis is refused."""
    readable = [j for j in jobs if j.outcome is None and j.extracted and j.extracted.status == "ok"]
    texts = [j.extracted.text for j in readable if j.extracted]
    try:
        return dict(zip(map(id, readable), analyse_texts(texts, themes=themes), strict=True))
    except Exception:  # an analysis bug on one text must not stop the import: retry one by one
        logger.exception("batch analysis failed; retrying file by file")
    results: dict[int, ProgrammeAnalysis] = {}
    for job, text in zip(readable, texts, strict=True):
        try:
            results[id(job)] = analyse_text(text, themes=themes)
        except Exception:  # same reason: report the file, go on; the traceback goes to the log
            logger.exception("analysis failed on %s", job.source)
            job.outcome = _refused(job, ANALYSIS_FAILED)
    return results


def _batches(jobs: Iterable[_Job]) -> Iterator[list[_Job]]:
    batch: list[_Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == CHUNK_FILES:
            yield batch
            batch = []
    if batch:
        yield batch


def _start(batch: list[_Job], reader: BatchReader) -> Callable[[], None]:
    """Check communes, start reading the batch's files; the returned function waits for them."""
    for job in batch:
        _check(job)
    wanted = [job for job in batch if job.outcome is None]
    wait = reader.submit([job.path for job in wanted])

    def finish() -> None:
        for job, (extracted, problem) in zip(wanted, wait(), strict=True):
            job.extracted = extracted
            if extracted is None:
                job.outcome = _refused(job, problem)

    return finish


def _finish(batch: list[_Job], *, themes: ThemeSet, replace: bool) -> Iterator[FileOutcome]:
    results = _analyse(batch, themes)
    for job in batch:
        if job.outcome is not None:
            yield job.outcome
            continue
        try:
            yield _store(job, results.get(id(job)), replace=replace)
        except (BarometreError, DatabaseError) as error:
            yield _refused(job, f"enregistrement impossible : {error}")


def _run(
    jobs: Iterable[_Job],
    *,
    limits: Limits,
    ocr: bool,
    replace: bool,
    themes: ThemeSet,
    workers: int = 0,
) -> Iterator[FileOutcome]:
    """Read batch k+1 (in a helper process if `workers`) while batch k is analysed and stored."""
    with BatchReader(workers=workers, limits=limits, ocr=ocr) as reader:
        pending: tuple[list[_Job], Callable[[], None]] | None = None
        for batch in _batches(jobs):
            started = (batch, _start(batch, reader))
            if pending is not None:
                pending[1]()
                yield from _finish(pending[0], themes=themes, replace=replace)
            pending = started
        if pending is not None:
            pending[1]()
            yield from _finish(pending[0], themes=themes, replace=replace)


def programme_import_file(
    *,
    path: Path,
    meta: ProgrammeMeta,
    replace: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    ocr: bool = True,
    themes: ThemeSet | None = None,
    is_demo: bool = False,
) -> FileOutcome:
    """Import one programme file with its metadata; `is_demo` only for the demonstration's
    made-up programmes (barometre/demo/programmes.py)."""
    job = _Job(str(path), meta, path, demo=is_demo)
    outcomes = _run([job], limits=limits, ocr=ocr, replace=replace, themes=themes or load_themes())
    return next(outcomes)


def _outside(folder: Path, file: str) -> str:
    """Why a manifest path must not be read, or "": it must stay inside the folder."""
    if Path(file).is_absolute():
        return (
            f"chemin absolu « {file} » refusé : le fichier doit être dans le dossier du manifeste"
        )
    try:
        (folder / file).resolve().relative_to(folder.resolve())
    except ValueError:
        return f"« {file} » sort du dossier du manifeste (« .. » ou lien symbolique) : refusé"
    except (OSError, RuntimeError) as error:  # a symlink loop
        return f"« {file} » : chemin illisible ({error})"
    return ""


def _jobs(rows: list[ManifestRow], folder: Path, *, allow_outside: bool) -> Iterator[_Job]:
    for row in rows:
        if row.meta is None:
            placeholder = ProgrammeMeta("", 0, "")
            job = _Job(row.file or "(sans fichier)", placeholder, folder, row.line)
            job.outcome = _refused(job, row.problem)
        else:
            job = _Job(row.file, row.meta, folder / row.file, row.line)
            if not allow_outside and (problem := _outside(folder, row.file)):
                job.outcome = _refused(job, f"{problem} (--allow-outside-folder pour l'autoriser)")
        yield job


def manifest_read(manifest: Path) -> list[ManifestRow]:
    """The rows of a manifest file; BarometreError in French when it cannot be read or its
    structure is wrong (cheap: the command calls it before loading spaCy)."""
    if manifest.is_dir():
        raise BarometreError(f"« {manifest} » est un dossier : donnez le fichier CSV du manifeste")
    try:
        data = manifest.read_bytes()
    except FileNotFoundError:
        raise BarometreError(f"manifeste introuvable : {manifest}") from None
    except OSError:
        raise BarometreError(f"manifeste illisible : {manifest} (droits d'accès ?)") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BarometreError(
            f"manifeste illisible : {manifest} doit être en UTF-8 (ligne {line})"
        ) from None
    return parse_manifest(text)


def programmes_import_folder(
    *,
    manifest: Path,
    folder: Path | None = None,
    replace: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    ocr: bool = True,
    themes: ThemeSet | None = None,
    progress: Callable[[int, str], None] | None = None,
    workers: int | None = 0,
    allow_outside: bool = False,
) -> ImportReport:
    """Import every file a manifest lists; file paths are relative to `folder` (default: the
    manifest's folder) and must stay inside it (symbolic links resolved) unless `allow_outside`.
    Each file is stored in its own transaction.

    `workers` helper processes read the next files while others are analysed; None chooses (one
    when there are several batches and cores). Helpers are started with "spawn", which imports
    the caller's main script again: call with workers from a script only under
    ``if __name__ == "__main__":`` (the `barometre` command is).
    """
    rows = manifest_read(manifest)
    if workers is None:
        workers = auto_workers(len(rows), CHUNK_FILES)
    base = folder if folder is not None else manifest.parent
    started = time.perf_counter()
    outcomes = []
    jobs = _jobs(rows, base, allow_outside=allow_outside)
    theme_set = themes or load_themes()
    run = _run(jobs, limits=limits, ocr=ocr, replace=replace, themes=theme_set, workers=workers)
    for outcome in run:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), outcome.source)
    return ImportReport(tuple(outcomes), time.perf_counter() - started)
