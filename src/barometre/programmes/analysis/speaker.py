"""Who is speaking: the quasi-sentences that are not the list's voice carry no theme.

PROGRAMMES.md counts a sentence only for what the list itself promises or assesses for the
commune. Real pages mix the list's voice with others: a town's news told in the third person,
a mayor quoted by a newspaper, the State's plans, an association's pledge offered to
candidates, advice to communes in general, a rival's record. The clue is often outside the
quasi-sentence that carries the theme (the sentence before names the town that "a lancé"
the portal), so this stage reads a window of neighbouring quasi-sentences of the same
paragraph.

Pure and cheap: regular expressions from the themes file (`speakers:`), run only on the
windows of quasi-sentences that carry a theme. Three lists:

- `beyond`: the scope is the country or a parliament (an amendment, "partout en France"): the
  window carries no theme, whoever speaks;
- `reported`: someone other than the list speaks or is narrated (a town "a lancé", a quoted
  mayor, "selon la préfecture", a question to candidates, a rival's "n'a jamais");
- `own`: the list's voice (a first-person promise or record, "notre programme", an
  infinitive at the head of a line). A window with a `reported` match and no `own` match
  (quoted speech removed first: a mayor's "nous" between quotation marks is reported) carries
  no theme;
- `candidate`: a list's or a candidate's pledge told by someone else ("la liste X propose",
  "le candidat veut", "parmi ses propositions", "si elle est élue"). The press and blogs tell
  what a list promises; PROGRAMMES.md counts what the list promises, whoever reports it, so such
  a window is the list's voice too (`CandidateReader` tells the quasi-sentences it commits).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WINDOW = 2  # quasi-sentences read on each side, within the paragraph
LOOKBACK = 600  # characters before a `candidate` pattern's match where its context is read
LOOKAHEAD = 300  # characters after it where its `context_after` is read
REACH = 200  # characters before its quasi-sentence where a `candidate` pattern may start
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_QUOTED = re.compile(r"«[^»]{0,600}»|“[^”]{0,600}”|\"[^\"\n]{0,600}\"")


@dataclass(frozen=True, slots=True)
class SpeakerRule:
    source: str
    pattern: re.Pattern[str]
    # candidate rules only: what must be named within LOOKBACK characters before the match, or
    # what may be named instead within LOOKAHEAD characters after it ("X veut ..., lui qui brigue
    # la mairie")
    context: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Speakers:
    beyond: tuple[SpeakerRule, ...] = ()
    reported: tuple[SpeakerRule, ...] = ()
    own: tuple[SpeakerRule, ...] = ()
    candidate: tuple[SpeakerRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.beyond or self.reported)


def speaker_rule(source: str, context: str | None = None, after: str | None = None) -> SpeakerRule:
    """Compile one pattern of the themes file (`re.error` if it is not a regular expression)."""
    compiled = re.compile(context, re.MULTILINE) if context else None
    ahead = re.compile(after, re.MULTILINE) if after else None
    return SpeakerRule(source, re.compile(source, re.MULTILINE), compiled, ahead)


def normalise(text: str) -> str:
    """Typographic apostrophes and non-breaking spaces as plain ones (same length)."""
    return text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")


def voice(window: str, speakers: Speakers) -> str | None:
    """The rule that says `window` is not the list's voice, or None when it may be."""
    for rule in speakers.beyond:
        if rule.pattern.search(window):
            return rule.source
    for rule in speakers.reported:
        if rule.pattern.search(window):
            unquoted = unquote(window)
            if any(r.pattern.search(unquoted) for r in speakers.own):
                return None
            if any(_candidate_in(unquoted, r) for r in speakers.candidate):
                return None
            return rule.source
    return None


