"""What a long step shows while it runs: a spinner or a bar on a terminal, plain lines otherwise.

`step(label)` wraps one long call (loading the referential, loading spaCy, importing a large
file): on a terminal, rich draws a spinner with the elapsed time; elsewhere (a log, a CI job) one
line says the step started and one says how long it took, so that no minute passes in silence.
`counter(total)` returns a callback `(done, label)` for loops over items: a bar with the rate on
a terminal, a line every 10 seconds elsewhere; `counting(total)` gives it for a block, the bar
cleared when the block ends, before the command prints what it did. Everything goes to stderr;
rich is imported only when something is drawn.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

PLAIN_EVERY = 10.0  # seconds between two plain progress lines


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " s"


@contextmanager
def step(label: str, *, stream: IO[str] | None = None) -> Iterator[None]:
    """Show `label` while the block runs, then how long it took."""
    out = stream or sys.stderr
    started = time.perf_counter()
    if out.isatty():
        from rich.console import Console

        with Console(file=out).status(f"{label}…"):
            yield
    else:
        out.write(f"{label}…\n")
        out.flush()
        yield
    out.write(f"{label} : fait en {_seconds(time.perf_counter() - started)}.\n")
    out.flush()


def counter(
    total: int | None = None, *, label: str = "", stream: IO[str] | None = None
) -> Callable[[int, str], None]:
    """A callback `(done, item)` that shows how far a loop has gone, and its rate."""
    out = stream or sys.stderr
    started = time.perf_counter()
    if out.isatty():
        return _rich_counter(total, label, out)[0]
    last = [started]

    def plain(done: int, item: str = "") -> None:
        now = time.perf_counter()
        if now - last[0] < PLAIN_EVERY and done != total:
            return
        last[0] = now
        share = f"{done}/{total}" if total else str(done)
        rate = done / max(now - started, 1e-6)
        shown = f"{rate:.1f}".replace(".", ",")  # French notation, as _seconds
        out.write(f"{label} {share} ({shown}/s) {item}".strip() + "\n")
        out.flush()

    return plain


@contextmanager
def counting(
    total: int | None = None, *, label: str = "", stream: IO[str] | None = None
) -> Iterator[Callable[[int, str], None]]:
    """`counter` for the loop the block runs: on a terminal its bar is cleared when the block
    ends. A bar is cleared by itself only once `done` reaches `total`: a loop with no total
    (the files of a manifest, the programmes read again) or stopped short left its last line,
    "Liste B ━━━ 2/? 0:00:04", with the command's summary written after it."""
    out = stream or sys.stderr
    if not out.isatty():
        yield counter(total, label=label, stream=out)
        return
    draw, stop = _rich_counter(total, label, out)
    try:
        yield draw
    finally:
        stop()


def _rich_counter(
    total: int | None, label: str, out: IO[str]
) -> tuple[Callable[[int, str], None], Callable[[], None]]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    def speed(task: Any) -> Text:  # French notation, as the plain lines; nothing before a rate
        rate = task.speed
        return Text("" if rate is None else f"{rate:.1f}".replace(".", ",") + "/s")

    class SpeedColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return speed(task)

    columns: list[Any] = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn()]
    columns += [SpeedColumn() if total else TextColumn(""), TimeElapsedColumn()]
    bar = Progress(*columns, console=Console(file=out), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()

    def draw(done: int, item: str = "") -> None:
        bar.update(task, completed=done, description=f"{label} {item}".strip())
        if total is not None and done >= total:
            bar.stop()

    return draw, bar.stop  # stopping twice is harmless
