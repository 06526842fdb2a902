"""What a screen reader is told about a page: the text that labels or describes a control."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser


def referenced_text(page: str, selector: str, attribute: str) -> list[str]:
    """For each element matching `selector`, the text of the elements its `attribute`
    (aria-describedby, aria-labelledby) points to, joined; "" when it points to none."""
    tree = LexborHTMLParser(page)
    texts = []
    for node in tree.css(selector):
        ids = (node.attributes.get(attribute) or "").split()
        parts = [tree.css_first(f'[id="{i}"]') for i in ids]
        texts.append(" ".join(p.text(strip=True) for p in parts if p is not None))
    return texts
