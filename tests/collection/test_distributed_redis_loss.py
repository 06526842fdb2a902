"""A worker that loses its Redis, for good or for a moment: said in French, nothing lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from barometre.assessments.models import Cell
from barometre.collection.models import EvidenceRecord, SiteAudit
from barometre.referential.models import Service
from tests.collection.distributed_helpers import (
    REDIS_URL,
    all_done,
    auto_once,
    finish,
    outputs,
    slow_campaign,
    start_worker,
    statuses,
    succeeded,
    wait_for_a_running_site,
)
from tests.collection.redis_proxy import RedisProxy
from tests.collection.site_server import SiteServer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def proxy() -> Iterator[RedisProxy]:
    from urllib.parse import urlsplit

    parts = urlsplit(REDIS_URL)
    running = RedisProxy((parts.hostname or "127.0.0.1", parts.port or 6379)).start()
    yield running
    running.stop()


def _db() -> int:
    from urllib.parse import urlsplit

    return int(urlsplit(REDIS_URL).path.strip("/") or 0)


def test_a_worker_that_loses_redis_says_so_in_french_and_loses_nothing(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path, proxy: RedisProxy
) -> None:
    """Redis stops answering while the worker crawls a site (here: the relay between them is
    cut, and refuses new connections): after REDIS_GRACE_SECONDS the worker stops with a French
    message and exit code 1; the site it held is not stored and its message stays in Redis, so
    that the next worker audits it, once, with its evidence."""
    from barometre.collection.services import evidence_get

    # pages of 2 s: a site takes 6 s or more, longer than the cut and the grace period
    campaign, communes, direct = slow_campaign(server, namespace, "perte", "0500", 2, delay=2.0)
    via = proxy.url(_db())
    grace = 2
    worker = start_worker(
        campaign.name,
        namespace,
        warc_root,
        "--window",
        "1",
        "--lease",
        "20",
        redis_url=via,
        env={"BAROMETRE_REDIS_GRACE": str(grace)},
    )
    wait_for_a_running_site(direct)
    taken = set(direct.counts().running)
    assert len(taken) == 1
    time.sleep(1.0)  # in the middle of the site
    proxy.cut()
    cut = time.monotonic()
    out, err = outputs(worker, 120)
    assert grace <= time.monotonic() - cut < grace + 30
    assert worker.returncode == 1, err
    assert "Traceback" not in err and "Error" not in err and "celery." not in err, err
    (code,) = taken
    assert (
        f"Erreur : Redis injoignable à l'adresse {via} (connexion coupée par le serveur) depuis "
        f"plus de {grace}\u00a0s : le robot s'arrête. 1 site en cours ({code}) "
        "n'est pas enregistré : Redis garde son message, non acquitté, et le premier robot en "
        "marche le reprend une fois Redis revenu (au plus tard 20\u00a0s après sa prise, "
        "--lease) ; rien n'est perdu. Quand Redis répond de "
        "nouveau, relancez « barometre worker --campaign perte »"
    ) in err, err
    # a Redis restarted without its data has lost the run's options: the launch to run again
    # is written with them (it was the bare launch, which starts a run with the default
    # options: 150 pages, no farm, the real addresses)
    assert (
        "si Redis a redémarré sans ses données, relancez aussi « barometre audit --campaign "
        f"perte --distributed --pages 60 --allow-private-addresses --farm {server.address} », "
        "qui remet en file les sites non audités avec les options du passage."
    ) in " ".join(err.split("\n")), err
    # Nothing of the site in flight was stored; both sites are still pending, and both
    # messages are still in Redis (one queued, the held one unacknowledged).
    assert not SiteAudit.objects.filter(campaign=campaign).exists()
    assert not EvidenceRecord.objects.filter(campaign=campaign).exists()
    assert direct.pending() == {c.code for c in communes}
    unacked = direct.redis.hlen(f"{direct.broker_prefix}unacked")
    assert (direct.queued_messages(), unacked) == (1, 1)

    proxy.restore()
    survivor = start_worker(campaign.name, namespace, warc_root, "--window", "2", "--lease", "20")
    finish(survivor)
    assert statuses(campaign) == all_done(communes)
    services = Service.objects.filter(catalogue=campaign.catalogue).count()
    assert Cell.objects.filter(campaign=campaign).count() == 2 * services
    assert set(auto_once(campaign).values()) == {1}
    records = EvidenceRecord.objects.filter(campaign=campaign, commune_id=code).exclude(
        url__endswith="robots.txt"
    )
    urls = [r.url for r in records]
    assert len(urls) == len(set(urls)) == 12
    assert all(evidence_get(record_id=r.pk).digest_ok for r in records)
    assert direct.idle() and direct.queued_messages() == 0


def test_a_worker_rides_out_a_brief_loss_of_its_redis_connections(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path, proxy: RedisProxy
) -> None:
    """Redis drops the worker's connections (as CLIENT KILL or a Redis restart does) and takes
    new ones at once: the worker reconnects within its grace period, prints no traceback, and
    audits every site once."""
    campaign, communes, board = slow_campaign(server, namespace, "bref", "0600", 2, delay=1.0)
    worker = start_worker(
        campaign.name,
        namespace,
        warc_root,
        "--window",
        "1",
        "--lease",
        "30",
        redis_url=proxy.url(_db()),
    )
    wait_for_a_running_site(board)
    time.sleep(1.0)
    proxy.cut()  # every connection of the worker is closed by the other side
    proxy.restore()
    out, err = succeeded(worker, 120)
    assert "Traceback" not in err and "celery." not in err, err
    assert statuses(campaign) == all_done(communes)
    assert set(auto_once(campaign).values()) == {1}
    assert board.idle() and board.queued_messages() == 0
