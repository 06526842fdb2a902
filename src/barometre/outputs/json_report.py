"""The JSON report: the machine-readable contract, documented in docs/report-format.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from barometre.outputs.data import ReportData
from barometre.outputs.detectors import measurement_mix
from barometre.outputs.labels import comparison_empty
from barometre.outputs.opendata.formats import utc_text
from barometre.scoring import (
    CampaignScores,
    Change,
    CityChange,
    CityScore,
    Comparison,
    DomainChange,
    GroupScore,
    Interval,
)

FORMAT = "barometre-report/1"


def report_dict(data: ReportData) -> dict[str, Any]:
    report: dict[str, Any] = {
        **_identity(data),
        **_totals(data.scores),
        **_breakdowns(data),
        "bootstrap": {"resamples": data.resamples, "seed": data.seed, "confidence": 0.95},
    }
    if data.comparison is not None:
        report["comparison"] = {
            **_comparison(data.comparison),
            "detectors_before": detectors_json(data.reference.detectors if data.reference else ()),
            "detectors_differ": data.detectors_differ,
            # the HTML report's warning of a comparison of two ways of measuring, for machines
            "measurement_mix": mix.as_json() if (mix := measurement_mix(data)) else None,
        }
    if data.detection_check is not None:
        report["detection_check"] = data.detection_check.as_json()
    if data.origins is not None:
        report["origins"] = data.origins.as_json()
    if data.coders is not None:
        report["double_coding"] = data.coders.as_json()
    return report


def _identity(data: ReportData) -> dict[str, Any]:
    """Which campaign, when, on which catalogue, and how much of it was measured."""
    scores = data.scores
    return {
        "format": FORMAT,
        "generated_at": utc_text(data.generated_at),  # as the API and the open data
        "campaign": data.campaign.name,
        "measured_on": data.campaign.measured_on.isoformat(),
        "is_demo": data.is_demo,
        "catalogue": {
            "version": data.campaign.catalogue_version,
            "name": data.campaign.catalogue_name,
        },
        "detectors": detectors_json(data.campaign.detectors),
        "coverage": {
            "cells": scores.coverage.cells,
            "measured_cells": scores.coverage.measured_cells,
            "share_of_cells": scores.coverage.share_of_cells,
            "communes": scores.coverage.communes,
            "measured_communes": scores.coverage.measured_communes,
        },
        "unmeasured_communes": [
            {"code": c.code, "name": c.name, "bracket": c.bracket}
            for c in scores.unmeasured_communes
        ],
    }


def detectors_json(detectors: tuple[tuple[str, int], ...]) -> list[dict[str, Any]]:
    """The detector versions that read the audited sites (null: not recorded), with their
    number of sites (the JSON report's and datapackage.json's `detectors`)."""
    return [{"version": version or None, "sites": sites} for version, sites in detectors]


def _totals(scores: CampaignScores) -> dict[str, Any]:
    """The campaign's figures over every cell."""
    overall = scores.overall
    return {
        "communes": overall.communes,
        "cells": overall.cells,
        "not_applicable_cells": overall.not_applicable_cells,
        "unmeasured_cells": overall.unmeasured_cells,
        "scored_cells": overall.cells - overall.not_applicable_cells,
        "mean_level": overall.mean_level,
        "mean_level_ci": _interval(scores.ci_mean_level),
        "mean_of_city_means": overall.mean_of_city_means,
        "mean_of_city_means_ci": _interval(scores.ci_mean_of_city_means),
        "share_of_max": overall.share_of_max,
        "share_fully_online": overall.share_fully_online,
        "share_transactional": overall.share_transactional,
        "level_counts": _levels(scores.level_counts),
    }


def _breakdowns(data: ReportData) -> dict[str, Any]:
    """The figures by domain, service, size bracket and commune."""
    scores, grid = data.scores, data.grid
    return {
        "by_domain": {k: g.mean_level for k, g in scores.by_domain.items()},
        "by_service": {k: g.mean_level for k, g in scores.by_service.items()},
        "by_bracket": {k: scores.by_bracket[k].mean_level for k in data.bracket_order()},
        "domains": {
            k: {
                "label": data.domain_label(k),
                **_group(g),
                "level_counts": _levels(scores.level_counts_by_domain[k]),
            }
            for k, g in scores.by_domain.items()
        },
        "services": {
            sid: {
                "label": grid.label_of_service(j),
                "domain": grid.domains[j],
                "max_level": int(grid.max_levels[j]),
                **_group(scores.by_service[sid]),
            }
            for j, sid in enumerate(grid.service_ids)
        },
        "brackets": {
            k: {"label": data.bracket_labels.get(k, k), **_group(scores.by_bracket[k])}
            for k in data.bracket_order()
        },
        "by_city": [_city(c) for c in scores.by_city],
    }


