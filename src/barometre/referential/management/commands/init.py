from typing import Any

from django.utils import timezone

from barometre.core.command import BarometreCommand
from barometre.core.plural import counted
from barometre.core.typography import grouped
from barometre.referential.services import referential_init


class Command(BarometreCommand):
    help = "Crée la base et charge le référentiel (communes, sites web, catalogue) ; idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Recharger même si à jour")

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        summary = referential_init(now=timezone.now(), force=force, step=self.step)
        self.stdout.write(
            f"Référentiel prêt : {counted(summary.communes, 'commune', 'communes')}, "
            f"{counted(summary.websites, 'site web', 'sites web')} ("
            f"{counted(summary.communes_with_website, 'commune', 'communes')} avec au moins un "
            f"site, {grouped(summary.epci_with_website)} EPCI avec un site), "
            f"catalogue {summary.catalogue}."
        )
        if not (summary.communes_loaded or summary.websites_loaded or summary.epci_websites_loaded):
            self.stdout.write("Déjà à jour : rien n'a été rechargé.")
