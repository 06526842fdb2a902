"""The measured validity of the automatic readers, as published on the methodology page.

`data/validity.yaml` holds the counts measured on the rewritten evaluation samples
(docs/validation/rewritten/, `rw-eval`); tests/test_rewritten_gate.py measures them again, so
that the page never shows a figure the readers no longer earn. Intervals of proportions are
Wilson's (95 %); the others come from the bootstrap of the bench that measured them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from django.utils.translation import gettext as _

from barometre.core.errors import ValidationFailed
from barometre.detection.evaluation import wilson_interval
from barometre.outputs.labels import date_label, number, percent


@dataclass(frozen=True, slots=True)
class Figure:
    """A measured share with its 95 % interval and what it is a share of (`n`, 0 if none)."""

    value: float
    low: float
    high: float
    n: int = 0


@dataclass(frozen=True, slots=True)
class Band:
    """The proposed levels whose confidence is in [low, high) ([low, 1] for the last band)."""

    low: float
    high: float
    right: Figure


@dataclass(frozen=True, slots=True)
class Validity:
    measured: date
    pages: int
    exact: Figure
    found: Figure
    precision: Figure
    kappa: Figure
    second_coder_exact: Figure
    confident: Figure  # proposed levels with a confidence of 0.8 or more: the share right
    proposed: Figure  # every proposed level: the share right
    mean_confidence: float  # the mean confidence of the proposed levels
    passages: int
    digital_passages: int
    digital_f1: Figure
    themes_f1: Figure
    second_coder_digital_f1: Figure
    detection_command: str
    programmes_command: str
    # exact level by domain of the catalogue (its id: etat-civil, famille, ...), same cells
    by_domain: tuple[tuple[str, Figure], ...] = ()
    bands: tuple[Band, ...] = ()  # the proposed levels by confidence band, from 0 to 1
    digital_precision: float = 0.0  # programmes: passages read as digital that are
    digital_recall: float = 0.0  # digital passages the coder finds

    def band_of(self, confidence: float) -> Band | None:
        """The band a confidence falls in, or None without bands."""
        for band in self.bands:
            if band.low <= confidence < band.high or (band.high == 1 and confidence == 1):
                return band
        return None


def _share(raw: Any, where: str) -> Figure:
    right, of = raw["right"], raw["of"]
    if not (isinstance(right, int) and isinstance(of, int) and 0 <= right <= of and of > 0):
        raise ValueError(f"{where} : right et of entiers, 0 <= right <= of, of > 0")
    low, high = wilson_interval(right, of)
    return Figure(right / of, low, high, of)


def _mean(raw: Any, where: str) -> float:
    value = float(raw["mean_confidence"])
    if not 0 <= value <= 1:
        raise ValueError(f"{where} : mean_confidence entre 0 et 1")
    return value


def _value(raw: Any, where: str) -> Figure:
    value, low, high = (float(raw[k]) for k in ("value", "low", "high"))
    if not 0 <= low <= value <= high <= 1:
        raise ValueError(f"{where} : il faut 0 <= low <= value <= high <= 1")
    return Figure(value, low, high)


def _f1(raw: Any, where: str) -> Figure:
    tp, fp, fn = (int(raw[k]) for k in ("tp", "fp", "fn"))
    if min(tp, fp, fn) < 0 or tp + fp + fn == 0:
        raise ValueError(f"{where} : tp, fp et fn entiers positifs")
    value = 2 * tp / (2 * tp + fp + fn)
    return _value({"value": value, "low": raw["low"], "high": raw["high"]}, where)


def _ratio(raw: Any, wrong: str) -> float:
    """tp / (tp + fp) or tp / (tp + fn); 0 when there is nothing to divide."""
    tp, other = int(raw["tp"]), int(raw[wrong])
    return tp / (tp + other) if tp + other else 0.0


def _by_domain(raw: Any, exact: Any) -> tuple[tuple[str, Figure], ...]:
    """The exact level by domain, in the file's order; the domains must share out the cells."""
    if not isinstance(raw, dict):
        raise ValueError("detection/by_domain : un domaine par clé")
    found = tuple((str(k), _share(v, f"detection/by_domain/{k}")) for k, v in raw.items())
    if found and (
        sum(round(f.value * f.n) for _, f in found) != exact["right"]
        or sum(f.n for _, f in found) != exact["of"]
    ):
        raise ValueError("detection/by_domain : les domaines ne totalisent pas detection/exact")
    return found


def _bands(raw: Any, proposed: Any) -> tuple[Band, ...]:
    """Confidence bands that follow each other from 0 to 1 and share out the proposed levels."""
    if not isinstance(raw, list):
        raise ValueError("detection/bands : une liste de tranches")
    bands = tuple(
        Band(float(b["from"]), float(b["to"]), _share(b, f"detection/bands/{i}"))
        for i, b in enumerate(raw)
    )
    if not bands:
        return bands
    edges = [bands[0].low] + [b.high for b in bands]
    lows = [b.low for b in bands[1:]]
    if edges[0] != 0 or edges[-1] != 1 or lows != edges[1:-1] or edges != sorted(set(edges)):
        raise ValueError("detection/bands : des tranches contiguës et croissantes de 0 à 1")
    right = sum(round(b.right.value * b.right.n) for b in bands)
    if right != proposed["right"] or sum(b.right.n for b in bands) != proposed["of"]:
        raise ValueError("detection/bands : les tranches ne totalisent pas detection/proposed")
    return bands


