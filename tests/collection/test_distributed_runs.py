"""The distributed audit as an operator drives it, on the real PostgreSQL and Redis of this
machine: a new run (`audit --distributed --recrawl`) started while sites of the previous run still
wait in Redis; a commune that leaves the campaign while its site waits; Ctrl-C on a worker; a
campaign that Redis lost."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from barometre.collection.audit_text import render_enqueued
from barometre.collection.board import CampaignBoard
from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import (
    campaign_enqueue,
    campaign_retry_failed,
    campaign_status,
)
from barometre.core.errors import BarometreError
from tests.collection.distributed_helpers import (
    REDIS_URL,
    fast,
    finish,
    lose_a_queued_message,
    slow_campaign,
    start_worker,
    succeeded,
    wait_for_a_running_site,
)
from tests.collection.site_server import SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


def runs(campaign: object) -> list[tuple[str, str, str]]:
    audits = SiteAudit.objects.filter(campaign=campaign)
    return sorted(audits.values_list("commune_id", "status", "run"))


def test_a_recrawl_audits_in_the_new_run_the_sites_still_queued_from_the_previous_one(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """A worker of the new run that took a message queued before the --recrawl stopped (as if it
    were the one out of date) and put the message back: every worker started after it stopped on
    the same message, and the new run never audited anything."""
    campaign, communes, board = slow_campaign(server, namespace, "repasse", "0940", 3, delay=0.1)
    first = board.meta()["run"]
    again = campaign_enqueue(
        campaign=campaign, board=board, options=fast(server.address, recrawl=True)
    )
    assert again.run != first and again.sites_already_queued == 3
    # the command to run, whole: « barometre worker » alone is refused (--campaign is required)
    assert "Lancez «\u00a0barometre worker --campaign repasse\u00a0» sur" in render_enqueued(again)

    finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"), timeout=90)
    assert runs(campaign) == [(c.code, "done", again.run) for c in communes]
    assert board.idle() and board.queued_messages() == 0


def test_a_worker_of_the_previous_run_leaves_its_site_to_the_new_run_and_stops(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """A worker started before the --recrawl finished its site in the previous run and took the
    site out of the queue, then audited the other sites in the previous run too: the new run had
    nothing left to audit. The worker stopped with no word when it met a site of the new run, and
    with exit code 0, which systemd's Restart=on-failure does not restart."""
    campaign, communes, board = slow_campaign(server, namespace, "relance", "0950", 3, delay=0.3)
    old = start_worker(campaign.name, namespace, warc_root, "--window", "1")
    wait_for_a_running_site(board)
    (held,) = board.counts().running
    again = campaign_enqueue(
        campaign=campaign, board=board, options=fast(server.address, recrawl=True)
    )
    out, err = old.communicate(timeout=90)
    assert "1 site audité" in out, out  # its site, in the previous run; no other
    # it stopped, and said why, with an exit code that systemd's Restart=on-failure acts on
    assert old.returncode == 75, err
    assert (
        "Nouveau passage de la campagne «\u00a0relance\u00a0» lancé (audit --distributed "
        "--recrawl, lancement depuis une machine d'une autre version de barometre, ou "
        "campagne remise en file après une perte de Redis)\u00a0: le robot a "
        "fini ses sites en cours, n'en prend pas d'autre et "
        "s'arrête (code de sortie 75)"
    ) in err, err
    assert board.pending() == {c.code for c in communes}  # its site too: the new run audits it
    # done in the previous run, queued in this one: « 1 site fait … 3 en file » added up to 4
    status = campaign_status(campaign=campaign, board=board)
    assert (status.done, len(status.running), status.queued) == (0, 0, 3)

    finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"), timeout=90)
    assert runs(campaign) == [(c.code, "done", again.run) for c in communes]
    assert board.idle() and board.queued_messages() == 0


LEFT_ONE = (
    "Retrait\u00a0: 1 site en attente sans message dans Redis n'est plus dans la campagne "
    "(commune retirée depuis sa mise en file)\u00a0; il sort de la file sans être audité\u00a0: {}."
)


def test_a_coordinator_run_again_says_which_lost_sites_left_the_campaign(
    postgres: None, namespace: str, server: SiteServer
) -> None:
    """A lost site whose commune had left the campaign since it was queued left the queue in
    silence: the coordinator's counts did not add up, and nothing named it."""
    campaign, communes, board = slow_campaign(server, namespace, "sortie", "0960", 3)
    lost = lose_a_queued_message(board)
    campaign.communes.remove(next(c for c in communes if c.code == lost))

    again = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert again.sites_left == (lost,) and again.sites_closed == () == again.sites_requeued
    assert LEFT_ONE.format(lost) in render_enqueued(again)
    assert board.pending() == {c.code for c in communes} - {lost}
    assert not SiteAudit.objects.filter(campaign=campaign, commune_id=lost).exists()


