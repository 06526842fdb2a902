"""Lone surrogates: code points U+D800 to U+DFFF on their own, which are not characters.

They reach Python strings from JSON and YAML escapes (`"\\ud800"`) and from command-line
arguments holding bytes that are not UTF-8 (decoded with "surrogateescape"); UTF-8 cannot
encode them, so SQLite, PostgreSQL and every file barometre writes fail on them. Inputs refuse
them here, in French, before anything is saved.
"""

from __future__ import annotations

import re

SURROGATE = re.compile("[\ud800-\udfff]")
# one not part of a high-low pair (a JSON or YAML escape may write an emoji as a pair)
LONE_SURROGATE = re.compile(
    "[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"
)
SURROGATE_PROBLEM = "moitié isolée d'une paire de substitution UTF-16, qui n'est pas un caractère"


def surrogate_problem(text: str) -> str | None:
    """« caractère U+D800 invalide à la position 3 (…) » for the first lone surrogate of
    `text`, None when it has none."""
    match = LONE_SURROGATE.search(text)
    if match is None:
        return None
    return (
        f"caractère U+{ord(match.group()):04X} invalide à la position {match.start() + 1} "
        f"({SURROGATE_PROBLEM})"
    )


def surrogate_shown(text: str) -> str:
    """`text` printable in UTF-8: each lone surrogate shown as U+FFFD."""
    return SURROGATE.sub("\ufffd", text)


def surrogates_joined(text: str) -> str:
    """`text` with each high-low pair of surrogates joined into its character and each lone
    one replaced by U+FFFD: for text extracted from a document (a PDF whose glyph map gives
    "\ud800"), which the user cannot correct and which is otherwise whole."""
    if not SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
