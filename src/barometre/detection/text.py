"""French text normalisation for matching: accents, case, apostrophes, light stemming.

Two forms are used:
- `fold(text)`: lower case, accents removed, typographic apostrophes and dashes unified,
  whitespace collapsed. Phrase patterns (signals) run on this form.
- `cue_form(text)`: `fold` then words only, French function words dropped and a light stem
  (plural and feminine endings) applied, so that "Listes électorales", "liste électorale" and
  the URL slug `liste-electorale` all read `list electoral`. Service cues run on this form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_TYPO: tuple[tuple[str, str], ...] = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("`", "'"),
    ("\u00b4", "'"),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2011", "-"),
    ("\u00a0", " "),
    ("\u202f", " "),
    ("\u0153", "oe"),
    ("\u0152", "oe"),
    ("\u00e6", "ae"),
    ("\u00b0", "o"),
    ("\u00b7", "|"),
    ("\u2022", "|"),
)


def _typography(text: str) -> str:
    """One kind of apostrophe, dash and space (str.replace is much faster than translate)."""
    for char, replacement in _TYPO:
        if char in text:
            text = text.replace(char, replacement)
    return text


_NON_WORD_TABLE = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() or not chr(c).isascii()}
)
FUNCTION_WORDS = frozenset(
    {
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "l",
        "d",
        "j",
        "n",
        "s",
        "c",
        "qu",
        "m",
        "t",
        "en",
        "et",
        "a",
        "au",
        "aux",
        "un",
        "une",
        "pour",
        "sur",
        "par",
        "ou",
        "votre",
        "vos",
        "son",
        "sa",
        "ses",
        "mon",
        "ma",
        "mes",
        "ce",
        "cette",
        "ces",
    }  # fmt: skip
)


def _stem(word: str) -> str:
    """Plural and feminine endings off: "electorales" -> "electoral", "creches" -> "crech"."""
    if word in FUNCTION_WORDS:
        return ""
    if len(word) >= 5 and word.endswith("es"):
        return word[:-2]
    if len(word) >= 4 and word[-1] in "sxe":
        return word[:-1]
    return word


class _StemCache(dict[str, str]):
    def __missing__(self, word: str) -> str:
        if len(self) > 200_000:
            self.clear()
        stem = self[word] = _stem(word)
        return stem


_STEMS = _StemCache()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents, with one kind of apostrophe and single spaces."""
    text = _typography(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", text.lower()).strip()


@lru_cache(maxsize=8192)
def cue_form_folded(folded: str) -> str:
    """`cue_form` for text that is already folded."""
    words = folded.translate(_NON_WORD_TABLE).split()
    return " " + " ".join(filter(None, map(_STEMS.__getitem__, words))) + " "


def fold_many(texts: list[str]) -> list[str]:
    """`fold` of many one-line texts at once (one pass over the joined text: much faster)."""
    if not texts:
        return []
    joined = _typography("\n".join(texts))
    if not joined.isascii():
        joined = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode("ascii")
    return [" ".join(line.split()) for line in joined.lower().split("\n")]


_SEPARATOR = " qqsepqq "


def cue_forms(folded: list[str]) -> list[str]:
    """`cue_form_folded` of many folded lines at once."""
    if not folded:
        return []
    words = _SEPARATOR.join(folded).translate(_NON_WORD_TABLE).split()
    joined = " ".join(filter(None, map(_STEMS.__getitem__, words)))
    return [" " + part.strip() + " " if part.strip() else " " for part in joined.split("qqsepqq")]


def cue_form(text: str) -> str:
    """Words only, function words dropped, light stem; padded with spaces at both ends."""
    return cue_form_folded(fold(text))


class _Trie(dict[str, "_Trie"]):
    """A character trie; the key "" marks the end of a phrase."""


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases` factored as a trie (much faster than a flat one)."""
    trie = _Trie()
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, _Trie())
        node[""] = _Trie()
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body
