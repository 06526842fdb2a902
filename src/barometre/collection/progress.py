"""The crawl's progress line: sites, pages, rate, errors, shown while an audit or a worker runs.

On a terminal the line is redrawn in place; elsewhere (a log file, systemd's journal) a full
line is written at most every `LOG_INTERVAL` seconds, so that a long audit is never silent.
"""

from __future__ import annotations

import time
from typing import Any

from barometre.collection.services.consumer import AuditProgress
from barometre.core.plural import counted
from barometre.core.typography import grouped, with_unit
from barometre.outputs.labels import number

LOG_INTERVAL = 30.0
_last_line: dict[int, float] = {}
_announced: dict[int, int] = {}  # the stop request is written once, whatever the interval


def progress_line(progress: AuditProgress) -> str:
    """« 3 sites sur 10 (1 échec) · 120 pages · 2,5 pages/s · 0 erreur » (a worker,
    which has no total: « 3 sites traités (1 échec) · … »): each count before its noun, the
    noun in the singular for 0 and 1 as French has it."""
    done = progress.sites_done + progress.sites_failed
    if progress.sites_total:
        sites = f"{counted(done, 'site', 'sites')} sur {grouped(progress.sites_total)}"
    else:  # a worker: its sites come one by one, no total to read it against
        sites = counted(done, "site traité", "sites traités")
    line = (
        f"{sites} ({counted(progress.sites_failed, 'échec', 'échecs')}) · "
        f"{counted(progress.pages, 'page', 'pages')} · "
        f"{with_unit(number(progress.rate, 1), 'pages/s')} · "
        f"{counted(progress.errors, 'erreur', 'erreurs')}"
    )
    if progress.interrupts == 1:
        line += (
            " · arrêt demandé : les requêtes en cours se terminent, les sites finis sont "
            "enregistrés (Ctrl-C à nouveau pour arrêter net)"
        )
    return line


def end_progress(stream: Any) -> None:
    """Before a command's last lines: on a terminal, the line drawn in place is cleared (the
    next line would be written after it); elsewhere, what was written is sent at once (a log
    reads the progress lines before the summary)."""
    if stream.isatty():
        stream.write("\r\033[K", ending="")
    stream.flush()


def show_progress(progress: AuditProgress, stream: Any) -> None:
    """Write the progress line to a command's `self.stderr` (a terminal: in place; else: now
    and then)."""
    line = progress_line(progress)
    if stream.isatty():
        stream.write(f"\r{line}\033[K", ending="")
        stream.flush()
        return
    now = time.monotonic()
    announce = progress.interrupts == 1 and _announced.get(id(progress)) != 1
    if announce or now - _last_line.get(id(progress), -LOG_INTERVAL) >= LOG_INTERVAL:
        _announced[id(progress)] = progress.interrupts
        _last_line[id(progress)] = now
        stream.write(line)
        stream.flush()
