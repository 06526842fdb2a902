"""The distributed audit's board in Redis: what each site of a campaign is waiting for.

The sites travel as Celery tasks (docs/adr/0007); Celery's broker holds them, delivers each to one
worker, and delivers it again when a worker died holding it. The board only keeps what an operator
and the workers need to know beside the messages, under `<namespace>:<campaign>`:

- `pending` (set): the codes queued or in flight, not stored yet — the coordinator queues a site
  only when it is not there (a coordinator started again adds only what is missing), and a
  worker stops when it is empty;
- `running` (hash): code -> the worker crawling it now;
- `meta` (hash): the run id and the audit options chosen by the coordinator;
- `deliveries` (hash): the broker's delivery tag of each message a worker received -> that
  worker, so that the messages of a worker that died can be put back in the queue at once
  (services/recovery.py) rather than after the broker's visibility timeout (`--lease`);
- `workers` (sorted set): the campaign's workers -> the time of their last sign of life, so that
  `audit status` lists every worker running, those that hold no site included (a worker leaves
  it when it stops; an entry older than WORKERS_FORGOTTEN is dropped at the next sign of life);
- `progress` (hash): worker -> what it has audited so far (sites done, failed, pages), written
  with its sign of life, so that `audit status` shows each worker's share.

A worker proves it is alive with `<namespace>:worker:<id>`, a key that it refreshes every few
seconds and that expires after `sign_of_life_seconds` (20 s by default, never more than the
lease); a `running` entry or a delivery of a worker without that key belongs to a dead worker.

Celery's own keys (the queue, the unacknowledged messages and their index, the restore lock and
the bindings) live under `<namespace>:broker:` (kombu's `global_keyprefix`): without it they are
shared by the whole Redis database, and a worker killed in one namespace would leave a restore
lock and unacknowledged messages that another namespace's workers trip over.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from barometre.collection.crawler.jobs import CrawlSite

# Hold a site for `worker` unless a live worker other than it holds it; returns the holder.
_HOLD = """
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if holder and holder ~= ARGV[2] and redis.call('EXISTS', ARGV[3] .. holder) == 1 then
  return holder
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return ARGV[2]
"""
# The site is stored in run ARGV[3]: it leaves `running` (if this worker holds it), and
# `pending` unless a new run (--recrawl) has started since (the site waits for the new run).
_RELEASE = """
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
if ARGV[3] ~= '' and redis.call('HGET', KEYS[3], 'run') ~= ARGV[3] then
  return 0
end
return redis.call('SREM', KEYS[2], ARGV[1])
"""
# Remove the fields ARGV[2..] of hash KEYS[1] whose value is still ARGV[1]; returns how many.
_FORGET = """
local removed = 0
for i = 2, #ARGV do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
    removed = removed + redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return removed
