"""The detector's version: barometre's version and a fingerprint of what decides a proposal.

A campaign's automatic levels come from the rules, cues, platforms and models in
`detection/data/` and the code of this package. When any of them changes, the same page may be
given another level: a change between two campaigns may then come from the detector, not from
the sites. The audit records the version each site was read with (`SiteAudit.detector`), and
reports say it, so that a reader can tell. Pure: reads this package's own files once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from barometre import __version__

PACKAGE = Path(__file__).resolve().parent


def fingerprint(root: Path) -> str:
    """The SHA-256 (first 12 hex digits) of the package's Python sources and data files under
    `root`, by relative path and content, in path order: the same files give the same value on
    every machine."""
    digest = hashlib.sha256()
    files = [*root.glob("*.py"), *(path for path in (root / "data").rglob("*") if path.is_file())]
    for path in sorted(files, key=lambda path: path.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@cache
def detector_version() -> str:
    """ "0.1.0+3f2a9c81d4e0": barometre's version and the fingerprint of its detector."""
    return f"{__version__}+{fingerprint(PACKAGE)}"
