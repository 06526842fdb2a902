"""A review session does not drop the campaigns' scores (seconds to compute for a national
campaign): they have a cache of their own, which the figures each page stores anew do not cull.
`bench/page_cache.py` measures the same at the real size (300 entries, a third culled)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from barometre.assessments.models import Cell
from barometre.core.statecache import MEMO
from barometre.referential.models import Commune
from barometre.referential.services import territories_load
from barometre.web.selectors import _CONTEXTS, campaign_report
from tests.factories import review_cell


def test_a_review_session_keeps_the_scores(client, site, users, settings, tmp_path):
    # a page cache that culls every entry once it holds 3: the full one (300) culls a third of
    # them at random, so this is the same at a smaller size, with the chance taken out
    culled = {
        "LOCATION": str(tmp_path / "pages"),
        "OPTIONS": {"MAX_ENTRIES": 3, "CULL_FREQUENCY": 1},
    }
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], **culled}}
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    review_cell(site.after, "44109", slugs[2], 4)  # an auditor records a review
    computed = datetime(2026, 12, 6, 2, 0, tzinfo=UTC)
    assert campaign_report(site.after, now=computed).generated_at == computed  # a reader's page
    client.force_login(users["auditeur"])
    cells = Cell.objects.filter(campaign=site.after).order_by("pk")[:3]
    pages = [reverse("web:review-queue") + "?campagne=apres"]
    pages += [reverse("web:review-cell", kwargs={"pk": c.pk}) + "?campagne=apres" for c in cells]
    pages += [reverse("web:commune", kwargs={"code": c}) for c in ("44109", "35238", "29019")]
    for page in pages:  # the auditor goes on reading before the next review
        assert client.get(page).status_code == 200
    MEMO.clear()  # another server process, which never held the scores
    _CONTEXTS.clear()
    later = datetime(2026, 12, 6, 2, 5, tzinfo=UTC)
    assert campaign_report(site.after, now=later).generated_at == computed  # not computed again


def test_a_new_state_overwrites_the_scores(site):
    """One entry per campaign, reference and language, whatever the number of reviews: the
    scores cache does not fill up, so it never culls."""
    scores = caches["scores"]
    first = campaign_report(site.after)
    entries = len(scores._list_cache_files())
    slugs = list(site.after.catalogue.services.order_by("position").values_list("slug", flat=True))
    for level in (3, 4):
        review_cell(site.after, "44109", slugs[2], level)
        MEMO.clear()
        assert campaign_report(site.after) is not first  # computed again for the new state
    assert len(scores._list_cache_files()) == entries


@pytest.mark.parametrize("page", ["web:overview", "web:ranking"])
def test_reloaded_territories_show_at_once(client, site, page):
    """`barometre init --force` gives the communes their official names again: the campaign's
    pages (its scores, its charts) show them without waiting for the next review."""
    Commune.objects.filter(code="35238").update(name="Vieux-Rennes")
    url = reverse(page, kwargs={"name": "apres"})
    assert "Vieux-Rennes" in client.get(url).content.decode()
    territories_load(now=timezone.now(), force=True)
    body = client.get(url).content.decode()
    assert "Vieux-Rennes" not in body and "Rennes" in body
