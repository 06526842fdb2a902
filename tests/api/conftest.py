"""Two campaigns over three communes for the open data, API and PDF tests.

"2026" (demonstration): Aville (300,000 inhabitants, department 75) actes-etat-civil 4 and
paiement-famille 4 (reviewed), inscription-scolaire 5; Bville actes-etat-civil 2,
stationnement-resident not applicable; "=Cville" (a name a spreadsheet would run)
actes-etat-civil 0.
"2014": Aville actes-etat-civil 2; Bville actes-etat-civil 2.
"""

from __future__ import annotations

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections

from barometre.assessments.models import Source
from barometre.outputs.published import published_cache_clear
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, DepartmentFactory, set_cells


@pytest.fixture(autouse=True)
def _fresh_scores():  # type: ignore[no-untyped-def]
    published_cache_clear()
    yield
    published_cache_clear()


@pytest.fixture
def communes(db):  # type: ignore[no-untyped-def]
    other = DepartmentFactory(code="13", name="Bouches-du-Rhône")
    return [
        CommuneFactory(code="90001", name="Aville", population=300_000),
        CommuneFactory(code="90002", name="Bville", population=5_000, department=other),
        CommuneFactory(code="90003", name="=Cville", population=5_000),
    ]


@pytest.fixture
def before(communes) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = CampaignFactory(name="2014", communes=communes)
    set_cells(campaign, {("90001", "actes-etat-civil"): 2, ("90002", "actes-etat-civil"): 2})
    return campaign


@pytest.fixture
def after(communes, before) -> Campaign:  # type: ignore[no-untyped-def]
    campaign = CampaignFactory(name="2026", communes=communes)
    campaign.is_demo = True
    campaign.save(update_fields=["is_demo"])
    set_cells(
        campaign,
        {
            ("90001", "actes-etat-civil"): 4,
            ("90001", "inscription-scolaire"): 5,
            ("90002", "actes-etat-civil"): 2,
            ("90002", "stationnement-resident"): "na",
            ("90003", "actes-etat-civil"): 0,
        },
    )
    set_cells(campaign, {("90001", "paiement-famille"): 4}, source=Source.HUMAN)
    return campaign


def get(client, url, status=200, **params):  # type: ignore[no-untyped-def]
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def read_and_close(response) -> bytes:  # type: ignore[no-untyped-def]
    """The body, the file of a download closed (a HEAD's too, whose body nobody reads).

    Closing a response sends `request_finished`, whose handler closes the database connection:
    on PostgreSQL, that of the test's own transaction. The test client keeps that handler off
    while it answers; so does this."""
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return content
