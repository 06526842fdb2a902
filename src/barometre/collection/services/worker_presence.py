"""What the Redis board knows of a live worker of the distributed audit (services/worker.py): its
sign of life, renewed with what it has audited so far (`audit status` shows it), and the broker's
messages it has received, so that a worker that dies has them taken back at once by the next one
that sees its sign of life gone (services/recovery.py) rather than after the lease. Also how long
Redis has not answered the worker (`RedisHealth`), which decides when the worker gives up on it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from barometre.collection.board import CampaignBoard, WorkerProgress
from barometre.collection.services.consumer import AuditProgress
from barometre.collection.services.redis_link import is_redis_error


def worker_id() -> str:
    """The worker's name on the board: its host, its process and a few random letters."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


class RedisHealth:
    """Since when Redis has stopped answering (None while it answers), and the error once the
    worker gave up on it, `grace` seconds later."""

    def __init__(self, grace: float) -> None:
        self.grace = grace
        self.failing_since: float | None = None
        self.lost: Exception | None = None

    def failed(self) -> float:
        """Redis did not answer: seconds since it has been failing."""
        now = time.monotonic()
        if self.failing_since is None:
            self.failing_since = now
        return now - self.failing_since

    def answered(self) -> None:
        self.failing_since = None

    def failing(self) -> bool:
        return self.failing_since is not None or self.lost is not None


class WorkerPresence:
    """The worker's entries on the board: its sign of life (valid `alive_for` seconds) and the
    delivery tags of the messages it received; `on_redis_error` is told when Redis did not
    answer while a message was noted (the broker then gives the message back after the lease).
    """

    def __init__(
        self,
        *,
        board: CampaignBoard,
        worker: str,
        alive_for: float,
        progress: AuditProgress,
        on_redis_error: Callable[[], object],
    ) -> None:
        self.board, self.worker, self.alive_for = board, worker, alive_for
        self.progress = progress
        self.on_redis_error = on_redis_error
        self._tags: set[str] = set()  # the broker's messages received, noted on the board
        self._lock = threading.Lock()

    def share(self) -> WorkerProgress:
        """What this worker has audited so far, for `audit status`."""
        progress = self.progress
        done = progress.sites_done + progress.sites_failed
        return WorkerProgress(done=done, failed=progress.sites_failed, pages=progress.pages)

    def heartbeat(self) -> None:
        self.board.heartbeat(self.worker, self.alive_for, self.share())

    def beat(self) -> None:
        """Renew the sign of life and forget the messages acknowledged since (raises what Redis
        raises: the caller counts how long it has failed)."""
        self.heartbeat()
        self.forget_delivered()

    def received(self, sender: Any = None, request: Any = None, **_: Any) -> None:
        """Celery received a site's message (to run now or later): note its delivery tag on the
        board, so that the message is taken back at once if this worker dies."""
        tag = getattr(getattr(request, "message", None), "delivery_tag", None)
        if not tag:
            return
        try:
            self.board.note_delivery(tag, self.worker)
        except Exception as error:  # the broker gives it back after the lease
            if not is_redis_error(error):
                raise
            self.on_redis_error()
            return
        with self._lock:
            self._tags.add(tag)

    def forget_delivered(self) -> None:
        """Forget the deliveries whose message is acknowledged (or back in the queue)."""
        with self._lock:
            tags = sorted(self._tags)
        gone = [t for t, raw in zip(tags, self.board.unacked(tags), strict=True) if raw is None]
        self.board.forget_deliveries(self.worker, gone)
        with self._lock:
            self._tags.difference_update(gone)

    def leave(self) -> None:
        """The worker stops: its holds dropped (the sites not stored are delivered again by
        Celery), the deliveries still noted left for the next worker to take back, its sign of
        life removed (raises what Redis raises)."""
        self.board.drop_holds(self.worker)
        self.forget_delivered()
        self.board.sign_off(self.worker)
