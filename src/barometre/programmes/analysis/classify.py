"""Excerpts in, classifications out: what ``barometre programmes classify`` writes, line by line.

In: ``{"id", "text"}`` mappings. Out: ``{"id", "mentions_digital", "themes", "disruptive",
"evidence"}`` where evidence lists the quasi-sentences that carry the themes, each with its
offsets into the text, its themes, its disruptive flag and the cue expressions that matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from barometre.core.errors import ValidationFailed
from barometre.programmes.analysis.model import ProgrammeAnalysis
from barometre.programmes.analysis.pipeline import analyse_texts
from barometre.programmes.analysis.themes import ThemeSet, load_themes

BATCH = 256


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


def _checked(record: Any, position: int) -> tuple[Any, str]:
    problems = []
    if not isinstance(record, Mapping):
        problems.append(f"extrait n° {position} : un objet JSON est attendu")
    else:
        if "id" not in record:
            problems.append(f"extrait n° {position} : champ « id » manquant")
        if not isinstance(record.get("text"), str):
            problems.append(f"extrait n° {position} : champ « text » manquant ou non textuel")
    if problems:
        raise ValidationFailed("Extrait invalide.", problems)
    return record["id"], record["text"]


def classify_excerpts(
    records: Iterable[Mapping[str, Any]], *, themes: ThemeSet | None = None
) -> Iterator[dict[str, Any]]:
    """Classify excerpts lazily and in order; error positions count from 1."""
    theme_set = themes or load_themes()
    numbered = enumerate(records, start=1)
    while batch := [_checked(record, position) for position, record in islice(numbered, BATCH)]:
        analyses = analyse_texts((text for _, text in batch), themes=theme_set)
        for (excerpt_id, _), analysis in zip(batch, analyses, strict=True):
            yield excerpt_result(excerpt_id, analysis)
