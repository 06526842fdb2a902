"""What serving needs before the first request: an up-to-date database and the roles."""

from __future__ import annotations

from django.core.management import call_command

from barometre.web.roles import roles_ensure


def serve_prepare() -> None:
    """Apply pending migrations (quietly) and make sure the three roles exist."""
    call_command("migrate", interactive=False, verbosity=0)
    roles_ensure()
