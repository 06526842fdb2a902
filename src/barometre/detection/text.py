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

_SPACES = re.compile(r"\s+")
_TYPO = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u0153": "oe",
        "\u0152": "oe",
        "\u00e6": "ae",
        "\u00b0": "o",
        "\u00b7": "|",
        "\u2022": "|",
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_FUNCTION_WORDS = re.compile(
    r"\b(?:de|du|des|la|le|les|l|d|j|n|s|c|qu|m|t|en|et|a|au|aux|un|une|pour|sur|par|ou"
    r"|votre|vos|son|sa|ses|mon|ma|mes|ce|cette|ces)\b"
)
# Plural and feminine endings: "electorales" -> "electoral", "creches" -> "crech".
_STEM = re.compile(r"\b([a-z0-9]{3,}?)(?:es|s|x|e)\b")


def fold(text: str) -> str:
    """Lower case without accents, with one kind of apostrophe and single spaces."""
    text = text.translate(_TYPO)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", text.lower()).strip()


def cue_form_folded(folded: str) -> str:
    """`cue_form` for text that is already folded."""
    words = _NON_WORD.sub(" ", folded)
    words = _FUNCTION_WORDS.sub(" ", words)
    words = _STEM.sub(r"\1", words)
    return " " + _SPACES.sub(" ", words).strip() + " "


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
