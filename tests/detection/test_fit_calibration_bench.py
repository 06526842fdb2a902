"""bench/fit_calibration.py: with pages no rule was written from, the fitted model is rescaled on
them (Platt scaling), so the features keep their direction and the level follows those pages."""

from __future__ import annotations

import random
from types import ModuleType

import numpy as np

from barometre.detection.calibration import FEATURES
from tests.benches import load_bench


def bench() -> ModuleType:
    return load_bench("fit_calibration")


def synthetic(n: int, right_when_structural: float, right_otherwise: float, seed: int):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        structural = float(i % 2)
        features = [0.0] * len(FEATURES)
        features[FEATURES.index("structural")] = structural
        share = right_when_structural if structural else right_otherwise
        rows.append((features, rng.random() < share))
    return rows


def test_calibration_pages_rescale_the_model_without_turning_a_feature_around() -> None:
    module = bench()
    labelled = synthetic(200, 0.99, 0.9, 1)
    tuned = synthetic(200, 0.95, 0.7, 2)
    base, _, _ = module.fitted(labelled, tuned)
    # pages no rule saw: right less often, and structural evidence helps less
    unseen = synthetic(200, 0.7, 0.55, 3)
    scaled, y, w = module.fitted(labelled, tuned, unseen)
    index = 1 + FEATURES.index("structural")
    assert base[index] > 0 and 0 < scaled[index] < base[index]
    ratio = scaled[1:] / np.where(base[1:] == 0, 1, base[1:])
    assert np.allclose(ratio[base[1:] != 0], ratio[base[1:] != 0][0])  # one common scale
    probability = 1 / (1 + np.exp(-(scaled[0] + scaled[index])))
    assert abs(probability - 0.7) < 0.1  # structural cells at the unseen pages' rate
    assert len(y) == len(unseen) and (w == 1).all()
