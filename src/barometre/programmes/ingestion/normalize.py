"""Text clean-up after extraction, and the fingerprint that detects duplicate programmes."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from barometre.core.surrogates import surrogates_joined

_SOFT_HYPHEN = "\u00ad"
# A line ending in a hyphen before a lower-case word: the hyphen is kept and the line joined
# ("week-\nend" -> "week-end"). A compound broken at its own hyphen (centre-ville, grands-parents,
# e-administration, wi-fi) is far more common in a PDF text layer than a word hyphenated by
# justification, and dropping a real hyphen changes the evidence and can hide a hyphenated cue;
# keeping a justification hyphen ("dématé-rialisation") only leaves a visible mark.
_HYPHEN_BREAK = re.compile(r"(\w-)\n(?=[a-zàâäçéèêëîïôöùûüÿœæ])")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u202f\u2009]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# A line broken in the middle of a sentence: the next line starts in lower case.
_WRAPPED = re.compile(r"(?<=[^\n.!?:;])\n(?=[a-zàâäçéèêëîïôöùûüÿœæ(])")
_NOT_WORD = re.compile(r"[\W_]+")


def clean_text(text: str) -> str:
    """NFC, one kind of newline, no soft hyphens, lines cut by wrapping rejoined (a hyphen at a
    line's end is kept: "week-\nend" -> "week-end"); a lone surrogate, which a PDF's glyph map
    can give and no database can store, becomes U+FFFD (as in an HTML page's "&#xD800;")."""
    text = (
        unicodedata.normalize("NFC", surrogates_joined(text))
        .replace("\r\n", "\n")
        .replace("\r", "\n")
    )
    text = text.replace(_SOFT_HYPHEN, "").replace("\x00", "")
    text = _HYPHEN_BREAK.sub(r"\1", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _WRAPPED.sub(" ", _BLANK_LINES.sub("\n\n", "\n".join(lines))).strip()


def text_fingerprint(text: str) -> str:
    """SHA-256 of the words only (case, accents' composition, spacing and punctuation ignored).

    The same programme read from its PDF and from its web page gets the same fingerprint when the
    extractions agree on the words.
    """
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest() if words else ""
