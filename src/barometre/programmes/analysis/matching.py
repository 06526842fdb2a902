"""One tagged quasi-sentence -> its themes, whether it is disruptive, and the cues as evidence.

Rules, in order:

1. a theme is carried when one of its cues matches (and none of the cue's ``unless`` contexts),
   and none of the theme's ``exclude`` contexts matches the quasi-sentence;
2. each carried theme starts from its default (disruptive or not); a ``routine`` cue (the theme's
   ``routine_if`` or the file's ``disruption.routine``) makes it non-disruptive, then a
   ``disruptive`` cue (``disruptive_if`` or ``disruption.disruptive``) makes it disruptive;
3. the quasi-sentence is disruptive when one of its themes is;
4. a quasi-sentence that matches a ``not_promises`` cue (news, a rival's record, a national
   measure: no promise of the list for the commune) carries no theme at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from barometre.programmes.analysis.cues import Cue, Sentence, TokenKeys, sentence_of
from barometre.programmes.analysis.themes import Theme, ThemeSet


@dataclass(frozen=True, slots=True)
class Reading:
    themes: tuple[str, ...]
    disruptive: bool
    evidence: tuple[str, ...]


def _candidates(sentence: Sentence, themes: ThemeSet) -> list[tuple[Theme, Cue]]:
    """Cues worth trying: those whose anchor word is present, and those with prefix anchors."""
    seen: set[int] = set()
    found: list[tuple[Theme, Cue]] = []
    for word in sorted(sentence.positions):
        for pair in themes.index.get(word, ()):
            if id(pair[1]) not in seen:
                seen.add(id(pair[1]))
                found.append(pair)
    found.extend(themes.prefix_cues)
    return found


def _any(cues: Sequence[Cue], sentence: Sentence) -> bool:
    return any(cue.matches(sentence) for cue in cues)


def sentence_reading(keys: Sequence[TokenKeys], themes: ThemeSet) -> Reading:
    sentence = sentence_of(keys)
    matched: dict[str, list[str]] = {}
    for theme, cue in _candidates(sentence, themes):
        if cue.matches(sentence):
            matched.setdefault(theme.id, []).append(cue.source)
    for theme_id in list(matched):
        if _any(themes.theme(theme_id).exclude, sentence):
            del matched[theme_id]
    if not matched or _any(themes.not_promises, sentence):
        return Reading(themes=(), disruptive=False, evidence=())
    routine = _any(themes.routine_cues, sentence)
    disruptive = _any(themes.disruptive_cues, sentence)
    verdicts = [_disruptive(themes.theme(t), sentence, routine, disruptive) for t in matched]
    evidence = sorted({source for sources in matched.values() for source in sources})
    return Reading(tuple(sorted(matched)), disruptive=any(verdicts), evidence=tuple(evidence))


def _disruptive(theme: Theme, sentence: Sentence, routine: bool, disruptive: bool) -> bool:
    verdict = theme.disruptive
    if routine or _any(theme.routine_if, sentence):
        verdict = False
    if disruptive or _any(theme.disruptive_if, sentence):
        verdict = True
    return verdict
