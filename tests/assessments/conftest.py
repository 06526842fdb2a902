import pytest

from tests.factories import CampaignFactory, CommuneFactory


@pytest.fixture
def campaign(db):
    paris = CommuneFactory(code="75056", name="Paris", population=2_100_000)
    lyon = CommuneFactory(code="69123", name="Lyon", population=519_000)
    CommuneFactory(code="13055", name="Marseille", population=886_000)  # not in the campaign
    return CampaignFactory(name="2026", communes=[paris, lyon])
