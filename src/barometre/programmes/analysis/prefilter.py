"""A cheap surface test that says which quasi-sentences are worth tagging and lemmatising.

Tagging is the costly step, and most of a programme is not about digital. Before tagging, a
quasi-sentence is kept only if, for some cue, each of its word positions (articles and
prepositions aside) shows a word starting with the surface stem of one of its alternatives.
The stems are chosen so that inflected forms keep them (plural, feminine, verb endings); the
irregular forms the lemmatizer reads as a cue word ("mis" for "mettre", "paie" for "payer",
given by `forms`, see lexicon.py) add stems of their own. So the test is a superset of the lemma
match: the tests check it on every cue word of the shipped themes, and that results are
identical with and without it on the labelled sets. Text and stems are accent-folded, as
matching is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from barometre.programmes.analysis.cues import Alternative, Cue, fold

# word -> the surface forms a lemmatizer may read as that word (lexicon.lemma_forms)
Forms = Callable[[Iterable[str]], Mapping[str, Iterable[str]]]
_MIN_SHARED = 3  # an irregular form sharing fewer letters with the stem brings its own stem

# Stems frequent in any programme: a poor first test when a cue offers a more specific one.
_COMMON = (
    "ville villes mairie commune communes municipal municipale service services place places "
    "ligne projet projets habitant habitants agent agents plan public publique accès aide "
    "école écoles classe classes en de la le les des du d' l' à au aux un une outil outils "
    "information système systèmes site mettre faire "
)
_VERB_ENDINGS = ("er", "ir", "re", "oir")


def surface_stem(alternative: Alternative) -> str:
    """A prefix that the surface forms of the alternative's longest word start with."""
    word = max(alternative.words, key=len)
    if alternative.prefix and word == alternative.words[-1]:
        return word
    if len(word) <= 4:
        return word
    if word.endswith("er"):
        # regular verbs lose -er and accents move (compléter -> complète); short ones vary more
        return word[:-4] if len(word) >= 7 else word[:3]
    if word.endswith(_VERB_ENDINGS):
        return word[: max(3, len(word) - 3)]  # participles: ouvrir -> ouvert, inscrire -> inscrit
    return word[: max(4, len(word) - 2)]  # nouns and adjectives: -s, -e, -x, -aux


_COMMON_STEMS = frozenset(
    surface_stem(Alternative((fold(word),), False)) for word in _COMMON.split()
)


def alternative_stems(alternative: Alternative, forms: Mapping[str, Iterable[str]]) -> set[str]:
    """The stem of the alternative, and stems for the irregular forms that escape it."""
    stem = surface_stem(alternative)
    stems = {stem}
    if alternative.prefix:
        return stems
    for form in forms.get(max(alternative.words, key=len), ()):
        if not form.startswith(stem):
            shared = _shared_prefix(form, stem)
            stems.add(shared if len(shared) >= _MIN_SHARED else form)
    return _minimal(stems)


def _shared_prefix(first: str, second: str) -> str:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return first[:length]


def _minimal(stems: set[str]) -> set[str]:
    """Drop the stems another one is a prefix of (they add nothing)."""
    return {s for s in stems if not any(o != s and s.startswith(o) for o in stems)}


_FUNCTION_WORDS = frozenset(
    ["de", "des", "du", "la", "le", "les", "au", "aux", "a", "en", "un", "une", "et", "ou"]
    + ["d'", "l'", "s'"]
)


def _function_slot(slot: tuple[Alternative, ...]) -> bool:
    """Articles and prepositions ("de", "des", "d'", "en"): too frequent to tell anything."""
    return all(
        len(max(a.words, key=len)) <= 2
        or a.words[-1].endswith("'")
        or all(word in _FUNCTION_WORDS for word in a.words)
        for a in slot
    )


def _selectivity(required: frozenset[str]) -> int:
    return min(len(stem) - (6 if stem in _COMMON_STEMS else 0) for stem in required)


def cue_requirements(
    cue: Cue, forms: Mapping[str, Iterable[str]] | None = None
) -> tuple[frozenset[str], ...]:
    """Stem sets that must all show in a text where the cue matches, most telling first.

    Every word slot of every term counts (the words of a phrase are all there when it matches),
    except article and preposition slots (unless the cue has nothing else, like "ia").
    """
    known = forms or {}
    telling = _telling_slots(cue)
    required = {
        frozenset(stem for alternative in slot for stem in alternative_stems(alternative, known))
        for slot in telling
    }
    return tuple(sorted(required, key=lambda stems: (-_selectivity(stems), sorted(stems))))


@dataclass(frozen=True, slots=True, eq=False)
class Prefilter:
    pattern: re.Pattern[str]
    lengths: tuple[int, ...]
    stems: frozenset[str]
    requirements: dict[str, tuple[tuple[frozenset[str], ...], ...]]

    def admits(self, text: str) -> bool:
        """Whether some cue may match `text` (lower-cased by the caller; accents ignored)."""
        found: set[str] = set()
        stems = self.stems
        for match in self.pattern.finditer(fold(text)):
            word = match.group(1)
            for length in self.lengths:  # ascending
                if length > len(word):
                    break
                if word[:length] in stems:
                    found.add(word[:length])
        for stem in found:
            for others in self.requirements.get(stem, ()):
                if all(not found.isdisjoint(required) for required in others):
                    return True
        return False


def _telling_slots(cue: Cue) -> list[tuple[Alternative, ...]]:
    slots = [slot for term in cue.terms for slot in term.slots]
    return [slot for slot in slots if not _function_slot(slot)] or slots


def cue_words(cues: Iterable[Cue]) -> set[str]:
    """The words the pre-filter requires (one per alternative: the one its stem comes from)."""
    return {
        max(alternative.words, key=len)
        for cue in cues
        for slot in _telling_slots(cue)
        for alternative in slot
        if not alternative.prefix
    }


def prefilter_build(cues: Iterable[Cue], forms: Forms | None = None) -> Prefilter:
    """Compile the cues' stems; `forms` gives the irregular surface forms of their words."""
    cue_list = list(cues)
    known = forms(cue_words(cue_list)) if forms else {}
    requirements: dict[str, list[tuple[frozenset[str], ...]]] = {}
    stems: set[str] = set()
    for cue in cue_list:
        first, *others = cue_requirements(cue, known)
        stems.update(first, *others)
        for stem in first:
            requirements.setdefault(stem, []).append(tuple(others))
    return Prefilter(
        # zero-width, so a stem with an apostrophe ("d'") does not hide the word after it
        pattern=re.compile(rf"(?<!\w)(?=({_trie_pattern(stems)}\w*))"),
        lengths=tuple(sorted({len(stem) for stem in stems})),
        stems=frozenset(stems),
        requirements={stem: tuple(value) for stem, value in requirements.items()},
    )


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many words, factored as a trie ("ab|ac" -> "a(?:b|c)").

    Python's engine tries the alternatives of a flat alternation one by one at each position;
    with a thousand stems, the factored form is about ten times faster.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_node(node[char]) for char in sorted(node) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
