"""A library's English message read through a table of patterns, as the French reason a user
reads: the crawler's, the database's and Redis's messages are all read this way."""

from __future__ import annotations

import re

# (pattern searched in the English text, French reason; `{name}` takes the pattern's group)
Reasons = tuple[tuple[re.Pattern[str], str], ...]


def french_reason(reasons: Reasons, text: str, otherwise: str) -> str:
    """The French reason of the first pattern found in `text`, its named groups filled in;
    `otherwise` when none is."""
    for pattern, french in reasons:
        found = pattern.search(text)
        if found:
            return french.format(**found.groupdict())
    return otherwise
