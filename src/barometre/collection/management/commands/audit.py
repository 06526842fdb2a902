import argparse
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from barometre.assessments.campaigns import campaign_get
from barometre.collection.audit_text import (
    RETRY_ADVICE,
    render_absent,
    render_all_failed_before,
    render_enqueued,
    render_nothing_to_do,
    render_selection,
    render_status,
    render_summary,
    render_unfinished,
)
from barometre.collection.progress import end_progress, progress_line, show_progress
from barometre.collection.selectors import failed_in_selection, measured_in_selection
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
    board_for,
    campaign_enqueue,
    campaign_retry_failed,
    campaign_status,
)
from barometre.core.comma_lists import CommaList, whole_codes
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.detection import PlatformRegistry, load_platforms
from barometre.referential.models import Campaign, Commune
from barometre.referential.selectors import SPEC_HELP, communes_from_spec
from barometre.referential.services import campaign_create
from barometre.referential.services.campaigns import campaigns_close


class Command(BarometreCommand):
    comma_lists = (CommaList("--communes", "75056,69123,13055"),)
    answer_actions = frozenset({"status"})
    help = "Audite les sites des communes d'une campagne (exploration, détection, preuves WARC)."

    def add_arguments(self, parser: Any) -> None:
        _target_arguments(parser)
        _crawl_arguments(parser)
        parser.add_argument(
            "--distributed",
            action="store_true",
            help="Mettre les sites en file dans Redis pour des « barometre worker » "
            "(REDIS_URL) au lieu de les explorer ici",
        )
        parser.add_argument(
            "--retry-failed", action="store_true", help="Réessayer les sites en échec"
        )
        parser.add_argument(
            "--recrawl", action="store_true", help="Tout réexplorer, même les sites déjà audités"
        )
        parser.add_argument(
            "--platforms", type=Path, metavar="FICHIER", help="Fichier YAML de plateformes en plus"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            self._status(options["campaign"], retry=options["retry_failed"])
            return
        # every input is checked before a campaign is created: a refused run leaves nothing
        platforms = load_platforms(options["platforms"]) if options["platforms"] else None
        audit_options = _audit_options(options)
        if options["from_warc"]:
            if options["distributed"]:  # archives are read here: nothing to hand to workers
                raise BarometreError(
                    "--from-warc et --distributed ne vont pas ensemble : les archives sont lues "
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
        if board is not None and not options["from_warc"]:
            queued = campaign_enqueue(
                campaign=campaign, board=board, communes=communes, options=audit_options
            )
            self.stdout.write(render_enqueued(queued))
            return
        self._shown: AuditProgress | None = None
        try:
            summary = self._audit(campaign, communes, options, audit_options, platforms)
        except Exception:
            self._last_progress()
            raise
        self._clear_progress()
        self._conclude(summary, campaign, communes, from_warc=bool(options["from_warc"]))

    def _audit(
        self,
        campaign: Campaign,
        communes: QuerySet[Commune] | None,
        options: dict[str, Any],
        audit_options: AuditOptions,
        platforms: PlatformRegistry | None,
    ) -> AuditSummary:
        """Audit here: from the archives given, else by crawling the sites."""
        if options["from_warc"]:
            return campaign_audit_from_warc(
                campaign=campaign,
                paths=options["from_warc"],
                on_progress=self._progress,
                platforms=platforms,
                verified=True,
                communes=communes,
            )
        return campaign_audit(
            campaign=campaign,
            communes=communes,
            options=audit_options,
            on_progress=self._progress,
        )

    def _conclude(
        self,
        summary: AuditSummary,
        campaign: Campaign,
        communes: QuerySet[Commune] | None,
        *,
        from_warc: bool,
    ) -> None:
        """Print the run's outcome; a run that measured nothing, or left sites failed or
        unfinished, ends in error (exit code 1) after saying why."""
        if not from_warc and summary.sites_total and summary.sites_skipped == summary.sites_total:
            failures = failed_in_selection(campaign, communes)
            if len(failures) == summary.sites_total:
                raise BarometreError(render_all_failed_before(summary, failures))
            self.stdout.write(render_nothing_to_do(summary, failures))
            return
        self.stdout.write(render_summary(summary))
        if summary.absent:
            self.warn(render_absent(summary.absent))
        if (
            summary.sites_failed
            and not summary.interrupted
            and not measured_in_selection(campaign, communes)
        ):
            one = summary.sites_total == 1
            verb, them = ("est", "elle") if one else ("sont", "elles")
            raise BarometreError(
                f"Aucune commune mesurée : {render_selection(summary.sites_total)} {verb} en "
                f"échec (motifs ci-dessus), la campagne \u00ab\u00a0{campaign.name}\u00a0\u00bb "
                f"n'a aucune valeur pour {them}." + ("" if from_warc else " " + RETRY_ADVICE)
            )
        if summary.sites_failed or summary.interrupted:  # the summary says which and why
            raise BarometreError(render_unfinished(summary))

    def _warn_outside(self, campaign: Campaign, communes: QuerySet[Commune]) -> None:
        """Communes selected that the campaign does not hold are not audited: say so."""
        outside = communes.exclude(code__in=campaign.communes.values("code"))
        count = outside.count()
        if count:
            codes = ", ".join(outside.order_by("code").values_list("code", flat=True)[:10])
            more = " …" if count > 10 else ""
            verb = "n'est pas" if count == 1 else "ne sont pas"
            self.warn(
                f"Attention : {counted(count, 'commune', 'communes')} de la sélection {verb} "
                f"dans la campagne « {campaign.name} », donc pas auditée{'s' if count > 1 else ''}"
                f" ({codes}{more})."
            )

    def _status(self, name: str, *, retry: bool) -> None:
        campaign = campaign_get(name)  # unknown: the existing ones are listed
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
            _refuse_a_typo(name)
            spec = "top:25"
        try:
            created: Campaign = campaign_create(name=name, spec=spec)
            return created
        except BarometreError as error:
            raise BarometreError(
                f"Campagne « {name} » absente et impossible à créer : {error}"
            ) from error

    def _progress(self, progress: AuditProgress) -> None:
        self._shown = progress
        show_progress(progress, self.stderr)

    def _clear_progress(self) -> None:
        end_progress(self.stderr)

    def _last_progress(self) -> None:
        """A run stopped by an error (the database or the WARC folder lost mid-run): the line
        drawn in place was left unfinished, « Erreur : » written after it on the same line;
        it is cleared and the run's last progress written on a line of its own, before the
        error (away from a terminal, the last one written could be half a minute old)."""
        if self._shown is None:
            return
        end_progress(self.stderr)
        self.stderr.write(progress_line(self._shown))
        self.stderr.flush()


def _refuse_a_typo(name: str) -> None:
    """A campaign name absent but close to one that exists (`2062` for `2026`, `Local` for
    `local`) is a typo: without --communes it created a new campaign of the 25 largest communes
    and crawled their sites. Refused, naming the campaign meant and how to create a new one."""
    close = campaigns_close(name, list(Campaign.objects.values_list("name", flat=True)))
    if not close:
        return
    meant = " ou ".join(f"« {n} »" for n in close)
    raise BarometreError(
        f"Campagne « {name} » absente ; vouliez-vous dire {meant} ? Pour créer une "
        f"nouvelle campagne de ce nom, donnez ses communes : « barometre audit --campaign "
        f"{name} --communes top:25 ». Rien n'a été fait."
    )


def _audit_options(options: dict[str, Any]) -> AuditOptions:
    """The audit's options from the command line (checked later, before anything is stored)."""
    return AuditOptions(
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


def _action(text: str) -> str:
    """The only action, "status"; anything else in its place is what a user meant to give
    to --campaign or --communes, said so with the form to type (argparse answered that '2026'
    was not a valid choice, among 'status')."""
    if text == "status":
        return text
    if not text:  # quoted, it read as empty guillemets
        raise argparse.ArgumentTypeError(
            "valeur vide\u00a0: la seule action est «\u00a0status\u00a0»\u00a0; la campagne se "
            "donne avec --campaign"
        )
    shown = text if len(text) <= 40 else f"{text[:39]}…"
    if whole_codes(text):
        meant = f"les communes se donnent avec --communes\u00a0: «\u00a0--communes {shown}\u00a0»"
    else:
        meant = (
            "la campagne se donne avec --campaign\u00a0: "
            f"«\u00a0barometre audit --campaign {shown}\u00a0»"
        )
    raise argparse.ArgumentTypeError(
        f"«\u00a0{shown}\u00a0» n'est pas une action (la seule est «\u00a0status\u00a0»)"
        f"\u00a0; {meant}"
    )


def _target_arguments(parser: Any) -> None:
    """What to audit: the campaign, its communes, or archives read instead of the sites."""
    parser.add_argument(
        "action",
        nargs="?",
        type=_action,
        choices=["status"],
        help="« status » : état d'un audit distribué (sites faits, en cours, en file, perdus, "
        "en échec avec leur motif, robots en marche et ce qu'ils tiennent)"
        " ; avec --retry-failed, remet les échecs en file",
    )
    parser.add_argument(
        "--campaign",
        required=True,
        metavar="CAMPAGNE",
        help="Nom de la campagne (créée si absente)",
    )
    parser.add_argument(
        "--communes",
        metavar="SÉLECTION",
        help=f"Communes à auditer : {SPEC_HELP}. Défaut : top:25 "
        "pour une nouvelle campagne, toutes celles de la campagne sinon",
    )
    parser.add_argument(
        "--from-warc",
        nargs="+",
        type=Path,
        metavar="FICHIER",
        help="Détecter à partir d'archives WARC, sans réseau",
    )


def _crawl_arguments(parser: Any) -> None:
    """How each site is explored: pages, depth, stylesheets, addresses, farm, window."""
    parser.add_argument(
        "--pages", type=int, default=150, metavar="N", help="Pages au plus par site (150)"
    )
    parser.add_argument(
        "--depth", type=int, default=4, metavar="N", help="Profondeur de liens au plus (4)"
    )
    parser.add_argument(
        "--no-stylesheets",
        action="store_true",
        help="Ne pas archiver les feuilles de style des pages (exploration plus légère ; "
        "les preuves s'affichent alors sans leur mise en forme)",
    )
    parser.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="Autoriser les adresses privées ou locales (ferme de test)",
    )
    parser.add_argument(
        "--farm",
        metavar="HÔTE:PORT",
        help="Envoyer toutes les requêtes à cette ferme locale (en-tête Host conservé)",
    )
    parser.add_argument(
        "--window",
        type=int,
        default=DEFAULT_SITE_WINDOW,
        metavar="N",
        help=f"Sites explorés en même temps ({DEFAULT_SITE_WINDOW}) ; "
        "la mémoire dépend de ce nombre, pas du nombre de sites",
    )
