"""Workers of another version than the run's, on the real PostgreSQL and Redis of this machine:
a worker whose collection code differs (same detector) takes no site, and a worker left waiting
(--wait) takes no site that a machine of another version sends once the run's sites are done."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from barometre.collection.models import SiteAudit
from barometre.collection.services.distributed import campaign_enqueue
from barometre.collection.version import code_fingerprint, collection_version, run_version
from barometre.core.errors import BarometreError
from barometre.detection.version import detector_version
from barometre.referential.models import Website
from tests.collection.distributed_helpers import fast, outputs, slow_campaign, start_worker
from tests.collection.site_server import Route, SiteServer
from tests.factories import CommuneFactory

SOURCES = Path(__file__).resolve().parents[2] / "src"
OTHER = "0.1.0+aaaaaaaaaaaa (collecte bbbbbbbbbbbb)"  # another machine's version


def test_the_version_covers_the_collection_code_and_not_only_the_detector(tmp_path: Path) -> None:
    """Two machines whose detectors matched but whose crawler differed were one version."""
    copy = shutil.copytree(SOURCES / "barometre" / "collection", tmp_path / "collection")
    assert code_fingerprint(copy) == collection_version()
    spider = copy / "crawler" / "spider.py"
    spider.write_text(spider.read_text() + "# another crawler\n")
    assert code_fingerprint(copy) != collection_version()
    assert run_version() == f"{detector_version()} (collecte {collection_version()})"


def other_release(tmp_path: Path) -> Path:
    """barometre's sources with one line added to the crawler: a release whose detector is
    this one's and whose collection code is not."""
    copy = shutil.copytree(SOURCES, tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    spider = copy / "barometre" / "collection" / "crawler" / "spider.py"
    spider.write_text(spider.read_text() + "# a crawler of another release\n")
    return copy


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_collection_code_is_not_the_run_s_takes_no_site(
    postgres: None, namespace: str, server: SiteServer, warc_root: Path, tmp_path: Path
) -> None:
    """Only the detector was compared: a worker of another release with the same detector
    joined the run and crawled its sites with its own crawler."""
    campaign, _, board = slow_campaign(server, namespace, "versions", "0960", 2, delay=0.05)
    release = other_release(tmp_path)
    worker = start_worker(campaign.name, namespace, warc_root, env={"PYTHONPATH": str(release)})
    _out, err = outputs(worker, 90)
    assert worker.returncode == 1, err
    said = "".join(err.split())  # the message as written, whatever its line breaks
    own = (
        f"{detector_version()} (collecte {code_fingerprint(release / 'barometre' / 'collection')})"
    )
    expected = (
        f"Ce robot a la version {own}\u00a0; le passage en cours de «\u00a0versions\u00a0» a "
        f"été lancé avec la version {run_version()} (détecteur et code de collecte)\u00a0:"
    )
    assert "".join(expected.split()) in said, err
    assert board.queued_messages() == 2 and not SiteAudit.objects.exists()


def add_site(server: SiteServer, campaign: object, code: str) -> None:
    host = f"www.nouvelle{code}.test"
    server.add(host, "/", Route(b"<html><body><h1>Etat civil</h1></body></html>"))
    commune = CommuneFactory(code=code)
    Website.objects.create(
        commune=commune,
        url=f"https://{host}/",
        host=host,
        confidence="high",
        source="user",
        is_primary=True,
    )
    campaign.communes.add(commune)  # type: ignore[attr-defined]


def wait_stored(campaign: object, count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while SiteAudit.objects.filter(campaign=campaign).count() < count:
        assert time.monotonic() < deadline, "the worker stored nothing"
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_waiting_worker_takes_no_site_sent_by_a_machine_of_another_version(
    postgres: None,
    namespace: str,
    server: SiteServer,
    warc_root: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once the run's sites were stored, a launch from a machine of another version (a new
    commune, --retry-failed) went on in the same run: the workers still waiting for sites
    (--wait) took the new ones and crawled them with their own version."""
    from barometre.collection.services import distributed

    campaign, communes, board = slow_campaign(server, namespace, "attendre", "0970", 1, delay=0)
    waiting = start_worker(campaign.name, namespace, warc_root, "--wait")
    try:
        wait_stored(campaign, 1)
        run = board.run()
        add_site(server, campaign, "09799")
        monkeypatch.setattr(distributed, "run_version", lambda: OTHER, raising=False)
        monkeypatch.setattr(distributed, "detector_version", lambda: OTHER, raising=False)
        queued = campaign_enqueue(campaign=campaign, board=board, options=fast(server.address))
        assert queued.sites_added == 1 and queued.run != run  # a new run: the other version's
    except BaseException:
        waiting.kill()  # a --wait worker does not stop by itself
        raise
    _out, err = outputs(waiting, 90)
    assert waiting.returncode == 75, err  # it stopped: its restart is refused (above)
    assert "Nouveau passage de la campagne «\u00a0attendre\u00a0» lancé" in err, err
    assert list(SiteAudit.objects.values_list("commune_id", flat=True)) == [communes[0].code]
    assert board.pending() == {"09799"} and board.meta()["detector"] == OTHER


@pytest.mark.django_db(transaction=True)
def test_failed_sites_sent_again_from_an_upgraded_machine_go_to_a_run_of_its_version(
    namespace: str, server: SiteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`audit status --retry-failed` from a machine of another version sent the failed sites in
    the old run: the workers of this version refused the run, and a launch from this machine was
    refused while they waited (only --recrawl, every site again, was left)."""
    from barometre.collection.services import distributed

    campaign, communes, board = slow_campaign(server, namespace, "reprise", "0975", 2)
    run = board.run()
    board.forget_pending(board.pending())  # both audited, one failed
    board.redis.delete(board.queue_key)
    SiteAudit.objects.create(campaign=campaign, commune=communes[0], status="failed", run=run)
    SiteAudit.objects.create(campaign=campaign, commune=communes[1], status="done", run=run)
    monkeypatch.setattr(distributed, "run_version", lambda: OTHER, raising=False)
    assert distributed.campaign_retry_failed(campaign=campaign, board=board) == 1
    assert board.run() != run and board.meta()["detector"] == OTHER
    assert board.pending() == {communes[0].code} and board.queued_messages() == 1
    # while that site waits, a retry from a machine of the first version is refused
    monkeypatch.setattr(distributed, "run_version", run_version)
    with pytest.raises(BarometreError, match="mis en file par une machine dont la version est"):
        distributed.campaign_retry_failed(campaign=campaign, board=board)
