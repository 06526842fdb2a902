"""What the distributed audit says: a worker's summary on a terminal, `audit status` through
every state."""

from __future__ import annotations

import os
import pty
import re
from pathlib import Path

import pytest

from barometre.collection.board import CampaignBoard
from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import campaign_enqueue
from barometre.referential.models import Website
from tests.collection.distributed_helpers import (
    REDIS_URL,
    fast,
    read_terminal,
    slow_campaign,
    start_worker,
)
from tests.collection.site_server import SiteServer
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


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
