"""Writing programmes: import one file or a folder described by a manifest.

Each file is read and analysed outside any transaction, then stored in its own transaction
(programmes/storage.py), so that a bad file never costs the others: the import report lists
every file's outcome. Files are read in batches, the next batch while one is analysed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.db import DatabaseError

from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS, TableLimits
from barometre.core.database_reason import database_write_failed
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason
from barometre.core.plural import counted
from barometre.programmes.analysis import (
    ProgrammeAnalysis,
    ThemeSet,
    analyse_text,
    analyse_texts,
    load_themes,
)
from barometre.programmes.ingestion import (
    DEFAULT_LIMITS,
    Limits,
)
from barometre.programmes.manifest import ManifestRow, ProgrammeMeta, parse_manifest
from barometre.programmes.outcomes import FileOutcome, ImportReport
from barometre.programmes.reading import BatchReader, auto_workers
from barometre.programmes.storage import (
    Job,
    job_check,
    job_refused,
    job_store,
)

logger = logging.getLogger(__name__)
# A text the analysis breaks on: said in French, the exception (English) only in the log
ANALYSIS_FAILED = (
    "le texte a été lu mais son analyse automatique a échoué (erreur interne du lecteur de "
    "programmes, détail technique dans le journal) : rien n'est enregistré pour ce fichier ; "
    "signalez-le avec le fichier"
)

CHUNK_FILES = 16  # files extracted, then analysed together (spaCy batches across texts)


def _analyse(jobs: list[Job], themes: ThemeSet | None) -> dict[int, ProgrammeAnalysis]:
    """Analyse a chunk's readable texts together; a text that breaks the analysis is refused.
    `themes` is None only when no job can be analysed (every manifest row refused)."""
    readable = [j for j in jobs if j.outcome is None and j.extracted and j.extracted.status == "ok"]
    if not readable:
        return {}
    assert themes is not None
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
            job.outcome = job_refused(job, ANALYSIS_FAILED)
    return results


def _batches(jobs: Iterable[Job]) -> Iterator[list[Job]]:
    batch: list[Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == CHUNK_FILES:
            yield batch
            batch = []
    if batch:
        yield batch


def _start(batch: list[Job], reader: BatchReader) -> Callable[[], None]:
    """Check communes, start reading the batch's files; the returned function waits for them."""
    for job in batch:
        job_check(job)
    wanted = [job for job in batch if job.outcome is None]
    wait = reader.submit([job.path for job in wanted])

    def finish() -> None:
        for job, (extracted, problem) in zip(wanted, wait(), strict=True):
            job.extracted = extracted
            if extracted is None:
                job.outcome = job_refused(job, problem)

    return finish


def _finish(batch: list[Job], *, themes: ThemeSet | None, replace: bool) -> Iterator[FileOutcome]:
    results = _analyse(batch, themes)
    for job in batch:
        if job.outcome is not None:
            yield job.outcome
            continue
        try:
            yield job_store(job, results.get(id(job)), replace=replace)
        except BarometreError as error:
            yield job_refused(job, f"enregistrement impossible : {error}")
        except DatabaseError as error:  # the driver's English goes to the log, its gist in French
            logger.warning("storing %s failed: %s", job.source, error)
            yield job_refused(
                job, f"enregistrement impossible : {database_write_failed(str(error))}"
            )


def _run(
    jobs: Iterable[Job],
    *,
    limits: Limits,
    ocr: bool,
    replace: bool,
    themes: ThemeSet | None,
    workers: int = 0,
) -> Iterator[FileOutcome]:
    """Read batch k+1 (in a helper process if `workers`) while batch k is analysed and stored."""
    with BatchReader(workers=workers, limits=limits, ocr=ocr) as reader:
        pending: tuple[list[Job], Callable[[], None]] | None = None
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
    job = Job(str(path), meta, path, demo=is_demo)
    outcomes = _run([job], limits=limits, ocr=ocr, replace=replace, themes=themes or load_themes())
    return next(outcomes)


# The way past a path refused for leaving the manifest's folder; not for a path that cannot be
# read at all (a symlink loop), which the option would not make readable.
_ALLOW = "(--allow-outside-folder pour l'autoriser)"


