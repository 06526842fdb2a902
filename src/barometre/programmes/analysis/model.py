"""What the analysis returns: frozen dataclasses, no ORM."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuasiSentence:
    """One proposal of a programme, with the themes it carries and the cues that matched.

    `start` and `end` are character offsets into the analysed text: ``text == source[start:end]``.
    """

    index: int
    text: str
    start: int
    end: int
    themes: tuple[str, ...] = ()
    disruptive: bool = False
    evidence: tuple[str, ...] = ()  # the cue expressions that matched, as written in the themes

    @property
    def mentions_digital(self) -> bool:
        return bool(self.themes)


@dataclass(frozen=True, slots=True)
class ProgrammeAnalysis:
    """The reading of one programme (or excerpt): every quasi-sentence, and the summary."""

    sentences: tuple[QuasiSentence, ...]
    tokens: int
    themes_version: str = ""
    themes_sha256: str = ""

    @property
    def evidence(self) -> tuple[QuasiSentence, ...]:
        """The quasi-sentences that carry at least one theme: the evidence of every finding."""
        return tuple(sentence for sentence in self.sentences if sentence.themes)

    @property
    def mentions_digital(self) -> bool:
        return any(sentence.themes for sentence in self.sentences)

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(sorted({theme for s in self.sentences for theme in s.themes}))

    @property
    def disruptive(self) -> bool:
        return any(sentence.disruptive for sentence in self.sentences)
