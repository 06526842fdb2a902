"""The change chart's legend tells a domain tested and found not significant from one whose test
could not be run: « non significatif ou non testé » in one entry said two findings as one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from barometre.outputs.change_charts import change_by_domain
from barometre.outputs.published import published_report
from tests.caches import forget_computed
from tests.factories import campaign_pair, set_cells

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    forget_computed()


def test_not_significant_and_untested_are_two_entries() -> None:
    """Famille: 12 communes rise (significant); citoyenneté: 6 rise, 6 fall (tested, not
    significant); état civil: 2 communes changed (too few: not tested)."""
    before, after, codes = campaign_pair(12)
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
