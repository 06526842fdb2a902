from pathlib import Path
from typing import Any

from django.utils import timezone

from barometre.assessments.services import (
    assessments_export,
    assessments_import,
    assessments_template,
)
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.referential.models import Campaign


class Command(BarometreCommand):
    help = "Importe ou exporte les évaluations d'une campagne (CSV ou XLSX, forme longue ou large)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Importer un fichier (tout ou rien).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--campaign", required=True)
        imp.add_argument("--author", default="import", help="Qui a produit ces évaluations.")
        exp = sub.add_parser("export", help="Exporter le niveau retenu de chaque cellule.")
        exp.add_argument("--campaign", required=True)
        exp.add_argument("--out", type=Path, required=True, help="Fichier .csv ou .xlsx.")
        exp.add_argument("--wide", action="store_true", help="Une ligne par commune.")
        tpl = sub.add_parser(
            "template",
            help="Écrire la grille vide d'une campagne, à remplir puis importer.",
            description="Écrit une ligne par commune et par service de la campagne (forme "
            "longue) ou une ligne par commune et une colonne par service (--wide), niveaux "
            "vides : remplissez-la puis importez-la avec « assessments import ».",
        )
        tpl.add_argument("--campaign", required=True)
        tpl.add_argument("--out", type=Path, required=True, help="Fichier .csv ou .xlsx.")
        tpl.add_argument("--wide", action="store_true", help="Une ligne par commune.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(name=options["campaign"]).first()
        if campaign is None:
            raise BarometreError(f"Campagne inconnue « {options['campaign']} ».")
        if options["action"] == "import":
            summary = assessments_import(
                campaign=campaign,
                path=options["file"],
                author=options["author"],
                now=timezone.now(),
            )
            self.stdout.write(
                f"Import ({summary.form}) : {summary.cells} cellules dont {summary.not_applicable} "
                f"sans objet, {summary.communes} communes, campagne « {campaign.name} »."
            )
        elif options["action"] == "template":
            cells = assessments_template(
                campaign=campaign, out=options["out"], wide=options["wide"]
            )
            communes = campaign.communes.count()
            self.stdout.write(
                f"Grille écrite dans {options['out']} : "
                f"{counted(communes, 'commune', 'communes')}, "
                f"{counted(cells, 'cellule à remplir', 'cellules à remplir')}."
            )
        else:
            count = assessments_export(campaign=campaign, out=options["out"], wide=options["wide"])
            self.stdout.write(
                f"{counted(count, 'cellule exportée', 'cellules exportées')} dans {options['out']}."
            )
