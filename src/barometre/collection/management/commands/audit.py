import sys
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from barometre.collection.models import SiteAudit
from barometre.collection.progress import show_progress
from barometre.collection.services import (
    AuditOptions,
    AuditProgress,
    AuditSummary,
    campaign_audit,
    campaign_audit_from_warc,
)
from barometre.collection.services.archive import warc_files_check
from barometre.collection.services.audit import DEFAULT_SITE_WINDOW, check_options
from barometre.collection.services.distributed import (
    CampaignStatus,
    EnqueueSummary,
    board_for,
    campaign_enqueue,
    campaign_retry_failed,
    campaign_status,
)
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.core.typography import with_unit
from barometre.detection import load_platforms
from barometre.outputs.labels import number
from barometre.referential.models import Campaign, Commune
from barometre.referential.selectors import SPEC_HELP, communes_from_spec
from barometre.referential.services import campaign_create


class Command(BarometreCommand):
    help = "Audite les sites des communes d'une campagne (exploration, détection, preuves WARC)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "action",
            nargs="?",
            choices=["status"],
            help="« status » : état d'un audit distribué (sites faits, en cours, en file, en "
            "échec avec leur motif) ; avec --retry-failed, remet les échecs en file.",
        )
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
            "--no-stylesheets",
            action="store_true",
            help="Ne pas archiver les feuilles de style des pages (exploration plus légère ; "
            "les preuves s'affichent alors sans leur mise en forme).",
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
            "--window",
            type=int,
            default=DEFAULT_SITE_WINDOW,
            metavar="N",
            help=f"Sites explorés en même temps ({DEFAULT_SITE_WINDOW}) ; "
            "la mémoire dépend de ce nombre, pas du nombre de sites.",
        )
        parser.add_argument(
            "--distributed",
            action="store_true",
            help="Mettre les sites en file dans Redis pour des « barometre worker » "
            "(REDIS_URL) au lieu de les explorer ici.",
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
        if options["action"] == "status":
            self._status(options["campaign"], retry=options["retry_failed"])
            return
        # every input is checked before a campaign is created: a refused run leaves nothing
        platforms = load_platforms(options["platforms"]) if options["platforms"] else None
        audit_options = AuditOptions(
            page_budget=options["pages"],
            depth_limit=options["depth"],
            stylesheets=not options["no_stylesheets"],
            allow_private=options["allow_private_addresses"],
            farm_address=options["farm"] or "",
            site_window=options["window"],
            retry_failed=options["retry_failed"],
            recrawl=options["recrawl"],
            platforms_path=str(options["platforms"] or ""),
            log_level="INFO" if options["verbosity"] >= 2 else "CRITICAL",
        )
        if options["from_warc"]:
            if options["distributed"]:  # archives are read here: nothing to hand to workers
                raise BarometreError(
                    "--from-warc et --distributed ne vont pas ensemble : les archives sont lues "
                    "sur cette machine, sans robot ni Redis. Retirez --distributed."
                )
            warc_files_check(options["from_warc"])
        else:
            check_options(audit_options)
        # Redis is reached first: an unreachable one leaves no new campaign behind
        board = board_for(options["campaign"]) if options["distributed"] else None
        campaign = self._campaign(options["campaign"], options["communes"])
        communes = communes_from_spec(options["communes"]) if options["communes"] else None
        if communes is not None:
            self._warn_outside(campaign, communes)
        if options["from_warc"]:
            summary = campaign_audit_from_warc(
                campaign=campaign,
                paths=options["from_warc"],
                on_progress=self._progress,
                platforms=platforms,
                verified=True,
                communes=communes,
            )
        else:
            if board is not None:
                queued = campaign_enqueue(
                    campaign=campaign,
                    board=board,
                    communes=communes,
                    options=audit_options,
                )
                self.stdout.write(render_enqueued(queued))
                return
            summary = campaign_audit(
                campaign=campaign,
                communes=communes,
                options=audit_options,
                on_progress=self._progress,
            )
        self._clear_progress()
        if (
            not options["from_warc"]
            and summary.sites_total
            and (summary.sites_skipped == summary.sites_total)
        ):
            failures = failed_in_selection(campaign, communes)
            if len(failures) == summary.sites_total:
                raise BarometreError(render_all_failed_before(summary, failures))
            self.stdout.write(render_nothing_to_do(summary, failures))
            return
        self.stdout.write(render_summary(summary))
        if summary.absent:
            self.stderr.write(render_absent(summary.absent))
        if (
            summary.sites_failed
            and not summary.interrupted
            and not measured_in_selection(campaign, communes)
        ):
            raise BarometreError(
                f"Aucune commune mesurée : {render_selection(summary.sites_total)} "
                f"{'est' if summary.sites_total == 1 else 'sont'} en échec (motifs ci-dessus), "
                f"la campagne « {campaign.name} » n'a aucune valeur pour "
                f"{'elle' if summary.sites_total == 1 else 'elles'}."
                + ("" if options["from_warc"] else " " + RETRY_ADVICE)
            )
        if summary.sites_failed or summary.interrupted:  # the summary says which and why
            raise BarometreError(
                f"{counted(summary.sites_failed, 'site', 'sites')} en échec, "
                f"{counted(summary.sites_unfinished, 'non terminé', 'non terminés')}."
            )

    def _warn_outside(self, campaign: Campaign, communes: QuerySet[Commune]) -> None:
        """Communes selected that the campaign does not hold are not audited: say so."""
        outside = communes.exclude(code__in=campaign.communes.values("code"))
        count = outside.count()
        if count:
            codes = ", ".join(outside.order_by("code").values_list("code", flat=True)[:10])
            more = " …" if count > 10 else ""
            verb = "n'est pas" if count == 1 else "ne sont pas"
            self.stderr.write(
                f"Attention : {counted(count, 'commune', 'communes')} de la sélection {verb} "
                f"dans la campagne « {campaign.name} », donc pas auditée{'s' if count > 1 else ''}"
                f" ({codes}{more})."
            )

    def _status(self, name: str, *, retry: bool) -> None:
        campaign = Campaign.objects.filter(name=name).first()
        if campaign is None:
            raise BarometreError(f"Campagne « {name} » introuvable.")
        board = board_for(campaign.name)
        if retry:
            added = campaign_retry_failed(campaign=campaign, board=board)
            self.stdout.write(
                f"{counted(added, 'site en échec remis', 'sites en échec remis')} en file."
            )
        self.stdout.write(render_status(campaign_status(campaign=campaign, board=board)))

    def _campaign(self, name: str, spec: str | None) -> Campaign:
        campaign: Campaign | None = Campaign.objects.filter(name=name).first()
        if campaign is not None:
            return campaign
        if spec is None:
            spec = "top:25"
        try:
            created: Campaign = campaign_create(name=name, spec=spec)
            return created
        except BarometreError as error:
            raise BarometreError(
                f"Campagne « {name} » absente et impossible à créer : {error}"
            ) from error

    def _progress(self, progress: AuditProgress) -> None:
        show_progress(progress, self.stderr)

    def _clear_progress(self) -> None:
        if sys.stderr.isatty():
            sys.stderr.write("\r\033[K")


def render_enqueued(queued: EnqueueSummary) -> str:
    return (
        f"Audit distribué « {queued.campaign} » : "
        f"{counted(queued.sites_added, 'site mis', 'sites mis')} en file, "
        f"{queued.sites_already_queued} déjà en file ou en cours, "
        f"{counted(queued.sites_skipped, 'déjà fait', 'déjà faits')}, "
        f"{queued.sites_no_website} sans site connu (niveau 0 enregistré).\n"
        "Lancez « barometre worker » sur une ou plusieurs machines ; suivez l'avancement avec "
        f"« barometre audit status --campaign {queued.campaign} »."
    )


def render_status(status: CampaignStatus) -> str:
    lines = [
        f"Audit « {status.campaign} » : {counted(status.done, 'site fait', 'sites faits')}, "
        f"{len(status.running)} en "
        f"cours, {status.queued} en file, {status.failed} en échec, {status.no_website} sans "
        "site connu."
    ]
    workers = sorted(set(status.running.values()))
    if workers:
        lines.append("Robots actifs : " + ", ".join(workers))
    if status.orphaned:
        dead = sorted(set(status.orphaned.values()))
        lines.append(
            f"{counted(len(status.orphaned), 'site pris', 'sites pris')} par des robots arrêtés "
            f"({', '.join(dead)}) : "
            f"{'confiés' if len(status.orphaned) > 1 else 'confié'} à un autre robot après le "
            "délai --lease."
        )
    if status.failures:
        lines.append("Sites en échec (relancez avec --retry-failed) :")
        lines.extend(f"  {code} : {reason}" for code, reason in status.failures[:50])
        if len(status.failures) > 50:
            lines.append(f"  … et {counted(len(status.failures) - 50, 'autre', 'autres')}")
    return "\n".join(lines)


RETRY_ADVICE = (
    "Corrigez l'adresse des sites (« barometre websites import ») ou attendez qu'ils répondent, "
    "puis relancez avec --retry-failed."
)


def failed_in_selection(
    campaign: Campaign, communes: QuerySet[Commune] | None
) -> list[tuple[str, str]]:
    """The selected communes whose audit failed, with why: (code, reason), by code."""
    failed = SiteAudit.objects.filter(campaign=campaign, status=SiteAudit.Status.FAILED)
    if communes is not None:
        failed = failed.filter(commune__in=communes)
    return [
        (code, reason or "motif non enregistré")
        for code, reason in failed.order_by("commune_id").values_list("commune_id", "reason")
    ]


def measured_in_selection(campaign: Campaign, communes: QuerySet[Commune] | None) -> bool:
    """Whether any selected commune of the campaign is measured: its site audited, or none
    known (level 0 everywhere)."""
    audits = SiteAudit.objects.filter(campaign=campaign).exclude(status=SiteAudit.Status.FAILED)
    if communes is not None:
        audits = audits.filter(commune__in=communes)
    measured: bool = audits.exists()
    return measured


def render_absent(codes: tuple[str, ...]) -> str:
    """Communes selected with --communes that the archives read do not hold."""
    n = len(codes)
    shown = ", ".join(codes[:10]) + (" …" if n > 10 else "")
    verb = "n'est" if n == 1 else "ne sont"
    return (
        f"Attention : {counted(n, 'commune', 'communes')} "
        f"{'sélectionnée' if n == 1 else 'sélectionnées'} "
        f"{verb} pas dans les archives, donc pas "
        f"auditée{'s' if n > 1 else ''} ({shown})."
    )


def render_selection(n: int) -> str:
    return "la commune sélectionnée" if n == 1 else f"les {n} communes sélectionnées"


def _failure_lines(failures: list[tuple[str, str]], limit: int = 20) -> list[str]:
    lines = [f"  {code} : {reason}" for code, reason in failures[:limit]]
    if len(failures) > limit:
        lines.append(f"  … et {counted(len(failures) - limit, 'autre', 'autres')}")
    return lines


def render_nothing_to_do(summary: AuditSummary, failures: list[tuple[str, str]]) -> str:
    """Every commune selected was audited already: say so, which failed and why, and how to
    start again."""
    n = summary.sites_skipped
    what = (
        "la commune sélectionnée est déjà auditée"
        if n == 1
        else f"les {counted(n, 'commune', 'communes')} sélectionnées sont déjà auditées"
    )
    count = len(failures)
    retry = (
        f" (dont {count} en échec : --retry-failed pour {'le' if count == 1 else 'les'} réessayer)"
        if failures
        else ""
    )
    lines = [
        f"Rien à faire : {what} dans la campagne « {summary.campaign} »{retry} ; "
        "--recrawl pour tout réexplorer."
    ]
    if failures:
        lines.append("Communes en échec :" if count > 1 else "Commune en échec :")
        lines.extend(_failure_lines(failures))
    return "\n".join(lines)


def render_all_failed_before(summary: AuditSummary, failures: list[tuple[str, str]]) -> str:
    """Every commune selected failed in an earlier run and none was measured: the campaign has
    no value for them, which is no success."""
    n = summary.sites_total
    lines = [
        f"Aucune commune mesurée : {render_selection(n)} "
        f"{'est' if n == 1 else 'sont'} en échec depuis un audit précédent de la campagne "
        f"« {summary.campaign} », qui n'a aucune valeur pour {'elle' if n == 1 else 'elles'} ; "
        "rien n'a été réexploré.",
        *_failure_lines(failures),
        RETRY_ADVICE,
    ]
    return "\n".join(lines)


_CLOSE_REASONS = {
    "shutdown": "arrêt demandé : aucune nouvelle requête envoyée après Ctrl-C",
    "closespider_pagecount": "nombre de pages maximal atteint",
    "crashed": "le processus d'exploration s'est arrêté anormalement",
    "finished": "exploration terminée",
}


def close_reason_fr(reason: str) -> str:
    """Why the crawl closed, in French (Scrapy's own reason when it is none of ours)."""
    return _CLOSE_REASONS.get(reason, reason)


def rate_shown(summary: AuditSummary) -> str:
    """ "2,5 pages/s": the run's pages per second, in French notation."""
    return with_unit(number(summary.pages / max(summary.elapsed, 1e-6), 1), "pages/s")


def render_summary(summary: AuditSummary) -> str:
    lines = [
        f"Audit « {summary.campaign} » : "
        f"{counted(summary.sites_done, 'site audité', 'sites audités')}, "
        f"{summary.sites_failed} en échec, {summary.sites_no_website} sans site connu, "
        f"{counted(summary.sites_skipped, 'déjà fait', 'déjà faits')}.",
        f"Pages : {summary.pages} ({rate_shown(summary)} en "
        f"{with_unit(number(summary.elapsed, 1), 's')}), erreurs : {summary.errors}, valeurs "
        f"automatiques enregistrées : {summary.assessments}.",
    ]
    if summary.reused:
        lines.append(
            "Pages de plateformes déjà téléchargées pour une autre commune, reprises sans "
            f"nouvelle requête : {summary.reused}."
        )
    if summary.failures:
        lines.append("Sites en échec :")
        lines.extend(f"  {code} : {reason}" for code, reason in summary.failures[:20])
    if summary.interrupted:
        lines.append(
            f"Interrompu ({close_reason_fr(summary.close_reason)}) : "
            f"{counted(summary.sites_unfinished, 'site reste', 'sites restent')} ; "
            "relancez la même commande pour reprendre."
        )
    return "\n".join(lines)
