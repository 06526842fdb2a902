"""A learned ordinal stage over the rule level: move it by one step when a model is sure.

The rules (`levels.py`) propose a level from the evidence they read. This stage reads the same
evidence again, as features of the (page, service) match, and asks a model fitted on labelled
pages whether the level is higher or lower. The features are the rule evidence only: the rule
level, the service and its ceiling, the kinds and levels of the signals the match holds, the
zones that make the page about the service, how much it is about it, and the kinds of the other
signals of the page. They are names (``kind:teleservice``), hashed with CRC-32 into a vector of
`dim` slots; no word of the page is a feature.

The model is four cumulative logistic regressions, P(level > k) for k = 0..3, applied in pure
Python from `data/level_model.json` (written by `bench/fit_level_model.py`, which says what it
was fitted on). The probabilities are made non-increasing in k. The policy moves the rule level
by one step at most: up when P(level > rule) >= `move_probability`, down when
P(level > rule - 1) <= 1 - `move_probability`; never above the service's ceiling nor at or
above level 5 (no threshold reads it). A move to 0 means the page is not about the service.

The stored model is applied by default only when its file says ``"enabled": true``: the fit
script sets it from five-fold cross-validation grouped by commune, when the model's moves on the
real pages are more often right than wrong and it makes no wrong move on the labelled set. A
model that does not beat the rules out of fold is stored (with its verdict) but not applied;
``analyse_page(level_model=load_level_model(path))`` still applies any model on demand.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from barometre.core.errors import ValidationFailed
from barometre.detection.model import LEVEL_NAMES, ServiceMatch, Signal

DEFAULT: Literal["default"] = "default"
TOP_THRESHOLD = 3  # the highest k with a model: P(level > 3)
STRUCTURAL = 0.9


@dataclass(frozen=True, slots=True)
class LevelModel:
    """Cumulative logistic models P(level > k), k = thresholds[i], over hashed features."""

    dim: int
    thresholds: tuple[int, ...]
    intercepts: tuple[float, ...]
    weights: tuple[dict[int, float], ...]
    move_probability: float = 0.7

    def probabilities(self, names: Iterable[str]) -> tuple[float, ...]:
        """P(level > k) for each threshold, non-increasing in k."""
        slots = hashed(names, self.dim)
        out: list[float] = []
        for intercept, weights in zip(self.intercepts, self.weights, strict=True):
            z = intercept + sum(weights.get(slot, 0.0) * value for slot, value in slots.items())
            p = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
            out.append(min(p, out[-1]) if out else p)
        return tuple(out)

    def proposed(self, rule_level: int, max_level: int, names: Iterable[str]) -> tuple[int, float]:
        """The level the policy keeps (rule level moved by one step at most) and its probability."""
        p = dict(zip(self.thresholds, self.probabilities(names), strict=True))
        level = rule_level
        if (
            rule_level in p
            and rule_level + 1 <= max_level
            and p[rule_level] >= self.move_probability
        ):
            level = rule_level + 1
        elif rule_level - 1 in p and p[rule_level - 1] <= 1.0 - self.move_probability:
            level = rule_level - 1
        return level, exact_probability(p, level, max_level)


def exact_probability(p: dict[int, float], level: int, max_level: int) -> float:
    """P(level == L) from the cumulative probabilities (the ceiling takes what lies above)."""
    above = p.get(level - 1, 1.0) if level > 0 else 1.0
    beyond = 0.0 if level >= max_level else p.get(level, 0.0)
    return max(0.0, min(1.0, above - beyond))


def hashed(names: Iterable[str], dim: int) -> dict[int, float]:
    """Feature names to slot counts (CRC-32 of the UTF-8 name, modulo dim)."""
    slots: dict[int, float] = {}
    for name in names:
        slot = zlib.crc32(name.encode("utf-8")) % dim
        slots[slot] = slots.get(slot, 0.0) + 1.0
    return slots


def match_features(
    match: ServiceMatch, max_level: int, page_signals: Sequence[Signal], *, text_only: bool
) -> list[str]:
    """The rule evidence of one (page, service) match, as feature names (no page words)."""
    rule = match.rule_level or match.level
    names = [
        "bias",
        f"rule:{rule}",
        f"svc:{match.service}",
        f"svc_rule:{match.service}:{rule}",
        f"max:{max_level}",
        f"max_rule:{max_level - rule}",
        f"rel:{min(int(match.relevance // 2), 5)}",
        f"text_only:{text_only}",
    ]
    information, *evidence = match.signals
    detail = information.detail
    zones = detail[detail.find("(") + 1 : detail.rfind(")")] if "(" in detail else ""
    names += [f"zone:{zone.strip()}" for zone in zones.split(",") if zone.strip()]
    kinds = sorted({s.kind for s in evidence})
    names.append(f"n_kinds:{min(len(kinds), 4)}")
    for signal in evidence:
        level = min(signal.level, max_level)
        where = "above" if level > rule else "at" if level == rule else "below"
        names += [
            f"kind:{signal.kind}",
            f"kl:{signal.kind}:{level}",
            f"kw:{signal.kind}:{where}",
            f"ks:{signal.kind}:{signal.strength >= STRUCTURAL}",
        ]
    names += [f"pair:{a}:{b}" for i, a in enumerate(kinds) for b in kinds[i + 1 :]]
    own = set(match.signals)
    for signal in page_signals:
        if signal not in own:
            names.append(f"page:{signal.kind}:{min(signal.level, 5)}")
    return names


def apply_level_model(
    match: ServiceMatch,
    model: LevelModel,
    max_level: int,
    page_signals: Sequence[Signal],
    *,
    text_only: bool,
) -> ServiceMatch | None:
    """The match at the level the model keeps; None when it moves it to 0 (no service)."""
    if match.level > TOP_THRESHOLD + 1:
        return match
    names = match_features(match, max_level, page_signals, text_only=text_only)
    level, probability = model.proposed(match.level, max_level, names)
    if level == match.level:
        return match
    if level == 0:
        return None
    detail = match.rationale.split(" : ", 1)[1] if " : " in match.rationale else ""
    head = (
        f"Niveau {level} ({LEVEL_NAMES.get(level, '?')}) retenu par le modèle appris "
        f"(les règles proposaient le niveau {match.level})"
    )
    return replace(
        match,
        level=level,
        rule_level=match.level,
        confidence=round(probability, 2),
        rationale=f"{head} : {detail}" if detail else head,
    )


LevelModelChoice = LevelModel | Literal["default"] | None


def resolve(choice: LevelModelChoice) -> LevelModel | None:
    """The model to apply: the stored one when its cross-validation enabled it, or the choice."""
    if choice == DEFAULT:
        return default_level_model() if stored_model_enabled() else None
    return choice


def _stored() -> dict[str, Any]:
    text = resources.files("barometre.detection").joinpath("data/level_model.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def default_level_model() -> LevelModel:
    """The stored model, loaded once (whether or not it is enabled)."""
    return level_model_from_dict(_stored())


@cache
def stored_model_enabled() -> bool:
    """Whether the stored model beat the rules out of fold (see the module docstring)."""
    return _stored().get("enabled") is True


def load_level_model(path: Path) -> LevelModel:
    return level_model_from_dict(json.loads(path.read_text(encoding="utf-8")))


def level_model_from_dict(data: dict[str, Any]) -> LevelModel:
    """Build the model from its JSON form; ValidationFailed (French) when it is malformed."""
    try:
        models = data["models"]
        thresholds = tuple(int(k) for k in data["thresholds"])
        model = LevelModel(
            dim=int(data["dim"]),
            thresholds=thresholds,
            intercepts=tuple(float(m["intercept"]) for m in models),
            weights=tuple({int(k): float(v) for k, v in m["weights"].items()} for m in models),
            move_probability=float(data.get("move_probability", 0.7)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationFailed("Modèle de niveau illisible", [str(error)]) from error
    if len(model.intercepts) != len(thresholds) or list(thresholds) != sorted(thresholds):
        raise ValidationFailed(
            "Modèle de niveau invalide", ["un modèle par seuil, seuils croissants"]
        )
    numbers = [*model.intercepts, *(w for m in model.weights for w in m.values())]
    if not all(math.isfinite(n) for n in numbers):  # NaN would leave every level unmoved
        raise ValidationFailed("Modèle de niveau invalide", ["constante ou poids NaN ou infini"])
    if not 0.5 < model.move_probability <= 1.0 or model.dim < 1:
        raise ValidationFailed(
            "Modèle de niveau invalide",
            ["probabilité de déplacement entre 0,5 et 1, dimension > 0"],
        )
    return model
