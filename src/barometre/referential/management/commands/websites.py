from pathlib import Path
from typing import Any

from django.utils import timezone

from barometre.core.command import BarometreCommand
from barometre.core.plural import counted
from barometre.referential.services import websites_import


class Command(BarometreCommand):
    help = "Ajoute ou corrige des sites web de communes ou d'EPCI à partir d'un CSV."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        imp = sub.add_parser(
            "import",
            help=(
                "Importer un CSV commune_code,url[,primary][,active][,note] (sites de communes) "
                "ou siren,url[,primary][,active][,note] (sites d'EPCI, par leur SIREN) ; "
                "tout ou rien"
            ),
        )
        imp.add_argument("file", type=Path, metavar="FICHIER", help="Fichier CSV des sites")

    def handle(self, *args: Any, action: str, file: Path, **options: Any) -> None:
        summary = websites_import(path=file, now=timezone.now())
        what = "Sites web d'EPCI" if summary.epci else "Sites web de communes"
        owners = "EPCI" if summary.epci else "commune"
        changed = summary.primaries_changed
        self.stdout.write(
            f"{what} : {summary.added} {'ajouté' if summary.added <= 1 else 'ajoutés'}, "
            f"{summary.updated} mis à jour ; site principal "
            f"changé pour {counted(changed, owners, owners if summary.epci else 'communes')}."
        )
