"""spaCy at the edge: the French pipeline, and the surface forms its lemmatizer reads as a lemma.

The surface pre-filter (prefilter.py) must admit every quasi-sentence the lemma matcher could
match. A cue word matches a token through its lemma, so the pre-filter needs, for each cue word,
the surface forms that lemmatise to it: `lemma_forms` inverts the lemmatizer's own tables
(exceptions, which hold the irregular forms like "mis" -> "mettre" or "paie" -> "payer"; suffix
rules; the lookup entries whose strings are known). Everything is accent-folded, as matching is.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from barometre.programmes.analysis.cues import fold

MODEL = "fr_core_news_sm"
UNUSED_COMPONENTS = ("parser", "senter", "ner")


@cache
def french_pipeline() -> Any:
    """spaCy's small French pipeline with only tokenizer, tagger and lemmatizer (loaded once)."""
    import spacy

    return spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))


@cache
def _inverted_tables() -> tuple[dict[str, frozenset[str]], tuple[tuple[str, str], ...]]:
    """Lemma -> surface forms from the exception and lookup tables; the suffix rules."""
    lookups = french_pipeline().get_pipe("lemmatizer").lookups
    strings = french_pipeline().vocab.strings
    inverse: dict[str, set[str]] = {}
    exceptions = lookups.get_table("lemma_exc", {})
    for by_form in exceptions.values():
        for form, lemmas in by_form.items():
            for lemma in lemmas:
                inverse.setdefault(fold(lemma.lower()), set()).add(fold(form.lower()))
    lookup = lookups.get_table("lemma_lookup", {})
    for key, value in lookup.items():
        if key in strings:
            for lemma in [value] if isinstance(value, str) else value:
                inverse.setdefault(fold(lemma.lower()), set()).add(fold(strings[key].lower()))
    rules = lookups.get_table("lemma_rules", {})
    suffixes = {(fold(old), fold(new)) for pairs in rules.values() for old, new in pairs}
    frozen = {lemma: frozenset(forms) for lemma, forms in inverse.items()}
    return frozen, tuple(sorted(suffixes))


def lemma_forms(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each (accent-folded) word, the surface forms spaCy's lemmatizer may read as it."""
    inverse, suffixes = _inverted_tables()
    found: dict[str, frozenset[str]] = {}
    for word in set(words):
        by_rule = {
            word[: len(word) - len(new)] + old for old, new in suffixes if word.endswith(new)
        }
        found[word] = inverse.get(word, frozenset()) | {form for form in by_rule if form}
    return found
