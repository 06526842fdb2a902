from pathlib import Path
from typing import Any

from barometre.core.command import BarometreCommand
from barometre.referential.selectors import SPEC_HELP
from barometre.referential.services import campaign_create


class Command(BarometreCommand):
    help = "Crée une campagne de mesure (nom, communes, version du catalogue)."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Créer une campagne.")
        create.add_argument("name", help="Nom de la campagne, par exemple 2026.")
        create.add_argument("--communes", required=True, help=f"Communes : {SPEC_HELP}.")
        create.add_argument("--catalogue", type=Path, help="Fichier YAML de catalogue à utiliser.")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = campaign_create(
            name=options["name"], spec=options["communes"], catalogue_path=options["catalogue"]
        )
        self.stdout.write(
            f"Campagne « {campaign.name} » créée : {campaign.communes.count()} communes, "
            f"catalogue {campaign.catalogue.version} "
            f"({campaign.catalogue.services.count()} services)."
        )
