"""One audit of a campaign at a time: a second one is refused while the first runs, and the
lock of an audit that crashed does not last."""

from __future__ import annotations

import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.collection.board import CampaignBoard
from barometre.collection.models import AuditLock, EvidenceRecord, SiteAudit
from barometre.collection.services.distributed import campaign_enqueue, campaign_retry_failed
from barometre.collection.services.lock import STALE_SECONDS, _host
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign, Commune, Website
from tests.collection.test_from_warc import web_archive
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign() -> Campaign:
    # a commune without a website: an audit that runs records it at once, without crawling
    return CampaignFactory(name="verrou", communes=[CommuneFactory(code="99101")])


@pytest.fixture
def other_audit() -> Iterator[subprocess.Popen[bytes]]:
    """A live process on this machine, standing for the audit that holds the lock."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()


def audit() -> str:
    out = StringIO()
    call_command("audit", "--campaign", "verrou", stdout=out)
    return out.getvalue()


def test_a_second_audit_of_a_campaign_being_audited_is_refused(
    campaign: Campaign, other_audit: subprocess.Popen[bytes]
) -> None:
    AuditLock.objects.create(campaign=campaign, token="a", host=_host(), pid=other_audit.pid)
    with pytest.raises(BarometreError) as refused:
        audit()
    message = str(refused.value)
    assert message.startswith(
        f"Un audit de la campagne « verrou » est déjà en cours (processus {other_audit.pid} "
        f"sur la machine « {_host()} », commencé le "
    )
    assert "deux audits à la fois exploreraient chaque site deux fois" in message
    assert not SiteAudit.objects.exists()  # nothing done by the refused one
    assert AuditLock.objects.get().pid == other_audit.pid  # the running one keeps its lock


def test_the_lock_of_a_process_that_is_gone_is_taken_over(campaign: Campaign) -> None:
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    AuditLock.objects.create(campaign=campaign, token="a", host=_host(), pid=ended.pid)
    assert "sans site connu" in audit()
    assert SiteAudit.objects.get().status == "no_website"
    assert not AuditLock.objects.exists()  # released at the end


def test_a_lock_held_elsewhere_lasts_only_while_it_shows_signs_of_life(
    campaign: Campaign,
) -> None:
    lock = AuditLock.objects.create(campaign=campaign, token="a", host="autre-machine", pid=1)
    with pytest.raises(BarometreError, match="sur la machine « autre-machine »"):
        audit()
    lock.heartbeat_at = timezone.now() - timedelta(seconds=STALE_SECONDS + 1)
    lock.save()
    audit()  # silent for too long: crashed, taken over
    assert SiteAudit.objects.count() == 1 and not AuditLock.objects.exists()


# A distributed audit (audit --distributed, then workers) locks the campaign too: a local audit
# on the same campaign would crawl the queued sites again and record a second automatic value
# for each cell (tests/collection/test_distributed.py shows the whole cycle with workers).

REDIS_URL = "redis://127.0.0.1:6379/0"


def _closed_port() -> int:
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _website(code: str) -> Commune:
    commune = CommuneFactory(code=code)
    Website.objects.create(
        commune=commune,
        url=f"https://www.ville-{code}.test/",
        host=f"www.ville-{code}.test",
        confidence="high",
        source="user",
        is_primary=True,
    )
    return commune


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[CampaignBoard]:
    """The board of campaign « verrou » in a namespace of its own on the local Redis."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    namespace = f"barometre-lock-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("BAROMETRE_QUEUE_NAMESPACE", namespace)
    yield CampaignBoard.from_url(REDIS_URL, "verrou", namespace)
    for key in client.scan_iter(f"{namespace}*"):
        client.delete(key)
    client.close()


def test_a_local_audit_is_refused_while_sites_are_queued_for_workers(
    campaign: Campaign, queue: CampaignBoard
) -> None:
    campaign.communes.add(_website("99102"))
    queued = campaign_enqueue(campaign=campaign, board=queue)
    assert queued.sites_added == 1 and queue.pending() == {"99102"}
    assert AuditLock.objects.get().distributed
    with pytest.raises(BarometreError) as refused:
        audit()
    assert str(refused.value).startswith(
        "Un audit distribué de la campagne « verrou » est en cours (1 site en file ou en cours "
        "chez les robots « barometre worker ») : un audit local explorerait les mêmes sites"
    )
    assert queue.pending() == {"99102"}  # nothing crawled nor stored by the refused audit
    assert list(SiteAudit.objects.values_list("commune_id", "status")) == [
        ("99101", "no_website")  # recorded by the launch
    ]
    queue.forget_pending(["99102"])  # the workers are done: nothing pending any more
    out = StringIO()
    call_command("audit", "--campaign", "verrou", "--communes", "99101", stdout=out)
    assert not AuditLock.objects.exists()  # taken over from the finished distributed audit


