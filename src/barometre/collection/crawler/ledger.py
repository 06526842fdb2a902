"""Per-site crawl state: which URLs were claimed (dedupe), the page budget, the site's hosts.

`MemoryLedger` serves one process. `RedisLedger` serves workers on several machines (the
distributed mode): the same answers, kept in Redis under `barometre:<campaign>:site:<code>:*`.
"""

from __future__ import annotations

from typing import Any, Protocol


class Ledger(Protocol):
    def claim(self, site: str, url: str, budget: int) -> bool:
        """True when `url` is new for `site` and the site's page budget is not spent."""

    def seen(self, site: str, url: str) -> bool:
        """A cheap early answer: True when `url` is known to be claimed already."""

    def add_host(self, site: str, host: str) -> None: ...

    def hosts(self, site: str) -> frozenset[str]: ...

    def forget(self, site: str) -> None: ...


class MemoryLedger:
    def __init__(self) -> None:
        self._seen: dict[str, set[str]] = {}
        self._hosts: dict[str, set[str]] = {}

    def claim(self, site: str, url: str, budget: int) -> bool:
        seen = self._seen.setdefault(site, set())
        if url in seen or len(seen) >= budget:
            return False
        seen.add(url)
        return True

    def seen(self, site: str, url: str) -> bool:
        return url in self._seen.get(site, ())

    def add_host(self, site: str, host: str) -> None:
        self._hosts.setdefault(site, set()).add(host)

    def hosts(self, site: str) -> frozenset[str]:
        return frozenset(self._hosts.get(site, ()))

    def forget(self, site: str) -> None:
        self._seen.pop(site, None)
        self._hosts.pop(site, None)


class RedisLedger:
    """The ledger in Redis, so that workers sharing a queue share dedupe and budgets."""

    def __init__(self, client: Any, campaign: str) -> None:
        self._redis = client
        self._prefix = f"barometre:{campaign}:site"
        self._hosts: dict[str, set[str]] = {}

    def _key(self, site: str, part: str) -> str:
        return f"{self._prefix}:{site}:{part}"

    def claim(self, site: str, url: str, budget: int) -> bool:
        if not self._redis.sadd(self._key(site, "seen"), url):
            return False
        return int(self._redis.incr(self._key(site, "count"))) <= budget

    def seen(self, site: str, url: str) -> bool:
        return False  # claim() asks Redis

    def add_host(self, site: str, host: str) -> None:
        self._redis.sadd(self._key(site, "hosts"), host)
        self._hosts.setdefault(site, set()).add(host)

    def hosts(self, site: str) -> frozenset[str]:
        if site not in self._hosts:
            members = self._redis.smembers(self._key(site, "hosts"))
            self._hosts[site] = {m.decode() if isinstance(m, bytes) else m for m in members}
        return frozenset(self._hosts[site])

    def forget(self, site: str) -> None:
        self._hosts.pop(site, None)
