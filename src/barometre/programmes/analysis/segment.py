"""Quasi-sentences: sentences split further at proposal boundaries, with character offsets.

Works on the token texts of spaCy's French tokenizer (no tagging, so it is cheap) and follows
how programmes are written: sentence-final punctuation, semicolons, bullet and numbered lists,
blank lines and headings, and "..., et nous créerons ..." coordinations of two proposals.

A quasi-sentence is returned as a token range; its text excludes list markers and whitespace.
Whitespace tokens (spaCy keeps line breaks as tokens) are the ones where ``str.isspace()``.
"""

from __future__ import annotations

from collections.abc import Sequence

BULLETS = frozenset("-–—•*▪◦●►▶✓✔→○■□·➢➤❖♦")
SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!!", "etc."})
PROPOSAL_END = frozenset({";"})
COORDINATIONS = frozenset({"et", "puis", "mais", "enfin"})
SUBJECTS = frozenset({"nous", "je", "on"})
# A line ending with one of these continues on the next line (a wrapped line, not a heading).
_CONTINUATION = (
    "le la les l' un une des du de d' à au aux en et ou pour par sur dans avec sans , ( que qui"
)
CONTINUATION = frozenset(_CONTINUATION.split()) | {"«"}  # an opening quotation mark too
OPENERS = frozenset({"«", '"', "(", "“", "["})


def quasi_sentence_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the quasi-sentences, markers and blanks stripped."""
    spans = []
    start = 0
    for index in range(1, len(words) + 1):
        if index == len(words) or _starts_new(words, index):
            span = _trim(words, start, index)
            if span is not None:
                spans.append(span)
            start = index
    return spans


def _starts_new(words: Sequence[str], index: int) -> bool:
    token = words[index]
    previous = words[index - 1]
    if previous.isspace():
        return "\n" in previous and _line_break(words, index)
    if previous in PROPOSAL_END:
        return True
    if previous in SENTENCE_END:
        return _opens_sentence(words, index)
    if token in BULLETS - {"-", "–", "—"} and not token.isspace():
        return True
    return _coordination(words, index)


def _line_break(words: Sequence[str], index: int) -> bool:
    """After a newline: a new quasi-sentence unless the line only wraps a sentence."""
    if words[index - 1].count("\n") >= 2 or _is_marker(words, index):
        return True
    before = _previous_word(words, index - 1)
    if before is None:
        return True
    if before in SENTENCE_END or before in PROPOSAL_END or before == ":":
        return True
    first = words[index][:1]
    return first.isupper() and before.lower() not in CONTINUATION


def _opens_sentence(words: Sequence[str], index: int) -> bool:
    token = words[index]
    if token.isspace():
        return False  # the newline itself decides
    first = token[:1]
    return first.isupper() or first.isdigit() or token in BULLETS or token in OPENERS


def _coordination(words: Sequence[str], index: int) -> bool:
    """ "... l'école, et nous créerons ...": a second proposal starts at the conjunction."""
    token = words[index]
    if token.lower() not in COORDINATIONS or index + 2 >= len(words):
        return False
    return words[index + 1].lower() in SUBJECTS and _has_letter(words[index + 2])


def _previous_word(words: Sequence[str], index: int) -> str | None:
    for position in range(index, -1, -1):
        if not words[position].isspace():
            return words[position]
    return None


def _is_marker(words: Sequence[str], index: int) -> bool:
    """A list marker at the start of a line: a bullet, ``1.``, ``2)``, ``a)``."""
    text = words[index]
    if text in BULLETS:
        return True
    following = words[index + 1] if index + 1 < len(words) else ""
    short_label = text.isdigit() and len(text) <= 2 or len(text) == 1 and text.isalpha()
    return short_label and following in {".", ")"}


def _trim(words: Sequence[str], start: int, end: int) -> tuple[int, int] | None:
    while start < end and (words[start].isspace() or _is_marker(words, start)):
        start += 2 if _is_marker(words, start) and words[start] not in BULLETS else 1
    while end > start and words[end - 1].isspace():
        end -= 1
    if start >= end or not any(_has_letter(words[i]) for i in range(start, end)):
        return None
    return start, end


def _has_letter(text: str) -> bool:
    return any(character.isalpha() for character in text)