def test_an_audit_from_warc_refused_while_sites_are_queued_says_it_would_store_not_crawl(
    campaign: Campaign, queue: CampaignBoard, tmp_path: Path
) -> None:
    """`audit --from-warc` explores no site: its refusal said it « explorerait les mêmes sites
    une seconde fois »; it says what it would do, store the workers' cells a second time."""
    campaign.communes.add(_website("99102"))
    campaign_enqueue(campaign=campaign, board=queue)
    warc = web_archive(tmp_path / "ailleurs")
    with pytest.raises(BarometreError) as refused:
        call_command("audit", "--campaign", "verrou", "--from-warc", str(warc), stdout=StringIO())
    message = str(refused.value)
    assert message.startswith(
        "Un audit distribué de la campagne « verrou » est en cours (1 site en file ou en cours "
        "chez les robots « barometre worker ») : un audit depuis des archives WARC n'explore "
        "aucun site, mais il enregistrerait une seconde valeur automatique pour les cellules "
        "des sites que les robots enregistrent aussi."
    )
    assert "explorerait" not in message
    assert queue.pending() == {"99102"} and not EvidenceRecord.objects.exists()


def test_a_local_audit_is_refused_when_the_queue_cannot_be_checked(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    AuditLock.objects.create(
        campaign=campaign, token="d", host="coordinateur", pid=1, distributed=True
    )
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{_closed_port()}/0")
    with pytest.raises(BarometreError, match=r"sa file Redis ne répond pas\u00a0: .* REDIS_URL"):
        audit()
    assert not SiteAudit.objects.exists() and AuditLock.objects.get().distributed


class _RefusingBoard:
    """A board Redis answered at first (the ping), then refused to read: a replica turned
    read-only is fine for reads, so a key of another type (a namespace shared) stands in."""

    def pending_count(self) -> int:
        import redis

        raise redis.exceptions.ResponseError(
            "WRONGTYPE Operation against a key holding the wrong kind of value"
        )


def test_a_queue_redis_refuses_to_read_is_said_in_french(
    campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal ended « … BAROMETRE_QUEUE_NAMESPACE (WRONGTYPE Operation against a key
    holding the wrong kind of value). »: redis-py's English."""
    from barometre.collection.services import redis_link

    AuditLock.objects.create(
        campaign=campaign, token="d", host="coordinateur", pid=1, distributed=True
    )
    monkeypatch.setattr(redis_link, "board_for", lambda name: _RefusingBoard())
    with pytest.raises(BarometreError) as error:
        audit()
    message = str(error.value)
    assert message.endswith(
        "BAROMETRE_QUEUE_NAMESPACE (une clé de la file a un autre type (BAROMETRE_QUEUE_NAMESPACE "
        "partagé avec une autre application ?))."
    ), message
    assert "WRONGTYPE" not in message and "Operation" not in message


def test_a_distributed_launch_is_refused_while_a_local_audit_runs(
    campaign: Campaign, other_audit: subprocess.Popen[bytes]
) -> None:
    campaign.communes.add(_website("99102"))
    AuditLock.objects.create(campaign=campaign, token="a", host=_host(), pid=other_audit.pid)
    # refused before Redis is used: nobody listens there
    board = CampaignBoard.from_url(f"redis://127.0.0.1:{_closed_port()}/0", "verrou")
    for launch in (
        lambda: campaign_enqueue(campaign=campaign, board=board),
        lambda: campaign_retry_failed(campaign=campaign, board=board),
        lambda: call_command("audit", "--campaign", "verrou", "--distributed"),
    ):
        with pytest.raises(BarometreError) as refused:
            launch()
        assert str(refused.value).startswith(
            f"Un audit de la campagne « verrou » est déjà en cours (processus {other_audit.pid} "
        )
    assert not SiteAudit.objects.exists()  # the launch recorded nothing either
    lock = AuditLock.objects.get()
    assert (lock.pid, lock.distributed) == (other_audit.pid, False)


@pytest.mark.django_db(transaction=True)
def test_an_audit_interrupted_inside_a_query_still_frees_its_campaign() -> None:
    """A Ctrl-C that lands while a query is on its way can leave the connection unusable: the
    lock's release then failed with it, and the campaign stayed held until the lock went stale
    for the audits of other machines. It is released on a fresh connection."""
    from django.db import connection

    from barometre.collection.services.lock import audit_lock

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database lives in its connection: closing it loses the data")
    campaign = CampaignFactory(name="coupure")
    with audit_lock(campaign):
        assert AuditLock.objects.filter(campaign=campaign).exists()
        connection.connection.close()  # the driver's connection, under Django's feet
    assert not AuditLock.objects.filter(campaign=campaign).exists()
