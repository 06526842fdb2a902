"""`barometre serve`: the web observatory on this machine (SQLite by default, DATABASE_URL)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from barometre.core.command import BarometreCommand
from barometre.web.serving import serve_prepare


class Command(BarometreCommand):
    help = "Sert le site de l'observatoire (pages publiques et espace des auditeurs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=8000, help="port (défaut : 8000)")

    def handle(self, *args: Any, **options: Any) -> None:
        serve_prepare()
        address = f"{options['addr']}:{options['port']}"
        self.stdout.write(f"Observatoire servi sur http://{address}/ (Ctrl+C pour arrêter)")
        self.stdout.write(
            "Pour la production, voir docs/web.md (gunicorn, réglages de production)."
        )
        call_command("runserver", address, use_reloader=False, use_threading=True)