"""


# A worker that stopped without saying so leaves its entry in `workers`: dropped after an hour.
WORKERS_FORGOTTEN = 3600.0


def site_to_json(site: CrawlSite) -> str:
    return json.dumps(
        {"k": site.key, "u": site.start_urls, "h": site.hosts, "o": site.one_hop_hosts},
        separators=(",", ":"),
    )


def site_from_json(text: str | bytes) -> CrawlSite:
    data = json.loads(text)
    return CrawlSite(data["k"], tuple(data["u"]), tuple(data["h"]), tuple(data["o"]))


@dataclass(frozen=True, slots=True)
class BoardCounts:
    pending: int  # queued or in flight
    running: dict[str, str]  # code -> live worker
    orphaned: dict[str, str]  # code -> dead worker: the next worker running takes it back
    workers: tuple[str, ...] = ()  # the campaign's live workers, those holding no site included
    progress: dict[str, WorkerProgress] = field(default_factory=dict)  # live worker -> its share


@dataclass(frozen=True, slots=True)
class WorkerProgress:
    """What one worker has audited since it started."""

    done: int = 0  # sites stored, failed ones included
    failed: int = 0
    pages: int = 0


class CampaignBoard:
    """One campaign's board in Redis (and the name of its Celery queue)."""

    def __init__(
        self, client: Any, campaign: str, namespace: str = "barometre", url: str = ""
    ) -> None:
        self.redis = client
        self.url = url
        self.namespace = namespace
        self.campaign = campaign
        base = f"{namespace}:{campaign}"
        self.keys = {
            part: f"{base}:{part}"
            for part in ("pending", "running", "meta", "deliveries", "workers", "progress")
        }
        self.campaigns_key = f"{namespace}:campaigns"
        self.worker_prefix = f"{namespace}:worker:"
        self.broker_prefix = f"{namespace}:broker:"
        self._hold = client.register_script(_HOLD)
        self._release = client.register_script(_RELEASE)
        self._forget = client.register_script(_FORGET)

    @property
    def queue_name(self) -> str:
        """The Celery queue of the campaign's sites (a Redis list of that name)."""
        return f"{self.namespace}.audit.{self.campaign}"

    @property
    def queue_key(self) -> str:
        """The Redis list that holds the queue (kombu prefixes it with `broker_prefix`)."""
        return f"{self.broker_prefix}{self.queue_name}"

    @classmethod
    def from_url(cls, url: str, campaign: str, namespace: str = "barometre") -> CampaignBoard:
        import redis

        return cls(redis.Redis.from_url(url), campaign, namespace, url)

    def worker_key(self, worker: str) -> str:
        return f"{self.worker_prefix}{worker}"

    def set_meta(self, **values: str) -> None:
        self.redis.hset(self.keys["meta"], mapping=values)
        self.redis.sadd(self.campaigns_key, self.campaign)

    def run(self) -> str:
        """The campaign's current run (a new one at each --recrawl)."""
        return _text(self.redis.hget(self.keys["meta"], "run") or "")

    def meta(self) -> dict[str, str]:
        raw = self.redis.hgetall(self.keys["meta"])
        return {_text(k): _text(v) for k, v in raw.items()}

    def add_pending(self, codes: Iterable[str]) -> list[str]:
        """Mark codes pending; returns those that were not (the ones to send as tasks)."""
        codes = list(codes)
        if not codes:
            return []
        with self.redis.pipeline(transaction=False) as pipe:
            for code in codes:
                pipe.sadd(self.keys["pending"], code)
            added = pipe.execute()
        return [code for code, new in zip(codes, added, strict=True) if new]

    def forget_pending(self, codes: Iterable[str]) -> None:
        """Codes whose task could not be sent: not pending after all."""
        codes = list(codes)
        if codes:
            self.redis.srem(self.keys["pending"], *codes)

    def hold(self, code: str, worker: str) -> str:
        """`worker` takes the site unless a live worker holds it; returns who holds it now."""
        return _text(
            self._hold(keys=[self.keys["running"]], args=[code, worker, self.worker_prefix])
        )

    def release(self, code: str, worker: str, run: str = "") -> None:
        """The site is stored (done or failed) in `run`: it is no longer running, nor pending
        unless the campaign's run is no longer `run` (a --recrawl since: the new run audits it).
        """
        keys = [self.keys["running"], self.keys["pending"], self.keys["meta"]]
        self._release(keys=keys, args=[code, worker, run])

    def drop_holds(self, worker: str) -> None:
        """`worker` stops: the sites it held and did not store are no longer running."""
        running = self.redis.hgetall(self.keys["running"])
        mine = [k for k, v in running.items() if _text(v) == worker]
        if mine:
            self.redis.hdel(self.keys["running"], *mine)

    def forget_holds(self, worker: str, codes: Iterable[str]) -> int:
        """The sites `codes` are no longer running for `worker` (a dead one): a live worker that
        took one of them meanwhile keeps it. Returns how many were dropped."""
        return int(self._forget(keys=[self.keys["running"]], args=[worker, *codes]))

    def note_delivery(self, tag: str, worker: str) -> None:
        """`worker` received the broker's message `tag` (not acknowledged yet)."""
        self.redis.hset(self.keys["deliveries"], tag, worker)

    def forget_deliveries(self, worker: str, tags: Iterable[str]) -> int:
        """The messages `tags` of `worker` are acknowledged or back in the queue."""
        tags = list(tags)
        if not tags:
            return 0
        return int(self._forget(keys=[self.keys["deliveries"]], args=[worker, *tags]))

    def deliveries(self) -> dict[str, str]:
        """Delivery tag -> the worker that received the message."""
        raw = self.redis.hgetall(self.keys["deliveries"])
        return {_text(k): _text(v) for k, v in raw.items()}

    def running(self) -> dict[str, str]:
        """Code -> the worker holding it, alive or not."""
        return {_text(k): _text(v) for k, v in self.redis.hgetall(self.keys["running"]).items()}

    def unacked(self, tags: list[str]) -> list[bytes | None]:
        """The broker's unacknowledged messages `tags` (None: acknowledged or restored)."""
        if not tags:
            return []
        return list(self.redis.hmget(f"{self.broker_prefix}unacked", tags))

    def heartbeat(self, worker: str, ttl: float, progress: WorkerProgress | None = None) -> None:
        """`worker` is alive for `ttl` seconds more, and one of the campaign's workers (with
        what it has audited so far)."""
        now = time.time()
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.set(self.worker_key(worker), "1", px=max(int(ttl * 1000), 1))
            if progress is not None:
                pipe.hset(self.keys["progress"], worker, json.dumps(asdict(progress)))
            pipe.zadd(self.keys["workers"], {worker: now})
            pipe.zremrangebyscore(self.keys["workers"], "-inf", now - WORKERS_FORGOTTEN)
            pipe.execute()

    def sign_off(self, worker: str) -> None:
        """`worker` stops: no longer alive nor one of the campaign's workers."""
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.delete(self.worker_key(worker))
            pipe.zrem(self.keys["workers"], worker)
            pipe.hdel(self.keys["progress"], worker)
            pipe.execute()

    def alive(self, worker: str) -> bool:
        return bool(self.redis.exists(self.worker_key(worker)))

    def workers(self) -> tuple[str, ...]:
        """The campaign's live workers (a sign of life not expired), busy or not, by name."""
        names = sorted(_text(w) for w in self.redis.zrange(self.keys["workers"], 0, -1))
        return tuple(w for w in names if self.alive(w))

    def counts(self) -> BoardCounts:
        running = self.running()
        workers = sorted(set(running.values()))
        live = {w for w in workers if self.alive(w)} | set(self.workers())
        return BoardCounts(
            pending=self.pending_count(),
            running={c: w for c, w in running.items() if w in live},
            orphaned={c: w for c, w in running.items() if w not in live},
            workers=tuple(sorted(live)),
            progress={w: p for w, p in self.progress().items() if w in live},
        )

    def progress(self) -> dict[str, WorkerProgress]:
        """Worker -> what it said it has audited, at its last sign of life."""
        raw = self.redis.hgetall(self.keys["progress"])
        return {_text(w): WorkerProgress(**json.loads(v)) for w, v in raw.items()}

    def pending(self) -> set[str]:
        return {_text(c) for c in self.redis.smembers(self.keys["pending"])}

    def is_pending(self, code: str) -> bool:
        """Whether `code` still waits to be stored (one look-up, not the whole set: a worker
        asks for each site it receives, and a national campaign holds tens of thousands)."""
        return bool(self.redis.sismember(self.keys["pending"], code))

    def pending_count(self) -> int:
        """How many sites still wait to be stored."""
        return int(self.redis.scard(self.keys["pending"]))

    def idle(self) -> bool:
        """Nothing queued nor in flight: the campaign's distributed audit is over."""
        return not self.redis.scard(self.keys["pending"])

    def queued_messages(self) -> int:
        """Tasks waiting in the campaign's Celery queue (not yet taken by a worker)."""
        return int(self.redis.llen(self.queue_key))

    def memory(self) -> int:
        """Bytes Redis uses for this campaign's keys and queue (MEMORY USAGE)."""
        total = 0
        for key in (*self.keys.values(), self.queue_key):
            total += int(self.redis.memory_usage(key, samples=0) or 0)
        return total

    def clear(self) -> None:
        self.redis.delete(*self.keys.values(), self.queue_key)
        self.redis.srem(self.campaigns_key, self.campaign)


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
