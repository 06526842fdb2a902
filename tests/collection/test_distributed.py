"""The distributed audit on the real PostgreSQL and Redis of this machine: worker processes take
sites as Celery tasks, crawl, detect and store exactly as the single-machine audit does; a worker
killed mid-site loses nothing and counts nothing twice."""

from __future__ import annotations

import base64
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db.models import Sum

from barometre.assessments.models import Assessment, Cell, Source
from barometre.collection.audit_text import render_enqueued
from barometre.collection.board import CampaignBoard
from barometre.collection.models import AuditLock, EvidenceRecord, SiteAudit
from barometre.collection.services import AuditOptions, campaign_audit
from barometre.collection.services.distributed import campaign_enqueue, campaign_status
from barometre.core.errors import BarometreError
from barometre.farm import Farm, FarmServer, generate_farm, serve_farm
from barometre.referential.models import Campaign, Service, Website
from tests.collection.redis_proxy import RedisProxy
from tests.collection.site_server import Route, SiteServer
from tests.collection.test_audit import farm_campaign
from tests.factories import CampaignFactory, CommuneFactory

# The Redis of the tests (another database number keeps them apart from other users of Redis);
# the fixtures `postgres` and `namespace` are in conftest.py.
REDIS_URL = os.environ.get("BAROMETRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def farm() -> Farm:
    return generate_farm(seed=11, sites=6, pages_per_site=12, slow_delay=0.2)


@pytest.fixture(scope="module")
def farm_server(farm: Farm) -> Iterator[FarmServer]:
    server = serve_farm(farm)
    yield server
    server.stop()


def fast(address: str, **overrides: Any) -> AuditOptions:
    values: dict[str, Any] = {
        "farm_address": address,
        "allow_private": True,
        "polite": False,
        "timeout": 5.0,
        "page_budget": 60,
    }
    values.update(overrides)
    return AuditOptions(**values)


def start_worker(
    campaign: str,
    namespace: str,
    warc_root: Path,
    *args: str,
    redis_url: str = REDIS_URL,
    env: dict[str, str] | None = None,
    terminal: int | None = None,
) -> subprocess.Popen:
    """A worker process; both its outputs on `terminal` (a pty's end) if given, else pipes."""
    database = settings.DATABASES["default"]
    variables = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": redis_url,
        "BAROMETRE_QUEUE_NAMESPACE": namespace,
        "BAROMETRE_WARC_ROOT": str(warc_root),
        "BAROMETRE_LOOPBACK_ONLY": "1",
        **(env or {}),
    }
    command = [sys.executable, "-c", "from barometre.cli import main; main()", "worker"]
    return subprocess.Popen(
        [*command, "--campaign", campaign, *args],
        env=variables,
        stdout=subprocess.PIPE if terminal is None else terminal,
        stderr=subprocess.PIPE if terminal is None else terminal,
        text=True,
    )


def outputs(worker: subprocess.Popen, timeout: float, failure: str = "") -> tuple[str, str]:
    """The worker's outputs once it stopped by itself; killed (pipes closed) and the test failed
    with `failure` (or how long it waited) and the end of its errors if it did not."""
    try:
        return worker.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        _out, err = worker.communicate()
        why = failure or f"the worker did not stop within {timeout:.0f} s"
        pytest.fail(f"{why}:\n{err[-4000:]}")


def finish(worker: subprocess.Popen, timeout: float = 240) -> str:
    """The worker's output once it stopped by itself, with exit code 0."""
    out, err = outputs(worker, timeout)
    assert worker.returncode == 0, err
    return out


def cells(campaign: Campaign) -> list[tuple[str, str, int | None]]:
    rows = Cell.objects.filter(campaign=campaign).values_list(
        "commune_id", "service__slug", "level"
    )
    return sorted(rows)


def auto_once(campaign: Campaign) -> Counter[tuple[str, int]]:
    """How many automatic values each (commune, service) got."""
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    return Counter(auto.values_list("commune_id", "service_id"))


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


def slow_sites(server: SiteServer, count: int, delay: float = 0.5) -> list[str]:
    """Sites of 12 pages, each page taking `delay` (0.5 s: a site takes about 3 s to crawl)."""
    hosts = []
    for i in range(count):
        host = f"www.lente{i}.test"
        links = "".join(f'<a href="/p{j}">état civil {j}</a>' for j in range(11))
        server.add(host, "/", Route(f"<html><body>{links}</body></html>".encode(), delay=delay))
        for j in range(11):
            body = f"<html><body><h1>Page {j}</h1>{links}</body></html>".encode()
            server.add(host, f"/p{j}", Route(body, delay=delay))
        hosts.append(host)
    return hosts


