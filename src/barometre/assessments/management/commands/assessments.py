from dataclasses import replace
from pathlib import Path
from typing import Any

from django.utils import timezone

from barometre.assessments.services import assessments_export, assessments_import
from barometre.assessments.tabular import DEFAULT_TABLE_LIMITS
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign


class Command(BarometreCommand):
    help = "Importe ou exporte les évaluations d'une campagne (CSV ou XLSX, forme longue ou large)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Importer un fichier (tout ou rien).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--campaign", required=True)
        imp.add_argument("--author", default="import", help="Qui a produit ces évaluations.")
        imp.add_argument(
            "--force",
            action="store_true",
            help="Enregistrer à nouveau un fichier déjà importé dans cette campagne.",
        )
        imp.add_argument(
            "--max-rows",
            type=int,
            default=DEFAULT_TABLE_LIMITS.max_rows,
            help="Nombre de lignes au-delà duquel le fichier est refusé (défaut : %(default)s).",
        )
        imp.add_argument(
            "--max-mb",
            type=int,
            default=DEFAULT_TABLE_LIMITS.max_bytes // 2**20,
            help="Taille en Mo au-delà de laquelle le fichier est refusé (défaut : %(default)s).",
        )
        exp = sub.add_parser("export", help="Exporter le niveau retenu de chaque cellule.")
        exp.add_argument("--campaign", required=True)
        exp.add_argument("--out", type=Path, required=True, help="Fichier .csv ou .xlsx.")
        exp.add_argument("--wide", action="store_true", help="Une ligne par commune.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(name=options["campaign"]).first()
        if campaign is None:
            raise BarometreError(f"Campagne inconnue « {options['campaign']} ».")
        if options["action"] == "import":
            limits = replace(
                DEFAULT_TABLE_LIMITS,
                max_rows=options["max_rows"],
                max_bytes=options["max_mb"] * 2**20,
            )
            summary = assessments_import(
                campaign=campaign,
                path=options["file"],
                author=options["author"],
                now=timezone.now(),
                force=options["force"],
                limits=limits,
            )
            again = " (fichier déjà importé, enregistré à nouveau)" if summary.again else ""
            self.stdout.write(
                f"Import ({summary.form}) : {summary.cells} cellules dont {summary.not_applicable} "
                f"sans objet, {summary.communes} communes, campagne « {campaign.name} »{again}."
            )
        else:
            count = assessments_export(campaign=campaign, out=options["out"], wide=options["wide"])
            self.stdout.write(f"{count} cellules exportées dans {options['out']}.")
