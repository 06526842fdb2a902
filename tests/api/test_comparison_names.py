"""The comparison's counts mean the same under the same name in the API and the JSON report, and
the OpenAPI schema says what every field of every answer holds."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from barometre.api.openapi import openapi_document
from barometre.outputs.json_report import report_dict
from barometre.outputs.published import campaign_by_name, published_report

pytestmark = pytest.mark.django_db


def test_api_and_report_name_the_wilcoxon_counts_alike(client, after, before):
    """In état civil Aville rose (2 -> 4) and Bville stayed (2 -> 2): two communes paired, one
    nonzero difference (the test's sample)."""
    body = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"}).json()
    test = next(d for d in body["domains"] if d["key"] == "etat-civil")["test"]
    assert (test["paired_communes"], test["nonzero_differences"]) == (2, 1)
    assert test["cities"] == test["paired_communes"]  # the old name keeps its meaning

    data = published_report(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=timezone.now()
    )
    domain = report_dict(data)["comparison"]["by_domain"]["etat-civil"]
    assert (domain["test_paired_communes"], domain["test_nonzero_differences"]) == (2, 1)
    assert domain["test_cities"] == domain["test_nonzero_differences"]  # its old meaning


def _undescribed(schema: Any, where: str) -> list[str]:
    if not isinstance(schema, dict):
        return []
    missing = []
    for name, prop in schema.get("properties", {}).items():
        if "$ref" not in prop and not prop.get("description"):
            missing.append(f"{where}.{name}")
        missing += _undescribed(prop, f"{where}.{name}")
    for key in ("items", "additionalProperties"):
        missing += _undescribed(schema.get(key), f"{where}[]")
    return missing


def test_every_field_of_every_answer_is_described():
    components = openapi_document()["components"]["schemas"]
    missing = [m for name, s in components.items() for m in _undescribed(s, name)]
    assert missing == []
    test = components["Comparison"]["properties"]["domains"]["items"]["properties"]["test"]
    assert test["properties"]["cities"]["deprecated"] is True


def test_api_gives_both_intervals_the_reports_print(client, after, before):
    """The HTML, PDF and XLSX reports print the interval of the change of the mean of city
    means beside that change; the API gave the change without it."""
    body = client.get("/api/v1/comparisons", {"campaign": "2026", "reference": "2014"}).json()
    data = published_report(
        campaign=campaign_by_name("2026"), reference=campaign_by_name("2014"), now=timezone.now()
    )
    report = report_dict(data)["comparison"]
    for api, json in (
        ("ci_mean_change", "mean_change_ci"),
        ("ci_mean_of_city_means_change", "mean_of_city_means_change_ci"),
    ):
        interval = body[api]
        assert interval is not None, api
        assert (interval["low"], interval["high"]) == (
            round(report[json]["low"], 6),
            round(report[json]["high"], 6),
        )
        assert interval["level"] == 0.95
