"""A value a user sent, as an error message repeats it: short, and without control characters.

A forged form field may hold a NUL byte, terminal escapes, bidirectional overrides or ten
thousand characters; an error that names the value shows each such character as U+FFFD and
cuts the value to `limit` characters (with « … »), so the page stays readable and well formed.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
# controls (NUL, ESC, DEL…), format characters (bidirectional overrides), line and paragraph
# separators, and lone surrogates (bytes that were not UTF-8)
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def echoed(value: object, limit: int = 40) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(REPLACEMENT if unicodedata.category(c) in _HIDDEN else c for c in text)
