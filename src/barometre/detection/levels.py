"""From signals to a level, a confidence and a French rationale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from barometre.detection.calibration import calibrated_confidence
from barometre.detection.model import LEVEL_NAMES, ServiceMatch, Signal

INFORMATION_STRENGTH = 0.7


def information_signal(zones: Iterable[str], url: str) -> Signal:
    named = tuple(zones)
    where = ", ".join(named) or "texte"
    return Signal(
        "information", f"page consacrée au service ({where})", url, 1, INFORMATION_STRENGTH,
        code="information", params=(("zones", named),),
    )  # fmt: skip


def best_level(signals: Iterable[Signal], max_level: int) -> tuple[int, float]:
    """The highest level evidenced (capped at `max_level`) and the strength of its best signal."""
    level, strength = 0, 0.0
    for signal in signals:
        capped = min(signal.level, max_level)
        if capped > level or capped == level and signal.strength > strength:
            level, strength = capped, signal.strength
    return level, strength


RATIONALE_SIGNALS = 4


def held_by(signals: Iterable[Signal], max_level: int) -> tuple[list[Signal], bool]:
    """The signals a rationale names (the strongest at the highest level first) and whether
    any was capped at the service's `max_level`: the French `rationale` and the page that
    writes it in another language (web/explanations.py) both name these."""
    ordered = sorted(signals, key=lambda s: (-min(s.level, max_level), -s.strength))
    return ordered[:RATIONALE_SIGNALS], any(s.level > max_level for s in ordered)


def rationale(level: int, max_level: int, signals: Iterable[Signal]) -> str:
    """A short French explanation: the level, then the signals that hold it, with their URLs."""
    named, capped = held_by(signals, max_level)
    parts = [f"{s.detail} ({s.url})" for s in named]
    head = f"Niveau {level} ({LEVEL_NAMES.get(level, '?')})"
    if capped:
        head += f", plafonné au maximum du service ({max_level})"
    return head + " : " + " ; ".join(parts) if parts else head


def electronic_means_by_mail(signals: tuple[Signal, ...]) -> tuple[Signal, ...]:
    """ "By electronic means" is e-mail on a page whose channel for the service is e-mail.

    When the service's evidence holds an e-mail request (`email_only`) and its only level-3
    wording is `electronic_means` ("dématérialisation", "par voie électronique"), that wording
    is read at level 2: the case goes by e-mail, not through an online procedure.
    """
    kinds = {s.kind for s in signals if s.level >= 3}
    if kinds != {"electronic_means"} or not any(s.kind == "email_only" for s in signals):
        return signals
    return tuple(replace(s, level=2) if s.kind == "electronic_means" else s for s in signals)


def service_match(
    service: str,
    relevance: float,
    zones: Iterable[str],
    signals: tuple[Signal, ...],
    max_level: int,
    page_url: str,
) -> ServiceMatch:
    evidence = (information_signal(zones, page_url), *electronic_means_by_mail(signals))
    level = max(best_level(evidence, max_level)[0], 1)
    return ServiceMatch(
        service=service,
        level=level,
        confidence=calibrated_confidence(level, relevance, evidence, max_level),
        signals=evidence,
        rationale=rationale(level, max_level, evidence),
        relevance=round(relevance, 2),
        rule_level=level,
    )
