"""What a test clears so that it reads figures computed from its own data, not kept from another.

Scores and pages are kept at four places: Django's page cache, the scores cache, this process's
memo (`statecache.MEMO`) and the web's report contexts (`selectors._CONTEXTS`); the published
report files have a cache of their own (`published_report`). Two tests' databases can share a
campaign's state (same name, same cells), so a figure kept by one would be read by the other.
"""

from __future__ import annotations

from django.core.cache import cache, caches

from barometre.core.statecache import MEMO
from barometre.outputs.published import published_cache_clear
from barometre.web.selectors import _CONTEXTS


def forget_computed() -> None:
    """Every kept figure and page forgotten, as on a server that never computed one."""
    cache.clear()
    caches["scores"].clear()
    MEMO.clear()
    _CONTEXTS.clear()
    published_cache_clear()
