"""Which catalogue services a piece of text names: cue phrases in the normalised cue form.

The index is built once per catalogue (catalogue cues + detection-only `data/cues.yaml`) into
one trie-shaped regex, so that naming the services of a whole page costs one regex pass per zone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.core.yamlfile import schema_problems, yaml_read
from barometre.detection.text import cue_form, cue_form_folded, cue_forms, fold, trie_pattern
from barometre.referential.catalogue import CatalogueSpec, ServiceSpec

WEAK_WEIGHT = 1 / 3
SUBSUMED_WORDS = 8  # how far after a bills cue a canteen, nursery or leisure cue qualifies it


@dataclass(frozen=True, slots=True)
class CueIndex:
    pattern: re.Pattern[str]
    owners: dict[str, tuple[tuple[str, float], ...]]  # cue form -> ((service, weight), ...)
    negatives: dict[str, tuple[re.Pattern[str], ...]]
    max_levels: dict[str, int]
    order: tuple[str, ...]
    claims: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]  # kind -> ((service, regex), ...)
    subsumes: dict[str, tuple[str, ...]]  # service -> services its lines are not about

    def claimant(self, kind: str, folded_context: str) -> str | None:
        """The service that claims a signal of `kind` said in `folded_context`, if any."""
        for service, pattern in self.claims.get(kind, ()):
            if pattern.search(folded_context):
                return service
        return None

    def hits(self, folded: str) -> dict[str, float]:
        """Weighted cue hits per service in one folded line (or zone) of text."""
        if not folded:
            return {}
        return self.hits_form(cue_form_folded(folded), folded)

    def hits_many(self, folded: list[str]) -> list[dict[str, float]]:
        """`hits` of many folded lines (their cue forms computed in one pass)."""
        return [
            self.hits_form(form, line) for form, line in zip(cue_forms(folded), folded, strict=True)
        ]

    def hits_form(self, form: str, folded: str) -> dict[str, float]:
        found: dict[str, float] = {}
        subsumed_after: dict[str, int] = {}  # subsumed service -> last word index it may not pass
        # Whether a service's negatives match the line, and the words before the last match,
        # are worked out once per line, not once per cue match: a line of 100 KB (a page of one
        # paragraph) holds thousands of matches, and searching it again for each one took 20 s.
        negated: dict[str, bool] = {}
        word, counted_to = 0, 0
        for match in self.pattern.finditer(form):
            if self.subsumes:
                word += form.count(" ", counted_to, match.start())
                counted_to = match.start()
            for service, weight in self.owners.get(match.group(1), ()):
                if service not in negated:
                    negatives = self.negatives.get(service, ())
                    negated[service] = any(n.search(folded) for n in negatives)
                if negated[service]:
                    continue
                if word <= subsumed_after.get(service, -1):
                    continue  # "factures de cantine": the canteen qualifies the bills
                if weight >= 1:
                    found[service] = found.get(service, 0.0) + weight
                else:  # weak cues count once per line, however often repeated
                    found[service] = max(found.get(service, 0.0), weight)
                for other in self.subsumes.get(service, ()):
                    subsumed_after[other] = word + SUBSUMED_WORDS
        return found

    def strong(self, folded: str) -> set[str]:
        """The services named in `folded` by at least one non-weak cue."""
        return {s for s, w in self.hits(folded).items() if w >= 1}


@cache
def _cue_data() -> dict[str, Any]:
    ref = resources.files("barometre.detection").joinpath("data/cues.yaml")
    return cues_parse(ref.read_text(encoding="utf-8"), source="data/cues.yaml")


@cache
def _schema() -> dict[str, Any]:
    ref = resources.files("barometre.detection").joinpath("data/cues.schema.json")
    loaded: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return loaded


def cues_parse(raw: str, *, source: str) -> dict[str, Any]:
    """Parse and validate a cues file (`data/cues.schema.json`); every problem is listed."""
    data = yaml_read(raw, source=source, unreadable="Fichier d'indices illisible")
    problems = schema_problems(_schema(), data)
    if not problems:
        for service, entry in data["services"].items():
            regexes = [*entry.get("negative", []), *(entry.get("claims") or {}).values()]
            for regex in regexes:
                try:
                    re.compile(regex)
                except re.error as error:
                    problems.append(f"services/{service} : expression régulière invalide ({error})")
    if problems:
        raise ValidationFailed(f"Fichier d'indices invalide : {source}", problems)
    loaded: dict[str, Any] = data
    return loaded


_INDEXES: dict[object, CueIndex] = {}


def cue_index(catalogue: CatalogueSpec) -> CueIndex:
    """The cue index of `catalogue` (built once, then cached)."""
    key: object = catalogue.sha256 or catalogue.services
    index = _INDEXES.get(key)
    if index is None:
        index = _build(catalogue.services, _cue_data().get("services", {}))
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        _INDEXES[key] = index
    return index


def _build(services: tuple[ServiceSpec, ...], extra: dict[str, Any]) -> CueIndex:
    owners: dict[str, dict[str, float]] = {}
    negatives: dict[str, tuple[re.Pattern[str], ...]] = {}
    claims: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for spec in services:
        data = extra.get(spec.id, {}) or {}
        weak = {cue_form(w).strip() for w in data.get("weak", [])}
        ignored = {cue_form(w).strip() for w in data.get("ignore", [])}
        phrases = [*spec.cues, spec.label, *data.get("extra", [])]
        for phrase in phrases:
            form = cue_form(phrase).strip()
            if not form or form in ignored:
                continue
            if form == cue_form(spec.label).strip() and len(form.split()) > 5:
                continue  # long labels are for display, not for matching
            weight = WEAK_WEIGHT if form in weak else 1.0
            current = owners.setdefault(form, {})
            current[spec.id] = max(current.get(spec.id, 0.0), weight)
        negatives[spec.id] = tuple(re.compile(p) for p in data.get("negative", []))
        for kind, regex in (data.get("claims") or {}).items():
            claims.setdefault(kind, []).append((spec.id, re.compile(regex)))
    # A leading literal space lets the regex engine jump from word start to word start.
    pattern = re.compile(r" (" + trie_pattern(sorted(owners)) + r")(?= )")
    return CueIndex(
        pattern=pattern,
        owners={cue: tuple(sorted(by.items())) for cue, by in owners.items()},
        negatives={s: n for s, n in negatives.items() if n},
        max_levels={s.id: s.max_level for s in services},
        order=tuple(s.id for s in services),
        claims={kind: tuple(by) for kind, by in claims.items()},
        subsumes={
            spec.id: tuple(extra.get(spec.id, {}).get("subsumes", []))
            for spec in services
            if (extra.get(spec.id) or {}).get("subsumes")
        },
    )


def url_words(url: str) -> str:
    """The words of a URL's path and query, folded: `/etat-civil/acte_naissance` -> words."""
    path = url.split("://", 1)[-1]
    path = path.split("/", 1)[1] if "/" in path else ""
    return fold(re.sub(r"[/_.\-?=&+%]+", " ", path))
