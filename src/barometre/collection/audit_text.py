"""What the audit commands print, in French: a run's summary, a distributed campaign's queue and
status, what was left out and why, how to go on."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from barometre.collection.failure_kinds import ErrorKind, FailureKind, by_kind
from barometre.collection.services import AuditOptions, AuditSummary
from barometre.collection.services.distributed import CampaignStatus, EnqueueSummary
from barometre.collection.services.ownership import earlier_board_dropped, earlier_board_status
from barometre.collection.services.recovery import Recovery
from barometre.collection.services.run_options import launch_command
from barometre.collection.services.warc_marker import MissingArchives
from barometre.collection.stored_reasons import reason_shown
from barometre.collection.version import collection_version
from barometre.core.plural import counted
from barometre.core.typography import grouped, with_unit
from barometre.detection.version import detector_version
from barometre.outputs.labels import number


def render_enqueued(queued: EnqueueSummary) -> str:
    counts = (
        f"Audit distribué « {queued.campaign} » : "
        f"{counted(queued.sites_added, 'site mis', 'sites mis')} en file, "
        f"{queued.sites_already_queued} déjà en file ou en cours, "
        f"{counted(queued.sites_skipped, 'déjà fait', 'déjà faits')}, "
        f"{queued.sites_no_website} sans site connu (niveau 0 enregistré).\n"
    )
    if queued.namesake_dropped:
        counts += (
            f"La file Redis laissée par une campagne « {queued.campaign} » supprimée "
            f"depuis est effacée : {counted(queued.namesake_dropped, 'site', 'sites')} en "
            "attente de l'ancienne campagne, non audités pour celle-ci.\n"
        )
    if queued.earlier_dropped:
        counts += earlier_board_dropped(queued.campaign, queued.earlier_dropped) + "\n"
    if queued.sites_requeued:
        counts += render_requeued(queued.sites_requeued) + "\n"
    if queued.sites_closed:
        counts += render_closed(queued.sites_closed) + "\n"
    if queued.sites_left:
        counts += render_left(queued.sites_left) + "\n"
    if not queued.sites_added and not queued.sites_already_queued and not queued.sites_requeued:
        return counts + "Aucun site à explorer : aucun robot « barometre worker » n'est nécessaire."
    name = shlex.quote(queued.campaign)  # as typed in a shell, as launch_command
    return counts + (
        f"Lancez « barometre worker --campaign {name} » sur une ou plusieurs "
        f"machines, chacune à la version de celle-ci (détecteur {detector_version()}, collecte "
        f"{collection_version()} : « barometre --version ») ; suivez l'avancement avec "
        f"« barometre audit status --campaign {name} »."
    )


def render_status(status: CampaignStatus) -> str:
    lost = f", {_lost_count(len(status.lost))}" if status.lost else ""
    lines = [
        f"Audit « {status.campaign} » : {counted(status.done, 'site fait', 'sites faits')}, "
        f"{len(status.running)} en "
        f"cours, {status.queued} en file{lost}, {status.failed} en échec, {status.no_website} "
        "sans site connu."
    ]
    if status.earlier_dropped is not None:
        lines.append(earlier_board_status(status.campaign, status.earlier_dropped))
    lines.extend(render_workers(status))
    if status.orphaned:
        dead = sorted(set(status.orphaned.values()))
        lines.append(
            f"{counted(len(status.orphaned), 'site pris', 'sites pris')} par "
            f"{'un robot arrêté' if len(dead) == 1 else 'des robots arrêtés'} "
            f"({', '.join(dead)}) : le premier robot en marche "
            f"{'les remet' if len(status.orphaned) > 1 else 'le remet'} en file "
            f"(« barometre worker --campaign {shlex.quote(status.campaign)} »)."
        )
    if status.lost:
        lines.append(render_lost(status.launch or _launch(status.campaign), status.lost))
    if status.unqueued:
        known = status.unqueued_options_known
        lines.append(render_unqueued(status.unqueued, status.unqueued_launch, known))
    lines.extend(render_failures(status.campaign, status.failures))
    if status.missing is not None:
        lines.append(render_missing_archives(status.missing))
    return "\n".join(lines)


def render_missing_archives(missing: MissingArchives) -> str:
    """Archives that stored cells refer to, missing from this machine's WARC folder: written by
    a worker into a folder of its own, or a folder not mounted or not restored here."""
    files = f"{counted(missing.files, 'fichier', 'fichiers')} d'archives WARC"
    cells = counted(missing.cells, "cellule", "cellules")
    communes = counted(missing.communes, "commune", "communes")
    one = missing.files == 1
    wrote = "l'a écrit" if one else "les a écrits"
    return (
        f"Preuves illisibles depuis cette machine : {files} que citent {cells} ({communes}) "
        f"{'manque' if one else 'manquent'} dans « {missing.root} » (BAROMETRE_WARC_ROOT), "
        f"dont « {missing.example} ». Un robot {wrote} "
        "dans un autre dossier que le dossier partagé (montage absent, BAROMETRE_WARC_ROOT non "
        "défini), ou ce dossier-ci n'est pas le dossier partagé : "
        f"{'copiez-le' if one else 'copiez-les'} dans le dossier partagé sous le même chemin "
        "relatif, ou montez-le ici."
    )


def render_workers(status: CampaignStatus) -> list[str]:
    """Every live worker of the campaign with the sites it holds, an idle one included: a
    worker whose sign of life is fresh but that holds nothing is « inactif », not dead. When
    idle workers watch others hold the last sites, how to share a small campaign (--window)."""
    workers = sorted({*status.workers, *status.running.values()})
    if not workers:
        return []
    held = {w: sum(1 for h in status.running.values() if h == w) for w in workers}
    lines = [f"Robots en marche ({len(workers)}) :"]
    lines += [f"  {w} : {_worker_state(held[w], status)}{_share(w, status)}" for w in workers]
    idle = [w for w in workers if not held[w]]
    if idle and status.running and not status.queued and max(held.values()) > 1:
        share = -(-len(status.running) // len(workers))  # rounded up
        lines.append(
            "Un robot prend dès son démarrage jusqu'à --window sites : pour qu'ils se "
            f"partagent une petite campagne, lancez-les avec « --window {share} » (sites "
            "restants divisés par le nombre de robots)."
        )
    return lines


def _share(worker: str, status: CampaignStatus) -> str:
    """What the worker audited since it started: « ; 4 sites audités (1 en échec), 289 pages »."""
    share = status.progress.get(worker)
    if share is None:
        return ""
    return (
        f" ; {counted(share.done, 'site audité', 'sites audités')} "
        f"({share.failed} en échec), {counted(share.pages, 'page', 'pages')}"
    )


def _worker_state(held: int, status: CampaignStatus) -> str:
    if held:
        return counted(held, "site en cours", "sites en cours")
    if status.queued:
        return "aucun site en cours (il en prend dans la file)"
    if status.running:
        return "inactif, rien à prendre (les sites restants sont chez les autres robots)"
    return "inactif, rien à prendre"


def render_failures(
    campaign: str, failures: Sequence[tuple[str, str]], limit: int = 20
) -> list[str]:
    """Failed sites grouped by reason, the most frequent first, each with its count and first
    codes: the lines that `audit status` and a worker's summary print (none without failure)."""
    if not failures:
        return []
    return [
        f"Sites en échec (remis en file par « barometre audit status --campaign "
        f"{shlex.quote(campaign)} --retry-failed ») :",
        *failure_reasons(failures, limit),
    ]


