"""Whose Redis board it is, on the real PostgreSQL and Redis of this machine: a board left by an
earlier version of barometre, which recorded no campaign id, and a campaign deleted while a
worker audits it (services/ownership.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.collection.audit_text import render_enqueued, render_status
from barometre.collection.board import CampaignBoard
from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import campaign_enqueue, campaign_status
from barometre.collection.services.ownership import board_claim
from tests.collection.distributed_helpers import (
    fast,
    finish,
    outputs,
    slow_campaign,
    start_worker,
    wait_for_a_running_site,
)
from tests.collection.site_server import SiteServer

pytestmark = pytest.mark.django_db(transaction=True)
NBSP = "\u00a0"


def as_earlier_version(board: CampaignBoard, detector: str = "0.0.9+ancien") -> None:
    """The board as a version before the campaign id wrote it (and read by another detector:
    the upgrade that brings this version)."""
    board.redis.hdel(board.keys["meta"], "campaign_id")
    board.set_meta(detector=detector)


def test_an_earlier_version_s_board_with_nothing_stored_is_cleared_and_said(
    namespace: str, server: SiteServer
) -> None:
    """It was refused at every launch (« … mis en file par une machine dont le détecteur est
    0.0.9+ancien … rien n'a été mis en file ») and never cleared, the campaign's own sites or a
    deleted namesake's alike: the campaign could not be queued without --recrawl."""
    campaign, _, board = slow_campaign(server, namespace, "ancienne", "0940", 3, delay=0.0)
    as_earlier_version(board)
    queued = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert (queued.earlier_dropped, queued.namesake_dropped, queued.sites_added) == (3, 0, 3)
    assert board.meta()["campaign_id"] == str(campaign.pk)
    assert board.pending() == {"09400", "09401", "09402"} and board.queued_messages() == 3
    assert (
        f"La file Redis de «{NBSP}ancienne{NBSP}» laissée par une version antérieure de "
        "barometre (sans numéro de campagne), dont aucun site n'est enregistré pour cette "
        f"campagne, est effacée{NBSP}: 3 sites en attente, remis en file par ce lancement "
        "s'ils ne sont pas audités."
    ) in render_enqueued(queued)


def test_audit_status_says_it_cleared_an_earlier_version_s_board(
    namespace: str, server: SiteServer
) -> None:
    campaign, _, board = slow_campaign(server, namespace, "vue", "0944", 2, delay=0.0)
    as_earlier_version(board)
    text = render_status(campaign_status(campaign=campaign, board=board))
    assert text.splitlines()[1] == (
        f"La file Redis de «{NBSP}vue{NBSP}» laissée par une version antérieure de barometre "
        "(sans numéro de campagne), dont aucun site n'est enregistré pour cette campagne, est "
        f"effacée{NBSP}: 2 sites en attente, non audités. Remettez en file les sites non "
        f"audités avec «{NBSP}barometre audit --campaign vue --distributed{NBSP}»."
    )
    assert board.pending_count() == 0


def test_an_earlier_version_s_board_of_this_campaign_is_kept_and_marked(
    namespace: str, server: SiteServer, postgres: None, warc_root: Path
) -> None:
    """A site of its run is stored for this campaign: it is this campaign's run, whose sites
    wait for the workers; nothing of it is dropped."""
    campaign, _, board = slow_campaign(server, namespace, "suivie", "0941", 2, delay=0.0)
    SiteAudit.objects.create(campaign=campaign, commune_id="09410", status="done", run="x")
    as_earlier_version(board, detector=board.meta()["detector"])
    board.set_meta(run="x")
    claim = board_claim(campaign=campaign, board=board)
    assert (claim.dropped, claim.earlier) == (0, False)
    assert board.meta()["campaign_id"] == str(campaign.pk) and board.pending_count() == 2


def test_a_worker_that_meets_an_earlier_version_s_board_says_what_to_run(
    namespace: str, server: SiteServer, postgres: None, warc_root: Path
) -> None:
    campaign, _, board = slow_campaign(server, namespace, "vieille-file", "0942", 2, delay=0.0)
    as_earlier_version(board)
    worker = start_worker(campaign.name, namespace, warc_root)
    _, err = outputs(worker, 60)
    assert worker.returncode == 1, err
    assert (
        f"est effacée{NBSP}: 2 sites en attente, non audités. Remettez en file les sites non "
        f"audités avec «{NBSP}barometre audit --campaign vieille-file --distributed{NBSP}», "
        f"puis relancez ce robot{NBSP}; rien n'a été audité."
    ) in err
    assert board.pending_count() == 0 and board.queued_messages() == 0
    # the launch queues them again, and a worker audits them
    campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    finish(start_worker(campaign.name, namespace, warc_root), timeout=90)
    assert SiteAudit.objects.filter(campaign=campaign, status="done").count() == 2


def test_a_worker_whose_campaign_is_deleted_stops_and_says_so(
    namespace: str, server: SiteServer, postgres: None, warc_root: Path
) -> None:
    """It stopped with « Exploration interrompue : Valeurs refusées, rien n'a été écrit : »
    and a line « commune hors de la campagne » per service, after kombu's English « Requeuing
    undeliverable message … », and left the deleted campaign's queue in Redis."""
    from barometre.assessments.services.campaigns import campaign_delete

    campaign, _, board = slow_campaign(server, namespace, "effacee", "0943", 3, delay=1.0)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "1")
    wait_for_a_running_site(board)
    campaign_delete(name=campaign.name)
    _, err = outputs(worker, 90)
    assert worker.returncode == 1, err
    last = err.strip().splitlines()[-1]
    assert last.startswith(
        f"Erreur{NBSP}: La campagne «{NBSP}effacee{NBSP}» a été supprimée («{NBSP}barometre "
        f"campaign delete{NBSP}») pendant que ce robot l'auditait{NBSP}: il s'arrête sans "
        "rien enregistrer de plus pour elle (0 site audité avant, supprimés avec elle). "
        f"1 site en cours abandonné{NBSP}: 0943"
    ), err
    assert "Sa file Redis est effacée (3 sites en attente). Ne relancez pas" in last
    assert "Requeuing" not in err and "hors de la campagne" not in err
    assert board.pending_count() == 0 and board.queued_messages() == 0
    assert not SiteAudit.objects.filter(commune__code__startswith="0943").exists()
