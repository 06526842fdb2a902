"""Menus in the main content: link-dense blocks and blocks named like menus; heading paths."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

_NAV_NAME = re.compile(
    r"menu|nav|acces-?rapide|quick|footer|header|sidebar|breadcrumb|ariane|pied|bandeau|lienmenu"
    r"|toolbar|social|partage|bottom|bas-?de-?page|colophon",
    re.IGNORECASE,
)
_CLIMB = frozenset({"li", "span", "strong", "b", "em", "font", "i", "small"})


class NavJudge:
    """Tells links of menus (link-dense lists, blocks named like menus) from links of content."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.cache: dict[int, bool] = {}
        self.named: dict[int, bool] = {}
        self.containers: dict[int, LexborNode] = {}

    def _named_nav(self, node: LexborNode | None) -> bool:
        for _ in range(5):
            if node is None or node.tag in {"main", "article", "body"}:
                return False
            attrs = node.attributes
            name = (attrs.get("class") or "") + " " + (attrs.get("id") or "")
            if _NAV_NAME.search(name):
                self.containers[node.mem_id] = node
                return True
            node = node.parent
        return False

    def is_nav(self, link: LexborNode) -> bool:
        parent = link.parent
        if parent is None:
            return False
        key = parent.mem_id
        if key not in self.named:
            self.named[key] = self._named_nav(parent)
        if self.named[key]:
            return True
        node: LexborNode | None = parent
        while node is not None and node.tag in _CLIMB:
            node = node.parent
        for _ in range(2):
            if node is None or node.tag in {"main", "article", "body"}:
                return False
            if self._dense(node):
                return True
            node = node.parent
        return False

    def _dense(self, node: LexborNode) -> bool:
        key = node.mem_id
        if key not in self.cache:
            links = node.css("a")
            dense = False
            # the block that holds the page's title is the content itself, not a menu in it,
            # however many quick links and agenda items its template adds
            if len(links) >= 6 and node.css_first("h1") is None:
                text_len = len(node.text(separator=" ", strip=True)) or 1
                link_len = sum(len(a.text(separator=" ", strip=True)) for a in links)
                hrefs = [a.attributes.get("href") or "" for a in links]
                internal = sum(1 for h in hrefs if not h.startswith("http") or self.host in h)
                dense = link_len >= 0.5 * text_len and internal >= 0.5 * len(links)
            self.cache[key] = dense
            if dense:
                self.containers[key] = node
        return self.cache[key]


HEADING_SEPARATOR = " \u203a "


class HeadingPath:
    """The headings above a point of the page (h2 > h3 > ...), a deeper one replacing its peers."""

    def __init__(self) -> None:
        self.levels: dict[int, str] = {}

    def enter(self, level: int, text: str) -> None:
        self.levels = {k: v for k, v in self.levels.items() if k < level}
        self.levels[level] = text

    def text(self) -> str:
        return HEADING_SEPARATOR.join(self.levels[k] for k in sorted(self.levels))