def slow_campaign(
    server: SiteServer,
    namespace: str,
    name: str,
    prefix: str,
    count: int,
    delay: float = 0.5,
    *,
    queued: bool = True,
) -> tuple[Campaign, list[Any], CampaignBoard]:
    """A campaign of `count` slow sites, queued for workers (unless not `queued`)."""
    hosts = slow_sites(server, count, delay)
    communes = [CommuneFactory(code=f"{prefix}{i}") for i in range(count)]
    for commune, host in zip(communes, hosts, strict=True):
        Website.objects.create(
            commune=commune,
            url=f"https://{host}/",
            host=host,
            confidence="high",
            source="user",
            is_primary=True,
        )
    campaign = CampaignFactory(name=name, communes=communes)
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    if queued:
        campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
    return campaign, communes, board


def wait_for_a_running_site(board: CampaignBoard) -> None:
    deadline = time.monotonic() + 60
    while not board.counts().running and time.monotonic() < deadline:
        time.sleep(0.05)


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
    out, err = worker.communicate(timeout=240)
    assert worker.returncode == 0, err
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
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "done") for c in communes
    ]
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
    out, err = outputs(survivor, 150, "the sites of the killed worker were not taken back")
    assert survivor.returncode == 0, err
    assert time.monotonic() - started < 120
    codes = ", ".join(sorted(taken))
    assert (
        f"Reprise\u00a0: 2 sites laissés en cours par un robot arrêté sans prévenir ({dead}) "
        f"sont remis en file\u00a0: {codes}." in err
    ), err
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "done") for c in communes
    ]
    assert set(auto_once(campaign).values()) == {1}
    assert "3 sites audités" in out, out
    # nothing of the dead worker is left: no hold, no unacknowledged message, no delivery
    assert board.idle() and board.queued_messages() == 0
    assert board.counts().running == {} and board.counts().orphaned == {}
    assert board.redis.hlen(f"{board.broker_prefix}unacked") == 0
    assert board.redis.zcard(f"{board.broker_prefix}unacked_index") == 0
    assert not board.redis.exists(board.keys["deliveries"])


def lose_a_queued_message(board: CampaignBoard) -> str:
    """Delete from Redis the next message a worker would take (as if lost between Redis and
    the worker, or by a Redis restarted without persistence); returns its site's code."""
    raw = board.redis.rpop(board.queue_key)
    body = json.loads(base64.b64decode(json.loads(raw)["body"]))
    return json.loads(body[0][2])["k"]


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
    out, err = outputs(worker, 90, "the lost site was not sent again")
    assert worker.returncode == 0, err
    assert err.count("Renvoi\u00a0:") == 1 and f"en file\u00a0: {lost}." in err, err
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "done") for c in communes
    ]
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
    out, err = outputs(worker, 90, "the site without a website stayed pending")
    assert worker.returncode == 0, err
    assert err.count("Clôture\u00a0:") == 1 and CLOSED_ONE.format(lost) in err, err
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "no_website" if c.code == lost else "done") for c in communes
    ]
    assert audits.get(commune_id=lost).reason == CLOSED_REASON
    assert set(auto_once(campaign).values()) == {1}
    assert board.idle() and board.queued_messages() == 0


