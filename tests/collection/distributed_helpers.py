"""What the distributed audit tests share: the Redis of the tests, fast crawl options, worker
processes started and read, slow sites and campaigns, a queued message lost on purpose."""

from __future__ import annotations

import base64
import json
import os
import select
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from barometre.assessments.models import Assessment, Cell, Source
from barometre.collection.board import CampaignBoard
from barometre.collection.models import SiteAudit
from barometre.collection.services import AuditOptions
from barometre.collection.services.distributed import campaign_enqueue
from barometre.referential.models import Campaign, Commune, Website
from tests.collection.site_server import Route, SiteServer
from tests.factories import CampaignFactory, CommuneFactory

# The Redis of the tests (another database number keeps them apart from other users of Redis);
# the fixtures `postgres` and `namespace` are in conftest.py.
REDIS_URL = os.environ.get("BAROMETRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


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


UNSET = "\0unset"  # a value of `start_worker`'s env: the variable is removed


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
    variables = {name: value for name, value in variables.items() if value != UNSET}
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


def succeeded(worker: subprocess.Popen, timeout: float, failure: str = "") -> tuple[str, str]:
    """The worker's outputs once it stopped by itself (`outputs`), with exit code 0."""
    out, err = outputs(worker, timeout, failure)
    assert worker.returncode == 0, err
    return out, err


def finish(worker: subprocess.Popen, timeout: float = 240) -> str:
    """The worker's output once it stopped by itself, with exit code 0."""
    return succeeded(worker, timeout)[0]


def statuses(campaign: Campaign) -> list[tuple[str, str]]:
    """The campaign's site audits as (commune, status), by commune."""
    return sorted(SiteAudit.objects.filter(campaign=campaign).values_list("commune_id", "status"))


def all_done(communes: Iterable[Commune]) -> list[tuple[str, str]]:
    """`statuses` of a campaign whose every commune was audited."""
    return [(c.code, "done") for c in communes]


def cells(campaign: Campaign) -> list[tuple[str, str, int | None]]:
    rows = Cell.objects.filter(campaign=campaign).values_list(
        "commune_id", "service__slug", "level"
    )
    return sorted(rows)


def auto_once(campaign: Campaign) -> Counter[tuple[str, int]]:
    """How many automatic values each (commune, service) got."""
    auto = Assessment.objects.filter(campaign=campaign, source=Source.AUTO)
    return Counter(auto.values_list("commune_id", "service_id"))


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


def lose_a_queued_message(board: CampaignBoard) -> str:
    """Delete from Redis the next message a worker would take (as if lost between Redis and
    the worker, or by a Redis restarted without persistence); returns its site's code."""
    raw = board.redis.rpop(board.queue_key)
    body = json.loads(base64.b64decode(json.loads(raw)["body"]))
    return json.loads(body[0][2])["k"]


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