def render_notes(notes: Sequence[tuple[str, str]]) -> list[str]:
    """Sites audited but read in part (a robots.txt past its parsing limit, a page of too many
    links), grouped as failures are; each site's record (`SiteAudit.reason`) says the same."""
    if not notes:
        return []
    return ["Sites audités en partie :", *failure_reasons(notes)]


def failure_reasons(failures: Sequence[tuple[str, str]], limit: int = 20) -> list[str]:
    """One line per kind of failure (failure_kinds.py), the most frequent first, with its count
    and first codes, and, when its sites gave different reasons (their hosts, their addresses),
    how many and the first; the kinds past `limit` counted on a last line. A reason an older
    version stored in English is said in French (stored_reasons.py)."""
    kinds = by_kind([(code, reason_shown(reason)) for code, reason in failures])
    lines = [
        f"  {kind.words} : {counted(len(kind.codes), 'site', 'sites')} "
        f"({_codes_shown(kind.codes, 10)})" + _detailed(kind)
        for kind in kinds[:limit]
    ]
    if len(kinds) > limit:
        lines.append(f"  … et {counted(len(kinds) - limit, 'autre motif', 'autres motifs')}")
    return lines


def error_reasons(kinds: Sequence[ErrorKind], limit: int = 20) -> list[str]:
    """One line per kind of fetch error, the most frequent first, with its count and its sites';
    the kinds past `limit` counted on a last line."""
    lines = [
        f"  {kind.words} : {counted(kind.errors, 'erreur', 'erreurs')} sur "
        f"{counted(kind.sites, 'site', 'sites')}"
        for kind in kinds[:limit]
    ]
    if len(kinds) > limit:
        lines.append(f"  … et {counted(len(kinds) - limit, 'autre motif', 'autres motifs')}")
    return lines


