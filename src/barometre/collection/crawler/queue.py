"""The campaign's shared queue of sites in Redis, for the distributed audit (docs/adr/0005).

A site is the unit of work: a worker leases it, crawls all of it, stores it, then acknowledges
it. Keys, under `<namespace>:<campaign>`:

- `queue` (list) the codes waiting, in order; `pending` (set) the same codes, for dedupe;
- `sites` (hash) code -> the site as JSON (start URLs, hosts, one-hop hosts);
- `running` (hash) code -> the id of the worker that leased it;
- `meta` (hash) the run id and the audit options chosen by the coordinator.

A worker proves it is alive with `<namespace>:worker:<id>`, a key that it refreshes and that
expires after the lease time. A site leased by a worker whose key has expired (killed, machine
lost) goes back to the head of the queue. No Django here: the crawl process uses it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from barometre.collection.crawler.jobs import CrawlSite

_ENQUEUE = """
local added = 0
for i = 1, #ARGV, 2 do
  local code = ARGV[i]
  redis.call('HSET', KEYS[1], code, ARGV[i + 1])
  if redis.call('HEXISTS', KEYS[2], code) == 0 and redis.call('SADD', KEYS[3], code) == 1 then
    redis.call('RPUSH', KEYS[4], code)
    added = added + 1
  end
end
return added
"""
_CLAIM = """
local code = redis.call('LPOP', KEYS[1])
if not code then return false end
redis.call('SREM', KEYS[2], code)
redis.call('HSET', KEYS[3], code, ARGV[1])
return {code, redis.call('HGET', KEYS[4], code)}
"""
_ACK = """
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
"""
# Give back the sites of workers that stopped proving they are alive (ARGV[2] = one worker only).
_RECLAIM = """
local running = redis.call('HGETALL', KEYS[1])
local back = 0
for i = 1, #running, 2 do
  local code, worker = running[i], running[i + 1]
  if (ARGV[2] ~= '' and worker == ARGV[2])
     or (ARGV[2] == '' and redis.call('EXISTS', ARGV[1] .. worker) == 0) then
    redis.call('HDEL', KEYS[1], code)
    if redis.call('SADD', KEYS[2], code) == 1 then
      redis.call('LPUSH', KEYS[3], code)
    end
    back = back + 1
  end
end
return back
"""


def site_to_json(site: CrawlSite) -> str:
    return json.dumps(
        {"k": site.key, "u": site.start_urls, "h": site.hosts, "o": site.one_hop_hosts},
        separators=(",", ":"),
    )


def site_from_json(text: str | bytes) -> CrawlSite:
    data = json.loads(text)
    return CrawlSite(data["k"], tuple(data["u"]), tuple(data["h"]), tuple(data["o"]))


@dataclass(frozen=True, slots=True)
class QueueCounts:
    queued: int
    running: dict[str, str]  # code -> worker


class SiteQueue:
    """One campaign's queue of sites in Redis."""

    def __init__(
        self, client: Any, campaign: str, namespace: str = "barometre", url: str = ""
    ) -> None:
        self.redis = client
        self.url = url  # how a crawl process reaches the same Redis
        self.namespace = namespace
        self.campaign = campaign
        base = f"{namespace}:{campaign}"
        self.keys = {part: f"{base}:{part}" for part in ("queue", "pending", "sites", "running")}
        self.meta_key = f"{base}:meta"
        self.campaigns_key = f"{namespace}:campaigns"
        self._enqueue = client.register_script(_ENQUEUE)
        self._claim = client.register_script(_CLAIM)
        self._ack = client.register_script(_ACK)
        self._reclaim = client.register_script(_RECLAIM)

    @classmethod
    def from_url(cls, url: str, campaign: str, namespace: str = "barometre") -> SiteQueue:
        import redis

        return cls(redis.Redis.from_url(url), campaign, namespace, url)

    def worker_key(self, worker: str) -> str:
        return f"{self.namespace}:worker:{worker}"

    def set_meta(self, **values: str) -> None:
        self.redis.hset(self.meta_key, mapping=values)
        self.redis.sadd(self.campaigns_key, self.campaign)

    def meta(self) -> dict[str, str]:
        raw = self.redis.hgetall(self.meta_key)
        return {_text(k): _text(v) for k, v in raw.items()}

    def enqueue(self, sites: Iterable[CrawlSite], batch: int = 500) -> int:
        """Queue sites not queued or running yet, in order; returns how many were added."""
        added, chunk = 0, []
        keys = [self.keys["sites"], self.keys["running"], self.keys["pending"], self.keys["queue"]]
        for site in sites:
            chunk += [site.key, site_to_json(site)]
            if len(chunk) >= 2 * batch:
                added += int(self._enqueue(keys=keys, args=chunk))
                chunk = []
        if chunk:
            added += int(self._enqueue(keys=keys, args=chunk))
        return added

    def claim(self, worker: str) -> CrawlSite | None:
        """Lease the next site for `worker`, or None when the queue is empty."""
        keys = [self.keys["queue"], self.keys["pending"], self.keys["running"], self.keys["sites"]]
        found = self._claim(keys=keys, args=[worker])
        if not found:
            return None
        return site_from_json(found[1])

    def ack(self, code: str, worker: str) -> bool:
        """The site is stored: end the lease (only the worker holding it may)."""
        return bool(self._ack(keys=[self.keys["running"]], args=[code, worker]))

    def reclaim(self, worker: str = "") -> int:
        """Put back the sites of dead workers (or, with `worker`, all of that worker's sites)."""
        keys = [self.keys["running"], self.keys["pending"], self.keys["queue"]]
        return int(self._reclaim(keys=keys, args=[f"{self.namespace}:worker:", worker]))

    def heartbeat(self, worker: str, ttl: float) -> None:
        self.redis.set(self.worker_key(worker), "1", px=max(int(ttl * 1000), 1))

    def counts(self) -> QueueCounts:
        running = self.redis.hgetall(self.keys["running"])
        return QueueCounts(
            queued=int(self.redis.llen(self.keys["queue"])),
            running={_text(k): _text(v) for k, v in running.items()},
        )

    def pending(self) -> set[str]:
        return {_text(c) for c in self.redis.smembers(self.keys["pending"])}

    def idle(self) -> bool:
        """Nothing queued and nothing leased: no site will come from this queue any more."""
        return not self.redis.llen(self.keys["queue"]) and not self.redis.hlen(self.keys["running"])

    def memory(self) -> int:
        """Bytes Redis uses for this campaign's keys (MEMORY USAGE)."""
        total = 0
        for key in (*self.keys.values(), self.meta_key):
            total += int(self.redis.memory_usage(key, samples=0) or 0)
        return total

    def clear(self) -> None:
        self.redis.delete(*self.keys.values(), self.meta_key)
        self.redis.srem(self.campaigns_key, self.campaign)


def _text(value: str | bytes) -> str:
    return value.decode() if isinstance(value, bytes) else value
