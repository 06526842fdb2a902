"""`barometre quickstart`: the benchmark on the bundled demonstration grid, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.utils import timezone

from barometre.collection.services import AuditSummary
from barometre.core.argparse_fr import integer
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import os_reason
from barometre.core.home import data_home
from barometre.core.plural import counted
from barometre.core.ports import port_check
from barometre.demo.accounts import DEMO_AUDITOR, demo_auditor_ensure
from barometre.demo.services import quickstart_run
from barometre.outputs.labels import percent
from barometre.survey.services.demo import DEMO_SURVEY


class Command(BarometreCommand):
    help = (
        "Démonstration complète sur une grille inventée : données, rapports, puis le site.\n"
        "Enchaîne init, import et rapports, puis sert le site (--no-serve pour s'arrêter avant)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            metavar="DOSSIER",
            help="Dossier des rapports (défaut : <BAROMETRE_HOME>/quickstart/)",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Tout faire sauf servir le site (scripts, intégration continue)",
        )
        parser.add_argument(
            "--port",
            type=integer(1, 65535),  # with --no-serve too: the links printed name it
            default=8000,
            help="Port du site (défaut : 8000)",
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help="Charger la démonstration malgré les réglages de production, pour essayer un "
            "déploiement (sans compte de démonstration ; jamais sur un site public)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["production"]:
            raise BarometreError(
                "Réglages de production : « barometre quickstart » chargerait des données "
                "inventées et créerait un compte de coordinateur dont le mot de passe serait "
                "affiché. Pour essayer un déploiement, relancez avec --production (sans compte de "
                "démonstration) ; sur un site public, chargez les vraies données (docs/web.md, "
                "« Production »)."
            )
        if not options["no_serve"]:
            port_check("127.0.0.1", options["port"])  # before a minute of work, not after
        out = options["out"] or data_home() / "quickstart"
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a file of that name, a folder that cannot be written
            reason = "c'est un fichier" if out.is_file() else os_reason(error)
            raise BarometreError(
                f"Impossible d'écrire les rapports dans le dossier « {out} » : {reason} ; "
                "donnez un autre dossier avec --out."
            ) from None
        summary = quickstart_run(
            out=out, clock=timezone.now, step=lambda text: self.stdout.write(f"· {text}…")
        )
        for name, cells in summary.imported.items():
            done = f"{cells} cellules importées" if cells else "déjà importée"
            self.stdout.write(f"  {name} : {done}")
        if summary.audit is not None:
            self.stdout.write(_audit_line(summary.audit, summary.audit_agreement))
        self.stdout.write("Données de démonstration — pas une mesure réelle.")
        self._reports(summary.reports, out, options["port"])
        self._auditor_account()
        if options["no_serve"]:
            self.stdout.write("Site non servi (--no-serve) : « barometre serve » le sert.")
            return
        self.stdout.write(f"Site de démonstration : http://127.0.0.1:{options['port']}/")
        call_command("serve", port=options["port"], verbosity=options["verbosity"])

    def _reports(self, reports: list[Path], out: Path, port: int) -> None:
        """The reports written, the one to open first, and where the survey's PDF is."""
        for path in reports:
            self.stdout.write(f"Rapport écrit : {path.resolve()}")
        html = next((p for p in reports if p.suffix == ".html"), None)
        if html is not None:
            self.stdout.write(f"Rapport à ouvrir dans un navigateur : {html.resolve().as_uri()}")
        self.stdout.write(_survey_line(out, port))
        self.stdout.write(_programmes_line(out, port))

    def _auditor_account(self) -> None:
        """The demonstration coordinator, its password shown once; none in production, where
        the output lands in logs and a known account name would be left on the site."""
        if settings.PRODUCTION:
            self.stdout.write(
                "Espace auditeurs : pas de compte de démonstration en production ; « barometre "
                "users create NOM --role coordinateur » en crée un (mot de passe lu sans être "
                "affiché)."
            )
            return
        password = demo_auditor_ensure()
        if password is not None:
            self.shown_once(
                f"Espace auditeurs : identifiant « {DEMO_AUDITOR} », mot de passe « {password} » "
                "(affiché une seule fois ; « barometre users create » pour d'autres comptes)."
            )


def _audit_line(audit: AuditSummary, agreement: float) -> str:
    """The farm audit in one line; the sites audited by an earlier run are said only when there
    are some (never « 0 déjà audités »)."""
    skipped = audit.sites_skipped
    again = f", {counted(skipped, 'déjà fait', 'déjà faits')}" if skipped else ""
    return (
        f"  {audit.campaign} : ferme de {audit.sites_total} sites fictifs, "
        f"{audit.pages} pages explorées{again} ; "
        f"{percent(agreement)} des cellules au niveau réel de la ferme"
    )


def _survey_line(out: Path, port: int) -> str:
    """Where the demonstration survey's report is as PDF and CSV: the report page links to both;
    quickstart writes the CSV but not the PDF (five seconds of layout), which the command
    given here writes."""
    page = f"http://127.0.0.1:{port}/enquete/rapport/{DEMO_SURVEY}/"
    command = f"barometre survey report --campaign {DEMO_SURVEY} --format pdf --out {out.resolve()}"
    return (
        f"Enquête de maturité, rapport PDF et résultats CSV\u00a0: liens en haut de la page "
        f"{page}\u00a0; le PDF en ligne de commande\u00a0: «\u00a0{command}\u00a0»."
    )


def _programmes_line(out: Path, port: int) -> str:
    """Where the demonstration programmes are read: their page (2026 beside 2014), and the
    command that writes their report (not written by quickstart: spaCy's model takes seconds
    to load)."""
    page = f"http://127.0.0.1:{port}/programmes/2026/demonstration/"
    target = (out / "programmes-demo-2026.html").resolve()
    command = f"barometre programmes report --election 2026 --compare 2014 --demo --out {target}"
    return (
        f"Programmes électoraux de démonstration (2026 comparé à 2014)\u00a0: page {page}\u00a0; "
        f"le rapport en ligne de commande\u00a0: «\u00a0{command}\u00a0»."
    )
