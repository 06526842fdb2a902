"""What a page is made of once read: its title, headings, lines of main content (blocks) and the
elements that carry signals (links, forms, buttons, frames). Both readers build it: HTML in
`structure`, text-only pages in `textpage`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from barometre.detection.model import Link
from barometre.detection.text import fold_many

MAX_TEXT_CHARS = 120_000
MAX_CONTEXT_CHARS = 500

# the box of service-public.fr questions that co-branded ("comarquage") pages append
QA_WIDGET = re.compile(
    r"^(?:Question-r[ée]ponse|Questions\s?\?\s?R[ée]ponses\s?!?)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Element:
    """A link, form, button or embedded frame of the main content, with its surroundings."""

    tag: str
    url: str
    text: str
    context: str
    heading: str
    fields: int = 0
    has_submit: bool = False
    has_file: bool = False
    has_password: bool = False
    is_search: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """A line of main-content text, the heading of its section, the links (indexes) it holds."""

    text: str
    heading: str
    links: tuple[int, ...] = ()
    folded: str = ""


@dataclass(frozen=True, slots=True)
class Structure:
    url: str
    title: str
    h1: tuple[str, ...]
    headings: tuple[str, ...]
    breadcrumb: str
    blocks: tuple[Block, ...]
    elements: tuple[Element, ...]
    links: tuple[Link, ...]
    markers: tuple[str, ...]
    text_only: bool = False


def clean(text: str) -> str:
    return " ".join(text.split())


def with_folded(blocks: list[Block]) -> tuple[Block, ...]:
    folded = fold_many([b.text for b in blocks])
    return tuple(Block(b.text, b.heading, b.links, f) for b, f in zip(blocks, folded, strict=True))
