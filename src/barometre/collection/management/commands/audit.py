import os
import sys
from pathlib import Path
from typing import Any

from barometre.collection.services import (
    AuditOptions,
    AuditProgress,
    AuditSummary,
    campaign_audit,
    campaign_audit_from_warc,
)
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign
from barometre.referential.selectors import SPEC_HELP, communes_from_spec
from barometre.referential.services import campaign_create


class Command(BarometreCommand):
    help = "Audite les sites des communes d'une campagne (exploration, détection, preuves WARC)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--campaign",
            required=True,
            metavar="NOM",
            help="Nom de la campagne (créée si absente).",
        )
        parser.add_argument(
            "--communes",
            metavar="SÉLECTION",
            help=f"Communes à auditer : {SPEC_HELP}. Défaut : top:25 "
            "pour une nouvelle campagne, toutes celles de la campagne sinon.",
        )
        parser.add_argument(
            "--from-warc",
            nargs="+",
            type=Path,
            metavar="FICHIER",
            help="Détecter à partir d'archives WARC, sans réseau.",
        )
        parser.add_argument(
            "--pages", type=int, default=150, metavar="N", help="Pages au plus par site (150)."
        )
        parser.add_argument(
            "--depth", type=int, default=4, metavar="N", help="Profondeur de liens au plus (4)."
        )
        parser.add_argument(
            "--allow-private-addresses",
            action="store_true",
            help="Autoriser les adresses privées ou locales (ferme de test).",
        )
        parser.add_argument(
            "--farm",
            metavar="HÔTE:PORT",
            help="Envoyer toutes les requêtes à cette ferme locale (en-tête Host conservé).",
        )
        parser.add_argument(
            "--redis",
            nargs="?",
            metavar="URL",
            const=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            help="Mode distribué : file et dédoublonnage dans Redis (défaut REDIS_URL).",
        )
        parser.add_argument(
            "--join",
            action="store_true",
            help="Mode distribué : rejoindre une exploration sans ajouter de sites.",
        )
        parser.add_argument(
            "--retry-failed", action="store_true", help="Réessayer les sites en échec."
        )
        parser.add_argument(
            "--recrawl", action="store_true", help="Tout réexplorer, même les sites déjà audités."
        )
        parser.add_argument(
            "--platforms", type=Path, metavar="FICHIER", help="Fichier YAML de plateformes en plus."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = self._campaign(options["campaign"], options["communes"])
        if options["from_warc"]:
            summary = campaign_audit_from_warc(
                campaign=campaign, paths=options["from_warc"], on_progress=self._progress
            )
        else:
            audit_options = AuditOptions(
                page_budget=options["pages"],
                depth_limit=options["depth"],
                allow_private=options["allow_private_addresses"],
                farm_address=options["farm"] or "",
                redis_url=options["redis"] or "",
                seed=not options["join"],
                retry_failed=options["retry_failed"],
                recrawl=options["recrawl"],
                platforms_path=str(options["platforms"] or ""),
                log_level="INFO" if options["verbosity"] >= 2 else "CRITICAL",
            )
            communes = communes_from_spec(options["communes"]) if options["communes"] else None
            summary = campaign_audit(
                campaign=campaign,
                communes=communes,
                options=audit_options,
                on_progress=self._progress,
            )
        self._clear_progress()
        self.stdout.write(render_summary(summary, distributed=bool(options.get("redis"))))

    def _campaign(self, name: str, spec: str | None) -> Campaign:
        campaign = Campaign.objects.filter(name=name).first()
        if campaign is not None:
            return campaign
        if spec is None:
            spec = "top:25"
        try:
            return campaign_create(name=name, spec=spec)
        except BarometreError as error:
            raise BarometreError(
                f"Campagne « {name} » absente et impossible à créer : {error}"
            ) from error

    def _progress(self, progress: AuditProgress) -> None:
        if not sys.stderr.isatty():
            return
        done = progress.sites_done + progress.sites_failed
        sys.stderr.write(
            f"\rsites {done}/{progress.sites_total} · pages {progress.pages} · "
            f"erreurs {progress.errors} · {progress.rate:.1f} pages/s\033[K"
        )
        sys.stderr.flush()

    def _clear_progress(self) -> None:
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")


def render_summary(summary: AuditSummary, *, distributed: bool = False) -> str:
    lines = [
        f"Audit « {summary.campaign} » : {summary.sites_done} sites audités, "
        f"{summary.sites_failed} en échec, {summary.sites_no_website} sans site connu, "
        f"{summary.sites_skipped} déjà faits.",
        f"Pages : {summary.pages} ({summary.pages / max(summary.elapsed, 1e-6):.1f} pages/s en "
        f"{summary.elapsed:.1f} s), erreurs : {summary.errors}, valeurs automatiques "
        f"enregistrées : {summary.assessments}.",
    ]
    if summary.failures:
        lines.append("Sites en échec :")
        lines.extend(f"  {code} : {reason}" for code, reason in summary.failures[:20])
    if summary.interrupted:
        lines.append(
            f"Interrompu ({summary.close_reason}) : {summary.sites_unfinished} sites restent ; "
            "relancez la même commande pour reprendre."
        )
    if distributed:
        lines.append(
            "Mode distribué : une fois tous les robots arrêtés, calculez les niveaux avec "
            f"« barometre audit --campaign {summary.campaign} --from-warc <WARC_ROOT>/"
            f"{summary.campaign}/*.warc.gz »."
        )
    return "\n".join(lines)
