import resource
import time
from typing import Any

from barometre.collection.progress import show_progress
from barometre.collection.services.consumer import AuditProgress
from barometre.collection.services.distributed import (
    DEFAULT_LEASE_SECONDS,
    queue_for,
    worker_run,
)
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign


class Command(BarometreCommand):
    help = (
        "Robot d'audit distribué : prend les sites en file dans Redis (REDIS_URL), les explore, "
        "détecte et enregistre comme « barometre audit »."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--campaign", required=True, metavar="NOM", help="Campagne dont traiter la file."
        )
        parser.add_argument(
            "--lease",
            type=float,
            default=DEFAULT_LEASE_SECONDS,
            metavar="SECONDES",
            help="Au-delà de ce délai sans signe de vie, les sites de ce robot sont repris par "
            f"un autre ({DEFAULT_LEASE_SECONDS:.0f}).",
        )
        parser.add_argument(
            "--window", type=int, default=0, metavar="N", help="Sites explorés en même temps."
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Attendre de nouveaux sites quand la file est vide, au lieu de s'arrêter.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(name=options["campaign"]).first()
        if campaign is None:
            raise BarometreError(f"Campagne « {options['campaign']} » introuvable.")
        queue = queue_for(campaign.name)
        while True:
            summary = worker_run(
                campaign=campaign,
                queue=queue,
                lease=options["lease"],
                site_window=options["window"],
                on_progress=self._progress,
            )
            usage = resource.getrusage(resource.RUSAGE_SELF)
            self.stdout.write(
                f"Robot : {summary.sites_done} sites audités, {summary.sites_failed} en échec, "
                f"{summary.pages} pages ({summary.pages / max(summary.elapsed, 1e-6):.1f} "
                f"pages/s) ; CPU {usage.ru_utime + usage.ru_stime:.1f} s (exploration "
                f"{summary.crawler_cpu_seconds:.1f} s), mémoire au plus "
                f"{usage.ru_maxrss / 1024:.0f} Mo (exploration {summary.crawler_peak_mb:.0f} Mo)."
            )
            if not options["wait"] or summary.close_reason == "shutdown":  # Ctrl-C, SIGINT
                return
            try:
                while queue.idle():
                    time.sleep(5)
            except KeyboardInterrupt:
                return

    def _progress(self, progress: AuditProgress) -> None:
        show_progress(progress, self.stderr)
