"""A calibrated confidence for each (page, service) level: a logistic model over a few features
of the evidence, its coefficients fitted on training batches and kept as data
(`data/calibration.yaml`, written by `bench/fit_calibration.py`).

The features say what kind of evidence holds the level (a link, form or button rather than
wording only), whether several signals agree on it, how much the page is about the service, and
whether the level rests on the page being about the service alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from barometre.core.errors import ValidationFailed
from barometre.detection.model import Signal

RELEVANCE_FULL = 8.0
STRUCTURAL_STRENGTH = 0.9  # platform links, forms, downloads, the FranceConnect button
FEATURES = ("structural", "agreement", "subject", "information_only", "high_level", "strength")


@dataclass(frozen=True, slots=True)
class Calibration:
    intercept: float
    weights: dict[str, float]

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights[name] * features[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


def confidence_features(
    level: int, relevance: float, signals: Iterable[Signal], max_level: int
) -> dict[str, float]:
    """The features of a level: `signals` are all the evidence, the information signal included."""
    at_level = [s for s in signals if min(s.level, max_level) == level]
    channels = [s for s in at_level if s.kind != "information"]
    strength = max((s.strength for s in at_level), default=0.0)
    return {
        "structural": float(any(s.strength >= STRUCTURAL_STRENGTH for s in channels)),
        "agreement": float(len({s.kind for s in channels}) >= 2),
        "subject": min(1.0, relevance / RELEVANCE_FULL),
        "information_only": float(not channels),
        "high_level": float(level >= 4),
        "strength": strength,
    }


def calibrated_confidence(
    level: int, relevance: float, signals: Iterable[Signal], max_level: int
) -> float:
    features = confidence_features(level, relevance, signals, max_level)
    return round(default_calibration().probability(features), 2)


def calibration_parse(raw: str, *, source: str) -> Calibration:
    """Read a calibration file; every problem is listed (French, for the user)."""
    try:
        data: Any = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ValidationFailed(f"Calibration illisible : {source}", [str(error)]) from error
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise ValidationFailed(f"Calibration invalide : {source}", ["« weights » manquant"])
    weights = data["weights"]
    for name in FEATURES:
        if not _finite(weights.get(name)):
            problems.append(f"weights/{name} : nombre fini attendu")
    if not _finite(data.get("intercept")):
        problems.append("intercept : nombre fini attendu")
    problems += [f"weights/{name} : variable inconnue" for name in weights if name not in FEATURES]
    if problems:
        raise ValidationFailed(f"Calibration invalide : {source}", problems)
    return Calibration(float(data["intercept"]), {n: float(weights[n]) for n in FEATURES})


def _finite(value: object) -> bool:
    """A number a probability can be computed from: not a boolean, not NaN nor ±inf (a YAML
    `.nan` would make every proposal's confidence NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@cache
def default_calibration() -> Calibration:
    ref = resources.files("barometre.detection").joinpath("data/calibration.yaml")
    return calibration_parse(ref.read_text(encoding="utf-8"), source="data/calibration.yaml")
