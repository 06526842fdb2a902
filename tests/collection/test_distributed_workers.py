"""`audit status` lists every worker running, an idle one included: with `--window 64` the first
worker of a 12-site campaign took them all and the status named only it, so the second one,
alive and waiting, looked dead."""

from __future__ import annotations

import re
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.audit_text import render_status
from barometre.collection.board import WorkerProgress
from barometre.collection.services.distributed import CampaignStatus
from tests.collection.distributed_helpers import (
    REDIS_URL,
    finish,
    slow_campaign,
    start_worker,
)
from tests.collection.site_server import SiteServer

pytestmark = pytest.mark.django_db(transaction=True)

IDLE = "inactif, rien à prendre (les sites restants sont chez les autres robots)"


def _status(name: str) -> str:
    out = StringIO()
    call_command("audit", "status", "--campaign", name, stdout=out)
    return out.getvalue()


def test_an_idle_worker_is_listed_as_idle_not_left_out(
    namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    _, communes, board = slow_campaign(server, namespace, "partage", "097", 12)
    board.heartbeat("robot-a", 30)
    board.heartbeat("robot-b", 30)  # started second: every site was already taken
    for commune in communes:
        assert board.hold(commune.code, "robot-a") == "robot-a"
    text = _status("partage")
    assert "0 site fait, 12 en cours, 0 en file" in text, text
    assert "Robots en marche (2)\u00a0:\n  robot-a\u00a0: 12 sites en cours\n" in text, text
    assert f"  robot-b\u00a0: {IDLE}\n" in text, text
    assert "lancez-les avec «\u00a0--window 6\u00a0»" in text, text
    assert board.counts().workers == ("robot-a", "robot-b")
    # a worker that stops signs off; one whose sign of life expired is no longer listed
    board.sign_off("robot-b")
    board.redis.delete(board.worker_key("robot-a"))
    text = _status("partage")
    assert "Robots en marche" not in text and "robot-b" not in text, text
    assert "12 sites pris par un robot arrêté (robot-a)" in text, text


def test_audit_status_gives_each_worker_s_share_so_far(
    namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status gave each worker's sites in flight only: how many each had audited (and
    failed) was on its own machine's standard error, nowhere for the operator who watches."""
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    _, communes, board = slow_campaign(server, namespace, "parts", "098", 3)
    board.heartbeat("robot-a", 30, WorkerProgress(done=4, failed=1, pages=289))
    board.heartbeat("robot-b", 30, WorkerProgress(done=1, failed=0, pages=1))
    board.hold(communes[0].code, "robot-a")
    text = _status("parts")
    assert (
        "  robot-a\u00a0: 1 site en cours\u00a0; 4 sites audités (1 en échec), 289 pages\n"
        "  robot-b\u00a0: aucun site en cours (il en prend dans la file)\u00a0; 1 site audité "
        "(0 en échec), 1 page\n"
    ) in text, text
    board.redis.delete(board.worker_key("robot-b"))  # dead: neither listed nor counted
    assert "robot-b" not in _status("parts")
    board.sign_off("robot-a")  # stopped: its share leaves the board with it
    assert "robot-a" not in board.progress()


def test_a_worker_s_state_when_sites_wait_in_the_queue_or_none_is_left() -> None:
    status = CampaignStatus(
        campaign="essai",
        done=3,
        failed=0,
        no_website=0,
        queued=2,
        running={"01001": "robot-a"},
        orphaned={},
        failures=(),
        workers=("robot-a", "robot-b"),
    )
    lines = render_status(status).splitlines()
    assert lines[1:] == [
        "Robots en marche (2)\u00a0:",
        "  robot-a\u00a0: 1 site en cours",
        "  robot-b\u00a0: aucun site en cours (il en prend dans la file)",
    ]
    done = CampaignStatus(
        campaign="essai",
        done=4,
        failed=0,
        no_website=0,
        queued=0,
        running={},
        orphaned={},
        failures=(),
        workers=("robot-b",),
    )
    assert render_status(done).splitlines()[1:] == [
        "Robots en marche (1)\u00a0:",
        "  robot-b\u00a0: inactif, rien à prendre",
    ]


def test_a_real_worker_that_holds_nothing_is_listed(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """Two `barometre worker` processes, the first with --window 64 on a 12-site campaign: it
    takes every site; the second, started once they are taken, is listed « inactif »."""
    # pages slow enough (2 s each, a site about 24 s) that no site ends before the status is read,
    # however long the second worker takes to start on a loaded machine; quick once it is read
    campaign, _, board = slow_campaign(server, namespace, "duo", "096", 12, delay=2.0)
    first = start_worker(campaign.name, namespace, warc_root, "--window", "64")
    deadline = time.monotonic() + 90
    while len(board.counts().running) < 12 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(board.counts().running) == 12, board.counts()
    second = start_worker(campaign.name, namespace, warc_root, "--window", "64", "--wait")
    try:
        while len(board.counts().workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = board.counts().workers
        assert len(workers) == 2, workers
        idle = next(w for w in workers if w not in board.running().values())
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("REDIS_URL", REDIS_URL)
            patch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
            text = _status("duo")
        assert f"  {idle}\u00a0: {IDLE}" in text, text
        busy = next(w for w in workers if w != idle)
        # with its share so far, as its sign of life last wrote it
        share = r"\u00a0; \d+ sites? audités? \(0 en échec\), \d+ pages?\n"
        assert re.search(rf"  {busy}\u00a0: \d+ sites? en cours{share}", text), text
    finally:
        for route in server.routes.values():
            route.delay = 0.0
        finish(first)
        second.terminate()
        second.communicate(timeout=120)
    assert board.counts().workers == ()  # both signed off
