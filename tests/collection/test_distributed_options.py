"""A distributed run keeps its crawl options, on the real PostgreSQL and Redis of this machine:
a launch run again with other ones while sites of the run wait is refused (nothing queued nor
written), and a worker that waits for sites says at once which one it skipped."""

from __future__ import annotations

import json
import queue
import signal
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from barometre.collection.board import CampaignBoard
from barometre.collection.models import AuditLock, SiteAudit
from barometre.collection.version import run_version
from barometre.core.errors import BarometreError
from tests.collection.distributed_helpers import REDIS_URL, outputs, slow_campaign, start_worker
from tests.collection.site_server import SiteServer
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


def launch(name: str, *args: str) -> None:
    call_command("audit", "--campaign", name, "--distributed", *args, stdout=StringIO())


def state(board: CampaignBoard) -> tuple[object, ...]:
    """What a launch writes: the board, the queue, the campaign's audits and its lock."""
    lock = AuditLock.objects.values_list("host", "pid", "heartbeat_at").get()
    audits = sorted(SiteAudit.objects.values_list("commune_id", "status"))
    return board.meta(), board.pending(), board.queued_messages(), audits, lock


@pytest.fixture
def launched(
    postgres: None, namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> tuple[CampaignBoard, list[str]]:
    """« reglages »: two sites queued by « audit --distributed --pages 20 --farm … »."""
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    campaign, _, board = slow_campaign(server, namespace, "reglages", "0990", 2, queued=False)
    farm = ["--farm", server.address, "--allow-private-addresses"]
    launch("reglages", "--pages", "20", *farm)
    # a commune without website joins: a launch that goes on records its level 0
    campaign.communes.add(CommuneFactory(code="09929"))
    return board, farm


def stored(board: CampaignBoard) -> dict[str, object]:
    return json.loads(board.meta()["options"])


def test_a_launch_run_again_without_the_run_s_crawl_options_is_refused_and_writes_nothing(
    launched: tuple[CampaignBoard, list[str]], server: SiteServer
) -> None:
    """Run again without --farm and --pages (« to send the lost sites again »), the launch
    replaced the run's options in Redis: workers started afterwards crawled the remaining sites
    of the same run with 150 pages on the real hosts, the first ones with 20 on the farm."""
    board, farm = launched
    before = state(board)
    with pytest.raises(BarometreError) as refused:
        launch("reglages")
    assert str(refused.value) == (
        "L'audit distribué «\u00a0reglages\u00a0» a 2 sites en attente, mis en file avec d'autres "
        "options que celles-ci\u00a0: --pages\u00a0: 20 → 150\u00a0; "
        "--allow-private-addresses\u00a0: oui → non\u00a0; "
        f"--farm\u00a0: {server.address} → aucune. Les robots démarrés ensuite exploreraient les "
        "sites restants autrement que ceux déjà audités\u00a0; rien n'a été mis en file. Pour "
        "continuer ce passage, relancez avec les options du lancement («\u00a0barometre audit "
        "--campaign reglages --distributed --pages 20 --allow-private-addresses --farm "
        f"{server.address}\u00a0»)\u00a0; pour tout réexplorer avec les nouvelles, ajoutez "
        "--recrawl (nouveau passage\u00a0: chaque site audité de nouveau)."
    )
    assert state(board) == before  # nothing queued, no level 0 recorded, the lock untouched
    with pytest.raises(BarometreError, match=r"celles-ci\u00a0: --depth\u00a0: 4 → 2\. Les"):
        launch("reglages", "--depth", "2", "--pages", "20", *farm)
    assert state(board) == before


def test_the_run_goes_on_with_its_options_and_a_recrawl_starts_one_with_new_ones(
    launched: tuple[CampaignBoard, list[str]],
) -> None:
    """Options that do not change what a site's crawl fetches (--window, --retry-failed) may
    change; --recrawl is a new run, with the options given."""
    board, farm = launched
    run = board.run()
    launch("reglages", "--pages", "20", "--window", "3", "--retry-failed", *farm)
    assert board.run() == run and board.queued_messages() == 2
    assert (stored(board)["page_budget"], stored(board)["site_window"]) == (20, 3)
    assert SiteAudit.objects.get().commune_id == "09929"  # the launch went on: level 0
    launch("reglages", "--recrawl")
    assert board.run() != run and board.queued_messages() == 2
    assert (stored(board)["page_budget"], stored(board)["farm_address"]) == (150, "")


def test_once_no_site_of_the_run_waits_a_launch_may_take_other_options(
    launched: tuple[CampaignBoard, list[str]],
) -> None:
    board, _ = launched
    run = board.run()
    board.forget_pending(board.pending())  # both stored, say
    launch("reglages", "--pages", "30")
    assert board.run() == run and stored(board)["page_budget"] == 30


def lines_of(stream: object) -> queue.Queue[str]:
    """The lines of `stream`, read by a thread as they come."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def test_a_waiting_worker_says_at_once_which_site_it_skipped(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path
) -> None:
    """A worker said which sites it skipped (their commune left the campaign) only in its last
    line: a worker started with --wait, which runs until stopped, said nothing of them."""
    campaign, communes, board = slow_campaign(server, namespace, "attente", "0993", 2, delay=0.1)
    gone = communes[0]
    campaign.communes.remove(gone)
    worker = start_worker(campaign.name, namespace, warc_root, "--window", "2", "--wait")
    said = (
        "1 site écarté sans audit (commune retirée de la campagne depuis sa mise en file\u00a0: "
        f"{gone.code}).\n"
    )
    lines, seen = lines_of(worker.stderr), []
    try:
        while said not in seen:
            seen.append(lines.get(timeout=60))
    except queue.Empty:
        worker.kill()
        pytest.fail(f"the worker did not say it skipped {gone.code}: {''.join(seen)}")
    assert worker.poll() is None  # still waiting for sites
    worker.send_signal(signal.SIGTERM)
    out, _ = outputs(worker, 60)
    assert worker.returncode == 0 and ", 1 site écarté sans audit (" in out, out


FOREIGN = "0.0.9+aaaaaaaaaaaa (collecte bbbbbbbbbbbb)"  # another machine's version


def foreign(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as a machine of another version (the coordinator's side)."""
    from barometre.collection.services import distributed

    monkeypatch.setattr(distributed, "run_version", lambda: FOREIGN)


def test_a_run_records_its_version_and_a_launch_with_another_is_refused(
    launched: tuple[CampaignBoard, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A launch from a machine with another barometre (another detector) replaced nothing but
    the options: the run's remaining sites would be read by workers of either version."""
    board, farm = launched
    assert board.meta()["detector"] == run_version()
    before = state(board)
    foreign(monkeypatch)
    with pytest.raises(BarometreError) as refused:
        launch("reglages", "--pages", "20", *farm)
    assert str(refused.value).startswith(
        "L'audit distribué «\u00a0reglages\u00a0» a 2 sites en attente, mis en file par une "
        f"machine dont la version est {run_version()}\u00a0; celle de cette machine est "
        f"{FOREIGN} (barometre --version\u00a0: détecteur et code de collecte)."
    )
    assert state(board) == before
    launch("reglages", "--recrawl")  # a new run, read by this machine's detector
    assert board.meta()["detector"] == FOREIGN


def test_a_worker_with_another_detector_than_the_run_s_takes_no_site(
    launched: tuple[CampaignBoard, list[str]], namespace: str, warc_root: Path
) -> None:
    board, _ = launched
    board.set_meta(detector=FOREIGN)
    worker = start_worker("reglages", namespace, warc_root)
    _out, err = outputs(worker, 60)
    assert worker.returncode != 0
    assert (
        f"Ce robot a la version {run_version()}\u00a0; le passage en cours de "
        f"«\u00a0reglages\u00a0» a été lancé avec la version {FOREIGN} (détecteur et code de "
        "collecte)\u00a0:"
    ) in err, err
    assert board.queued_messages() == 2 and not SiteAudit.objects.exclude(commune_id="09929")
