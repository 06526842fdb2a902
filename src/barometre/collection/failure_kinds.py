"""Failed sites grouped by the kind of their failure: a national audit's reasons name each
site's host or address (« nom de domaine introuvable ou refusé (DNS lookup failed: … www.x.fr) »),
so that grouped by their exact words three thousand dead domains made three thousand groups of
one, and the summary's twenty lines hid what had happened."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_URL = re.compile(r"https?://\S+")
_DETAIL = re.compile(r"\s*\([^()]*\)")  # the technical detail a reason ends with, in brackets
_NO_REASON = "motif non enregistré"


@dataclass(frozen=True)
class FailureKind:
    """One kind of failure: its words (the reason itself when every site gave the same),
    its sites' codes in order, and how many different reasons it gathers with the first one."""

    words: str
    codes: tuple[str, ...]
    reasons: int
    example: str


def failure_kind(reason: str) -> str:
    """A reason without the addresses and bracketed details that make it one site's:
    « URL de départ invalide : https://x.fr:99999/ (Port out of range) » →
    « URL de départ invalide : … »."""
    text, stripped = "", _URL.sub("…", reason)
    while stripped != text:  # a detail holding brackets of its own: « … javascript:alert(1)) »
        text, stripped = stripped, _DETAIL.sub("", stripped)
    return text.strip() or reason


def by_kind(failures: Sequence[tuple[str, str]]) -> list[FailureKind]:
    """(code, reason) pairs grouped by kind, the most frequent kind first."""
    codes: dict[str, list[str]] = {}
    reasons: dict[str, dict[str, None]] = {}
    for code, given in failures:
        reason = given or _NO_REASON
        kind = failure_kind(reason)
        codes.setdefault(kind, []).append(code)
        reasons.setdefault(kind, {})[reason] = None
    kinds = [
        FailureKind(
            words=kind if len(reasons[kind]) > 1 else next(iter(reasons[kind])),
            codes=tuple(sorted(codes[kind])),
            reasons=len(reasons[kind]),
            example=next(iter(reasons[kind])),
        )
        for kind in codes
    ]
    return sorted(kinds, key=lambda k: (-len(k.codes), k.words))


@dataclass(frozen=True)
class ErrorKind:
    """One kind of a run's fetch errors (pages, stylesheets aside, it could not get): its
    words, how many errors and on how many sites."""

    words: str
    errors: int
    sites: int


def error_count(tally: dict[str, dict[str, int]], site: str, reason: str) -> None:
    """Count one fetch error of `site` under its kind in `tally` (kind -> site -> errors): a
    national audit's errors are counted, not kept one by one."""
    by_site = tally.setdefault(failure_kind(reason or _NO_REASON), {})
    by_site[site] = by_site.get(site, 0) + 1


def errors_by_kind(tally: Mapping[str, Mapping[str, int]]) -> list[ErrorKind]:
    """The kinds of `error_count`'s tally, the most frequent first."""
    kinds = [
        ErrorKind(words=kind, errors=sum(sites.values()), sites=len(sites))
        for kind, sites in tally.items()
    ]
    return sorted(kinds, key=lambda k: (-k.errors, k.words))
