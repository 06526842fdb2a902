"""`barometre opendata export`: write a campaign's open data package to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.assessments.campaigns import campaign_get
from barometre.core.command import BarometreCommand
from barometre.outputs.opendata.package import opendata_export, opendata_file, opendata_names


class Command(BarometreCommand):
    help = (
        "Données ouvertes d'une campagne : CSV, XLSX et Parquet, avec un paquet Frictionless.\n"
        "Trois tables, cellules, scores et double codage, que datapackage.json décrit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="actions", metavar="ACTION"
        )
        export = actions.add_parser(
            "export", help="Écrit le paquet de données ouvertes dans un dossier"
        )
        export.add_argument(
            "--campaign", required=True, metavar="CAMPAGNE", help="Nom de la campagne"
        )
        export.add_argument(
            "--out", required=True, type=Path, metavar="DOSSIER", help="Dossier à écrire"
        )

        publish = actions.add_parser(
            "publish",
            help="Prépare les fichiers servis sous /donnees/ (sinon faits à la première demande)",
        )
        publish.add_argument(
            "--campaign", required=True, metavar="CAMPAGNE", help="Nom de la campagne"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = campaign_get(options["campaign"])
        if options["action"] == "publish":
            for name in opendata_names():
                path = opendata_file(campaign=campaign, name=name, now=timezone.now())
                self.stdout.write(f"Prêt : {path.resolve()}")
            return
        paths = opendata_export(campaign=campaign, out=options["out"], now=timezone.now())
        for path in paths:
            self.stdout.write(f"Écrit : {path.resolve()}")
