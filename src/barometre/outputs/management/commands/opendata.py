"""`barometre opendata export`: write a campaign's (or an election's programmes') open data
package to a folder; `barometre opendata publish`: build ahead of time the files the web serves
(a campaign's under /donnees/, the programme packages under /programmes/<year>/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.assessments.campaigns import campaign_get
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.outputs.opendata.package import opendata_export, opendata_file, opendata_names
from barometre.outputs.opendata.programme_package import programmes_export, programmes_publish


class Command(BarometreCommand):
    help = (
        "Données ouvertes d'une campagne : CSV, XLSX et Parquet, avec un paquet Frictionless.\n"
        "Quatre tables, cellules, scores, double codage et communes, que datapackage.json décrit.\n"
        "Avec --election, ceux des programmes d'une élection : programmes, phrases et chiffres."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, title="actions", metavar="ACTION"
        )
        _export_arguments(actions)
        _publish_arguments(actions)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "publish":
            self._publish(options["campaign"], options["election"])
            return
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
        paths = opendata_export(campaign=campaign, out=options["out"], now=timezone.now())
        for path in paths:
            self.stdout.write(f"Écrit : {path.resolve()}")

    def _publish(self, campaign: str | None, election: int | None) -> None:
        """A campaign's files, or the programme packages (of every election, or of one)."""
        if campaign is not None:
            found = campaign_get(campaign)
            for name in opendata_names():
                path = opendata_file(campaign=found, name=name, now=timezone.now())
                self.stdout.write(f"Prêt\u00a0: {path.resolve()}")
            return
        built = programmes_publish(now=timezone.now(), election=election)
        for year, demo, path in built:
            what = " (démonstration)" if demo else ""
            self.stdout.write(f"Programmes de {year}{what}, paquet prêt\u00a0: {path.resolve()}")
        if not built:
            self.stdout.write("Aucune élection n'a de programme\u00a0: aucun paquet à préparer.")


def _export_arguments(actions: Any) -> None:
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


def _publish_arguments(actions: Any) -> None:
    publish = actions.add_parser(
        "publish",
        help="Prépare les fichiers servis sous /donnees/ (sinon faits à la première "
        "demande)\u00a0; sans --campaign, les paquets des programmes de chaque élection",
    )
    publish_which = publish.add_mutually_exclusive_group()
    publish_which.add_argument("--campaign", metavar="CAMPAGNE", help="Nom de la campagne")
    publish_which.add_argument(
        "--election",
        type=int,
        metavar="ANNÉE",
        help="Année de l'élection\u00a0: le paquet de ses programmes seulement (réels et "
        "de démonstration)",
    )
