"""Which services a page's wording is about: a small learned model over its words.

The rules (`relevance.py`) say a page is about a service when its title, address or headings
name it with a cue of the catalogue, or its body names it often enough. Real pages given as
text (an excerpt without links, often without its title) name their service in words the cue
lists do not hold ("vignettes de stationnement", "s'inscrire à l'école"), and the rules then find
nothing. This model reads the whole wording instead: one logistic regression per service over
the TF-IDF of the page's words and word pairs (sublinear term frequency, L2-normalised, as
scikit-learn's `TfidfVectorizer` computes it), fitted on the labelled pages written for
barometre (`bench/fit_service_model.py`), never on the real pages used to measure it. It is
applied in pure Python from `data/service_model.json`.

`analyse.py` asks it only about text pages, and only adds a service the rules did not find:
the level still comes from the rules' signals.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from barometre.core.errors import ValidationFailed

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


@dataclass(frozen=True, slots=True)
class ServiceModel:
    """Per-service logistic regressions over the TF-IDF of words and word pairs."""

    terms: dict[str, tuple[int, float]]  # term -> (column, idf)
    services: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: tuple[dict[int, float], ...]  # per service: column -> weight
    threshold: float

    def probabilities(self, folded: str) -> dict[str, float]:
        """P(the page is about the service) for every service, from folded text."""
        vector = self.vector(folded)
        out: dict[str, float] = {}
        for service, intercept, weights in zip(
            self.services, self.intercepts, self.weights, strict=True
        ):
            z = intercept + sum(weights.get(column, 0.0) * x for column, x in vector.items())
            out[service] = 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))
        return out

    def vector(self, folded: str) -> dict[int, float]:
        words = _TOKEN.findall(folded)
        grams = Counter(words)
        grams.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
        values: dict[int, float] = {}
        for term, count in grams.items():
            known = self.terms.get(term)
            if known is not None:
                column, idf = known
                values[column] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(v * v for v in values.values()))
        return {c: v / norm for c, v in values.items()} if norm else {}

    def about(self, folded: str) -> dict[str, float]:
        """The services whose probability reaches the model's threshold."""
        return {s: p for s, p in self.probabilities(folded).items() if p >= self.threshold}


def service_model_from_dict(data: Any, *, source: str = "service_model.json") -> ServiceModel:
    """Build a model from its JSON form; every problem is listed (French, for the user)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ValidationFailed(f"Modèle de vocabulaire invalide : {source}", ["objet attendu"])
    terms, services = data.get("terms"), data.get("services")
    if not isinstance(terms, list) or not all(
        isinstance(t, list) and len(t) == 2 and isinstance(t[0], str) for t in terms
    ):
        problems.append("« terms » : liste de [terme, idf] attendue")
    if not isinstance(services, dict) or not services:
        problems.append("« services » : objet {service: {intercept, weights}} attendu")
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < threshold < 1:
        problems.append("« threshold » : nombre entre 0 et 1 attendu")
    if problems:
        raise ValidationFailed(f"Modèle de vocabulaire invalide : {source}", problems)
    assert isinstance(terms, list) and isinstance(services, dict)
    names = tuple(sorted(services))
    weights: list[dict[int, float]] = []
    intercepts: list[float] = []
    for name in names:
        entry = services[name]
        raw = entry.get("weights") if isinstance(entry, dict) else None
        if (
            not isinstance(raw, list)
            or len(raw) != len(terms)
            or not isinstance(entry.get("intercept"), int | float)
        ):
            problems.append(f"services/{name} : « intercept » et un poids par terme attendus")
            continue
        intercepts.append(float(entry["intercept"]))
        weights.append({c: float(w) for c, w in enumerate(raw) if w})
    if problems:
        raise ValidationFailed(f"Modèle de vocabulaire invalide : {source}", problems)
    return ServiceModel(
        terms={term: (column, float(idf)) for column, (term, idf) in enumerate(terms)},
        services=names,
        intercepts=tuple(intercepts),
        weights=tuple(weights),
        threshold=float(threshold),  # type: ignore[arg-type]
    )


@cache
def default_service_model() -> ServiceModel:
    ref = resources.files("barometre.detection").joinpath("data/service_model.json")
    return service_model_from_dict(json.loads(ref.read_text(encoding="utf-8")))
