"""Errors that a user can act on. Commands print them in French without a traceback."""

from __future__ import annotations


class BarometreError(Exception):
    """An error with a message meant for the user (in French)."""


class ServerCommandNeeded(BarometreError):
    """A user error whose way out is a barometre command, typed on the server. The message, the
    command line's, names the command; `on_web` says the same for a web page, where an auditor
    cannot type it, with what to do there or whom to ask; `commands` are the commands, which a
    page shows in <code> (outside its translated sentences) to an administrator only.
    `on_web_admin` says it to that administrator, who is the one to ask (`on_web` when empty),
    and `admin_page` names the Django admin page doing the same, if any (a URL name)."""

    def __init__(
        self,
        message: str,
        *,
        on_web: str,
        commands: tuple[str, ...],
        on_web_admin: str = "",
        admin_page: str = "",
    ) -> None:
        super().__init__(message)
        self.on_web = on_web
        self.commands = commands
        self.on_web_admin = on_web_admin or on_web
        self.admin_page = admin_page


class ValidationFailed(BarometreError):
    """Input was refused; `problems` lists every reason, one line each."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        lines = [self.args[0], *(f"  - {p}" for p in self.problems)]
        return "\n".join(lines)
