"""Search results say whether each commune is measured, and in which campaign: the latest that
holds a cell of it (demonstration campaigns only when there is no other), read in the same
query as the communes."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory, set_cells

pytestmark = pytest.mark.django_db


def _items(client, query: str) -> list[str]:
    body = client.get(reverse("web:search"), {"q": query}).content.decode()
    items = re.findall(r"<li><a href=\"/commune/.*?</li>", body)
    # the names' no-wrap spans (held_name_in_text) are no word boundary; other tags are
    words = [re.sub(r"<[^>]+>", " ", re.sub(r"</?span[^>]*>", "", i)) for i in items]
    return [" ".join(html.unescape(w).split()) for w in words]


def _measure(name: str, codes: list[str], *, demo: bool, day: datetime.date) -> Campaign:
    communes = [CommuneFactory(code=c) for c in codes]
    campaign = CampaignFactory(name=name, communes=communes)
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=demo, measured_on=day)
    slug = campaign.catalogue.services.order_by("position").values_list("slug", flat=True)[0]
    set_cells(campaign, {(c, slug): 2 for c in codes})
    return campaign


def test_each_result_says_whether_the_commune_is_measured(client) -> None:
    for i, code in enumerate(["81001", "81002", "81003"]):
        CommuneFactory(code=code, name=f"Villebleue-{i}", population=3000 - i)
    _measure("demo-2026", ["81001", "81002"], demo=True, day=datetime.date(2026, 6, 1))
    real = _measure("reelle", ["81001"], demo=False, day=datetime.date(2025, 1, 1))
    assert [i.split(" — ")[-1] for i in _items(client, "villebleue")] == [
        "mesurée (reelle)",
        "pas encore mesurée",
        "pas encore mesurée",
    ]
    # only demonstrations left: the latest of them is the one the results speak of
    Campaign.objects.filter(pk=real.pk).update(is_demo=True)
    assert [i.split(" — ")[-1] for i in _items(client, "villebleue")] == [
        "mesurée (demo-2026)",
        "mesurée (demo-2026)",
        "pas encore mesurée",
    ]


def test_no_campaign_no_mention(client) -> None:
    CommuneFactory(code="81011", name="Villerouge-a")
    CommuneFactory(code="81012", name="Villerouge-b")
    assert all("mesurée" not in i for i in _items(client, "villerouge"))


def test_the_status_costs_no_query_per_result(client) -> None:
    _measure("reelle", ["82001"], demo=False, day=datetime.date(2025, 1, 1))
    for i in range(2):
        CommuneFactory(code=f"8201{i}", name=f"Villeverte-{i}")
    for i in range(6):
        CommuneFactory(code=f"8202{i}", name=f"Villejaune-{i}")
    client.get(reverse("web:search"), {"q": "villeverte"})  # the campaign list is cached

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert len(_items(client, query)) > 1
        return len(captured)

    assert queries("villeverte") == queries("villejaune")


def test_a_commune_measured_only_in_another_campaign_is_not_said_unmeasured(client) -> None:
    """The demonstration's farm commune, measured in « demo-audit » only, was listed
    « pas encore mesurée » because the results spoke of « demo-2026 » alone, though its page
    gives its 18 levels; so was a commune measured in an earlier real campaign only."""
    for i, code in enumerate(["83001", "83002", "83003"]):
        CommuneFactory(code=code, name=f"Villegrise-{i}", population=3000 - i)
    _measure("demo-2026", ["83001"], demo=True, day=datetime.date(2026, 6, 1))
    _measure("demo-audit", ["83002"], demo=True, day=datetime.date(2026, 6, 1))
    assert [i.split(" — ")[-1] for i in _items(client, "villegrise")] == [
        "mesurée (demo-2026)",
        "mesurée (demo-audit)",
        "pas encore mesurée",
    ]
    _measure("2020", ["83001", "83003"], demo=False, day=datetime.date(2020, 1, 1))
    _measure("2025", ["83001"], demo=False, day=datetime.date(2025, 1, 1))
    assert [i.split(" — ")[-1] for i in _items(client, "villegrise")] == [
        "mesurée (2025)",
        "pas encore mesurée",  # a demonstration never makes a commune measured beside real ones
        "mesurée (2020)",
    ]