def test_a_worker_says_which_lost_sites_left_the_campaign(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    campaign, communes, board = slow_campaign(server, namespace, "partie", "0965", 2, delay=0.1)
    lost = lose_a_queued_message(board)
    campaign.communes.remove(next(c for c in communes if c.code == lost))
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    out, err = succeeded(worker, 90)
    assert err.count("Retrait\u00a0:") == 1 and LEFT_ONE.format(lost) in err, err
    assert runs(campaign) == [(c.code, "done", board.run()) for c in communes if c.code != lost]
    assert board.idle() and board.queued_messages() == 0


def test_ctrl_c_stops_a_worker_in_french_once_its_sites_are_stored_twice_at_once(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """Ctrl-C printed Celery's English lines (« worker: Hitting Ctrl+C again will initiate cold
    shutdown… », « worker: Warm shutdown (MainProcess) »); a second Ctrl-C printed a traceback
    (« TaskPool does not implement kill_job ») and the crawl went on."""
    campaign, communes, board = slow_campaign(server, namespace, "interrompu", "0970", 3)
    first = start_worker(campaign.name, namespace, warc_root, "--window", "1")
    wait_for_a_running_site(board)
    (finished,) = board.counts().running
    first.send_signal(signal.SIGINT)
    out, err = succeeded(first, 60)
    assert "Arrêt demandé (Ctrl-C)\u00a0: le robot finit les sites en cours" in err, err
    assert "worker:" not in out + err and "Traceback" not in err, out + err
    assert runs(campaign) == [(finished, "done", board.run())]

    second = start_worker(campaign.name, namespace, warc_root, "--window", "1")
    wait_for_a_running_site(board)
    second.send_signal(signal.SIGINT)
    time.sleep(0.5)
    second.send_signal(signal.SIGINT)
    out, err = succeeded(second, 60)
    assert "Arrêt net demandé (Ctrl-C)\u00a0: plus aucune requête n'est envoyée" in err, err
    assert "worker:" not in out + err and "Traceback" not in err, out + err
    # the site it was crawling was not stored, and waits in the queue with the other one
    assert runs(campaign) == [(finished, "done", board.run())]
    assert board.counts().running == {} and board.queued_messages() == 2
    assert board.redis.hlen(f"{board.broker_prefix}unacked") == 0

    finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"), timeout=90)
    assert runs(campaign) == [(c.code, "done", board.run()) for c in communes]
    assert board.idle() and board.queued_messages() == 0


def test_retrying_the_failed_sites_of_a_campaign_that_redis_lost_says_what_to_run(
    namespace: str,
) -> None:
    """Redis lost (or another Redis, another namespace on one machine): « Aucun audit distribué
    en file pour « oubli » » and nothing else, for `audit status --retry-failed` and workers."""
    commune = CommuneFactory(code="02100")
    campaign = CampaignFactory(name="oubli", communes=[commune])
    SiteAudit.objects.create(campaign=campaign, commune=commune, status="failed", reason="HTTP 500")
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    with pytest.raises(BarometreError) as refused:
        campaign_retry_failed(campaign=campaign, board=board)
    assert (
        f"Aucun audit distribué en file pour «\u00a0oubli\u00a0» dans Redis ({REDIS_URL}, "
        f"espace de noms «\u00a0{namespace}\u00a0»\u00a0: REDIS_URL et BAROMETRE_QUEUE_NAMESPACE, "
        "les mêmes sur chaque machine). Mettez-le en file avec «\u00a0barometre audit --campaign "
        "oubli --distributed\u00a0» (--retry-failed pour réessayer aussi les sites en échec)"
    ) in str(refused.value)


def test_a_campaign_deleted_and_made_again_under_its_name_does_not_inherit_its_queue(
    namespace: str, server: SiteServer
) -> None:
    """The board is keyed by the campaign's name: the new campaign « essai » continued the
    deleted one's run, was refused for options that differed from the deleted one's launch,
    took its 3 pending sites for queued ones and counted them in its status."""
    from barometre.assessments.services.campaigns import campaign_delete

    old, _, board = slow_campaign(server, namespace, "homonyme", "0950", 3, delay=0.0)
    first = board.meta()["run"]
    campaign_delete(name=old.name)
    campaign, _, _ = slow_campaign(server, namespace, "homonyme", "0960", 2, queued=False)
    queued = campaign_enqueue(
        campaign=campaign, board=board, options=fast(server.address, page_budget=5)
    )
    assert (queued.sites_added, queued.sites_already_queued, queued.namesake_dropped) == (2, 0, 3)
    assert queued.run != first and board.pending() == {"09600", "09601"}
    assert "supprimée depuis est effacée\u00a0: 3 sites en attente" in render_enqueued(queued)
    status = campaign_status(campaign=campaign, board=board)
    assert (status.queued, status.done, status.lost) == (2, 0, ())


def test_a_board_of_another_campaign_of_the_database_is_refused_not_cleared(
    namespace: str, server: SiteServer
) -> None:
    """Another deployment's (or a renamed campaign's) queue under the same name is left alone."""
    campaign, _, board = slow_campaign(server, namespace, "voisine", "0970", 1, delay=0.0)
    other = CampaignFactory(name="autre")
    board.set_meta(campaign_id=str(other.pk))
    with pytest.raises(BarometreError, match="appartient à une autre campagne"):
        campaign_status(campaign=campaign, board=board)
    assert board.pending_count() == 1
