"""`barometre report`: write a campaign's report (HTML, JSON, CSV or XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.core.command import BarometreCommand
from barometre.core.files import output_format
from barometre.outputs.formats import DEFAULT_SEED, FORMATS


class Command(BarometreCommand):
    help = "Écrit le rapport d'une campagne (HTML, JSON, CSV ou XLSX), comparée ou non à une autre."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, metavar="NOM", help="nom de la campagne")
        parser.add_argument(
            "--compare", metavar="NOM", help="campagne de référence (en général la précédente)"
        )
        parser.add_argument(
            "--format",
            dest="formats",
            action="append",
            choices=list(FORMATS),
            metavar="FORMAT",
            help="html, json, csv ou xlsx ; répétable (défaut : celui de l'extension de --out, "
            "sinon html)",
        )
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            metavar="CHEMIN",
            help="fichier à écrire (un dossier si plusieurs formats)",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            metavar="GRAINE",
            help=f"graine du bootstrap (défaut : {DEFAULT_SEED})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from barometre.outputs.services import report_write  # numpy, openpyxl: only to run

        paths = report_write(
            campaign=options["campaign"],
            compare=options["compare"],
            formats=options["formats"] or [output_format(options["out"], None, FORMATS, "html")],
            out=options["out"],
            now=timezone.now(),
            seed=options["seed"],
        )
        for path in paths:
            self.stdout.write(f"Rapport écrit : {path.resolve()}")
