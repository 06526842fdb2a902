"""The look for lost messages at national scale: time and memory of reading a campaign's queue.

    .venv/bin/python bench/distributed_lost.py [--sites 35000]

Queues `--sites` Celery messages as the coordinator does (one per site), loses one, then times
`lost_sites` (services/recovery.py: the whole queue read twice, a slice at a time, here without
the pause between the reads) as the coordinator run again and the workers' recovery look run it,
in a fresh process. Prints the wall time, the CPU time, the growth of the process's peak memory
(ru_maxrss) and Python's peak allocation (tracemalloc, a second look). Needs only Redis
(`REDIS_URL`); uses the key namespace `barometre-lost-bench-<random>` (deleted at the end).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def _setup() -> None:
    os.environ.setdefault("BAROMETRE_HOME", tempfile.mkdtemp(prefix="barometre-bench-lost-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "barometre.settings"
    import django

    django.setup()


def _queue(board: object, sites: int) -> str:
    """Queue `sites` messages and lose one; returns the lost site's code."""
    from barometre.collection.crawler.jobs import CrawlSite
    from barometre.collection.services.distributed import _publish

    codes = [f"{i:05d}" for i in range(sites)]
    queued = [
        CrawlSite(c, (f"https://www.commune-{c}.fr/",), (f"www.commune-{c}.fr",), ("cc.fr",))
        for c in codes
    ]
    board.add_pending(codes)  # type: ignore[attr-defined]
    _publish(board, uuid.uuid4().hex, queued, [])  # type: ignore[arg-type]
    board.redis.rpop(board.queue_key)  # type: ignore[attr-defined]
    return codes[0]


def _look(namespace: str, lost: str) -> None:
    """In a fresh process (its peak memory then grows only with the look): time the look, then
    take its Python peak."""
    from barometre.collection.board import CampaignBoard
    from barometre.collection.services import recovery

    board = CampaignBoard.from_url(REDIS_URL, "national", namespace)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    found = recovery.lost_sites(board, thorough=True, pause=0.0)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    tracemalloc.start()
    recovery.lost_sites(board, thorough=True, pause=0.0)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    assert found == {lost}, found
    print(
        f"{board.queued_messages():,} messages read in slices of {recovery.QUEUE_SLICE:,}, "
        f"twice: {wall:.2f} s wall, {cpu:.2f} s CPU, peak memory +{grown:.0f} MB, "
        f"Python peak {peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=35000)
    parser.add_argument("--look", nargs=2, metavar=("NAMESPACE", "LOST"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    _setup()
    if args.look:
        _look(*args.look)
        return
    from barometre.collection.board import CampaignBoard

    namespace = f"barometre-lost-bench-{uuid.uuid4().hex[:8]}"
    board = CampaignBoard.from_url(REDIS_URL, "national", namespace)
    try:
        lost = _queue(board, args.sites)
        subprocess.run([sys.executable, __file__, "--look", namespace, lost], check=True)
    finally:
        for key in board.redis.scan_iter(f"{namespace}*"):
            board.redis.delete(key)


if __name__ == "__main__":
    main()