def error_kind_lines(kinds: Sequence[ErrorKind]) -> list[str]:
    """A run's fetch errors by kind under their heading (`barometre audit`'s summary, a
    worker's last lines); nothing when there were none."""
    if not kinds:
        return []
    return ["Erreurs par motif (pages non obtenues) :", *error_reasons(kinds)]


def _detailed(kind: FailureKind) -> str:
    """« ; 3 000 motifs détaillés différents, dont « … » » when a kind gathers several."""
    if kind.reasons < 2:
        return ""
    return f" ; {grouped(kind.reasons)} motifs détaillés différents, dont « {kind.example[:200]} »"


def render_unqueued(count: int, launch: str, known: bool) -> str:
    """Communes of the campaign neither audited nor queued: a status that counted them nowhere
    let the operator take a campaign that Redis lost for finished. `known`: the run's options
    are on the board (`launch` has them), else Redis lost them with the rest."""
    one = count == 1
    neither = "n'est ni auditée" if one else "ne sont ni auditées"
    return (
        f"{counted(count, 'commune', 'communes')} de la campagne {neither} ni en file (jamais "
        f"{'mise' if one else 'mises'} en file, ou {'perdue' if one else 'perdues'} avec les "
        f"données de Redis) : « {launch} » {'la met' if one else 'les met'} en file "
        + (
            "(avec les options du lancement)."
            if known
            else "(ajoutez les options du lancement d'origine : Redis ne les a plus)."
        )
    )


def _lost_count(count: int) -> str:
    """« 2 perdus (ni en file ni chez un robot) »."""
    return f"{count} {'perdu' if count == 1 else 'perdus'} (ni en file ni chez un robot)"


def _launch(campaign: str) -> str:
    """The launch command of a run whose options are not known: the default ones."""
    return launch_command(campaign, AuditOptions())


def render_lost(launch: str, codes: Sequence[str], limit: int = 20) -> str:
    """Pending sites that no message stands for (services/recovery.py: lost_sites), named, with
    the command that sends them again (services/distributed.py: requeue_lost): the launch
    command with the run's options, the only ones accepted while sites of the run wait
    (services/run_options.py)."""
    one = len(codes) == 1
    return (
        f"{'Site perdu' if one else 'Sites perdus'} (ni en file ni chez un robot, "
        f"{'son' if one else 'leur'} message perdu entre Redis et un robot ou à un redémarrage "
        "de Redis) : "
        f"{_codes_shown(codes, limit)}. « {launch} » "
        f"{'le remet' if one else 'les remet'} en file (avec les options du lancement)."
    )


RETRY_ADVICE = (
    "Corrigez l'adresse des sites (« barometre websites import ») ou attendez qu'ils répondent, "
    "puis relancez avec --retry-failed."
)


def _codes_shown(codes: Sequence[str], limit: int) -> str:
    """The first `limit` codes, then how many more ("… et N autres")."""
    shown = ", ".join(codes[:limit])
    if len(codes) > limit:
        shown += f" … et {counted(len(codes) - limit, 'autre', 'autres')}"
    return shown


