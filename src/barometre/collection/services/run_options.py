"""The options of a distributed run: those its sites must all be crawled with, how they read to
the operator, and the refusal of a launch that would change them while sites of the run wait.

Workers read the run's options from Redis when they start (services/worker.py); a launch run
again stores the options it is given. Had it replaced the run's crawl options, the sites still
pending would be crawled otherwise than those already stored: one campaign, two measures.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import Any

from barometre.collection.services.audit import AuditOptions
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
from barometre.core.typography import grouped


def _yes(value: object) -> str:
    return "oui" if value else "non"


# The AuditOptions fields that decide what a site's crawl fetches, keeps or reads: a run keeps
# them while its sites are pending. Each with its name for the operator (the command-line
# option when there is one) and how its value reads. Left out, field by field:
# - site_window, concurrent_requests: how many sites and requests at once (memory, pace), not
#   what is fetched; per-host politeness stays the same, and each worker may set --window;
# - hop_memory: how many one-hop pages a crawl remembers (memory); one forgotten is fetched again;
# - log_level: what the crawl logs (the launcher's -v);
# - retry_failed, recrawl: which sites this launch queues and whether it starts a new run: they
#   belong to the launch, not to the run.
# Those are stored as the last launch gives them.
RUN_OPTIONS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "page_budget": ("--pages", str),
    "depth_limit": ("--depth", str),
    "stylesheets": ("--no-stylesheets", lambda v: _yes(not v)),
    "allow_private": ("--allow-private-addresses", _yes),
    "farm_address": ("--farm", lambda v: v or "aucune"),
    "platforms_path": ("--platforms", lambda v: v or "aucun"),
    "polite": ("délais de politesse", _yes),
    "timeout": ("délai d'attente par requête", lambda v: f"{v:g}".replace(".", ",") + "\u00a0s"),
    "max_size": ("taille maximale d'une réponse", lambda v: f"{grouped(v)}\u00a0octets"),
    "close_after_pages": ("arrêt après tant de pages", lambda v: str(v) if v else "jamais"),
}


def changed_options(run: AuditOptions, given: AuditOptions) -> list[str]:
    """« --pages : 60 → 150 », for each run option `given` changes."""
    lines = []
    for name, (label, shown) in RUN_OPTIONS.items():
        old, new = getattr(run, name), getattr(given, name)
        if old != new:
            lines.append(f"{label} : {shown(old)} → {shown(new)}")
    return lines


def launch_command(campaign: str, options: AuditOptions) -> str:
    """The launch command with the run's command-line options (those left at their default
    omitted): « barometre audit --campaign 2027 --distributed --pages 60 ».
    Options that have no command-line form (`polite`, `timeout`…) cannot be written."""
    default = AuditOptions()
    words = ["barometre", "audit", "--campaign", campaign, "--distributed"]
    if options.page_budget != default.page_budget:
        words += ["--pages", str(options.page_budget)]
    if options.depth_limit != default.depth_limit:
        words += ["--depth", str(options.depth_limit)]
    if not options.stylesheets:
        words.append("--no-stylesheets")
    if options.allow_private:
        words.append("--allow-private-addresses")
    if options.farm_address:
        words += ["--farm", options.farm_address]
    if options.platforms_path:
        words += ["--platforms", options.platforms_path]
    return shlex.join(words)


def check_same_run(campaign: str, run: AuditOptions, given: AuditOptions, pending: int) -> None:
    """Refuse (in French, before anything is queued or written) a launch that continues a run
    whose sites are pending with other crawl options than the run's."""
    changes = changed_options(run, given)
    if not changes:
        return
    waiting = f"{counted(pending, 'site', 'sites')} en attente"
    raise BarometreError(
        f"L'audit distribué « {campaign} » a {waiting}, mis en file avec d'autres "
        f"options que celles-ci : {' ; '.join(changes)}. Les robots démarrés ensuite "
        "exploreraient les sites restants autrement que ceux déjà audités ; "
        "rien n'a été mis en file. Pour continuer ce passage, relancez avec les options du "
        f"lancement (« {launch_command(campaign, run)} ») ; pour tout réexplorer "
        "avec les nouvelles, ajoutez --recrawl (nouveau passage : chaque site audité de nouveau)."
    )


def check_same_detector(campaign: str, run_version: str, own: str, pending: int) -> None:
    """Refuse (in French, before anything is queued) a launch from a machine whose version
    (detector and collection code, collection/version.py) is not the one the run's sites wait
    to be crawled and read with: the coordinator records its own."""
    if not run_version or run_version == own:
        return
    waiting = f"{counted(pending, 'site', 'sites')} en attente"
    raise BarometreError(
        f"L'audit distribué « {campaign} » a {waiting}, mis en file par une machine dont la "
        f"version est {run_version} ; celle de cette machine est {own} (barometre "
        "--version : détecteur et code de collecte). Les sites restants seraient explorés ou "
        "lus autrement que ceux déjà audités ; rien n'a été mis en file. Relancez depuis une "
        "machine à la version du passage, ou ajoutez --recrawl (nouveau passage : chaque site "
        "audité de nouveau, avec cette version)."
    )


def detector_refused(campaign: str, run_version: str, own: str) -> BarometreError | None:
    """A worker whose version (detector and collection code) is not the run's: its sites would
    be crawled or read otherwise than the others of the campaign (None when they match, or the
    run recorded none)."""
    if not run_version or run_version == own:
        return None
    return BarometreError(
        f"Ce robot a la version {own} ; le passage en cours de « {campaign} » a été lancé "
        f"avec la version {run_version} (détecteur et code de collecte) : les sites qu'il "
        "auditerait seraient explorés ou lus autrement que les autres. Installez sur cette "
        "machine la version de barometre du coordinateur (« barometre --version » sur chaque "
        "machine), puis relancez ce robot ; rien n'a été audité."
    )
