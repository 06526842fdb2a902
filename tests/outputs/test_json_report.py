"""The JSON contract, on campaigns whose figures are worked out by hand (see conftest)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _report(tmp_path: Path, campaign: str, compare: str | None = None) -> dict:  # type: ignore[type-arg]
    (path,) = report_write(
        campaign=campaign, compare=compare, formats=["json"], out=tmp_path / "r.json", now=NOW
    )
    return json.loads(path.read_text(encoding="utf-8"))


def test_headline_figures(after: Campaign, tmp_path: Path) -> None:
    report = _report(tmp_path, "2026")
    assert report["campaign"] == "2026"
    assert report["is_demo"] is False
    # Cville has no measured cell: out of every figure, listed apart
    assert (report["communes"], report["cells"], report["not_applicable_cells"]) == (2, 36, 1)
    assert report["scored_cells"] == 35 and report["unmeasured_cells"] == 0
    assert report["coverage"] == {
        "cells": 54,
        "measured_cells": 36,
        "share_of_cells": pytest.approx(36 / 54),
        "communes": 3,
        "measured_communes": 2,
    }
    assert report["unmeasured_communes"] == [
        {"code": "90003", "name": "Cville", "bracket": "3500-9999"}
    ]
    assert report["mean_level"] == pytest.approx(15 / 35)
    assert report["mean_of_city_means"] == pytest.approx((13 / 18 + 2 / 17) / 2)
    # at max_level: actes (4/4), paiement-famille (4/4), inscription-scolaire (5/5)
    assert report["share_fully_online"] == pytest.approx(3 / 35)
    # over the 31 applicable cells of services that can reach level 4 (identity cards and lost
    # property, maximum 3, cannot)
    assert report["share_transactional"] == pytest.approx(3 / 31)
    assert report["share_of_max"] == pytest.approx((1 + 1 + 1 + 2 / 4) / 35)
    assert report["level_counts"] == {"0": 31, "1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    ci = report["mean_level_ci"]
    assert ci["low"] <= report["mean_level"] <= ci["high"]


def test_groups(after: Campaign, tmp_path: Path) -> None:
    report = _report(tmp_path, "2026")
    assert report["by_domain"]["etat-civil"] == pytest.approx(6 / 2)
    assert report["by_domain"]["famille"] == pytest.approx(9 / 10)
    assert report["by_service"]["stationnement-resident"] == 0.0
    assert report["services"]["stationnement-resident"]["not_applicable_cells"] == 1
    assert report["services"]["actes-etat-civil"]["max_level"] == 4
    assert report["domains"]["famille"]["label"] == "Famille, école et petite enfance"
    assert list(report["by_bracket"]) == ["3500-9999", "ge200000"]
    assert report["by_bracket"]["ge200000"] == pytest.approx(13 / 18)
    assert report["by_bracket"]["3500-9999"] == pytest.approx(2 / 17)  # Bville only
    assert report["brackets"]["3500-9999"]["communes"] == 1
    assert report["brackets"]["3500-9999"]["mean_of_city_means"] == pytest.approx(2 / 17)


def test_cities_ranked(after: Campaign, tmp_path: Path) -> None:
    cities = _report(tmp_path, "2026")["by_city"]
    assert [(c["code"], c["name"], c["rank"]) for c in cities] == [
        ("90001", "Aville", 1),
        ("90002", "Bville", 2),
    ]  # Cville, with no measured cell, is not ranked last: it is not ranked
    assert cities[0]["mean_level"] == pytest.approx(13 / 18)
    assert cities[0]["share_of_max"] == pytest.approx(3 / 18)
    assert cities[1]["not_applicable_cells"] == 1


def test_comparison(after: Campaign, before: Campaign, tmp_path: Path) -> None:
    comparison = _report(tmp_path, "2026", compare="2014")["comparison"]
    assert (comparison["before"], comparison["after"]) == ("2014", "2026")
    # Bville's parking is not applicable in 2026, Cville is measured in neither campaign:
    # 35 paired cells; 3 rose, none fell
    assert comparison["cells"] == 35
    assert (comparison["rose"], comparison["fell"], comparison["same"]) == (3, 0, 32)
    assert comparison["mean_change"] == pytest.approx(11 / 35)
    assert (comparison["unpaired_cells_before"], comparison["unpaired_cells_after"]) == (1, 0)
    famille = comparison["by_domain"]["famille"]
    assert famille["mean_change"] == pytest.approx(9 / 10)
    assert (famille["rose"], famille["fell"], famille["same"]) == (2, 0, 8)
    assert famille["p_value"] is None
    assert famille["p_value_reason"] == "too_few_cities"
    assert comparison["by_city"][0]["code"] == "90001"
    assert comparison["by_city"][0]["mean_change"] == pytest.approx(11 / 18)


def test_every_field_is_documented(after: Campaign, before: Campaign, tmp_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "report-format.md").read_text(encoding="utf-8")
    report = _report(tmp_path, "2026", compare="2014")
    comparison = report["comparison"]
    fields = {
        *report,
        *report["by_city"][0],
        *report["services"]["actes-etat-civil"],
        *comparison,
        *comparison["by_domain"]["famille"],
        *comparison["by_city"][0],
        *report["detection_check"],
    }
    undocumented = sorted(f for f in fields if f"`{f}`" not in doc)
    assert not undocumented
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    assert set(json.loads(example)) == set(report)


def test_a_comparison_against_an_empty_campaign_reports_no_change(
    after: Campaign, tmp_path: Path
) -> None:
    CampaignFactory(name="vide", communes=list(after.communes.all()))
    comparison = _report(tmp_path, "2026", compare="vide")["comparison"]
    assert comparison["cells"] == 0 and comparison["mean_change"] is None
    assert all(d["mean_change"] is None for d in comparison["by_domain"].values())


def test_a_campaign_with_nothing_imported_reports_no_figure(
    after: Campaign, tmp_path: Path
) -> None:
    CampaignFactory(name="vide", communes=list(after.communes.all()))
    report = _report(tmp_path, "vide")
    assert report["mean_level"] is None and report["cells"] == 0
    assert report["coverage"]["measured_cells"] == 0 and report["by_city"] == []
    assert len(report["unmeasured_communes"]) == 3


def test_the_detection_check_says_no_blind_coding_measured_the_proposals(
    after: Campaign, tmp_path: Path
) -> None:
    check = _report(tmp_path, "2026")["detection_check"]
    assert check["codings"] == 0 and check["exact"] is None and check["kappa"] is None
    assert check["found_codings"] == check["not_found_codings"] == 0
    assert check["by_service"] == []
