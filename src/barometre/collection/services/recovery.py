"""Taking back the sites of a worker that died (SIGKILL, machine lost, OOM killer).

A worker that dies holding sites leaves, in Redis, their messages unacknowledged (the broker's
`unacked` hash and its index), their holds on the board (`running`) and the tags of the messages
it had received (`deliveries`). The broker gives such messages back only after its visibility
timeout (`--lease`, 30 minutes by default), so the campaign would wait that long, its workers idle.
A worker's sign of life expires after `sign_of_life_seconds` (20 s) instead: every worker, when
it starts and then every few seconds, looks for the workers whose sign of life is gone, puts their
messages back at the head of the queue (with the broker's own restore, which another worker
restoring the same message at once cannot repeat), drops their holds and deliveries, and says so.
One worker per turn does it (a key that expires by itself: no lock left behind by a dead worker).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from barometre.collection.board import CampaignBoard

# How long a worker's sign of life lasts unless refreshed (every quarter of it): a worker silent
# for that long is dead, and its sites are taken back.
SIGN_OF_LIFE_SECONDS = 20.0


def sign_of_life_seconds(lease: float, grace: float) -> float:
    """SIGN_OF_LIFE_SECONDS, longer when the Redis grace is (a worker riding out a Redis restart
    must not look dead once Redis is back), never longer than the lease (after it the broker
    gives the sites to another worker anyway)."""
    return min(lease, max(SIGN_OF_LIFE_SECONDS, 2 * grace))


@dataclass(frozen=True, slots=True)
class Recovery:
    """What a recovery found: the dead workers, and their sites still to audit (put back in the
    queue, or their hold dropped while their message waits in the queue); the pending sites
    whose message was lost, sent again (`lost_sites`), closed when their commune has no known
    website any more, or dropped when their commune left the campaign (services/distributed.py:
    requeue_lost)."""

    workers: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    requeued: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    left: tuple[str, ...] = ()


def recover_dead_workers(*, board: CampaignBoard, app: Any, every: float) -> Recovery:
    """Put back in the queue what workers without a sign of life left; nothing when a worker of
    the campaign already looked less than `every` seconds ago (one look per turn, whatever the
    number of workers: each look reads the board's holds and deliveries)."""
    turn = f"{board.namespace}:{board.campaign}:recovery"
    if not board.redis.set(turn, "1", nx=True, px=max(int(every * 1000), 1)):
        return Recovery()
    return _recover(board, app)


def _recover(board: CampaignBoard, app: Any) -> Recovery:
    deliveries = board.deliveries()
    running = board.running()
    dead = sorted(w for w in {*deliveries.values(), *running.values()} if not board.alive(w))
    if not dead:
        return Recovery()
    sites: set[str] = set()
    with app.connection_for_write() as connection:
        qos = connection.default_channel.qos
        for worker in dead:
            tags = [tag for tag, holder in deliveries.items() if holder == worker]
            for tag, raw in zip(tags, board.unacked(tags), strict=True):
                if raw is not None:
                    qos.restore_by_tag(tag)  # atomic: a message is restored once
                    sites.update(_site_code(raw))
            board.forget_deliveries(worker, tags)
            held = [code for code, holder in running.items() if holder == worker]
            board.forget_holds(worker, held)
            sites.update(held)
    return Recovery(tuple(dead), tuple(sorted(sites & board.pending())))


def _site_code(raw: bytes) -> Iterable[str]:
    """The site code of an unacknowledged message (kombu: [message, exchange, routing key]);
    none if unreadable."""
    try:
        return [site[1] for site in _message_site(json.loads(raw)[0])]
    except (ValueError, KeyError, IndexError, TypeError):
        return []


def _message_site(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(campaign, site code) of a kombu message, its body base64 JSON [args, kwargs, embed],
    args [campaign, run, site]; none if unreadable."""
    try:
        body = message["body"]
        if message.get("properties", {}).get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args = json.loads(body)[0]
        return [(str(args[0]), json.loads(args[2])["k"])]
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return []


def lost_sites(board: CampaignBoard, *, thorough: bool, pause: float = 0.5) -> set[str]:
    """The campaign's pending sites that no message stands for: none in the queue, none
    unacknowledged, and no live worker holding them (a message lost between Redis handing it
    to a worker and the broker noting it, or by a Redis restarted without persistence). Each
    site is looked for twice, `pause` seconds apart, so that a message caught in that instant
    is not taken for lost. Unless `thorough`, the queue is read only when the counts say that
    messages are missing (more sites pending than messages), as they do at a campaign's end."""
    if not thorough and not _fewer_messages_than_pending(board):
        return set()
    first = _unaccounted(board)
    if not first:
        return set()
    time.sleep(pause)
    return first & _unaccounted(board)


def _fewer_messages_than_pending(board: CampaignBoard) -> bool:
    with board.redis.pipeline(transaction=False) as pipe:
        pipe.scard(board.keys["pending"])
        pipe.llen(board.queue_key)
        pipe.hlen(f"{board.broker_prefix}unacked")
        pending, queued, unacked = pipe.execute()
    return int(pending) > int(queued) + int(unacked)


def _unaccounted(board: CampaignBoard) -> set[str]:
    running = board.running()
    live = {worker for worker in set(running.values()) if board.alive(worker)}
    codes = board.pending() - {code for code, worker in running.items() if worker in live}
    if not codes:
        return set()
    found = _queued_codes(board)
    unacked = board.redis.hvals(f"{board.broker_prefix}unacked")  # after the queue: see below
    found |= _codes_of(board, (json.loads(raw)[0] for raw in unacked))
    return codes - found


# Messages read from the queue at once. A national campaign queues some 35,000 of them (50 MB
# in Redis): read in one go and parsed, they took about 230 MB and 1.5 s per read in the worker
# or coordinator that looked (bench/distributed_lost.py); a slice keeps that to a few MB.
QUEUE_SLICE = 1000


def _queued_codes(board: CampaignBoard) -> set[str]:
    """The site codes of the campaign's messages in its queue, read a slice at a time. Kombu
    pushes messages on the left (LPUSH), takes them from the right (BRPOP) and puts messages back
    on the right (RPUSH): read from the left, a message that stays in the queue is never skipped
    (one pushed meanwhile may be read twice). A message taken meanwhile is found unacknowledged,
    read after the queue."""
    found: set[str] = set()
    start = 0
    while True:
        raws = board.redis.lrange(board.queue_key, start, start + QUEUE_SLICE - 1)
        found |= _codes_of(board, (json.loads(raw) for raw in raws))
        if len(raws) < QUEUE_SLICE:
            return found
        start += QUEUE_SLICE


def _codes_of(board: CampaignBoard, messages: Iterable[dict[str, Any]]) -> set[str]:
    """The site codes of the campaign's messages among `messages`."""
    mine = board.campaign
    return {code for m in messages for campaign, code in _message_site(m) if campaign == mine}
