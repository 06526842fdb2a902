"""One audit of a campaign at a time: a second one is refused while the first runs, and the
lock of an audit that crashed does not last."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from barometre.collection.models import AuditLock, SiteAudit
from barometre.collection.services.lock import STALE_SECONDS, _host
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign
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
        f"Un audit de la campagne « verrou » est déjà en cours (processus {other_audit.pid} "
        f"sur la machine « {_host()} », commencé le "
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
    with pytest.raises(BarometreError, match="sur la machine « autre-machine »"):
        audit()
    lock.heartbeat_at = timezone.now() - timedelta(seconds=STALE_SECONDS + 1)
    lock.save()
    audit()  # silent for too long: crashed, taken over
    assert SiteAudit.objects.count() == 1 and not AuditLock.objects.exists()