def validity_parse(raw: str, *, source: str) -> Validity:
    """Read a validity file; a problem is reported in French with the file's name."""
    try:
        data = yaml.safe_load(raw)
        detection, programmes = data["detection"], data["programmes"]
        return Validity(
            measured=date.fromisoformat(str(data["measured"])),
            pages=int(detection["pages"]),
            exact=_share(detection["exact"], "detection/exact"),
            found=_share(detection["found"], "detection/found"),
            precision=_share(detection["precision"], "detection/precision"),
            kappa=_value(detection["kappa"], "detection/kappa"),
            second_coder_exact=_share(
                detection["second_coder_exact"], "detection/second_coder_exact"
            ),
            confident=_share(detection["confident"], "detection/confident"),
            proposed=_share(detection["proposed"], "detection/proposed"),
            mean_confidence=_mean(detection["proposed"], "detection/proposed"),
            passages=int(programmes["passages"]),
            digital_passages=int(programmes["digital"]["tp"] + programmes["digital"]["fn"]),
            digital_f1=_f1(programmes["digital"], "programmes/digital"),
            themes_f1=_f1(programmes["themes"], "programmes/themes"),
            second_coder_digital_f1=_value(
                programmes["second_coder_digital_f1"], "programmes/second_coder_digital_f1"
            ),
            detection_command=str(detection["command"]),
            programmes_command=str(programmes["command"]),
            by_domain=_by_domain(detection.get("by_domain", {}), detection["exact"]),
            bands=_bands(detection.get("bands", []), detection["proposed"]),
            digital_precision=_ratio(programmes["digital"], "fp"),
            digital_recall=_ratio(programmes["digital"], "fn"),
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise ValidationFailed(f"Fichier de validité invalide : {source}", [str(error)]) from error


@cache
def measured_validity() -> Validity:
    """The figures shipped with barometre (data/validity.yaml)."""
    path = resources.files("barometre.outputs") / "data" / "validity.yaml"
    return validity_parse(path.read_text("utf-8"), source=str(path))


def automatic_reading_note(validity: Validity | None = None) -> str:
    """The sentence the reports give on the automatic cells: how right the detector was on real
    pages no rule was written from, beside two human coders (French, translatable)."""
    v = validity or measured_validity()
    return _(
        "Une cellule d'origine « automatique » est une proposition du détecteur, que "
        "des auditeurs relisent : sur %(pages)s pages réelles de communes, réécrites par des tiers "
        "et qu'aucune règle n'a servi à écrire, il retient le bon niveau dans %(share)s des cas "
        "(intervalle à 95 %% : %(low)s à %(high)s, %(cells)s cellules, mesure du %(day)s), "
        "quand deux codeurs humains s'accordent dans %(human)s des cas."
    ) % {
        "pages": v.pages,
        "share": percent(v.exact.value),
        "low": percent(v.exact.low),
        "high": percent(v.exact.high),
        "cells": v.exact.n,
        "day": date_label(v.measured),
        "human": percent(v.second_coder_exact.value),
    }


def automatic_share_note(validity: Validity | None = None) -> str:
    """The short sentence beside a commune's automatic levels (French, translatable)."""
    v = validity or measured_validity()
    return _(
        "Une proposition automatique est au bon niveau dans %(share)s des cas sur des pages "
        "réelles qu'aucune règle n'a servi à écrire (intervalle à 95 %% : %(low)s à "
        "%(high)s) : tant qu'un auditeur ne l'a pas relue, elle se lit avec cette marge."
    ) % {
        "share": percent(v.exact.value),
        "low": percent(v.exact.low),
        "high": percent(v.exact.high),
    }


def programme_reading_note(validity: Validity | None = None) -> str:
    """The sentence the programme pages and reports give: how well the programme coder found
    digital promises in real passages no rule was written from (French, translatable)."""
    v = validity or measured_validity()
    return _(
        "Les programmes sont lus automatiquement. Sur %(passages)s extraits réels de programmes "
        "et d'articles de campagne, réécrits par des tiers et qu'aucune règle n'a servi à "
        "écrire, le codeur reconnaît une promesse numérique avec un F1 de %(f1)s (intervalle à "
        "95 %% : %(low)s à %(high)s) : %(precision)s des extraits qu'il retient en portent "
        "une, et il retrouve %(recall)s de ceux qui en portent ; deux codeurs humains atteignent "
        "%(human)s (mesure du %(day)s). Un programme entier n'a pas été mesuré ainsi : les "
        "chiffres présentés ici sont des lectures automatiques, et les phrases citées en sont "
        "les preuves, à vérifier."
    ) % {
        "passages": v.passages,
        "f1": number(v.digital_f1.value),
        "low": number(v.digital_f1.low),
        "high": number(v.digital_f1.high),
        "precision": percent(v.digital_precision),
        "recall": percent(v.digital_recall),
        "human": number(v.second_coder_digital_f1.value),
        "day": date_label(v.measured),
    }
