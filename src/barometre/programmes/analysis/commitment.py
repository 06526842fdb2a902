"""Commitment: a theme counts only where the sentence commits the list.

PROGRAMMES.md counts what the list promises or assesses for the commune. Pages that are not
programmes tell what exists or what others do: a town's news ("la commune a équipé ses
écoles"), a service page ("le portail permet de réserver"), a vendor, the press telling a
candidate's idea. They name the same things a programme promises; what differs is the verb.
A programme commits: a future or a conditional, an infinitive at the head of a bullet, a
first-person voice (the speakers' `own` patterns), or no verb at all (a bullet's noun phrase).
Narration is a finite verb in the present or past indicative, outside a relative clause.

Each quasi-sentence that carries a theme is given a voice:

- `own`: an `own` pattern matches (quoted speech removed) or its first word is a verb's
  infinitive (spaCy's verb lemma tables, plus the themes file's `commitment.verbs`);
- `future`: a finite verb in the future or the conditional (read on the word's ending: the
  tagger's tense is not reliable enough), or a duty ("doit", "faut");
- `narrated`: a finite verb in another tense;
- `none`: no finite verb (a bullet's noun phrase, a heading).

An `own` pattern without a first person, the list's team or a list marker (a passive future,
"seront installées") only makes a `future`; a colon or
an indefinite head before the first verb ("Une mairie sans papier : tout se remplit en ligne")
makes a described bullet, read as `none`. A theme whose `commitment` is `required` is kept when
the quasi-sentence or one of its neighbours (two on each side) is `own` (a diagnosis followed by
a promise); otherwise it is dropped from a `narrated` quasi-sentence, and from a `future` or
`none` one among narrated neighbours: a news item also speaks of what
"will" happen, and has verbless headings. A text of four quasi-sentences or more that never
speaks as the list (no first person, no `own` quasi-sentence) keeps no such theme at all.

Pure: the caller passes the tagged quasi-sentences (spaCy docs); no IO.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from barometre.programmes.analysis.cues import fold
from barometre.programmes.analysis.speaker import SpeakerRule, normalise

OWN, FUTURE, NARRATED, NONE = "own", "future", "narrated", "none"
WINDOW = 2
LONG = 4  # quasi-sentences from which a text that never speaks as the list commits nothing
_QUOTED = re.compile(r"«[^»]{0,600}»|“[^”]{0,600}”|\"[^\"\n]{0,600}\"")
_FUTURE = re.compile(r"(?:ra|ras|rai|rons|rez|ront|rait|rais|raient|rions|riez)$")
# Relative pronouns and subordinators: a verb right after one is not the sentence's own.
_RELATIVE = frozenset(
    {"qui", "que", "qu'", "dont", "ou", "lequel", "laquelle", "lesquels", "quand", "lorsque", "si"}
)
# Verbs whose present still commits: duty ("la commune doit", "il faut").
_PARTICIPLE = re.compile(r"(?:é|ée|és|ées)$")
_PARTICIPLE_FORM = re.compile(
    r"(?:e|es|ee|ees|i|is|ie|ies|u|us|ue|ues|it|its|ite|ites|ert|erte|int|inte)$"
)
_NEGATION = re.compile(r"\b(?:ne|n')\s*(?:\w+\s+){0,2}?(?:pas|plus|jamais|toujours pas)\b")
_MARKER = re.compile(r"\s*(?:[-•*▪–→>✅]+|\d{1,2}[.)]|[a-z][)])\s+|\s*[-•*▪–→>✅]+")
_STRONG = re.compile(
    r"\b(?:[Nn]ous|[Jj]e|[Jj]'|[Nn]otre|[Nn]os|[Mm]on|[Mm]es|équipe)\b|^\s*\n?\s*[-•*>▪–]"
)
# An assessment of a need: the list assesses for the commune (PROGRAMMES.md).
_NEED = re.compile(
    r"\b(?:est|sont|reste|restent|devient|demeure)\s+(?:(?:plus|très|absolument|vraiment|donc|"
    r"aussi|devenu|devenue|une|un)\s+)*(?:indispensables?|essentiel(?:le)?s?|nécessaires?|"
    r"prioritaires?|urgent(?:e)?s?|vita(?:l|le|ux|les)|priorité|condition|impératif|impérative)\b"
)
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_DEONTIC = frozenset({"devoir", "falloir"})
# Heads of a programme's noun-phrase bullet ("Une mairie sans papier : tout se remplit en ligne"):
# what follows is described, not narrated, so the neighbours decide as for a verbless bullet.
_INDEFINITE = frozenset({"un", "une", "des", "plus", "aucun", "aucune", "toujours", "jamais"})
_HEAD_SKIP = frozenset({"PUNCT", "SYM", "NUM", "SPACE", "X"})


@dataclass(frozen=True, slots=True)
class Commitment:
    """The commitment rules of a themes file: own-voice patterns and head infinitives."""

    own: tuple[SpeakerRule, ...] = ()
    verbs: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.own or self.verbs)


def sentence_voice(
    doc: Any, rules: Commitment, is_verb: Callable[[str], bool], *, quoted: bool = False
) -> str:
    """The voice of one tagged quasi-sentence: own, future, narrated or none.

    `quoted`: the quasi-sentence lies inside a quotation that spans several of them; what it
    says in the first person is someone else's voice.
    """
    unquoted = " " if quoted else _QUOTED.sub(" ", normalise(doc.text))
    tokens = [t for t in doc if not t.is_space]
    head = next((t for t in tokens if t.pos_ not in _HEAD_SKIP and t.text not in "-•*>▪–"), None)
    words = sum(1 for t in tokens if t.text[:1].isalpha())
    if not quoted and head is not None and head.text[:1].isalpha() and words >= 3:  # no button
        word = fold(head.text.lower())
        if "Fin" not in head.morph.get("VerbForm") and (word in rules.verbs or is_verb(word)):
            return OWN
        if _imperative(head, word, is_verb):
            return FUTURE  # addressed to the reader: a programme's call, or a page's "lisez"
    found = [m.group(0) for rule in rules.own if (m := rule.pattern.search(unquoted))]
    if found:
        # Only a first person, the list's team or a list marker makes the list's voice; a
        # passive future ("seront installées") or an infinitive after a colon is only a future:
        # news speaks so too.
        return OWN if any(_STRONG.search(text) for text in found) else FUTURE
    finite = _main_verbs(tokens, is_verb)
    colon = any(t.text == ":" for t in tokens[: finite[0][0]]) if finite else False
    described = colon or (head is not None and fold(head.text.lower()) in _INDEFINITE)
    if not finite or described:
        return FUTURE if any(_future(t) for _, t in finite) else NONE
    if unquoted.rstrip().endswith("?"):
        return NONE  # a question asks, it does not tell
    if any(_future(t) for _, t in finite) or _NEGATION.search(unquoted) or _NEED.search(unquoted):
        return FUTURE  # what is to come, or a diagnosis ("ne passe pas", "est indispensable")
    return NARRATED


def _main_verbs(tokens: list[Any], is_verb: Callable[[str], bool]) -> list[tuple[int, Any]]:
    """The finite verbs that may carry the quasi-sentence's voice, with their positions: not
    in a relative clause, not a bare "a", not a reflexive."""
    return [
        (i, t)
        for i, t in enumerate(tokens)
        if _finite(t)
        and _verb_like(t, is_verb)
        and not _relative(tokens, i)
        and not _bare_a(tokens, i)
        and not _reflexive(tokens, i)
    ]


def _finite(token: Any) -> bool:
    """A finite verb of the indicative or conditional (a subjunctive is subordinate; a form in
    -é, -ée, -és, -ées is a participle the tagger took for a finite verb)."""
    if token.pos_ not in ("VERB", "AUX") or "Fin" not in token.morph.get("VerbForm"):
        return False
    return "Sub" not in token.morph.get("Mood") and not _PARTICIPLE.search(token.text.lower())


def _future(token: Any) -> bool:
    """A future, a conditional, or a duty ("doit", "faut"): what is to come."""
    lower = fold(token.text.lower())
    if fold(token.lemma_.lower()) in _DEONTIC:
        return True
    return len(lower) > 3 and bool(_FUTURE.search(lower))


def _imperative(head: Any, word: str, is_verb: Callable[[str], bool]) -> bool:
    """An imperative at the head ("Installez l'application", "Prenez-le en photo")."""
    if "Imp" in head.morph.get("Mood"):
        return True
    if not word.endswith(("ez", "ons")):
        return False
    return word in verb_forms() or is_verb(word[:-2] + "er") or is_verb(word[:-3] + "er")


def _verb_like(token: Any, is_verb: Callable[[str], bool]) -> bool:
    """The tagger's verb is a verb for the lemma tables too (its lemma, or the -er infinitive
    of a present form the lemmatizer left as it was: "demande", "utilisent")."""
    lower = fold(token.text.lower())
    guesses = (fold(token.lemma_.lower()), lower + "r", lower[:-2] + "r")
    return any(is_verb(guess) for guess in guesses)


def _reflexive(tokens: Sequence[Any], index: int) -> bool:
    """A reflexive verb ("les actes se demandent en ligne") says how things work, not who did
    what; its auxiliary ("la commune s'est dotée") still narrates."""
    return (
        index > 0
        and tokens[index].pos_ == "VERB"
        and fold(tokens[index - 1].text.lower()) in ("se", "s'")
        and not _future(tokens[index])
    )


def _bare_a(tokens: Sequence[Any], index: int) -> bool:
    """A lone "a" not followed by a participle: most often "à" written without its accent."""
    if tokens[index].text.lower() != "a":
        return False
    after = tokens[index + 1 : index + 4]
    return not any(
        "Part" in t.morph.get("VerbForm") and _PARTICIPLE_FORM.search(fold(t.text.lower()))
        for t in after
    )


def _relative(tokens: Sequence[Any], index: int) -> bool:
    """A verb within three tokens after a relative pronoun ("un éclairage qui s'allume")."""
    return any(fold(t.text.lower()) in _RELATIVE for t in tokens[max(0, index - 3) : index])


def uncommitted(
    voices: Mapping[int, str],
    themed: Sequence[int],
    *,
    text_speaks: bool = True,
    bullets: frozenset[int] = frozenset(),
) -> set[int]:
    """Indices (among `themed`) whose voice does not commit the list, given the voices known
    (those of the themed quasi-sentences and of the neighbours of the `future` ones).

    A quasi-sentence next to the list's own voice keeps its themes (a diagnosis followed by a
    promise); otherwise a narrated one loses them, and so does a `future` or verbless one
    among narrated neighbours, unless it is a list item (`bullets`). When the text never speaks
    as the list (`text_speaks` False: see `speaks`), only `own` quasi-sentences keep them.
    """
    dropped: set[int] = set()
    for i in themed:
        voice = voices[i]
        if not text_speaks and voice != OWN:
            dropped.add(i)
            continue
        if i in bullets and voice != NARRATED:
            continue  # a list item of a text that speaks as the list
        window = range(i - WINDOW, i + WINDOW + 1)
        around = [voices[j] for j in window if j != i and j in voices]
        if OWN in around or voice == OWN:
            continue
        if voice == NARRATED or NARRATED in around:
            dropped.add(i)
    return dropped


def speaks(
    text: str,
    spans: Sequence[tuple[int, int]],
    voices: Mapping[int, str],
    own: Sequence[SpeakerRule] = (),
) -> bool:
    """Whether a text speaks as a list somewhere: an `own` pattern in the first person (or with
    the list's team, or after a list marker) outside quotation marks, or an `own` quasi-sentence
    among those read. Texts of fewer than LONG quasi-sentences (a line, a
    bullet) are given the benefit of the doubt."""
    if len(spans) < LONG or OWN in voices.values():
        return True
    unquoted = _QUOTED.sub(" ", normalise(text))
    return any(_STRONG.search(m.group(0)) for rule in own for m in rule.pattern.finditer(unquoted))


def own_voice(text: str, rules: Commitment, is_verb: Callable[[str], bool]) -> bool:
    """Whether a quasi-sentence speaks as the list on its surface alone, quoted speech removed:
    an `own` pattern in the first person (with the list's team, after a list marker), or a
    verb's infinitive heading three words or more."""
    unquoted = _QUOTED.sub(" ", normalise(text))
    words = _WORD.findall(unquoted)
    if len(words) >= 3 and (
        fold(words[0].lower()) in rules.verbs or is_verb(fold(words[0].lower()))
    ):
        return True
    return any(
        _STRONG.search(m.group(0)) for rule in rules.own for m in rule.pattern.finditer(unquoted)
    )


def quotations(text: str) -> list[tuple[int, int]]:
    """Character ranges of the quotations of a text (offsets kept: `normalise` keeps lengths)."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(normalise(text))]


def list_items(text: str, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Indices of the quasi-sentences that follow a list marker ("- ", "• ", "2) ")."""
    found = set()
    previous = 0
    for i, (start, end) in enumerate(spans):
        if _MARKER.fullmatch(text[previous:start]):
            found.add(i)
        previous = end
    return frozenset(found)


def neighbours(index: int, count: int) -> range:
    """The window of `index`: WINDOW quasi-sentences on each side, among `count`."""
    return range(max(0, index - WINDOW), min(count, index + WINDOW + 1))


@cache
def verb_lemmas() -> frozenset[str]:
    """Infinitives spaCy's French lemmatizer knows (its verb index and exception tables)."""
    from barometre.programmes.analysis.lexicon import french_pipeline

    lookups = french_pipeline().get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index", {}).get("verb", [])
    exceptions = lookups.get_table("lemma_exc", {}).get("verb", {})
    found = {fold(v.lower()) for v in index}
    found |= {fold(lemma.lower()) for lemmas in exceptions.values() for lemma in lemmas}
    return frozenset(found)


@cache
def verb_forms() -> frozenset[str]:
    """The inflected forms of spaCy's verb exception table ("prenez" -> "prendre")."""
    from barometre.programmes.analysis.lexicon import french_pipeline

    lookups = french_pipeline().get_pipe("lemmatizer").lookups
    return frozenset(
        fold(form.lower()) for form in lookups.get_table("lemma_exc", {}).get("verb", {})
    )


def is_known_verb(word: str) -> bool:
    return word in verb_lemmas()
