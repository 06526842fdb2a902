"""`barometre serve`: the web observatory on this machine (SQLite by default, DATABASE_URL)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django.core.management.commands.runserver import Command as RunServer

from barometre.core.command import BarometreCommand
from barometre.core.ports import port_check
from barometre.web.serving import hosts_allow, https_hint, serve_prepare


class FrenchRunServer(RunServer):
    """Django's development server, saying in French where it listens once it does (Django's own
    banner and warning are English)."""

    def on_bind(self, server_port: int) -> None:
        host = f"[{self.addr}]" if self._raw_ipv6 else self.addr
        self.stdout.write(
            f"Observatoire servi sur http://{host}:{server_port}/ (Ctrl+C pour arrêter)"
        )
        self.stdout.write(
            "Serveur de développement ; pour la production, voir docs/web.md "
            "(gunicorn, réglages de production)."
        )


class Command(BarometreCommand):
    help = "Sert le site de l'observatoire (pages publiques et espace des auditeurs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--addr", default="127.0.0.1", help="Adresse d'écoute (défaut : 127.0.0.1)"
        )
        parser.add_argument("--port", type=int, default=8000, help="Port (défaut : 8000)")

    def handle(self, *args: Any, **options: Any) -> None:
        port_check(options["addr"], options["port"])
        serve_prepare()
        for hint in (hosts_allow(options["addr"]), https_hint()):
            if hint:
                self.stdout.write(hint)
        bare = options["addr"].strip("[]")  # « ::1 » or « [::1] »
        host = f"[{bare}]" if ":" in bare else bare
        server = FrenchRunServer()
        # its banner goes where this command writes: nowhere at -v 0 (core.command.Silenced)
        server.stdout = self.stdout
        call_command(server, f"{host}:{options['port']}", use_reloader=False, use_threading=True)
