"""Text in, `ProgrammeAnalysis` out: segmentation, a cheap surface pre-filter, lemma matching.

Throughput matters (programmes are 10-40 pages, and there is one per list per commune), so:

- spaCy is loaded once, without the parser, senter and ner (unused);
- segmentation runs on a tokenizer alone (no tagging), without its slowest rule;
- only quasi-sentences where a cue's surface stem occurs are tagged and lemmatised, in batches
  with ``nlp.pipe``, across texts;
- long texts are cut at paragraph breaks into chunks well under spaCy's ``max_length``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from barometre.programmes.analysis.commitment import (
    NARRATED,
    OWN,
    is_known_verb,
    list_items,
    neighbours,
    own_voice,
    quotations,
    sentence_voice,
    speaks,
    uncommitted,
)
from barometre.programmes.analysis.cues import TokenKeys, fold, verb_guesses
from barometre.programmes.analysis.lexicon import french_pipeline
from barometre.programmes.analysis.matching import Reading, sentence_reading
from barometre.programmes.analysis.model import ProgrammeAnalysis, QuasiSentence
from barometre.programmes.analysis.segment import quasi_sentence_spans
from barometre.programmes.analysis.speaker import CandidateReader, not_the_list
from barometre.programmes.analysis.themes import ThemeSet, load_themes, spacy_split

CHUNK_CHARS = 50_000
GROUP_SENTENCES = 512  # candidate quasi-sentences tagged together (across texts)


@cache
def segmentation_tokenizer() -> Any:
    """spaCy's French tokenizer rules, without the hyphenated-word matcher (``token_match``).

    Segmentation only needs punctuation, list markers and line breaks; dropping the matcher of
    hyphenated and elided words (the slow part) makes the tokenizer about twice as fast. The
    quasi-sentences worth tagging are tokenised again by the full pipeline.
    """
    import spacy

    tokenizer: Any = spacy.blank("fr").tokenizer
    tokenizer.token_match = None
    return tokenizer


def text_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of at most `size` characters, cut at a paragraph break,
    else a line break, else a sentence end, else a space, else anywhere."""
    offset = 0
    while len(text) - offset > size:
        window = text[offset : offset + size]
        cut = _cut_point(window)
        yield offset, window[:cut]
        offset += cut
    if offset < len(text):
        yield offset, text[offset:]


def _cut_point(window: str) -> int:
    floor = len(window) // 2
    for separator in ("\n\n", "\n", ". ", " "):
        position = window.rfind(separator, floor)
        if position >= 0:
            return position + len(separator)
    return len(window)


