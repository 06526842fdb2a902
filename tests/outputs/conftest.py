"""Two small campaigns over three communes and the default catalogue, values set by hand.

after ("2026"): Aville (300,000 inhabitants) actes-etat-civil 4, paiement-famille 4,
inscription-scolaire 5; Bville (5,000) actes-etat-civil 2, stationnement-resident not applicable;
Cville (5,000) not measured at all (no cell: left out of every figure, listed apart).
before ("2014"): Aville actes-etat-civil 2; Bville actes-etat-civil 2.
Every other service of Aville and Bville is recorded 0 (looked for, not found) in both campaigns.
"""

from __future__ import annotations

import pytest

from barometre.outputs.published import published_cache_clear
from barometre.referential.catalogue import default_catalogue
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells


@pytest.fixture(autouse=True)
def _fresh_scores():  # type: ignore[no-untyped-def]
    """Each test scores its own campaigns: none reads the published report another test cached
    (`published_report`, kept per campaign state, which two tests' databases can share)."""
    published_cache_clear()
    yield
    published_cache_clear()


def _with_zeros(levels: dict[tuple[str, str], int | str]) -> dict[tuple[str, str], int | str]:
    """`levels`, and a recorded 0 for every other service of Aville and Bville."""
    slugs = [s.id for s in default_catalogue().services]
    return {(code, slug): 0 for code in ("90001", "90002") for slug in slugs} | levels


@pytest.fixture
def communes(db):  # type: ignore[no-untyped-def]
    return [
        CommuneFactory(code="90001", name="Aville", population=300_000),
        CommuneFactory(code="90002", name="Bville", population=5_000),
        CommuneFactory(code="90003", name="Cville", population=5_000),
    ]


@pytest.fixture
def after(communes) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = CampaignFactory(name="2026", communes=communes)
    set_cells(
        campaign,
        _with_zeros(
            {
                ("90001", "actes-etat-civil"): 4,
                ("90001", "paiement-famille"): 4,
                ("90001", "inscription-scolaire"): 5,
                ("90002", "actes-etat-civil"): 2,
                ("90002", "stationnement-resident"): "na",
            }
        ),
    )
    return campaign


@pytest.fixture
def before(communes) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = CampaignFactory(name="2014", communes=communes)
    set_cells(
        campaign,
        _with_zeros({("90001", "actes-etat-civil"): 2, ("90002", "actes-etat-civil"): 2}),
    )
    return campaign
