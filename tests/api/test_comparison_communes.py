"""The API gives the per-commune change of a comparison that the JSON and HTML reports give,
paged apart from /api/v1/comparisons (a national pair is 34,969 communes)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from barometre.api.openapi import openapi_document
from barometre.outputs.json_report import report_dict
from barometre.outputs.published import campaign_by_name, published_report

pytestmark = pytest.mark.django_db

URL = "/api/v1/comparisons/communes"
PAIR = {"campaign": "2026", "reference": "2014"}
AVILLE = {
    "code": "90001",
    "name": "Aville",
    "cells": 1,
    "mean_before": 2.0,
    "mean_after": 4.0,
    "mean_change": 2.0,
}


def test_each_commune_s_change_is_the_report_s_by_city(client, after):
    """Aville rose in état civil (2 -> 4), Bville stayed (2 -> 2), =Cville has no cell in 2014
    (nothing paired: last, its means null)."""
    body = client.get(URL, {**PAIR, "limit": 2}).json()
    bville = {**AVILLE, "code": "90002", "name": "Bville", "mean_after": 2.0, "mean_change": 0.0}
    assert (body["count"], body["results"]) == (3, [AVILLE, bville])
    rest = client.get(body["next"]).json()["results"]
    assert rest == [
        {
            "code": "90003",
            "name": "=Cville",
            "cells": 0,
            "mean_before": None,
            "mean_after": None,
            "mean_change": None,
        }
    ]
    data = published_report(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=timezone.now()
    )
    assert body["results"] + rest == report_dict(data)["comparison"]["by_city"]


def test_one_commune_s_change_and_the_errors_of_the_comparison(client, after):
    assert client.get(URL, {**PAIR, "commune": "90001"}).json()["results"] == [AVILLE]
    unknown = client.get(URL, {**PAIR, "commune": "99999"})
    assert (unknown.status_code, unknown.json()["error"]["parameter"]) == (400, "commune")
    alone = client.get(URL, {"campaign": "2026"})  # no earlier demonstration campaign
    assert (alone.status_code, alone.json()["error"]["parameter"]) == (404, "reference")


def test_the_schema_describes_a_commune_s_change():
    document = openapi_document()
    change = document["components"]["schemas"]["CommuneChange"]
    assert set(change["properties"]) == set(AVILLE)
    assert URL in document["paths"]