def read_terminal(fd: int, worker: subprocess.Popen, timeout: float = 120) -> str:
    """All a worker wrote on its terminal, until it stopped."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        try:
            chunk = os.read(fd, 65536) if ready else b""
        except OSError:  # the worker closed the terminal
            break
        chunks.append(chunk)
        if not chunk and worker.poll() is not None:
            break
    else:
        worker.kill()
        pytest.fail("the worker did not stop")
    return b"".join(chunks).decode()


def test_a_worker_on_a_terminal_writes_its_summary_on_a_line_of_its_own(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """On a terminal the progress line, drawn in place, was left there: the summary was written
    after it, on the same line (« … 0 erreurRobot : 2 sites audités … »), and the first line
    read « 0 site (0 échec) » as if the campaign had none."""
    campaign, _, _ = slow_campaign(server, namespace, "ecran", "0930", 2, delay=0.1)
    master, slave = pty.openpty()
    worker = start_worker(campaign.name, namespace, warc_root, terminal=slave)
    os.close(slave)
    try:
        shown = read_terminal(master, worker)
    finally:
        os.close(master)
    assert worker.wait(timeout=30) == 0, shown
    assert "0 site traité (0 échec) · " in shown, shown
    before, summary = shown.split("Robot\u00a0:", 1)
    assert "2 sites audités" in summary, shown
    before = re.sub(r"\x1b\[[0-9;]*m", "", before)  # Django's colours
    assert before.endswith("\r\x1b[K"), repr(shown[-400:])  # the progress line cleared first


def test_audit_status_shows_each_state_and_retries_the_failed(
    namespace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import StringIO

    from django.core.management import call_command

    communes = [CommuneFactory(code=f"0200{i}") for i in range(5)]
    for commune in communes:
        Website.objects.create(
            commune=commune,
            url=f"https://www.s{commune.code}.test/",
            host=f"www.s{commune.code}.test",
            confidence="high",
            source="user",
            is_primary=True,
        )
    campaign = CampaignFactory(name="etat", communes=communes)
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    board = CampaignBoard.from_url(REDIS_URL, campaign.name, namespace)
    campaign_enqueue(campaign=campaign, board=board, options=fast("127.0.0.1:9"))
    assert board.queued_messages() == 5  # five Celery tasks wait for a worker
    board.heartbeat("robot-a", 30)
    assert board.hold("02000", "robot-a") == "robot-a"
    # A second delivery of a site that a live worker crawls does not take it from that worker.
    assert board.hold("02000", "robot-b") == "robot-a"
    board.hold("02001", "robot-a")
    SiteAudit.objects.create(campaign=campaign, commune_id="02001", status="done")
    board.release("02001", "robot-a")
    board.hold("02002", "robot-a")
    SiteAudit.objects.create(
        campaign=campaign, commune_id="02002", status="failed", reason="connexion refusée"
    )
    board.release("02002", "robot-a")
    out = StringIO()
    call_command("audit", "status", "--campaign", "etat", stdout=out)
    text = out.getvalue()
    assert "1 site fait, 1 en cours, 2 en file, 1 en échec" in text, text
    assert "robot-a" in text and "  connexion refusée\u00a0: 1 site (02002)" in text, text
    # the command to run, whole (it said « relancez avec --retry-failed », of which command?)
    assert (
        "Sites en échec (remis en file par «\u00a0barometre audit status --campaign etat "
        "--retry-failed\u00a0»)\u00a0:"
    ) in text, text

    out = StringIO()
    call_command("audit", "status", "--campaign", "etat", "--retry-failed", stdout=out)
    assert "1 site en échec remis en file" in out.getvalue()
    assert "1 en cours, 3 en file, 0 en échec" in out.getvalue()
    assert board.queued_messages() == 6  # the failed site was sent again
    # A worker that died (its sign of life expired): its site is shown as orphaned, and another
    # worker may take it when Celery delivers it again.
    board.redis.delete(board.worker_key("robot-a"))
    counts = board.counts()
    assert counts.running == {} and counts.orphaned == {"02000": "robot-a"}
    out = StringIO()
    call_command("audit", "status", "--campaign", "etat", stdout=out)
    assert (
        "1 site pris par un robot arrêté (robot-a) : le premier robot en marche le remet en "
        "file («\u00a0barometre worker --campaign etat\u00a0»)."
    ) in out.getvalue()
    assert board.hold("02000", "robot-b") == "robot-b"


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
    out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0, err
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
    hosts = slow_sites(server, 2)
    communes = [CommuneFactory(code=f"0400{i}") for i in range(2)]
    for commune, host in zip(communes, hosts, strict=True):
        Website.objects.create(
            commune=commune,
            url=f"https://{host}/",
            host=host,
            confidence="high",
            source="user",
            is_primary=True,
        )
    campaign = CampaignFactory(name="locale", communes=communes)
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
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "done") for c in communes
    ]
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
    out, err = outputs(worker, 120)
    assert worker.returncode == 0, err
    assert "Traceback" not in err and "celery." not in err, err
    audits = SiteAudit.objects.filter(campaign=campaign)
    assert sorted(audits.values_list("commune_id", "status")) == [
        (c.code, "done") for c in communes
    ]
    assert set(auto_once(campaign).values()) == {1}
    assert board.idle() and board.queued_messages() == 0
