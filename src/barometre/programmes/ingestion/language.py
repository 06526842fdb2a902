"""Is a programme written in French? A cheap check at import, before any reading.

The reading rules are French: a programme in another language would be read as one that never
mentions digital. French function words (articles, prepositions, pronouns, the commonest verbs)
make a large and steady part of any French text; they are rare in English, German, Spanish or
Italian ones, where a few (« de », « la », « en ») are shared. See docs/programmes.md for the
threshold and the samples it was set on.
"""

from __future__ import annotations

import re

# Very common French words that other languages written with the Latin alphabet seldom use as
# is (« la », « les », « il », « que », « son » left out: Spanish, Italian or Catalan use them).
FRENCH_WORDS = frozenset(
    (
        "le",
        "des",
        "du",
        "et",
        "au",
        "aux",
        "un",
        "une",
        "est",
        "sont",
        "nous",
        "notre",
        "nos",
        "vous",
        "votre",
        "vos",
        "pour",
        "dans",
        "sur",
        "par",
        "avec",
        "qui",
        "pas",
        "plus",
        "ce",
        "cette",
        "ces",
        "leur",
        "leurs",
        "ils",
        "elle",
        "elles",
        "ses",
        "être",
        "avoir",
        "fait",
        "ou",
        "mais",
        "aussi",
        "tous",
        "toutes",
        "tout",
        "toute",
        "très",
        "entre",
        "sans",
    )
)
_WORD = re.compile(r"[^\W\d_]+")
# Below this share of French function words the text is not French. Set on samples (see
# docs/programmes.md): the 260 rewritten French passages of rw-eval and rw-tune and the French
# test programmes have 0.094 to 0.35; English, German, Spanish, Italian and Catalan programme
# texts 0 to 0.041.
MIN_FRENCH_SHARE = 0.06
MIN_TOKENS = 50  # a shorter text is not judged (it is taken as French)


def french_share(text: str) -> tuple[float, int]:
    """The share of French function words among the words of `text` (elisions split), and the
    number of words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return 0.0, 0
    return sum(w in FRENCH_WORDS for w in words) / len(words), len(words)


def is_french(text: str) -> bool:
    share, words = french_share(text)
    return words < MIN_TOKENS or share >= MIN_FRENCH_SHARE