def _candidate_in(text: str, rule: SpeakerRule) -> bool:
    """A `candidate` rule read in `text` with its context, as `CandidateReader` reads it (a name
    and a pledge verb say nothing of a campaign until the campaign is named)."""
    for match in rule.pattern.finditer(text):
        if rule.context is None:
            return True
        if rule.context.search(text, max(0, match.start() - LOOKBACK), match.start()):
            return True
        ahead = match.end() + LOOKAHEAD
        if rule.after is not None and rule.after.search(text, match.end(), ahead):
            return True
    return False


def unquote(text: str) -> str:
    """`text` with every quotation blanked out (same length: offsets are kept)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _windows(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each quasi-sentence, the first and last index of its window within its paragraph."""
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    paragraph = [bisect.bisect_right(breaks, start) for start, _ in spans]
    found = []
    for i in range(len(spans)):
        first = i
        while first > 0 and i - first < WINDOW and paragraph[first - 1] == paragraph[i]:
            first -= 1
        last = i
        while last + 1 < len(spans) and last - i < WINDOW and paragraph[last + 1] == paragraph[i]:
            last += 1
        found.append((first, last))
    return found


def candidate_voiced(
    text: str,
    spans: Sequence[tuple[int, int]],
    rules: Sequence[SpeakerRule],
    indices: Iterable[int] | None = None,
) -> frozenset[int]:
    """Indices of the quasi-sentences where a `candidate` pattern ends: a list's pledge told by
    someone else (see `CandidateReader`). `indices`: only those are read (all when None)."""
    reader = CandidateReader(text, spans, rules)
    wanted = range(len(spans)) if indices is None else sorted(set(indices))
    return frozenset(i for i in wanted if reader.told(i))


class CandidateReader:
    """Reads the `candidate` patterns of one text, quasi-sentence by quasi-sentence, on demand.

    Quotations are blanked (the text is made once). A pattern's match must end inside the
    quasi-sentence (it may start up to REACH characters before it); a rule with a `context`
    also needs the context to match within LOOKBACK characters before the pattern's match ("le
    candidat ... Il veut", "municipales ... Rachida Dati compte"), or the rule's `context_after`
    within LOOKAHEAD characters after the match ("X veut ..., lui qui brigue la mairie", a
    headline whose article names the candidate). The pattern, short, is tried first; each
    answer is kept.
    """

    def __init__(
        self, text: str, spans: Sequence[tuple[int, int]], rules: Sequence[SpeakerRule]
    ) -> None:
        self._text, self._spans, self._rules = text, spans, tuple(rules)
        self._plain: str | None = None
        self._known: dict[int, bool] = {}

    def told(self, index: int) -> bool:
        if not self._rules:
            return False
        known = self._known.get(index)
        if known is None:
            if self._plain is None:
                self._plain = unquote(normalise(self._text))
            known = any(self._reads(rule, index) for rule in self._rules)
            self._known[index] = known
        return known

    def _reads(self, rule: SpeakerRule, index: int) -> bool:
        assert self._plain is not None
        start, end = self._spans[index]
        for match in rule.pattern.finditer(self._plain, max(0, start - REACH), end):
            if match.end() <= start:
                continue
            if rule.context is None:
                return True
            before = max(0, match.start() - LOOKBACK)
            if rule.context.search(self._plain, before, match.start()):
                return True
            ahead = match.end() + LOOKAHEAD
            if rule.after is not None and rule.after.search(self._plain, match.end(), ahead):
                return True
        return False


def not_the_list(
    text: str, spans: Sequence[tuple[int, int]], themed: Sequence[int], speakers: Speakers
) -> set[int]:
    """Indices (among `themed`) of the quasi-sentences whose window is not the list's voice.

    The window of quasi-sentence i is the text from quasi-sentence i - WINDOW to i + WINDOW,
    cut at the paragraph (blank line) that holds i.
    """
    if not speakers or not themed:
        return set()
    windows = _windows(text, spans)
    silenced: set[int] = set()
    for i in themed:
        first, last = windows[i]
        window = normalise(text[spans[first][0] : spans[last][1]])
        if voice(window, speakers) is not None:
            silenced.add(i)
    return silenced
