"""Cue expressions: a small, readable pattern language over lemmas.

A cue expression is written in a themes file and matched against one quasi-sentence::

    cue    := term ( " + " term )*      every term must occur in the quasi-sentence, any order
    term   := slot ( " " slot )*        consecutive tokens
    slot   := alt ( "|" alt )*          any one of the alternatives
    alt    := words | words"*"          a word compares with a token's lemma or its lower-case
                                        form; a trailing "*" compares as a prefix
    words  := word ( "_" word )*        "_" joins consecutive words inside one alternative:
                                        ``internet|en_ligne`` = "internet" or "en ligne"

Examples: ``guichet unique``, ``tablette|ordinateur + école|classe|élève``, ``cyber*``.
An alternative may span several tokens once tokenised (``wi-fi`` -> ``wi - fi``): the split
function given to `cue_parse` decides, so cues are tokenised like the texts they are matched on.

Matching ignores accents: cue words and token keys are folded (`fold`: "numérique" and
"numerique" compare equal), so text extracted without accents, or written in capitals without
them ("ACCES"), still matches.

Pure: no spaCy here; a quasi-sentence is a `Sentence` of `TokenKeys` (lower-case form, lemma).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

Split = Callable[[str], tuple[str, ...]]

# One character for one character, so offsets into a folded text are offsets into the text.
_FOLD = str.maketrans(
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ\u2019",
    "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY'",
)


def fold(text: str) -> str:
    """`text` without accents (same length): "Dématérialisé" -> "Dematerialise"."""
    return text.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class TokenKeys:
    """What a cue can see of one token: its lower-case form, its lemma, and verb guesses."""

    lower: str
    lemma: str
    guesses: tuple[str, ...] = ()  # infinitives a future or conditional form may come from


# Future and conditional endings (the tense of campaign promises), longest first.
_FUTURE_ENDINGS = ("raient", "rions", "rons", "riez", "ront", "rait", "rais", "rez", "rai", "ras")


def verb_guesses(lower: str) -> tuple[str, ...]:
    """Infinitives behind a future/conditional form: "repenserons" -> "repenser", "repensere".

    The statistical lemmatizer misreads some of these ("repenserons" -> "repenseron"); a cue
    word that is an infinitive then still matches. Wrong guesses are harmless: no cue names them.
    """
    for ending in _FUTURE_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            base = lower[: -len(ending)]
            return (base + "r", base + "re")
    return ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A quasi-sentence ready for matching: its tokens, and where each word (form or lemma) is."""

    tokens: tuple[TokenKeys, ...]
    positions: dict[str, tuple[int, ...]]


def sentence_of(tokens: Sequence[TokenKeys]) -> Sentence:
    positions: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        for word in {token.lower, token.lemma, *token.guesses}:
            positions.setdefault(word, []).append(index)
    return Sentence(tuple(tokens), {word: tuple(where) for word, where in positions.items()})


@dataclass(frozen=True, slots=True)
class Alternative:
    words: tuple[str, ...]
    prefix: bool  # the last word compares as a prefix

    def match_at(self, tokens: Sequence[TokenKeys], start: int) -> int:
        """End index of a match starting at `start`, or -1."""
        end = start + len(self.words)
        if end > len(tokens):
            return -1
        last = len(self.words) - 1
        for offset, word in enumerate(self.words):
            token = tokens[start + offset]
            if offset == last and self.prefix:
                if not (token.lower.startswith(word) or token.lemma.startswith(word)):
                    return -1
            elif word != token.lower and word != token.lemma and word not in token.guesses:
                return -1
        return end


@dataclass(frozen=True, slots=True)
class Term:
    slots: tuple[tuple[Alternative, ...], ...]

    def occurs_in(self, sentence: Sentence) -> bool:
        tokens = sentence.tokens
        first = self.slots[0]
        if any(alternative.prefix for alternative in first):
            starts: Iterable[int] = range(len(tokens))
        else:
            found = (sentence.positions.get(alt.words[0], ()) for alt in first)
            starts = sorted({position for where in found for position in where})
        return any(self._match_from(tokens, start, 0) for start in starts)

    def _match_from(self, tokens: Sequence[TokenKeys], position: int, slot: int) -> bool:
        if slot == len(self.slots):
            return True
        for alternative in self.slots[slot]:
            end = alternative.match_at(tokens, position)
            if end >= 0 and self._match_from(tokens, end, slot + 1):
                return True
        return False


@dataclass(frozen=True, slots=True)
class Cue:
    """One compiled cue expression; `source` is the expression as written (kept as evidence)."""

    source: str
    terms: tuple[Term, ...]
    unless: tuple[Cue, ...] = ()

    def matches(self, sentence: Sentence) -> bool:
        if not all(term.occurs_in(sentence) for term in self.terms):
            return False
        return not any(exclusion.matches(sentence) for exclusion in self.unless)

    def anchor(self) -> tuple[Alternative, ...]:
        """The slot that best identifies this cue: the one whose shortest alternative is longest.

        Every match contains one of its alternatives: cues are indexed by their words.
        """
        slots = [slot for term in self.terms for slot in term.slots]
        return max(slots, key=lambda slot: min(_anchor_word_length(alt) for alt in slot))


def _anchor_word_length(alternative: Alternative) -> int:
    return max(len(word) for word in alternative.words)


def default_split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


class CueSyntaxError(ValueError):
    """A cue expression that cannot be parsed (the message is in French, for the user)."""


def cue_parse(
    expression: str,
    *,
    split: Split = default_split,
    unless: tuple[Cue, ...] = (),
    source: str | None = None,
) -> Cue:
    """Compile one cue expression; raise `CueSyntaxError` when it is malformed.

    `source` is what evidence shows (the expression as the user wrote it, before any expansion).
    """
    shown = source or expression
    terms = tuple(_term_parse(part, shown, split) for part in expression.split(" + "))
    return Cue(source=shown, terms=terms, unless=unless)


def _term_parse(text: str, source: str, split: Split) -> Term:
    slots = []
    for slot_text in text.strip().split():
        alternatives = []
        for alt_text in slot_text.split("|"):
            prefix = alt_text.endswith("*")
            text_words = fold(alt_text.removesuffix("*").lower()).split("_")
            words = tuple(w for part in text_words if part for w in split(part))
            if not words or "" in text_words or any("*" in w for w in words):
                raise CueSyntaxError(f"expression mal formée : « {source} »")
            alternatives.append(Alternative(words=words, prefix=prefix))
        slots.append(tuple(alternatives))
    if not slots:
        raise CueSyntaxError(f"expression vide : « {source} »")
    return Term(slots=tuple(slots))
