"""A library's English message read through a table of patterns, as the French reason a user
reads: the crawler's, the database's and Redis's messages are all read this way."""

from __future__ import annotations

import re

# (pattern searched in the English text, French reason; `{name}` takes the pattern's group)
Reasons = tuple[tuple[re.Pattern[str], str], ...]


def french_reason(reasons: Reasons, text: str, otherwise: str, *, longest: int = 0) -> str:
    """The French reason of the first pattern found in `text`, its named groups filled in (one
    that took no part: empty), each cut to `longest` characters when given (an address quoted
    from the text); `otherwise` when none is."""
    for pattern, french in reasons:
        found = pattern.search(text)
        if found:
            values = {
                name: (value or "")[: longest or None] for name, value in found.groupdict().items()
            }
            return french.format(**values)
    return otherwise
