"""One tagged quasi-sentence -> its themes, whether it is disruptive, and the cues as evidence.

Rules, in order:

1. a theme is carried when one of its cues matches (and none of the cue's ``unless`` contexts),
   and none of the theme's ``exclude`` contexts matches the quasi-sentence;
2. each carried theme starts from its default (disruptive or not); a ``routine`` cue (the theme's
   ``routine_if`` or the file's ``disruption.routine``) makes it non-disruptive, then a
   ``disruptive`` cue (``disruptive_if`` or ``disruption.disruptive``) makes it disruptive;
3. the quasi-sentence is disruptive when one of its themes is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from barometre.programmes.analysis.cues import Cue, TokenKeys
from barometre.programmes.analysis.themes import Theme, ThemeSet


@dataclass(frozen=True, slots=True)
class Reading:
    themes: tuple[str, ...]
    disruptive: bool
    evidence: tuple[str, ...]


def _candidates(tokens: Sequence[TokenKeys], themes: ThemeSet) -> list[tuple[Theme, Cue]]:
    """Cues worth trying: those whose anchor word is present, and those with prefix anchors."""
    seen: set[int] = set()
    found: list[tuple[Theme, Cue]] = []
    words = {token.lower for token in tokens} | {token.lemma for token in tokens}
    for word in sorted(words):
        for pair in themes.index.get(word, ()):
            if id(pair[1]) not in seen:
                seen.add(id(pair[1]))
                found.append(pair)
    found.extend(themes.prefix_cues)
    return found


def _any(cues: Sequence[Cue], tokens: Sequence[TokenKeys]) -> bool:
    return any(cue.matches(tokens) for cue in cues)


def sentence_reading(tokens: Sequence[TokenKeys], themes: ThemeSet) -> Reading:
    matched: dict[str, list[str]] = {}
    for theme, cue in _candidates(tokens, themes):
        if cue.matches(tokens):
            matched.setdefault(theme.id, []).append(cue.source)
    for theme_id in list(matched):
        if _any(themes.theme(theme_id).exclude, tokens):
            del matched[theme_id]
    if not matched:
        return Reading(themes=(), disruptive=False, evidence=())
    routine = _any(themes.routine_cues, tokens)
    disruptive = _any(themes.disruptive_cues, tokens)
    verdicts = [_disruptive(themes.theme(t), tokens, routine, disruptive) for t in matched]
    evidence = sorted({source for sources in matched.values() for source in sources})
    return Reading(tuple(sorted(matched)), disruptive=any(verdicts), evidence=tuple(evidence))


def _disruptive(theme: Theme, tokens: Sequence[TokenKeys], routine: bool, disruptive: bool) -> bool:
    verdict = theme.disruptive
    if routine or _any(theme.routine_if, tokens):
        verdict = False
    if disruptive or _any(theme.disruptive_if, tokens):
        verdict = True
    return verdict
