"""One live audit per campaign: two at once would crawl every site twice (twice the load on
the communes' servers, past the per-host politeness), archive it twice and record two
automatic values per cell. An audit from WARC files (`audit --from-warc`) takes the same lock:
it crawls nothing but writes the same rows (sites, cells, evidence), and beside another audit
it would record a second automatic value for the cells of every site both store, and race it
on their unique rows (a database error half-way through, part of the run stored).

The lock is a database row (`AuditLock`), so that it holds for processes on several machines
sharing the database. It never outlives a crashed process for long: it is taken over when its
process no longer exists (same machine) or when it has not been refreshed for
`STALE_SECONDS` (the audit refreshes it every `HEARTBEAT_SECONDS` while it runs).

A distributed audit (`audit --distributed`, then `barometre worker`) takes it too, marked
`distributed`, when its sites are queued (`distributed_lock`): it has no process to watch, so it
lasts while sites of the campaign are pending in Redis (the campaign's board). A local audit is
refused meanwhile, and the distributed launch is refused while a local audit runs: either way
the sites would be crawled twice and each cell would get two automatic values (two runs).
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

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from barometre.collection.models import AuditLock
from barometre.core.errors import BarometreError
from barometre.core.plural import counted
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


# Why a second audit is refused, said for the one refused: an audit from WARC files
# (`crawls=False`) explores no site, it would only store the same cells a second time.
_TWICE_CRAWLED = "un audit local explorerait les mêmes sites une seconde fois"
_TWICE_STORED = (
    "un audit depuis des archives WARC n'explore aucun site, mais il enregistrerait une "
    "seconde valeur automatique pour les cellules des sites que {other} aussi"
)


def _refusal(campaign: Campaign, lock: AuditLock, *, crawls: bool = True) -> BarometreError:
    started = timezone.localtime(lock.started_at).strftime("%d/%m/%Y à %H:%M:%S")
    silence = max(0, int((timezone.now() - lock.heartbeat_at).total_seconds()))
    why = (
        "deux audits à la fois exploreraient chaque site deux fois ou enregistreraient deux "
        "valeurs automatiques par cellule"
        if crawls
        else _TWICE_STORED.format(other="l'autre audit enregistre")
    )
    return BarometreError(
        f"Un audit de la campagne « {campaign.name} » est déjà en cours (processus {lock.pid} "
        f"sur la machine « {lock.host} », commencé le {started}, dernier signe de vie il y a "
        f"{silence} s) : {why}. Attendez "
        "qu'il se termine ou arrêtez-le (Ctrl-C) ; un audit arrêté brutalement libère la "
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


def _distributed_refusal(campaign: Campaign, pending: int, *, crawls: bool) -> BarometreError:
    sites = counted(pending, "site en file ou en cours", "sites en file ou en cours")
    why = (
        f"{_TWICE_CRAWLED} et enregistrerait deux valeurs automatiques par cellule"
        if crawls
        else _TWICE_STORED.format(other="les robots enregistrent")
    )
    return BarometreError(
        f"Un audit distribué de la campagne « {campaign.name} » est en cours ({sites} chez "
        f"les robots « barometre worker ») : {why}. Attendez qu'il "
        f"se termine (« barometre audit status --campaign {campaign.name} »)."
    )


def _check_distributed_over(campaign: Campaign, lock: AuditLock, *, crawls: bool) -> None:
    """Refuse (in French) unless the distributed audit marked by `lock` has no site pending."""
    from barometre.collection.services.redis_link import board_for  # Redis: only when needed

    try:
        board = board_for(campaign.name)
        pending = board.pending_count()
    except Exception as error:  # Redis unreachable, a bad REDIS_URL
        started = timezone.localtime(lock.started_at).strftime("%d/%m/%Y à %H:%M:%S")
        raise BarometreError(
            f"Un audit distribué de la campagne « {campaign.name} » a été lancé le {started} "
            "et sa file Redis ne répond pas : impossible de savoir s'il est terminé, "
            + (
                "un audit local pourrait explorer les mêmes sites que les robots"
                if crawls
                else "un audit depuis des archives WARC pourrait enregistrer les mêmes "
                "cellules que les robots"
            )
            + ". Vérifiez REDIS_URL et "
            f"BAROMETRE_QUEUE_NAMESPACE ({_board_failure(error)})."
        ) from error
    if pending:
        raise _distributed_refusal(campaign, pending, crawls=crawls)


def _board_failure(error: Exception) -> str:
    """Why the board could not be read, in French: a refusal of ours (an unreachable Redis, a
    bad REDIS_URL) says it already; what Redis answered to a later command is said for it."""
    from barometre.collection.services.redis_link import redis_error_reason

    return str(error) if isinstance(error, BarometreError) else redis_error_reason(error)


@contextmanager
def audit_lock(campaign: Campaign, *, crawls: bool = True) -> Iterator[Heartbeat]:
    """Hold the campaign's audit lock for the block, or refuse (BarometreError, in French)
    when another live audit holds it, local or distributed. Yields the heartbeat to call while
    the audit runs. `crawls=False` for an audit from WARC files: the refusal says it would
    store the same cells again, not that it would explore the same sites."""
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            held = AuditLock.objects.select_for_update().filter(campaign=campaign).first()
            if held is not None:
                if held.distributed:
                    _check_distributed_over(campaign, held, crawls=crawls)
                elif lock_alive(held):
                    raise _refusal(campaign, held, crawls=crawls)
                held.delete()  # left by a process that crashed, or a distributed audit over
            lock = AuditLock.objects.create(
                campaign=campaign, token=token, host=_host(), pid=os.getpid()
            )
    except IntegrityError:  # another audit took it between our read and our write
        held = AuditLock.objects.filter(campaign=campaign).first()
        if held is None:
            raise BarometreError(
                f"Un autre audit de la campagne « {campaign.name} » vient de commencer."
            ) from None
        if held.distributed:
            why = (
                _TWICE_CRAWLED if crawls else _TWICE_STORED.format(other="les robots enregistrent")
            )
            raise BarometreError(
                f"Un audit distribué de la campagne « {campaign.name} » vient d'être lancé : {why}."
            ) from None
        raise _refusal(campaign, held, crawls=crawls) from None
    try:
        yield Heartbeat(lock)
    finally:
        _release(lock.pk, token)


def _release(pk: int, token: str) -> None:
    """Free the campaign. A Ctrl-C that lands inside a query can leave the connection unusable
    (a query half sent, or a transaction aborted): the lock is then deleted on a fresh one, so
    that an interrupted audit never leaves its campaign held (the next audit on this machine
    would take the lock over once it sees the process dead, but another machine's would have
    to wait for it to go stale)."""
    try:
        AuditLock.objects.filter(pk=pk, token=token).delete()
    except DatabaseError:
        connection.close()
        AuditLock.objects.filter(pk=pk, token=token).delete()


@contextmanager
def distributed_lock(campaign: Campaign) -> Iterator[None]:
    """Mark the campaign as audited by workers while the block queues its sites, or refuse
    (BarometreError, in French) when a live local audit holds its lock.

    The row stays locked until the block ends, so a local audit starting meanwhile waits, then
    finds the sites pending. A launch that fails (Redis) leaves no mark.
    """
    with transaction.atomic():
        held = AuditLock.objects.select_for_update().filter(campaign=campaign).first()
        if held is not None and not held.distributed:
            if lock_alive(held):
                raise _refusal(campaign, held)
            held.delete()  # left by a local audit that crashed
            held = None
        if held is None:
            try:
                with transaction.atomic():
                    AuditLock.objects.create(
                        campaign=campaign,
                        token=uuid.uuid4().hex,
                        host=_host(),
                        pid=os.getpid(),
                        distributed=True,
                    )
            except IntegrityError:  # an audit took it between our read and our write
                other = AuditLock.objects.filter(campaign=campaign).first()
                if other is None or other.distributed:
                    raise BarometreError(
                        f"Un autre lancement de l'audit de la campagne « {campaign.name} » "
                        "vient de commencer : recommencez dans un instant."
                    ) from None
                raise _refusal(campaign, other) from None
        else:  # queued again (more sites, failures sent again): the last launch
            AuditLock.objects.filter(pk=held.pk).update(
                host=_host(), pid=os.getpid(), heartbeat_at=timezone.now()
            )
        yield
