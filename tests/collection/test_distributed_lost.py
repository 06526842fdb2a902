"""The distributed audit when a queued message is lost: the coordinator run again or a worker
sends the site again once, or closes it when its commune has lost its website."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.collection.audit_text import render_enqueued
from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import campaign_enqueue, campaign_status
from barometre.referential.models import Service, Website
from tests.collection.distributed_helpers import (
    all_done,
    auto_once,
    fast,
    lose_a_queued_message,
    slow_campaign,
    start_worker,
    statuses,
    succeeded,
)
from tests.collection.site_server import SiteServer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_coordinator_run_again_sends_once_the_sites_whose_message_was_lost(
    postgres: None, namespace: str, server: SiteServer
) -> None:
    """A site pending with no message anywhere (no worker holding it) stayed pending for good:
    the coordinator run again counted it « déjà en file » and sent nothing."""
    campaign, _, board = slow_campaign(server, namespace, "perdu", "0900", 3)
    lost = lose_a_queued_message(board)
    assert board.queued_messages() == 2 and len(board.pending()) == 3

    again = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert again.sites_requeued == (lost,)
    assert again.sites_added == 0 and again.sites_already_queued == 2
    assert board.queued_messages() == 3
    assert (
        f"Renvoi\u00a0: 1 site en attente sans message dans Redis (perdu entre Redis et un "
        f"robot, ou à un redémarrage de Redis) est remis en file\u00a0: {lost}."
    ) in render_enqueued(again)
    # exactly once: run again, nothing is lost any more
    third = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert third.sites_requeued == () and board.queued_messages() == 3


def test_a_worker_sends_again_a_pending_site_whose_message_was_lost(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """The last site's message lost, the workers waited for it forever (pending, not idle)."""
    campaign, communes, board = slow_campaign(server, namespace, "egare", "0910", 2, delay=0.1)
    lost = lose_a_queued_message(board)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    out, err = succeeded(worker, 90, "the lost site was not sent again")
    assert err.count("Renvoi\u00a0:") == 1 and f"en file\u00a0: {lost}." in err, err
    assert statuses(campaign) == all_done(communes)
    assert board.idle() and board.queued_messages() == 0


CLOSED_ONE = (
    "Clôture\u00a0: 1 site en attente sans message dans Redis n'a plus de site internet connu "
    "(retiré du référentiel depuis sa mise en file)\u00a0; il sort de la file avec le niveau 0, "
    "comme toute commune sans site\u00a0: {}."
)


CLOSED_REASON = "aucun site internet connu (retiré du référentiel depuis sa mise en file)"


def test_a_coordinator_run_again_closes_a_lost_site_whose_website_was_removed(
    postgres: None, namespace: str, server: SiteServer
) -> None:
    """A lost site whose commune had lost its website in the registry since it was queued could
    not be sent again: it stayed pending for good (« 1 en file » in the status, workers never
    stopped), though the coordinator recorded the commune without a website."""
    campaign, communes, board = slow_campaign(server, namespace, "retire", "0920", 3)
    lost = lose_a_queued_message(board)
    Website.objects.filter(commune_id=lost).delete()
    # a site still queued keeps its message and its address: a worker audits it
    queued = next(c.code for c in communes if c.code != lost)
    Website.objects.filter(commune_id=queued).update(active=False)

    again = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert again.sites_closed == (lost,) and again.sites_requeued == ()
    assert again.sites_no_website == 0
    assert not SiteAudit.objects.filter(campaign=campaign, commune_id=queued).exists()
    assert board.pending() == {c.code for c in communes} - {lost}
    assert board.queued_messages() == 2
    assert CLOSED_ONE.format(lost) in render_enqueued(again)
    audit = SiteAudit.objects.get(campaign=campaign, commune_id=lost)
    assert audit.status == SiteAudit.Status.NO_WEBSITE and audit.reason == CLOSED_REASON
    services = Service.objects.filter(catalogue=campaign.catalogue).count()
    recorded = [n for (code, _), n in auto_once(campaign).items() if code == lost]
    assert recorded == [1] * services  # level 0 once per service, not twice
    status = campaign_status(campaign=campaign, board=board)
    assert (status.queued, status.no_website) == (2, 1)
    # run again: nothing more to close, nothing recorded twice
    third = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    assert third.sites_closed == () and set(auto_once(campaign).values()) == {1}


def test_a_worker_closes_a_lost_site_whose_website_was_removed_and_stops(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """The workers waited forever for a lost site that could not be sent again, its commune's
    website deactivated in the registry since it was queued."""
    campaign, communes, board = slow_campaign(server, namespace, "desactive", "0925", 2, delay=0.1)
    lost = lose_a_queued_message(board)
    Website.objects.filter(commune_id=lost).update(active=False)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    out, err = succeeded(worker, 90, "the site without a website stayed pending")
    assert err.count("Clôture\u00a0:") == 1 and CLOSED_ONE.format(lost) in err, err
    assert statuses(campaign) == [
        (c.code, "no_website" if c.code == lost else "done") for c in communes
    ]
    assert SiteAudit.objects.get(campaign=campaign, commune_id=lost).reason == CLOSED_REASON
    assert set(auto_once(campaign).values()) == {1}
    assert board.idle() and board.queued_messages() == 0


def test_a_launch_of_some_communes_counts_no_lost_site_outside_them(
    postgres: None, namespace: str, server: SiteServer
) -> None:
    """A launch with --communes sends again every lost site of the campaign, those outside its
    selection too; it took them off its selection's count: « -1 déjà en file ou en cours »."""
    campaign, communes, board = slow_campaign(server, namespace, "partiel", "0905", 3)
    lost = sorted(lose_a_queued_message(board) for _ in range(2))
    kept = next(c for c in communes if c.code not in lost)
    selection = campaign.communes.filter(code=kept.code)
    again = campaign_enqueue(
        campaign=campaign, board=board, communes=selection, options=fast(server.address)
    )
    assert again.sites_requeued == tuple(lost) and board.queued_messages() == 3
    assert (again.sites_added, again.sites_already_queued) == (0, 1)
    assert render_enqueued(again).startswith(
        "Audit distribué «\u00a0partiel\u00a0»\u00a0: 0 site mis en file, 1 déjà en file ou en "
        "cours, 0 déjà fait, 0 sans site connu (niveau 0 enregistré).\n"
    )