def _outside(folder: Path, file: str) -> str:
    """Why a manifest path must not be read, or "": it must stay inside the folder."""
    if Path(file).is_absolute():
        return (
            f"chemin absolu « {file} » refusé : le fichier doit être dans le dossier du manifeste "
            f"{_ALLOW}"
        )
    try:
        (folder / file).resolve().relative_to(folder.resolve())
    except ValueError:
        return (
            f"« {file} » sort du dossier du manifeste (« .. » ou lien symbolique) : refusé {_ALLOW}"
        )
    except RuntimeError:  # a symlink loop (Python 3.11 and 3.12; later ones raise ELOOP)
        return f"« {file} » : chemin illisible (boucle de liens symboliques)"
    except OSError as error:
        return f"« {file} » : chemin illisible ({os_reason(error)})"
    return ""


def _jobs(rows: list[ManifestRow], folder: Path, *, allow_outside: bool) -> Iterator[Job]:
    for row in rows:
        if row.meta is None:
            placeholder = ProgrammeMeta("", 0, "")
            job = Job(row.file or "(sans fichier)", placeholder, folder, row.line)
            job.outcome = job_refused(job, row.problem)
        else:
            job = Job(row.file, row.meta, folder / row.file, row.line)
            if not allow_outside and (problem := _outside(folder, row.file)):
                job.outcome = job_refused(job, problem)
        yield job


def manifest_read(
    manifest: Path, *, limits: TableLimits = DEFAULT_TABLE_LIMITS
) -> list[ManifestRow]:
    """The rows of a manifest file; BarometreError in French when it cannot be read, its
    structure is wrong or it is over `limits` (its size, its rows: `--max-mb`, `--max-rows`,
    as the other imports of a table) (cheap: the command calls it before loading spaCy)."""
    if manifest.is_dir():
        raise BarometreError(f"« {manifest} » est un dossier : donnez le fichier CSV du manifeste")
    try:
        _manifest_size_check(manifest, limits)
        data = manifest.read_bytes()
    except FileNotFoundError:
        raise BarometreError(f"manifeste introuvable : {manifest}") from None
    except OSError:
        raise BarometreError(f"manifeste illisible : {manifest} (droits d'accès ?)") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise BarometreError(
            f"manifeste illisible : {manifest} doit être en UTF-8 (ligne {line})"
        ) from None
    rows = parse_manifest(text)
    if len(rows) > limits.max_rows:
        raise BarometreError(
            f"manifeste refusé : {manifest} a plus de "
            f"{counted(limits.max_rows, 'ligne', 'lignes')} de fichiers (--max-rows pour relever "
            "le plafond)"
        )
    return rows


def _manifest_size_check(manifest: Path, limits: TableLimits) -> None:
    """Refuse a manifest over `limits.max_bytes` before reading it (it is read whole)."""
    size = manifest.stat().st_size
    if size > limits.max_bytes:
        raise BarometreError(
            f"manifeste refusé : {manifest} fait {size / 2**20:.0f} Mo, au-delà du plafond "
            f"de {limits.max_bytes // 2**20} Mo (--max-mb pour le relever)"
        )


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
    table_limits: TableLimits = DEFAULT_TABLE_LIMITS,
) -> ImportReport:
    """Import every file a manifest lists; file paths are relative to `folder` (default: the
    manifest's folder) and must stay inside it (symbolic links resolved) unless `allow_outside`.
    Each file is stored in its own transaction.

    `workers` helper processes read the next files while others are analysed; None chooses (one
    when there are several batches and cores). Helpers are started with "spawn", which imports
    the caller's main script again: call with workers from a script only under
    ``if __name__ == "__main__":`` (the `barometre` command is).
    """
    rows = manifest_read(manifest, limits=table_limits)
    if workers is None:
        workers = auto_workers(len(rows), CHUNK_FILES)
    base = folder if folder is not None else manifest.parent
    started = time.perf_counter()
    outcomes = []
    jobs = _jobs(rows, base, allow_outside=allow_outside)
    # the themes load spaCy's model (seconds): not when every row is refused at parsing
    theme_set = themes or (load_themes() if any(row.meta for row in rows) else None)
    run = _run(jobs, limits=limits, ocr=ocr, replace=replace, themes=theme_set, workers=workers)
    for outcome in run:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), outcome.source)
    return ImportReport(tuple(outcomes), time.perf_counter() - started)