def by_reason(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(reason, codes) of (code, reason) pairs, the most frequent reason first, each reason's
    codes in order (so that a reader finds a commune, whatever order the sites failed in)."""
    codes: dict[str, list[str]] = {}
    for code, reason in pairs:
        codes.setdefault(reason or "motif non enregistré", []).append(code)
    return sorted(
        ((reason, sorted(listed)) for reason, listed in codes.items()),
        key=lambda item: (-len(item[1]), item[0]),
    )


def render_skipped(skipped: Sequence[tuple[str, str]], limit: int = 10) -> str:
    """Sites a worker received and left unaudited, by reason: « 1 site écarté sans audit
    (commune retirée de la campagne depuis sa mise en file : 01000) »."""
    return ", ".join(
        f"{counted(len(codes), 'site écarté', 'sites écartés')} sans audit ({reason} : "
        f"{_codes_shown(codes, limit)})"
        for reason, codes in by_reason(skipped)
    )


def render_recovery(recovery: Recovery, limit: int = 20) -> str:
    """A worker took back what workers that died left in Redis (services/recovery.py): « Reprise :
    2 sites laissés en cours par un robot arrêté sans prévenir (hôte-123-ab12cd) sont remis en
    file : 01000, 01001. »"""
    dead = len(recovery.workers)
    by = (
        f"par {'un robot arrêté' if dead == 1 else f'{dead} robots arrêtés'} sans prévenir "
        f"({', '.join(recovery.workers)})"
    )
    sites = recovery.sites
    if not sites:
        return f"Reprise : entrées laissées dans Redis {by} nettoyées ; aucun site à reprendre."
    shown = _codes_shown(sites, limit)
    left = "laissé en cours" if len(sites) == 1 else "laissés en cours"
    put = "est remis" if len(sites) == 1 else "sont remis"
    return f"Reprise : {counted(len(sites), 'site', 'sites')} {left} {by} {put} en file : {shown}."


def render_requeued(codes: tuple[str, ...], limit: int = 20) -> str:
    """Pending sites whose message was lost, sent again (services/recovery.py: lost_sites),
    one line that starts with « Renvoi : » and names them."""
    shown = _codes_shown(codes, limit)
    one = len(codes) == 1
    return (
        f"Renvoi : {counted(len(codes), 'site', 'sites')} en attente sans message dans Redis "
        "(perdu entre Redis et un robot, ou à un redémarrage de Redis) "
        f"{'est remis' if one else 'sont remis'} en file : {shown}."
    )


def render_closed(codes: tuple[str, ...], limit: int = 20) -> str:
    """Pending sites whose message was lost and whose commune has no known website any more,
    closed at level 0 (services/distributed.py: _close_without_website): « Clôture : … »."""
    shown = _codes_shown(codes, limit)
    if len(codes) == 1:
        what = (
            "en attente sans message dans Redis n'a plus de site internet connu (retiré "
            "du référentiel depuis sa mise en file) ; il sort de la file avec le niveau 0"
        )
    else:
        what = (
            "en attente sans message dans Redis n'ont plus de site internet "
            "connu (retirés du référentiel depuis leur mise en file) ; ils sortent de la file "
            "avec le niveau 0"
        )
    count = counted(len(codes), "site", "sites")
    return f"Clôture : {count} {what}, comme toute commune sans site : {shown}."


def render_left(codes: tuple[str, ...], limit: int = 20) -> str:
    """Pending sites whose message was lost and whose commune left the campaign since they were
    queued, dropped from the queue unaudited (services/distributed.py: _close_without_website):
    « Retrait : … »."""
    shown = _codes_shown(codes, limit)
    if len(codes) == 1:
        what = (
            "en attente sans message dans Redis n'est plus dans la campagne (commune retirée "
            "depuis sa mise en file) ; il sort de la file sans être audité"
        )
    else:
        what = (
            "en attente sans message dans Redis ne sont plus dans la campagne (communes "
            "retirées depuis leur mise en file) ; ils sortent de la file sans être audités"
        )
    return f"Retrait : {counted(len(codes), 'site', 'sites')} {what} : {shown}."


def render_new_run(campaign: str) -> str:
    """A worker stopped because the coordinator started a new run of its campaign (--recrawl, or
    a launch from a machine of another version once none of the run's sites waited)."""
    return (
        f"Nouveau passage de la campagne « {campaign} » lancé (audit --distributed "
        "--recrawl, lancement depuis une machine d'une autre version de barometre, ou campagne "
        "remise en file après une perte de Redis) : le robot a "
        "fini ses sites en cours, n'en prend pas d'autre et "
        "s'arrête (code de sortie 75) pour repartir avec les options du nouveau passage. "
        f"Relancez « barometre worker --campaign {shlex.quote(campaign)} » (systemd le relance "
        "de lui-même)."
    )


def render_absent(codes: tuple[str, ...]) -> str:
    """Communes selected with --communes that the archives read do not hold."""
    n = len(codes)
    shown = ", ".join(codes[:10]) + (" …" if n > 10 else "")
    verb = "n'est" if n == 1 else "ne sont"
    return (
        f"Attention : {counted(n, 'commune', 'communes')} "
        f"{'sélectionnée' if n == 1 else 'sélectionnées'} "
        f"{verb} pas dans les archives, donc pas "
        f"auditée{'s' if n > 1 else ''} ({shown})."
    )


def render_selection(n: int) -> str:
    return "la commune sélectionnée" if n == 1 else f"les {grouped(n)} communes sélectionnées"


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
        f" (dont {grouped(count)} en échec"
        f" : --retry-failed pour {'le' if count == 1 else 'les'} réessayer)"
        if failures
        else ""
    )
    lines = [
        f"Rien à faire : {what} dans la campagne « {summary.campaign} »{retry} ; "
        "--recrawl pour tout réexplorer."
    ]
    if failures:
        lines.append("Sites en échec :")  # grouped by reason, as the run's summary
        lines.extend(failure_reasons(failures))
    return "\n".join(lines)


def render_all_failed_before(summary: AuditSummary, failures: list[tuple[str, str]]) -> str:
    """Every commune selected failed in an earlier run and none was measured: the campaign has
    no value for them, which is no success."""
    n = summary.sites_total
    lines = [
        f"Aucune commune mesurée : {render_selection(n)} "
        f"{'est' if n == 1 else 'sont'} en échec depuis un audit précédent de la campagne "
        f"« {summary.campaign} », qui n'a aucune valeur pour {'elle' if n == 1 else 'elles'} ; "
        "rien n'a été réexploré.",
        *failure_reasons(failures),
        RETRY_ADVICE,
    ]
    return "\n".join(lines)


_CLOSE_REASONS = {
    "shutdown": "arrêt demandé : aucune nouvelle requête envoyée après Ctrl-C",
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
        f"Audit « {summary.campaign} » : "
        f"{counted(summary.sites_done, 'site audité', 'sites audités')}, "
        f"{grouped(summary.sites_failed)} en échec, "
        f"{grouped(summary.sites_no_website)} sans site connu, "
        f"{counted(summary.sites_skipped, 'déjà fait', 'déjà faits')}.",
        f"Pages : {grouped(summary.pages)} ({rate_shown(summary)} en "
        f"{with_unit(number(summary.elapsed, 1), 's')}), "
        f"erreurs : {grouped(summary.errors)}, valeurs "
        f"automatiques enregistrées : {grouped(summary.assessments)}.",
    ]
    lines.extend(error_kind_lines(summary.error_kinds))
    if summary.reused:
        lines.append(
            "Pages de plateformes déjà téléchargées pour une autre commune, reprises sans "
            f"nouvelle requête : {grouped(summary.reused)}."
        )
    if summary.failures:  # grouped by reason, as a worker's summary and `audit status`
        lines.append("Sites en échec :")
        lines.extend(failure_reasons(summary.failures))
    lines.extend(render_notes(summary.notes))
    if summary.interrupted:
        lines.append(
            f"Interrompu ({close_reason_fr(summary.close_reason)}) : "
            f"{counted(summary.sites_unfinished, 'site reste', 'sites restent')} ; "
            "relancez la même commande pour reprendre."
        )
    return "\n".join(lines)


def render_unfinished(summary: AuditSummary) -> str:
    """The error of a run that left sites failed or unfinished: the counts that are not zero
    (« 8 sites non terminés. » after a Ctrl-C, not « 0 site en échec, 8 non terminés. »)."""
    parts = []
    if summary.sites_failed:
        parts.append(f"{counted(summary.sites_failed, 'site', 'sites')} en échec")
    if summary.sites_unfinished:
        words = (
            ("non terminé", "non terminés") if parts else ("site non terminé", "sites non terminés")
        )
        parts.append(counted(summary.sites_unfinished, *words))
    return ", ".join(parts) + "."
