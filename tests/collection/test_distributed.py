"""The distributed audit on the real PostgreSQL and Redis of this machine: worker processes take
sites as Celery tasks, crawl, detect and store exactly as the single-machine audit does; a worker
killed mid-site loses nothing and counts nothing twice."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Sum

from barometre.assessments.models import Cell
from barometre.collection.board import CampaignBoard
from barometre.collection.models import AuditLock, EvidenceRecord, SiteAudit
from barometre.collection.services import campaign_audit
from barometre.collection.services.audit import crawl_sites
from barometre.collection.services.distributed import (
    _publish,
    campaign_enqueue,
    campaign_status,
)
from barometre.core.errors import BarometreError
from barometre.farm import Farm, FarmServer, generate_farm, serve_farm
from barometre.referential.models import Service, Website
from tests.collection.distributed_helpers import (
    REDIS_URL,
    all_done,
    auto_once,
    cells,
    fast,
    finish,
    slow_campaign,
    start_worker,
    statuses,
    succeeded,
    wait_for_a_running_site,
)
from tests.collection.site_server import Route, SiteServer
from tests.collection.test_audit import farm_campaign
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def farm() -> Farm:
    return generate_farm(seed=11, sites=6, pages_per_site=12, slow_delay=0.2)


@pytest.fixture(scope="module")
def farm_server(farm: Farm) -> Iterator[FarmServer]:
    server = serve_farm(farm)
    yield server
    server.stop()


def test_two_workers_give_the_cells_of_the_single_machine_audit(
    postgres: None, namespace: str, farm: Farm, farm_server: FarmServer, warc_root: Path
) -> None:
    address = f"127.0.0.1:{farm_server.port}"
    single = farm_campaign(farm, "ferme-seule")
    campaign_audit(campaign=single, options=fast(address))
    spread = farm_campaign(farm, "ferme-repartie")
    board = CampaignBoard.from_url(REDIS_URL, spread.name, namespace)
    queued = campaign_enqueue(campaign=spread, board=board, options=fast(address))
    assert queued.sites_added == 6 and board.queued_messages() == 6
    # A coordinator started again adds nothing.
    assert campaign_enqueue(campaign=spread, board=board, options=fast(address)).sites_added == 0
    assert board.queued_messages() == 6
    workers = [start_worker(spread.name, namespace, warc_root, "--window", "2") for _ in range(2)]
    outputs = [finish(worker) for worker in workers]

    assert cells(spread) == cells(single) and len(cells(spread)) == 6 * 18
    assert set(auto_once(spread).values()) == {1}
    assert all(re.search(r"sites? audités?", out) for out in outputs)
    status = campaign_status(campaign=spread, board=board)
    assert (status.done, status.queued, status.running, status.failed) == (6, 0, {}, 0)
    assert board.queued_messages() == 0
    # Each worker archived in its own WARC file, and evidence points into them.
    files = {r.warc_file for r in EvidenceRecord.objects.filter(campaign=spread)}
    assert all((warc_root / f).is_file() for f in files)
    done_by = Counter(p.split("-")[-2] for p in files)  # pid of the writing worker
    assert len(done_by) == 2, done_by


def test_a_worker_reports_failures_in_french_without_scrapy_log_lines(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    server.add("www.en-panne.test", "/", Route(b"<html>panne</html>", status=500))
    commune = CommuneFactory(code="01999")
    Website.objects.create(
        commune=commune,
        url="https://www.en-panne.test/",
        host="www.en-panne.test",
        confidence="high",
        source="user",
        is_primary=True,
    )
    campaign = CampaignFactory(name="panne", communes=[commune])
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    worker = start_worker(campaign.name, namespace, warc_root)
    out, err = succeeded(worker, 240)
    assert "1 en échec" in out
    assert SiteAudit.objects.get(campaign=campaign).reason == "HTTP 500"
    # and why, as `audit status` says it (the summary gave the counts only)
    assert (
        "Sites en échec (remis en file par «\u00a0barometre audit status --campaign panne "
        "--retry-failed\u00a0»)\u00a0:\n  HTTP 500\u00a0: 1 site (01999)\n"
    ) in out, out
    assert "scrapy" not in err and "Gave up retrying" not in err, err
    # run as root (as here), Celery warned in English of an option the worker does not have
    assert "SecurityWarning" not in err and "superuser" not in err, err
    assert "shutdown" not in out, out  # Celery's « worker: Warm shutdown (MainProcess) »


def test_a_worker_killed_mid_site_loses_nothing_and_counts_nothing_twice(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    campaign, communes, board = slow_campaign(server, namespace, "coupure", "0100", 4)
    before = set(board.redis.scan_iter())
    doomed = start_worker(campaign.name, namespace, warc_root, "--window", "1", "--lease", "3")
    wait_for_a_running_site(board)
    leased = board.counts().running
    time.sleep(1.0)  # in the middle of the site it took
    assert board.counts().running == leased and len(leased) == 1
    assert not SiteAudit.objects.filter(campaign=campaign, commune_id__in=list(leased)).exists()
    doomed.send_signal(signal.SIGKILL)
    doomed.communicate()
    after = board.counts()  # the dead worker still holds it, until its sign of life expires
    assert {**after.running, **after.orphaned} == leased and len(board.pending()) == 4

    survivor = start_worker(campaign.name, namespace, warc_root, "--window", "2", "--lease", "3")
    finish(survivor)
    assert statuses(campaign) == all_done(communes)
    services = Service.objects.filter(catalogue=campaign.catalogue).count()
    assert Cell.objects.filter(campaign=campaign).count() == 4 * services
    counts = auto_once(campaign)
    assert len(counts) == 4 * services and set(counts.values()) == {1}
    # The killed site's evidence was stored once, by the survivor.
    killed = next(iter(leased))
    urls = list(
        EvidenceRecord.objects.filter(campaign=campaign, commune_id=killed)
        .exclude(url__endswith="robots.txt")
        .values_list("url", flat=True)
    )
    assert len(urls) == len(set(urls)) == 12
    assert board.idle() and board.queued_messages() == 0
    # Celery's unacknowledged messages, restore lock and bindings stayed in the namespace: a
    # worker killed here leaves nothing that the workers of another namespace could trip over.
    written = {key.decode() for key in set(board.redis.scan_iter()) - before}
    # Another test run on the same Redis (the other CI pass, a second checkout) writes under a
    # namespace of its own, made as ours is: those keys are not this worker's.
    others = re.compile(r"barometre-[a-z]+-test-[0-9a-f]{8}:")
    written = {key for key in written if key.startswith(namespace) or not others.match(key)}
    assert written and all(key.startswith(f"{namespace}:") for key in written), written


def test_a_second_message_of_a_site_the_worker_crawls_is_not_left_in_the_queue(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """A site can have two messages (the one given back after a lease and the one the recovery
    sent again). When the second reached the worker that was crawling the site, it was put off
    by half a lease (a new message, held by the worker), and the worker, idle once the site was
    stored, left that message in the queue for the next worker to find « déjà enregistré »."""
    campaign, communes, board = slow_campaign(server, namespace, "double", "0110", 1)
    sites, _ = crawl_sites(campaign.communes.all(), [communes[0].code])
    assert _publish(board, board.run(), list(sites), []) == [communes[0].code]
    assert board.queued_messages() == 2
    out = finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"))
    assert statuses(campaign) == all_done(communes), out
    assert "1 site audité" in out, out
    urls = list(
        EvidenceRecord.objects.filter(campaign=campaign)
        .exclude(url__endswith="robots.txt")
        .values_list("url", flat=True)
    )
    assert len(urls) == len(set(urls)) == 12  # crawled once
    assert board.idle() and board.queued_messages() == 0


def test_a_worker_started_after_one_was_killed_takes_back_its_sites_at_once(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """A worker killed outright (SIGKILL) with the default lease (30 minutes) left its sites
    unacknowledged in Redis and held on the board: the next worker waited for the lease before
    anyone audited them. It now finds them as soon as the dead worker's sign of life has
    expired, puts their messages back in the queue, says so in French, and leaves no entry of
    the dead worker in Redis."""
    campaign, communes, board = slow_campaign(server, namespace, "reprise", "0700", 3)
    doomed = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    wait_for_a_running_site(board)
    time.sleep(1.0)  # in the middle of the sites it took
    taken = board.counts().running
    dead = next(iter(taken.values()))
    doomed.send_signal(signal.SIGKILL)
    doomed.communicate()
    assert board.redis.hlen(f"{board.broker_prefix}unacked") == 2

    started = time.monotonic()
    survivor = start_worker(campaign.name, namespace, warc_root, "--window", "2")
    out, err = succeeded(survivor, 150, "the sites of the killed worker were not taken back")
    assert time.monotonic() - started < 120
    codes = ", ".join(sorted(taken))
    assert (
        f"Reprise\u00a0: 2 sites laissés en cours par un robot arrêté sans prévenir ({dead}) "
        f"sont remis en file\u00a0: {codes}." in err
    ), err
    assert statuses(campaign) == all_done(communes)
    assert set(auto_once(campaign).values()) == {1}
    assert "3 sites audités" in out, out
    # nothing of the dead worker is left: no hold, no unacknowledged message, no delivery
    assert board.idle() and board.queued_messages() == 0
    assert board.counts().running == {} and board.counts().orphaned == {}
    assert board.redis.hlen(f"{board.broker_prefix}unacked") == 0
    assert board.redis.zcard(f"{board.broker_prefix}unacked_index") == 0
    assert not board.redis.exists(board.keys["deliveries"])


def test_a_worker_stopped_by_sigterm_finishes_its_site_and_takes_no_other(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """What systemd's stop does (KillSignal=SIGTERM, docs/deployment.md): Celery's warm shutdown."""
    campaign, communes, board = slow_campaign(server, namespace, "arret", "0300", 3)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "1", "--lease", "30")
    wait_for_a_running_site(board)
    taken = set(board.counts().running)
    assert len(taken) == 1
    worker.send_signal(signal.SIGTERM)
    out, err = succeeded(worker, 60)
    # said in French, not Celery's « worker: Warm shutdown (MainProcess) »
    assert "Arrêt demandé (SIGTERM)\u00a0: le robot finit les sites en cours" in err, err
    assert "shutdown" not in out + err, out + err
    # The site in flight was finished and stored; no other site was taken; the rest still waits.
    stored = set(SiteAudit.objects.filter(campaign=campaign).values_list("commune_id", flat=True))
    assert stored == taken
    assert board.pending() == {c.code for c in communes} - taken
    assert board.counts().running == {} and board.queued_messages() == 2


def test_a_local_audit_waits_for_the_distributed_one_of_its_campaign(
    postgres: None,
    namespace: str,
    farm: Farm,
    farm_server: FarmServer,
    warc_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run while workers audit the campaign, a local audit would crawl every queued site again
    and record a second automatic value per cell: refused until no site is pending."""
    address = f"127.0.0.1:{farm_server.port}"
    campaign = farm_campaign(farm, "ferme-verrou")
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    campaign_enqueue(campaign=campaign, board=board, options=fast(address))
    with pytest.raises(BarometreError, match=r"audit distribué .* en cours \(6 sites en file"):
        campaign_audit(campaign=campaign, options=fast(address))
    assert not SiteAudit.objects.filter(campaign=campaign).exists()
    finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"))
    summary = campaign_audit(campaign=campaign, options=fast(address))  # the queue is over
    assert (summary.sites_total, summary.sites_skipped) == (6, 6)
    assert set(auto_once(campaign).values()) == {1} and len(auto_once(campaign)) == 6 * 18
    assert not AuditLock.objects.exists()


