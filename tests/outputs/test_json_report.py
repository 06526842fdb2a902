"""The JSON contract, on campaigns whose figures are worked out by hand (see conftest)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign

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
    assert (report["communes"], report["cells"], report["not_applicable_cells"]) == (3, 54, 1)
    assert report["scored_cells"] == 53
    assert report["mean_level"] == pytest.approx(15 / 53)
    assert report["mean_of_city_means"] == pytest.approx((13 / 18 + 2 / 17 + 0) / 3)
    # at max_level: actes (4/4), paiement-famille (4/4), inscription-scolaire (5/5)
    assert report["share_fully_online"] == pytest.approx(3 / 53)
    assert report["share_transactional"] == pytest.approx(3 / 53)
    assert report["share_of_max"] == pytest.approx((1 + 1 + 1 + 2 / 4) / 53)
    assert report["level_counts"] == {"0": 49, "1": 0, "2": 1, "3": 0, "4": 2, "5": 1}
    ci = report["mean_level_ci"]
    assert ci["low"] <= report["mean_level"] <= ci["high"]


def test_groups(after: Campaign, tmp_path: Path) -> None:
    report = _report(tmp_path, "2026")
    assert report["by_domain"]["etat-civil"] == pytest.approx(6 / 3)
    assert report["by_domain"]["famille"] == pytest.approx(9 / 15)
    assert report["by_service"]["stationnement-resident"] == 0.0
    assert report["services"]["stationnement-resident"]["not_applicable_cells"] == 1
    assert report["services"]["actes-etat-civil"]["max_level"] == 4
    assert report["domains"]["famille"]["label"] == "Famille, école et petite enfance"
    assert list(report["by_bracket"]) == ["3500-9999", "ge200000"]
    assert report["by_bracket"]["ge200000"] == pytest.approx(13 / 18)
    assert report["by_bracket"]["3500-9999"] == pytest.approx(2 / 35)
    assert report["brackets"]["3500-9999"]["mean_of_city_means"] == pytest.approx((2 / 17) / 2)


def test_cities_ranked(after: Campaign, tmp_path: Path) -> None:
    cities = _report(tmp_path, "2026")["by_city"]
    assert [(c["code"], c["name"], c["rank"]) for c in cities] == [
        ("90001", "Aville", 1),
        ("90002", "Bville", 2),
        ("90003", "Cville", 3),
    ]
    assert cities[0]["mean_level"] == pytest.approx(13 / 18)
    assert cities[0]["share_of_max"] == pytest.approx(3 / 18)
    assert cities[1]["not_applicable_cells"] == 1


def test_comparison(after: Campaign, before: Campaign, tmp_path: Path) -> None:
    comparison = _report(tmp_path, "2026", compare="2014")["comparison"]
    assert (comparison["before"], comparison["after"]) == ("2014", "2026")
    # Bville's parking is not applicable in 2026: 53 paired cells; 3 rose, none fell
    assert comparison["cells"] == 53
    assert (comparison["rose"], comparison["fell"], comparison["same"]) == (3, 0, 50)
    assert comparison["mean_change"] == pytest.approx(11 / 53)
    assert (comparison["unpaired_cells_before"], comparison["unpaired_cells_after"]) == (1, 0)
    famille = comparison["by_domain"]["famille"]
    assert famille["mean_change"] == pytest.approx(9 / 15)
    assert (famille["rose"], famille["fell"], famille["same"]) == (2, 0, 13)
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
    }
    undocumented = sorted(f for f in fields if f"`{f}`" not in doc)
    assert not undocumented
    example = doc.split("```json\n", 1)[1].split("```", 1)[0]
    assert set(json.loads(example)) == set(report)
