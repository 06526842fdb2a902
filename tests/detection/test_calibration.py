from __future__ import annotations

import pytest

from barometre.core.errors import ValidationFailed
from barometre.detection.calibration import (
    FEATURES,
    calibrated_confidence,
    calibration_parse,
    confidence_features,
    default_calibration,
)
from barometre.detection.model import Signal

URL = "https://www.ville.fr/etat-civil"
INFORMATION = Signal("information", "page consacrée au service", URL, 1, 0.7)
WORDING = Signal("teleservice", "démarche en ligne", URL, 3, 0.8)
PLATFORM = Signal("platform", "lien vers service-public.fr", URL + "/r1406", 3, 0.95)


def test_the_shipped_calibration_has_every_feature() -> None:
    assert set(default_calibration().weights) == set(FEATURES)


def test_features_tell_structural_evidence_from_wording_and_agreement() -> None:
    wording = confidence_features(3, 8.0, (INFORMATION, WORDING), 5)
    both = confidence_features(3, 8.0, (INFORMATION, WORDING, PLATFORM), 5)
    assert wording["structural"] == 0.0 and wording["agreement"] == 0.0
    assert both["structural"] == 1.0 and both["agreement"] == 1.0
    assert confidence_features(1, 2.0, (INFORMATION,), 5)["information_only"] == 1.0


def test_more_evidence_and_a_page_about_the_service_mean_more_confidence() -> None:
    alone = calibrated_confidence(3, 2.0, (INFORMATION, WORDING), 5)
    about = calibrated_confidence(3, 8.0, (INFORMATION, WORDING), 5)
    agreed = calibrated_confidence(3, 8.0, (INFORMATION, WORDING, PLATFORM), 5)
    assert 0.0 < alone < about < agreed < 1.0


def test_a_bad_calibration_file_lists_every_problem_in_french() -> None:
    with pytest.raises(ValidationFailed) as error:
        calibration_parse("intercept: x\nweights: {structural: 1, nouveau: 2}\n", source="c.yaml")
    problems = "\n".join(error.value.problems)
    assert "intercept : nombre fini attendu" in problems
    assert "weights/agreement : nombre fini attendu" in problems
    assert "weights/nouveau : variable inconnue" in problems
    with pytest.raises(ValidationFailed):
        calibration_parse("[", source="c.yaml")


def test_calibration_scores_reward_a_confidence_that_orders_and_states_the_share() -> None:
    from barometre.detection.evaluation import calibration_scores

    honest = calibration_scores(
        [(0.9, True)] * 9 + [(0.9, False)] + [(0.3, False)] * 7 + [(0.3, True)] * 3
    )
    flat = calibration_scores([(0.6, True)] * 12 + [(0.6, False)] * 8)
    assert honest.auc == pytest.approx(0.5 + 0.5 * (9 * 7 - 3 * 1) / (12 * 8))
    assert honest.brier < flat.brier == pytest.approx(flat.base_brier)
    assert flat.auc == 0.5 and flat.share_right == pytest.approx(flat.mean_confidence)
    with pytest.raises(ValueError):
        calibration_scores([])


@pytest.mark.parametrize("number", [".nan", ".inf", "-.inf", "true"])
def test_a_calibration_number_that_is_no_finite_number_is_refused(number: str) -> None:
    """A `.nan` weight made every proposal's confidence NaN (refused when recorded, the audit
    stopped); a boolean is no weight either."""
    weights = ", ".join(f"{name}: {number if i == 0 else 1}" for i, name in enumerate(FEATURES))
    with pytest.raises(ValidationFailed) as error:
        calibration_parse(f"intercept: 0\nweights: {{{weights}}}\n", source="c.yaml")
    assert error.value.problems == [f"weights/{FEATURES[0]}\u00a0: nombre fini attendu"]