def json_write(data: ReportData, out: Path) -> Path:
    # No indent: json's fast C encoder is only used without one (1 s saved on a national report).
    text = json.dumps(report_dict(data), ensure_ascii=False, separators=(",", ":"))
    out.write_text(text, encoding="utf-8")
    return out


def _interval(interval: Interval | None) -> dict[str, float] | None:
    return None if interval is None else {"low": interval.low, "high": interval.high}


def _levels(counts: tuple[int, ...]) -> dict[str, int]:
    return {str(level): n for level, n in enumerate(counts)}


def _group(g: GroupScore) -> dict[str, Any]:
    return {
        "communes": g.communes,
        "cells": g.cells,
        "not_applicable_cells": g.not_applicable_cells,
        "unmeasured_cells": g.unmeasured_cells,
        "mean_level": g.mean_level,
        "mean_of_city_means": g.mean_of_city_means,
        "share_of_max": g.share_of_max,
        "share_fully_online": g.share_fully_online,
        "share_transactional": g.share_transactional,
    }


def _city(c: CityScore) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "bracket": c.bracket,
        "rank": c.rank,
        "mean_level": c.mean_level,
        "share_of_max": c.share_of_max,
        "share_fully_online": c.share_fully_online,
        "share_transactional": c.share_transactional,
        "cells": c.cells,
        "not_applicable_cells": c.not_applicable_cells,
        "unmeasured_cells": c.unmeasured_cells,
    }


def _change(c: Change) -> dict[str, Any]:
    return {
        "communes": c.communes,
        "cells": c.cells,
        "mean_before": c.mean_before,
        "mean_after": c.mean_after,
        "mean_change": c.mean_change,
        "rose": c.rose,
        "fell": c.fell,
        "same": c.same,
    }


def _comparison(c: Comparison) -> dict[str, Any]:
    return {
        "before": c.before,
        "after": c.after,
        **_change(c.overall),
        "mean_change_ci": _interval(c.ci_mean_change),
        "mean_of_city_means_before": c.mean_of_city_means_before,
        "mean_of_city_means_after": c.mean_of_city_means_after,
        "mean_of_city_means_change": c.mean_of_city_means_change,
        "mean_of_city_means_change_ci": _interval(c.ci_mean_of_city_means_change),
        "unpaired_cells_before": c.unpaired_cells_before,
        "unpaired_cells_after": c.unpaired_cells_after,
        "communes_in_common": c.communes_in_common,
        "empty_reason": c.why_empty,
        "empty_message": comparison_empty(c.before, c.after, c.why_empty),
        "by_domain": {k: _domain_change(d) for k, d in c.by_domain.items()},
        "by_service": {k: _change(s) for k, s in c.by_service.items()},
        "by_city": [_city_change(x) for x in c.by_city],
    }


def _domain_change(d: DomainChange) -> dict[str, Any]:
    return {
        **_change(d.change),
        "test": "wilcoxon-signed-rank",
        "test_paired_communes": d.test.cities,
        "test_nonzero_differences": d.test.nonzero_differences,
        "test_cities": d.test.nonzero_differences,  # old name of test_nonzero_differences
        # which way the test leans, and the communes whose domain mean rose and fell
        "test_direction": d.test.direction_name,
        "test_communes_rose": d.test.rose,
        "test_communes_fell": d.test.fell,
        "statistic": d.test.statistic,
        "p_value": d.test.p_value,
        "p_value_reason": d.test.reason,
    }


def _city_change(x: CityChange) -> dict[str, Any]:
    return {
        "code": x.code,
        "name": x.name,
        "cells": x.cells,
        "mean_before": x.mean_before,
        "mean_after": x.mean_after,
        "mean_change": x.mean_change,
    }