@dataclass
class _Pending:
    """A text segmented but not yet read: its quasi-sentences and which ones to tag."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    tokens: int = 0


def _segment(text: str, themes: ThemeSet, prefilter: bool) -> _Pending:
    tokenizer = segmentation_tokenizer()
    pending = _Pending()
    for offset, chunk in text_chunks(text):
        doc = tokenizer(chunk)
        words = [token.text for token in doc]
        starts = doc.to_array("IDX").tolist()
        pending.tokens += sum(1 for word in words if not word.isspace())
        for first, last in quasi_sentence_spans(words):
            start = offset + starts[first]
            end = offset + starts[last - 1] + len(words[last - 1])
            if not prefilter or themes.prefilter.admits(text[start:end].lower()):
                pending.candidates.append(len(pending.spans))
            pending.spans.append((start, end))
    return pending


def analyse_texts(
    texts: Iterable[str],
    *,
    themes: ThemeSet | None = None,
    batch_size: int = 64,
    prefilter: bool = True,
) -> Iterator[ProgrammeAnalysis]:
    """Read many texts, in order; tagging is batched across texts with ``nlp.pipe``.

    `prefilter=False` tags every quasi-sentence (slower; the results are the same, which the
    tests check on the labelled set).
    """
    theme_set = themes or load_themes()
    group: list[tuple[str, _Pending]] = []
    waiting = 0
    for text in texts:
        pending = _segment(text, theme_set, prefilter)
        group.append((text, pending))
        waiting += len(pending.candidates)
        if waiting >= GROUP_SENTENCES:
            yield from _read_group(group, theme_set, batch_size)
            group, waiting = [], 0
    yield from _read_group(group, theme_set, batch_size)


def _read_group(
    group: list[tuple[str, _Pending]], themes: ThemeSet, batch_size: int
) -> Iterator[ProgrammeAnalysis]:
    wanted = [
        text[pending.spans[i][0] : pending.spans[i][1]]
        for text, pending in group
        for i in pending.candidates
    ]
    docs = iter(french_pipeline().pipe(wanted, batch_size=batch_size) if wanted else ())
    for text, pending in group:
        readings: dict[int, Reading] = {}
        tagged: dict[int, Any] = {}
        for i in pending.candidates:
            doc = next(docs)
            readings[i] = sentence_reading(_keys(doc), themes)
            tagged[i] = doc
        themed = [i for i in pending.candidates if readings[i].themes]
        for i in not_the_list(text, pending.spans, themed, themes.speakers):
            readings[i] = Reading(themes=(), disruptive=False, evidence=())
        _commit(text, pending.spans, readings, tagged, themes)
        sentences = tuple(
            _sentence(text, index, span, readings.get(index))
            for index, span in enumerate(pending.spans)
        )
        yield ProgrammeAnalysis(
            sentences=sentences,
            tokens=pending.tokens,
            themes_version=themes.version,
            themes_sha256=themes.sha256,
        )


def _commit(
    text: str,
    spans: list[tuple[int, int]],
    readings: dict[int, Reading],
    tagged: dict[int, Any],
    themes: ThemeSet,
) -> None:
    """Drop the `commitment: required` themes of the quasi-sentences that narrate (commitment.py).

    A neighbour is read on the surface first (an `own` pattern in the first person, a heading
    infinitive); it is tagged here only when that does not settle the decision.
    """
    bound = [i for i, r in readings.items() if any(themes.theme(t).committed for t in r.themes)]
    if not bound:
        return
    voices = _Voices(text, spans, tagged, themes)
    for i in bound:
        voices.said[i] = voices.read(i, tagged[i])
    wanted: set[int] = set()
    for i in bound:
        wanted |= voices.settle_around(i)
    voices.tag(sorted(wanted))
    spoken = speaks(text, spans, voices.said, voices.rules.own)
    for i in uncommitted(voices.said, bound, text_speaks=spoken, bullets=list_items(text, spans)):
        kept = tuple(t for t in readings[i].themes if not themes.theme(t).committed)
        old = readings[i]
        readings[i] = Reading(kept, old.disruptive and bool(kept), old.evidence if kept else ())


class _Voices:
    """The voice (OWN, NARRATED...) of the bound quasi-sentences and of their neighbours: read
    on the surface where that settles it, from the tagged sentence otherwise."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], tagged: dict[int, Any], themes: ThemeSet
    ) -> None:
        self.text, self.spans, self.tagged = text, spans, tagged
        self.rules = themes.commitment
        self.quotes = quotations(text)
        # A list's pledge told by the press ("la liste X propose") is the list's voice too; read
        # only where a quasi-sentence does not already speak as the list.
        self.told = CandidateReader(text, spans, themes.speakers.candidate).told
        self.said: dict[int, str] = {}

    def _quoted(self, j: int) -> bool:
        return any(a < self.spans[j][0] < b for a, b in self.quotes)

    def read(self, j: int, doc: Any) -> str:
        found = sentence_voice(doc, self.rules, is_known_verb, quoted=self._quoted(j))
        return OWN if found != OWN and self.told(j) else found

    def _own_on_surface(self, j: int) -> bool:
        piece = self.text[self.spans[j][0] : self.spans[j][1]]
        surface = not self._quoted(j) and own_voice(piece, self.rules, is_known_verb)
        return surface or self.told(j)

    def settle_around(self, i: int) -> set[int]:
        """Read the neighbours of bound `i` that its decision needs; return those to be tagged."""
        if self.said[i] == OWN:
            return set()  # kept whatever its neighbours say
        around = [j for j in neighbours(i, len(self.spans)) if j != i]
        for j in around:
            if j not in self.said and self._own_on_surface(j):
                self.said[j] = OWN  # read on the surface: no need to tag it
        if self.said[i] == NARRATED or OWN in (self.said.get(j) for j in around):
            return set()  # settled: kept next to the list's voice, dropped otherwise
        wanted: set[int] = set()
        for j in around:
            if j in self.said:
                continue
            if j in self.tagged:
                self.said[j] = self.read(j, self.tagged[j])
            else:
                wanted.add(j)
        return wanted

    def tag(self, wanted: list[int]) -> None:
        pieces = [self.text[self.spans[j][0] : self.spans[j][1]] for j in wanted]
        tagging = french_pipeline().pipe(pieces) if pieces else ()
        for j, doc in zip(wanted, tagging, strict=True):
            self.said[j] = self.read(j, doc)


def _sentence(
    text: str, index: int, span: tuple[int, int], reading: Reading | None
) -> QuasiSentence:
    start, end = span
    if reading is None:
        return QuasiSentence(index=index, text=text[start:end], start=start, end=end)
    return QuasiSentence(
        index=index,
        text=text[start:end],
        start=start,
        end=end,
        themes=reading.themes,
        disruptive=reading.disruptive,
        evidence=reading.evidence,
    )


def _keys(doc: Any) -> tuple[TokenKeys, ...]:
    keys = []
    for token in doc:
        if not token.is_space:
            lower = _unstop(fold(token.lower_))
            lemma = _unstop(fold(token.lemma_.lower()))
            parts = _cue_parts(lower) if _NUMBER_UNIT.match(lower) else (lower,)
            if len(parts) > 1:  # "5G." kept whole before a full stop: split as cue words are
                keys += [TokenKeys(part, part, ()) for part in parts]
            else:
                keys.append(TokenKeys(lower, lemma, verb_guesses(lower)))
    return tuple(keys)


_NUMBER_UNIT = re.compile(r"^\d+[a-z]{1,2}$")


@cache
def _cue_parts(word: str) -> tuple[str, ...]:
    """How the cue words' tokenizer splits `word` ("5g" -> "5", "g"; "3d" stays whole)."""
    return spacy_split()(word)


def _unstop(word: str) -> str:
    """A sentence's full stop glued to its last word ("5G." read as one number) taken off."""
    return word[:-1] if len(word) > 1 and word.endswith(".") and word[-2] != "." else word


def analyse_text(text: str, *, themes: ThemeSet | None = None) -> ProgrammeAnalysis:
    """Read one programme (or excerpt)."""
    return next(analyse_texts([text], themes=themes))
