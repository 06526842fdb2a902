"""A domain page prints its change's p-value as the reports do: « p < 0,001 », never the
« p = 0,000 » that three decimals made of a tiny one (a p-value is never 0), and the side its
test leans to, as the reports' change tables do (it gave p alone)."""

from __future__ import annotations

import pytest

from tests.factories import campaigns_all_rose

pytestmark = pytest.mark.django_db


def test_a_tiny_p_value_reads_below_a_thousandth(client) -> None:  # type: ignore[no-untyped-def]
    campaigns_all_rose()
    page = client.get("/campagne/2026/domaine/etat-civil/").content.decode()
    assert "p = 0,000" not in page and "p\u00a0=\u00a00,000" not in page
    assert (
        "+2,00 (40 cellules en hausse, 0 en baisse, 0 inchangée), "
        "p\u00a0&lt;\u00a00,001 (Wilcoxon, test en hausse\u00a0: 40 communes en hausse, "
        "0 en baisse)." in page
    )
