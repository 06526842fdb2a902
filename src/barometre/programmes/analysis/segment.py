"""Quasi-sentences: sentences split further at proposal boundaries, with character offsets.

Works on the output of spaCy's French tokenizer (no tagging needed, so it is cheap) and follows
how programmes are written: sentence-final punctuation, semicolons, bullet and numbered lists,
blank lines and headings, and "..., et nous créerons ..." coordinations of two proposals.

A quasi-sentence is returned as a token range; its text excludes list markers and whitespace.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Token(Protocol):
    """What segmentation reads of a token (spaCy's `Token` satisfies it)."""

    @property
    def text(self) -> str: ...

    @property
    def is_space(self) -> bool: ...


BULLETS = frozenset("-–—•*▪◦●►▶✓✔→○■□·➢➤❖♦")
SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!!", "etc."})
PROPOSAL_END = frozenset({";"})
COORDINATIONS = frozenset({"et", "puis", "mais", "enfin"})
SUBJECTS = frozenset({"nous", "je", "on"})
# A line ending with one of these continues on the next line (a wrapped line, not a heading).
CONTINUATION = frozenset(
    [
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d'",
        "à",
        "au",
        "aux",
        "en",
        "et",
        "ou",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "sans",
        ",",
        "(",
        "«",
        "que",
        "qui",
    ]
)
OPENERS = frozenset({"«", '"', "(", "“", "["})


def quasi_sentence_spans(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the quasi-sentences, markers and blanks stripped."""
    spans = []
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or _starts_new(tokens, index):
            span = _trim(tokens, start, index)
            if span is not None:
                spans.append(span)
            start = index
    return spans


def _starts_new(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    previous = tokens[index - 1]
    if previous.is_space:
        return "\n" in previous.text and _line_break(tokens, index)
    if previous.text in PROPOSAL_END:
        return True
    if previous.text in SENTENCE_END:
        return _opens_sentence(tokens, index)
    if token.text in BULLETS - {"-", "–", "—"} and not token.is_space:
        return True
    return _coordination(tokens, index)


def _line_break(tokens: Sequence[Token], index: int) -> bool:
    """After a newline: a new quasi-sentence unless the line only wraps a sentence."""
    if tokens[index - 1].text.count("\n") >= 2 or _is_marker(tokens, index):
        return True
    before = _previous_word(tokens, index - 1)
    if before is None:
        return True
    if before.text in SENTENCE_END or before.text in PROPOSAL_END or before.text == ":":
        return True
    first = tokens[index].text[:1]
    return first.isupper() and before.text.lower() not in CONTINUATION


def _opens_sentence(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    if token.is_space:
        return False  # the newline itself decides
    first = token.text[:1]
    return first.isupper() or first.isdigit() or token.text in BULLETS or token.text in OPENERS


def _coordination(tokens: Sequence[Token], index: int) -> bool:
    """ "... l'école, et nous créerons ...": a second proposal starts at the conjunction."""
    token = tokens[index]
    if token.text.lower() not in COORDINATIONS or index + 2 >= len(tokens):
        return False
    return tokens[index + 1].text.lower() in SUBJECTS and _has_letter(tokens[index + 2].text)


def _previous_word(tokens: Sequence[Token], index: int) -> Token | None:
    for position in range(index, -1, -1):
        if not tokens[position].is_space:
            return tokens[position]
    return None


def _is_marker(tokens: Sequence[Token], index: int) -> bool:
    """A list marker at the start of a line: a bullet, ``1.``, ``2)``, ``a)``."""
    text = tokens[index].text
    if text in BULLETS:
        return True
    following = tokens[index + 1].text if index + 1 < len(tokens) else ""
    short_label = text.isdigit() and len(text) <= 2 or len(text) == 1 and text.isalpha()
    return short_label and following in {".", ")"}


def _trim(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    while start < end and (tokens[start].is_space or _is_marker(tokens, start)):
        start += 2 if _is_marker(tokens, start) and tokens[start].text not in BULLETS else 1
    while end > start and tokens[end - 1].is_space:
        end -= 1
    if start >= end or not any(_has_letter(tokens[i].text) for i in range(start, end)):
        return None
    return start, end


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)
