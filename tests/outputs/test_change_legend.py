"""The change chart's legend tells a domain tested and found not significant from one whose test
could not be run: « non significatif ou non testé » in one entry said two findings as one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.cache import cache, caches
from django.utils import timezone

from barometre.core.statecache import MEMO
from barometre.outputs.change_charts import change_by_domain
from barometre.outputs.published import published_cache_clear, published_report
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()
    caches["scores"].clear()
    MEMO.clear()
    published_cache_clear()


def test_not_significant_and_untested_are_two_entries() -> None:
    """Famille: 12 communes rise (significant); citoyenneté: 6 rise, 6 fall (tested, not
    significant); état civil: 2 communes changed (too few: not tested)."""
    communes = [CommuneFactory(code=f"{93001 + i}", population=5000 + i) for i in range(12)]
    codes = [c.code for c in communes]
    before = CampaignFactory(name="avant", communes=communes)
    after = CampaignFactory(name="apres", communes=communes)
    long_ago = timezone.now() - timezone.timedelta(days=400)
    Campaign.objects.filter(pk=before.pk).update(
        created_at=long_ago, measured_on=timezone.localdate(long_ago)
    )
    set_cells(
        before, {(c, s): 2 for c in codes for s in ("paiement-famille", "listes-electorales")}
    )
    set_cells(before, {(c, "actes-etat-civil"): 2 for c in codes})
    set_cells(after, {(c, "paiement-famille"): 3 for c in codes})
    set_cells(after, {(c, "listes-electorales"): 3 if i % 2 else 1 for i, c in enumerate(codes)})
    set_cells(after, {(c, "actes-etat-civil"): 3 if i < 2 else 2 for i, c in enumerate(codes)})
    spec = change_by_domain(published_report(campaign=after, reference=before, now=NOW))
    assert spec is not None
    found = {v["domain"]: v["significant"] for v in spec["data"]["values"]}
    assert found["Famille, école et petite enfance"] == "significatif (p\u00a0<\u00a00,05)"
    assert found["Citoyenneté et élections"] == "non significatif"
    assert found["État civil"] == "non testé"
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["domain"] == ["significatif (p\u00a0<\u00a00,05)", "non significatif", "non testé"]
    assert len(set(scale["range"])) == 3  # three colours
