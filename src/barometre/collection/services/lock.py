"""One live audit per campaign: two at once would crawl every site twice (twice the load on
the communes' servers, past the per-host politeness), archive it twice and record two
automatic values per cell.

The lock is a database row (`AuditLock`), so that it holds for processes on several machines
sharing the database. It never outlives a crashed process for long: it is taken over when its
process no longer exists (same machine) or when it has not been refreshed for
`STALE_SECONDS` (the audit refreshes it every `HEARTBEAT_SECONDS` while it runs).
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from barometre.collection.models import AuditLock
from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign

HEARTBEAT_SECONDS = 20.0
STALE_SECONDS = 180.0


def _host() -> str:
    return socket.gethostname()[:255] or "machine"


def process_alive(pid: int) -> bool:
    """Whether a process `pid` runs on this machine (a zombie counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def lock_alive(lock: AuditLock) -> bool:
    """Whether the audit holding `lock` still runs."""
    if timezone.now() - lock.heartbeat_at > timedelta(seconds=STALE_SECONDS):
        return False
    if lock.host == _host():
        return process_alive(lock.pid)
    return True


def _refusal(campaign: Campaign, lock: AuditLock) -> BarometreError:
    started = timezone.localtime(lock.started_at).strftime("%d/%m/%Y à %H:%M:%S")
    silence = max(0, int((timezone.now() - lock.heartbeat_at).total_seconds()))
    return BarometreError(
        f"Un audit de la campagne « {campaign.name} » est déjà en cours (processus {lock.pid} "
        f"sur la machine « {lock.host} », commencé le {started}, dernier signe de vie il y a "
        f"{silence} s) : deux audits à la fois exploreraient chaque site deux fois. Attendez "
        "qu'il se termine ou arrêtez-le (Ctrl-C) ; un audit arrêté brutalement libère la "
        f"campagne de lui-même (aussitôt sur la même machine, après {int(STALE_SECONDS)} s "
        "sans signe de vie sinon)."
    )


class Heartbeat:
    """Refresh the lock while the audit runs (at most every HEARTBEAT_SECONDS)."""

    def __init__(self, lock: AuditLock) -> None:
        self.lock = lock
        self._last = time.monotonic()

    def __call__(self) -> None:
        if time.monotonic() - self._last < HEARTBEAT_SECONDS:
            return
        self._last = time.monotonic()
        AuditLock.objects.filter(pk=self.lock.pk, token=self.lock.token).update(
            heartbeat_at=timezone.now()
        )


@contextmanager
def audit_lock(campaign: Campaign) -> Iterator[Heartbeat]:
    """Hold the campaign's audit lock for the block, or refuse (BarometreError, in French)
    when another live audit holds it. Yields the heartbeat to call while the audit runs."""
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            held = AuditLock.objects.select_for_update().filter(campaign=campaign).first()
            if held is not None:
                if lock_alive(held):
                    raise _refusal(campaign, held)
                held.delete()  # left by a process that crashed
            lock = AuditLock.objects.create(
                campaign=campaign, token=token, host=_host(), pid=os.getpid()
            )
    except IntegrityError:  # another audit took it between our read and our write
        held = AuditLock.objects.filter(campaign=campaign).first()
        if held is None:
            raise BarometreError(
                f"Un autre audit de la campagne « {campaign.name} » vient de commencer."
            ) from None
        raise _refusal(campaign, held) from None
    try:
        yield Heartbeat(lock)
    finally:
        AuditLock.objects.filter(pk=lock.pk, token=token).delete()
