"""The version a distributed run is crawled and read with: the detector's and the collection's.

The detector's version (detection/version.py) says how a page is read. What is fetched, archived
and stored — the spider, the robots.txt and redirect handling, the window, the WARC writer, the
consumer, the worker's handling of Celery messages — is the collection package's code: two
workers whose collection code differs may crawl the same site differently, or take a message
otherwise (an older worker crawled a site that a newer one already held). A distributed run
records this version (`run_version`) on its board; a worker of another one takes no site
(services/distributed.py). Pure: reads this package's own files once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from barometre.detection.version import detector_version

PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(root: Path) -> str:
    """The SHA-256 (first 12 hex digits) of the Python sources under `root`, subfolders
    included, by relative path and content, in path order: the same files give the same value
    on every machine, whatever their dates or compiled caches."""
    digest = hashlib.sha256()
    files = sorted(root.rglob("*.py"), key=lambda path: path.relative_to(root).as_posix())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@cache
def collection_version() -> str:
    """ "5d0c2e7a91b3": the fingerprint of the collection package's code."""
    return code_fingerprint(PACKAGE)


def run_version() -> str:
    """ "0.1.0+3f2a9c81d4e0 (collecte 5d0c2e7a91b3)": what a distributed run records, and what
    each of its workers must have (`barometre --version` prints both parts)."""
    return f"{detector_version()} (collecte {collection_version()})"
