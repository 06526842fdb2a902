"""Which fields of a page's forms stretch to the page's full width on a desktop: DSFR forms give
a short field (a number, a date, a code, a choice among names) a column of the grid
(`fr-col-md-N`, N under 12), so that it reads as short as what it holds."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
NARROW = re.compile(r"\bfr-col-(?:md|lg)-(?:[1-9]|1[01])\b")
FIELDS = {"input", "select"}
SKIPPED = {"hidden", "submit", "button", "checkbox", "radio", "search"}


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, narrow) of the elements around
        self.full_width: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        narrow = bool(NARROW.search(found.get("class") or ""))
        shown = tag in FIELDS and found.get("type") not in SKIPPED
        if shown and not narrow and not any(n for _, n in self.open):
            self.full_width.append(found.get("id") or found.get("name") or tag)
        if tag not in VOID:
            self.open.append((tag, narrow))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.open) - 1, -1, -1):  # close up to the matching element
            if self.open[i][0] == tag:
                del self.open[i:]
                return


def full_width_fields(page: str) -> list[str]:
    """The ids of the page's text, number and choice fields that no narrower column holds."""
    parser = _Fields()
    parser.feed(page)
    return parser.full_width
