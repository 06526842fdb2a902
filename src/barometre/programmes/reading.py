"""Reading batches of programme files, in a helper process when there are many.

Extraction (pypdf, trafilatura) is CPU-bound Python; the analysis (spaCy) too. With a helper
process, the files of the next batch are read while the current batch is analysed and stored.
The helper is started with "spawn" (no fork of a process holding database connections) and
never touches the database.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from barometre.core.typography import with_unit
from barometre.programmes.ingestion import Extracted, IngestionError, Limits, read_document

logger = logging.getLogger(__name__)

Read = tuple[Extracted | None, str]  # the text, or None and the French reason of the refusal


def read_one(path: Path, limits: Limits, ocr: bool) -> Read:
    """Read a file within the time limit; a refusal is returned, not raised (exceptions cross
    processes badly)."""
    try:
        with time_limit(limits.max_seconds):
            return read_document(path, limits=limits, ocr=ocr), ""
    except IngestionError as error:
        return None, str(error)


class _Expired(BaseException):  # not an Exception: no reader's "except Exception" catches it
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` with an IngestionError("timeout").

    Uses SIGALRM, so it applies in a process's main thread (the `barometre` command and its
    helper processes); elsewhere the block runs unbounded. A long call inside a C extension is
    interrupted when it returns to Python: the size caps bound those.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise IngestionError(
            "timeout",
            f"lecture interrompue après {with_unit(f'{seconds:g}'.replace('.', ','), 's')} "
            "(--max-seconds pour relever la limite)",
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def auto_workers(files: int, batch: int) -> int:
    """One helper process when there is more than one batch and more than one core."""
    return 1 if files > batch and (os.cpu_count() or 1) > 1 else 0


class BatchReader:
    """`submit(paths)` starts reading and returns a function that waits for the results."""

    def __init__(self, *, workers: int, limits: Limits, ocr: bool) -> None:
        self.limits, self.ocr = limits, ocr
        self.pool = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            if workers > 0
            else None
        )

    def __enter__(self) -> BatchReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def submit(self, paths: Sequence[Path]) -> Callable[[], list[Read]]:
        if self.pool is None:
            results = [read_one(path, self.limits, self.ocr) for path in paths]
            return lambda: results
        futures = [self.pool.submit(read_one, path, self.limits, self.ocr) for path in paths]
        return lambda: [
            self._result(future, path) for future, path in zip(futures, paths, strict=True)
        ]

    def _result(self, future: Future[Read], path: Path) -> Read:
        try:
            return future.result()
        except Exception:  # the helper died (memory, a crash): read this file here instead
            logger.warning("helper process failed on %s; reading it in the main process", path)
            return read_one(path, self.limits, self.ocr)
