"""Excerpts in, classifications out: what ``barometre programmes classify`` writes, line by line.

In: ``{"id", "text"}`` mappings. Out: ``{"id", "mentions_digital", "themes", "disruptive",
"evidence"}`` where evidence lists the quasi-sentences that carry the themes, each with its
offsets into the text, its themes, its disruptive flag and the cue expressions that matched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis.model import ProgrammeAnalysis
from barometre.programmes.analysis.pipeline import analyse_texts
from barometre.programmes.analysis.themes import ThemeSet, load_themes

BATCH = 256
# A lone UTF-16 surrogate is valid JSON (a "\ud800" escape) but no character: spaCy and the
# UTF-8 output cannot take it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_PROBLEM = "moitié isolée d'une paire de substitution UTF-16, qui n'est pas un caractère"


def excerpt_result(excerpt_id: Any, analysis: ProgrammeAnalysis) -> dict[str, Any]:
    """The JSON-ready classification of one excerpt."""
    return {
        "id": excerpt_id,
        "mentions_digital": analysis.mentions_digital,
        "themes": list(analysis.themes),
        "disruptive": analysis.disruptive,
        "evidence": [
            {
                "text": sentence.text,
                "start": sentence.start,
                "end": sentence.end,
                "themes": list(sentence.themes),
                "disruptive": sentence.disruptive,
                "cues": list(sentence.evidence),
            }
            for sentence in analysis.evidence
        ],
    }


def excerpt_problems(record: Any) -> list[str]:
    """Why a record cannot be classified, in French and without its position; [] when it can."""
    if not isinstance(record, Mapping):
        return ["un objet JSON est attendu"]
    problems = []
    if "id" not in record:
        problems.append("champ « id » manquant")
    elif _SURROGATE.search(json.dumps(record["id"], ensure_ascii=False, default=str)):
        problems.append(f"champ « id » : caractère invalide ({_SURROGATE_PROBLEM})")
    text = record.get("text")
    if not isinstance(text, str):
        problems.append("champ « text » manquant ou non textuel")
    elif match := _SURROGATE.search(text):
        problems.append(
            f"champ « text » : caractère U+{ord(match.group()):04X} invalide à la position "
            f"{match.start() + 1} ({_SURROGATE_PROBLEM})"
        )
    return problems


def _checked(record: Any, position: int, seen: dict[str, int]) -> tuple[Any, str]:
    if problems := excerpt_problems(record):
        raise ValidationFailed(
            "Extrait invalide.", [f"extrait n° {position} : {problem}" for problem in problems]
        )
    key = json.dumps(record["id"], ensure_ascii=False, sort_keys=True, default=str)
    if (first := seen.setdefault(key, position)) != position:
        raise ValidationFailed(
            "Extrait invalide.",
            [f"extrait n° {position} : identifiant {key} déjà donné à l'extrait n° {first}"],
        )
    return record["id"], record["text"]


def classify_excerpts(
    records: Iterable[Mapping[str, Any]], *, themes: ThemeSet | None = None
) -> Iterator[dict[str, Any]]:
    """Classify excerpts lazily and in order; error positions count from 1. An id given to an
    earlier excerpt is refused (results are joined back by id)."""
    theme_set = themes or load_themes()
    numbered = enumerate(records, start=1)
    seen: dict[str, int] = {}
    while batch := [
        _checked(record, position, seen) for position, record in islice(numbered, BATCH)
    ]:
        analyses = analyse_texts((text for _, text in batch), themes=theme_set)
        for (excerpt_id, _), analysis in zip(batch, analyses, strict=True):
            yield excerpt_result(excerpt_id, analysis)
