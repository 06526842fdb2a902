"""The base class of every barometre command: clean errors, timing and progress.

Commands stay thin: they parse arguments, call one service and print what it returned.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from barometre.core.errors import BarometreError


class BarometreCommand(BaseCommand):
    """A management command that turns BarometreError into a clean message and exit code 1."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.prog = f"barometre {subcommand}"
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        started = time.perf_counter()
        try:
            result: str | None = super().execute(*args, **options)
        except BarometreError as error:
            raise CommandError(str(error)) from error
        if options.get("verbosity", 1) >= 2:
            self.stderr.write(f"({time.perf_counter() - started:.2f} s)")
        return result

    def progress(self, total: int | None = None) -> Callable[[int, str], None]:
        """Return a callback that redraws one progress line on stderr when it is a terminal."""
        interactive = sys.stderr.isatty()
        started = time.perf_counter()

        def report(done: int, label: str = "") -> None:
            if not interactive:
                return
            elapsed = max(time.perf_counter() - started, 1e-6)
            share = f"{done}/{total}" if total else str(done)
            sys.stderr.write(f"\r{share} {label} ({done / elapsed:.1f}/s)\033[K")
            sys.stderr.flush()

        return report
