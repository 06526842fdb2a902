"""HTML: the main content only (trafilatura), else the visible text without page furniture."""

from __future__ import annotations

import logging
import re

import trafilatura
from selectolax.lexbor import LexborHTMLParser

from barometre.programmes.ingestion.text import decode_text

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_FURNITURE = "script, style, noscript, nav, header, footer, aside, form, iframe, svg"

logging.getLogger("trafilatura").setLevel(logging.ERROR)


def decode_html(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)[0]


def _fallback(html: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css(_FURNITURE):
        node.decompose()
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    return root.text(separator="\n", strip=True) if root is not None else ""


SHORT = 500  # characters: below this, the precise extraction probably missed the programme


def _trafilatura(html: str, *, precise: bool) -> str:
    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=precise,
        favor_recall=not precise,
        deduplicate=False,
    )
    return text.strip() if text else ""


def extract_html(data: bytes) -> str:
    """Precise extraction first (leaves banners out), recall-oriented if it finds too little."""
    html = decode_html(data)
    text = _trafilatura(html, precise=True)
    if len(text) < SHORT:
        recalled = _trafilatura(html, precise=False)
        text = recalled if len(recalled) > 2 * len(text) else text
    return text or _fallback(html)
