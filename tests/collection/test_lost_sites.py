"""The look for pending sites whose message was lost (services/recovery.py), on the real Redis of
this machine: it reads the campaign's queue a slice at a time, whatever its length."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from barometre.collection.board import CampaignBoard
from barometre.collection.crawler.jobs import CrawlSite
from barometre.collection.services import recovery
from barometre.collection.services.distributed import _publish

REDIS_URL = os.environ.get("BAROMETRE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def board() -> Iterator[CampaignBoard]:
    redis = pytest.importorskip("redis")
    namespace = f"barometre-lost-test-{uuid.uuid4().hex[:8]}"
    board = CampaignBoard.from_url(REDIS_URL, "nationale", namespace)
    try:
        board.redis.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield board
    for key in board.redis.scan_iter(f"{namespace}*"):
        board.redis.delete(key)
    board.redis.close()


def test_the_queue_is_read_a_slice_at_a_time_and_no_lost_site_is_missed(
    board: CampaignBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look read the whole queue at once and parsed every message before comparing: some
    200 MB more in the worker or coordinator that looked, for a national campaign's 35,000
    messages (bench/distributed_lost.py)."""
    codes = [f"{i:05d}" for i in range(10)]
    sites = [CrawlSite(c, (f"https://www.c{c}.test/",), (f"www.c{c}.test",), ()) for c in codes]
    board.add_pending(codes)
    _publish(board, "run", sites, [])
    # newest on the left: lose the oldest (the last one read) and the sixth (inside a slice)
    board.redis.rpop(board.queue_key)
    board.redis.lrem(board.queue_key, 1, board.redis.lindex(board.queue_key, 4))
    lost = {codes[0], codes[5]}

    monkeypatch.setattr(recovery, "QUEUE_SLICE", 3)
    asked: list[int] = []
    lrange = board.redis.lrange

    def counted_lrange(key: str, start: int, stop: int) -> Any:
        asked.append(stop - start + 1 if stop >= 0 else -1)
        return lrange(key, start, stop)

    monkeypatch.setattr(board.redis, "lrange", counted_lrange)
    assert recovery.lost_sites(board, thorough=True, pause=0.0) == lost
    assert asked and all(0 < n <= 3 for n in asked), asked
    assert len(asked) == 2 * 3  # 8 messages: slices of 3, 3 and 2, read twice


def test_a_worker_asks_after_one_site_not_the_whole_pending_set(
    board: CampaignBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For each site it received, a worker read every pending code (about 15,000 for a national
    campaign) to learn whether that one was still pending; one look-up now answers."""
    board.add_pending(["01001", "01002"])
    board.redis.srem(board.keys["pending"], "01002")  # stored meanwhile

    def whole_set(key: str) -> Any:
        raise AssertionError("the whole pending set was read")

    monkeypatch.setattr(board.redis, "smembers", whole_set)
    assert board.is_pending("01001") and not board.is_pending("01002")
    assert board.pending_count() == 1
    assert board.counts().pending == 1
