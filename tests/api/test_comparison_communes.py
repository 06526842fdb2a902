"""The API's comparison gives the per-commune change that the JSON and HTML reports give."""

from __future__ import annotations

import pytest
from django.utils import timezone

from barometre.api.openapi import openapi_document
from barometre.outputs.json_report import report_dict
from barometre.outputs.published import campaign_by_name, published_report

pytestmark = pytest.mark.django_db


def test_the_comparison_gives_each_commune_s_change_as_the_report_s_by_city(client, after):
    """Aville rose in état civil (2 -> 4), Bville stayed (2 -> 2), =Cville has no cell in 2014
    (nothing paired: last, its means null)."""
    body = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"}).json()
    assert body["communes"] == [
        {
            "code": "90001",
            "name": "Aville",
            "cells": 1,
            "mean_before": 2.0,
            "mean_after": 4.0,
            "mean_change": 2.0,
        },
        {
            "code": "90002",
            "name": "Bville",
            "cells": 1,
            "mean_before": 2.0,
            "mean_after": 2.0,
            "mean_change": 0.0,
        },
        {
            "code": "90003",
            "name": "=Cville",
            "cells": 0,
            "mean_before": None,
            "mean_after": None,
            "mean_change": None,
        },
    ]
    data = published_report(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=timezone.now()
    )
    assert body["communes"] == report_dict(data)["comparison"]["by_city"]


def test_the_schema_describes_the_communes_of_a_comparison():
    comparison = openapi_document()["components"]["schemas"]["Comparison"]
    communes = comparison["properties"]["communes"]
    assert comparison["required"].count("communes") == 1
    assert set(communes["items"]["properties"]) == {
        "code",
        "name",
        "cells",
        "mean_before",
        "mean_after",
        "mean_change",
    }
