import resource
import sys
from typing import Any

from barometre.assessments.campaigns import campaign_get
from barometre.collection.audit_text import (
    error_kind_lines,
    rate_shown,
    render_closed,
    render_failures,
    render_left,
    render_new_run,
    render_notes,
    render_recovery,
    render_requeued,
    render_skipped,
)
from barometre.collection.progress import end_progress, progress_line, show_progress
from barometre.collection.services import AuditSummary
from barometre.collection.services.consumer import AuditProgress
from barometre.collection.services.distributed import DEFAULT_LEASE_SECONDS, board_for
from barometre.collection.services.recovery import SIGN_OF_LIFE_SECONDS, Recovery
from barometre.collection.services.worker import NEW_RUN
from barometre.collection.services.worker_celery import worker_run
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.core.typography import grouped, with_unit
from barometre.outputs.labels import number

# The worker stopped for a new run of its campaign (EX_TEMPFAIL: to be started again)
NEW_RUN_EXIT = 75


class Command(BarometreCommand):
    help = (
        "Robot d'audit distribué (Celery, Redis) : audite les sites d'une campagne.\n"
        "Prend dans Redis (REDIS_URL) les sites de la campagne, les explore, détecte et "
        "enregistre comme « barometre audit », dans ce processus."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--campaign", required=True, metavar="CAMPAGNE", help="Campagne dont traiter la file"
        )
        parser.add_argument(
            "--lease",
            type=float,
            default=DEFAULT_LEASE_SECONDS,
            metavar="SECONDES",
            help="Délai au-delà duquel Redis confie de nouveau à un autre robot un site pris et "
            "non enregistré, en dernier recours : les sites d'un robot arrêté net (SIGKILL, "
            f"machine perdue) sont repris dès que son signe de vie a expiré "
            f"({SIGN_OF_LIFE_SECONDS:.0f} s). Il doit "
            "dépasser la durée du plus long site\u00a0; même valeur pour tous les robots "
            f"(défaut\u00a0: {with_unit(grouped(int(DEFAULT_LEASE_SECONDS)), 's')})",
        )
        parser.add_argument(
            "--window",
            type=int,
            default=0,
            metavar="N",
            help="Sites explorés en même temps par ce robot (défaut\u00a0: la valeur donnée au "
            "lancement, «\u00a0barometre audit --window\u00a0»)",
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Attendre de nouveaux sites quand la file est vide, au lieu de s'arrêter",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = campaign_get(options["campaign"])  # unknown: the existing ones are listed
        if options["lease"] < 1:
            raise BarometreError("--lease doit valoir au moins 1 seconde.")
        self._shown: AuditProgress | None = None
        try:
            summary = worker_run(
                campaign=campaign,
                board=board_for(campaign.name),
                lease=options["lease"],
                site_window=options["window"],
                wait=options["wait"],
                on_progress=self._progress,
                on_recovery=self._recovered,
                on_skipped=self._skipped,
            )
        except Exception:
            self._last_progress()
            raise
        end_progress(self.stderr)
        self.stdout.write(_summary_line(summary, resource.getrusage(resource.RUSAGE_SELF)))
        for line in error_kind_lines(summary.error_kinds):  # as `barometre audit` says them
            self.stdout.write(line)
        for line in render_failures(campaign.name, summary.failures):  # as `audit status`
            self.stdout.write(line)
        for line in render_notes(summary.notes):  # as `barometre audit` says them
            self.stdout.write(line)
        self.stdout.flush()
        if summary.close_reason == NEW_RUN:  # not 0: systemd's Restart=on-failure starts it again
            self.warn(render_new_run(campaign.name))
            sys.exit(NEW_RUN_EXIT)

    def _progress(self, progress: AuditProgress) -> None:
        self._shown = progress  # the worker's own, updated as it goes
        show_progress(progress, self.stderr)

    def _last_progress(self) -> None:
        """A stop with an error (the WARC folder's marker gone, Redis lost): the progress line
        as the worker ends, before the error. Away from a terminal the last one written could
        be half a minute old, « 0 site traité » while the error said a site was stored."""
        if self._shown is None:
            return
        end_progress(self.stderr)
        self.stderr.write(progress_line(self._shown))
        self.stderr.flush()

    def _skipped(self, code: str, reason: str) -> None:
        """A site received and left unaudited, said when it happens (the last line counts it
        too): « 1 site écarté sans audit (commune retirée de la campagne … : 01000). »"""
        if self.stderr.isatty():  # over the progress line drawn in place
            self.stderr.write("\r\033[K", ending="")
        self.stderr.write(render_skipped([(code, reason)]) + ".")
        self.stderr.flush()

    def _recovered(self, recovery: Recovery) -> None:
        if self.stderr.isatty():  # over the progress line drawn in place
            self.stderr.write("\r\033[K", ending="")
        if recovery.workers:
            self.stderr.write(render_recovery(recovery))
        if recovery.requeued:
            self.stderr.write(render_requeued(recovery.requeued))
        if recovery.closed:
            self.stderr.write(render_closed(recovery.closed))
        if recovery.left:
            self.stderr.write(render_left(recovery.left))
        self.stderr.flush()


def _summary_line(summary: AuditSummary, usage: resource.struct_rusage) -> str:
    """The worker's last line: its sites, the pages it fetched, its errors, the platform pages
    it reused and the sites it crawled that another worker had stored (pages, plus reused ones,
    less those of such sites, make the pages its sites store), the sites it received and left
    unaudited (their commune left the campaign) and why, its CPU and memory."""
    words = ("page de plateforme reprise", "pages de plateformes reprises")
    reused = (
        f", {counted(summary.reused, *words)} d'une autre commune sans nouvelle requête"
        if summary.reused
        else ""
    )
    if summary.duplicates:
        reused += (
            f", {counted(summary.duplicates, 'site exploré', 'sites explorés')} en double, "
            f"déjà {'enregistré' if summary.duplicates == 1 else 'enregistrés'} par un autre "
            f"robot ({counted(summary.duplicate_pages, 'page', 'pages')} non "
            f"{'enregistrée' if summary.duplicate_pages <= 1 else 'enregistrées'})"
        )
    if summary.skipped:
        reused += f", {render_skipped(summary.skipped)}"
    return (
        f"Robot : {counted(summary.sites_done, 'site audité', 'sites audités')}, "
        f"{summary.sites_failed} en échec, "
        f"{counted(summary.pages, 'page', 'pages')} ({rate_shown(summary)}), "
        f"{counted(summary.errors, 'erreur', 'erreurs')}{reused} ; CPU "
        f"{with_unit(number(usage.ru_utime + usage.ru_stime, 1), 's')}, mémoire au plus "
        f"{with_unit(number(usage.ru_maxrss / 1024, 0), 'Mo')}."
    )