def test_a_distributed_launch_is_refused_while_a_local_audit_runs(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    campaign, communes, _ = slow_campaign(server, namespace, "locale", "0400", 2, queued=False)
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "BAROMETRE_WARC_ROOT": str(warc_root),
        "BAROMETRE_LOOPBACK_ONLY": "1",
    }
    local = subprocess.Popen(
        [sys.executable, "-c", "from barometre.cli import main; main()", "audit"]
        + ["--campaign", "locale", "--farm", server.address, "--allow-private-addresses"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not AuditLock.objects.filter(campaign=campaign).exists():
            assert time.monotonic() < deadline and local.poll() is None, local.communicate()
            time.sleep(0.05)
        board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
        with pytest.raises(BarometreError) as refused:
            campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
        assert str(refused.value).startswith(
            f"Un audit de la campagne « locale » est déjà en cours (processus {local.pid} "
        )
        assert board.pending() == set() and board.queued_messages() == 0
        assert not AuditLock.objects.get(campaign=campaign).distributed
    finally:
        local.send_signal(signal.SIGINT)  # Ctrl-C: the local audit stops and frees the campaign
        said = local.communicate(timeout=120)
    assert not AuditLock.objects.exists(), said


def test_a_worker_fetches_a_platform_page_once_for_all_its_sites(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """One worker process fetches a platform page once for every site it crawls that links to
    it (docs/crawler.md: per process; workers do not share the record)."""
    from barometre.collection.services import evidence_get
    from tests.collection.test_platform_once import COMMUNES, LINKED, PAGE, SP, communes_with_sites

    communes = communes_with_sites(server)
    campaign = CampaignFactory(name="plateformes-reparties", communes=communes)
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    out = finish(start_worker(campaign.name, namespace, warc_root, "--window", "2"))

    assert SiteAudit.objects.filter(campaign=campaign, status="done").count() == len(COMMUNES)
    # the pages it printed and the platform pages it reused make the pages stored
    printed = re.search(r"(\d+) pages? \(.*?, (\d+) erreurs?, (\d+) pages? de plateformes? ", out)
    assert printed, out
    stored = SiteAudit.objects.filter(campaign=campaign).aggregate(Sum("pages"), Sum("errors"))
    assert int(printed[1]) + int(printed[3]) == stored["pages__sum"]
    assert int(printed[2]) == stored["errors__sum"]
    assert server.count(SP, LINKED) == 1 and server.count(SP, PAGE) == 1
    records = EvidenceRecord.objects.filter(campaign=campaign, url=f"https://{SP}{PAGE}")
    assert sorted(r.commune_id for r in records) == [code for code, _ in COMMUNES]
    views = [evidence_get(record_id=r.pk) for r in records]
    assert all(v.digest_ok and b"Demande d'acte de naissance" in v.response.body for v in views)
    assert sum(bool(v.response.refers_to) for v in views) == len(COMMUNES) - 1
