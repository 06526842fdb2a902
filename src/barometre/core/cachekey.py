"""Cache keys that change with barometre's code.

The shared cache (a folder by default) outlives the processes: without this, after an upgrade
the pages, charts and PDFs computed by the old code would be served until new data arrives,
and values pickled by the old classes would be read back by the new ones. Each key starts with
a digest of the package's code, templates, compiled translations and data files, read once per
process (about 15 ms):
when a server starts (barometre.wsgi), else on first use of the cache.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
# .mo: the compiled translations that the pages are rendered with (a fixed wording changes them
# alone); .csv, .gz, .md: the data files shipped in the package
_SUFFIXES = {".py", ".html", ".yaml", ".json", ".css", ".js", ".txt", ".mo", ".csv", ".gz", ".md"}


def fingerprint_of(root: Path) -> str:
    """A digest of the code and data files under `root` (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in _SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def code_fingerprint() -> str:
    return fingerprint_of(_PACKAGE)


def make_key(key: str, key_prefix: str, version: int | str) -> str:
    """Django's KEY_FUNCTION: the default key, behind the code's digest."""
    return f"{code_fingerprint()}:{key_prefix}:{version}:{key}"
