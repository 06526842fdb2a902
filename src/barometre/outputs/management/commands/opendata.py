"""`barometre opendata export`: write a campaign's open data package to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.assessments.campaigns import campaign_get
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.outputs.opendata.package import opendata_export, opendata_file, opendata_names
from barometre.outputs.opendata.programme_package import programmes_export


class Command(BarometreCommand):
    help = (
        "Données ouvertes d'une campagne : CSV, XLSX et Parquet, avec un paquet Frictionless.\n"
        "Trois tables, cellules, scores et double codage, que datapackage.json décrit.\n"
        "Avec --election, ceux des programmes d'une élection : programmes, phrases et chiffres."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="actions", metavar="ACTION"
        )
        export = actions.add_parser(
            "export", help="Écrit le paquet de données ouvertes dans un dossier"
        )
        which = export.add_mutually_exclusive_group(required=True)
        which.add_argument("--campaign", metavar="CAMPAGNE", help="Nom de la campagne")
        which.add_argument(
            "--election",
            type=int,
            metavar="ANNÉE",
            help="Année de l'élection : le paquet de ses programmes électoraux",
        )
        export.add_argument(
            "--demo",
            "--demonstration",
            dest="demonstration",
            action="store_true",
            help="Avec --election : ses programmes de démonstration, pas les réels "
            "(comme «\u00a0programmes report --demo\u00a0»)",
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
        if options.get("election") is not None:
            paths = programmes_export(
                election=options["election"],
                out=options["out"],
                now=timezone.now(),
                demo=options["demonstration"],
            )
            for path in paths:
                self.stdout.write(f"Écrit : {path.resolve()}")
            return
        if options.get("demonstration"):
            raise BarometreError("--demonstration ne va qu'avec --election")
        campaign = campaign_get(options["campaign"])
        if options["action"] == "publish":
            for name in opendata_names():
                path = opendata_file(campaign=campaign, name=name, now=timezone.now())
                self.stdout.write(f"Prêt : {path.resolve()}")
            return
        paths = opendata_export(campaign=campaign, out=options["out"], now=timezone.now())
        for path in paths:
            self.stdout.write(f"Écrit : {path.resolve()}")
