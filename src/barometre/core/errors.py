"""Errors that a user can act on. Commands print them in French without a traceback."""

from __future__ import annotations


class BarometreError(Exception):
    """An error with a message meant for the user (in French)."""


class ValidationFailed(BarometreError):
    """Input was refused; `problems` lists every reason, one line each."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        lines = [self.args[0], *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)
