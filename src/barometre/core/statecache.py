"""Values computed once and kept: in this process's memo, and in Django's caches (shared by the
server processes), keyed by the active language (values may carry translated labels).

Two ways to say when a value is stale:
- `cached(key, compute)`: the key itself changes with the data (a data version in it); each
  new key is a new entry of the default (page) cache;
- `cached_for_state(key, state, compute)` (`kept`): one entry per key in the scores cache
  (`settings.CACHES["scores"]`), holding the state it was computed for, which a new state
  overwrites; for figures costly to compute again (a campaign's scores, an election's
  programme figures), which the page cache's culling would drop.

The web pages and the API read through the same functions, so they share the entries."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.utils.translation import get_language

T = TypeVar("T")

MEMO: dict[str, object] = {}  # the last values read from the cache, kept in this process
MEMO_SIZE = 8
# A longer text (a national election's report file: 2 to 18 MB) is not kept in the memo, only in
# the cache backend: eight of them held 58 MB in each server process.
_MEMO_MAX_CHARS = 1_000_000
_STALE_PICKLE = (AttributeError, ImportError, TypeError, EOFError, pickle.UnpicklingError)


def cached(key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per key: from this process's memo, else the shared cache, else now.

    The key holds the active language: values may carry translated labels and sentences."""
    key = f"{key}:{get_language() or settings.LANGUAGE_CODE}"
    if key in MEMO:
        return MEMO[key]  # type: ignore[return-value]
    try:
        found = cache.get(key)
    except _STALE_PICKLE:
        # a value stored by an earlier version of barometre whose classes have moved or
        # changed: computed again and stored over (the page must not fail after an upgrade)
        found = None
    if found is None:
        found = compute()
        cache.set(key, found)
    _memo_put(key, found)
    return found  # type: ignore[no-any-return]


def _memo_put(key: str, value: object) -> None:
    if isinstance(value, str | bytes) and len(value) > _MEMO_MAX_CHARS:
        return
    if len(MEMO) >= MEMO_SIZE:
        MEMO.pop(next(iter(MEMO)))
    MEMO[key] = value


def cached_for_state(key: str, state: str, compute: Callable[[], T]) -> T:
    """`compute()` once per `state` (not per assessment): one entry per `key` in the scores
    cache, which the next state overwrites (`kept`). For figures that depend on something other
    than the assessments, such as an election's programmes (`programmes_state`). The "web:"
    prefix is the one the entries were first stored under (by the web pages)."""
    return kept(f"web:{key}", state, compute)


def kept(key: str, state: str, compute: Callable[[], T]) -> T:
    """`compute()` once per `state`, kept in the scores cache under `key` and the language: one
    entry per key, holding the state it was computed for, which a new state overwrites; so the
    entries do not pile up with each review, and nothing else stored culls them."""
    key = f"{key}:{get_language() or settings.LANGUAGE_CODE}"
    memo = f"{key}:{state}"
    if memo in MEMO:
        return MEMO[memo]  # type: ignore[return-value]
    store = caches["scores"]
    try:
        found = store.get(key)
    except _STALE_PICKLE:  # stored by an earlier version of barometre: computed again
        found = None
    if isinstance(found, tuple) and len(found) == 2 and found[0] == state:
        value = found[1]
    else:
        value = compute()
        store.set(key, (state, value))
    _memo_put(memo, value)
    return value  # type: ignore[no-any-return]
