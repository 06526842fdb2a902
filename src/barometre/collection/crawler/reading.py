"""How much of a page detection reads. Pure: bytes in, bytes and a sentence out.

Detection (`barometre.detection`) runs in the audit process on every HTML page the crawl sends,
and its work grows with the elements it reads one by one: each link out of the site, button,
form field, form, frame and heading is read with its surroundings, each option of a list is a
line of text. A page of 80,000 buttons held the audit process 4 s, 20,000 submit inputs 18 s,
5,000 links out of the site naming a procedure 1.2 s (16 s when they share one paragraph, whose
text each reads again), where a typical page takes a few ms (`bench/huge_pages.py`). The page is
read up to the first element past a limit below: a linear scan of its start tags finds where,
before any parsing, and the part before it is what detection reads. A page within every limit is
read whole, as before.

The limits are far above what municipal pages hold: the labelled pages
(tests/detection/labelled/pages.jsonl, written after real sites) have at most 55 links, 17
buttons and fields, 9 headings, 3 forms and a nesting of 8 blocks; a big city's page with a mega
menu, a cookie banner and an accordion of questions has a few hundred links and a hundred or so
buttons. Forms are counted with the fields and buttons they hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import numpy as np

from barometre.collection.crawler.links import BLOCK_TAG, MAX_LINKS, links_note
from barometre.core.typography import grouped

# elements read one by one with their surroundings: links out of the page's host, buttons,
# fields, forms, frames, headings (summed: their costs add up on one page)
MAX_ELEMENTS = 1000
MAX_OPTIONS = 2000  # <option> of lists (a list of every commune of a department: under 1,000)
MAX_DEPTH = 250  # block elements open at once (each link of a nested block reads all below it)
# text elements (<span>, <i>, <font>...) open at once: detection unwraps them, in the square of
# their depth (100,000 unclosed <i>, 300 KB, took 139 s; 1,000 take a few ms)
MAX_INLINE_DEPTH = 1000
MAX_TAGS = 100_000  # any tag (every "<" counts): a page of 500,000 empty <ul></ul> took 0.9 s

_LINK = re.compile(rb"<(?:a|area)[\s/>]", re.IGNORECASE)
_ELEMENT = re.compile(rb"<(?:button|input|select|textarea|form|iframe|h[1-6])[\s/>]", re.IGNORECASE)
_OPTION = re.compile(rb"<option[\s/>]", re.IGNORECASE)
# a block's start and end tags marked by a byte each (the page's own such bytes read as "x",
# which makes no tag and unmakes none), every other byte left out
_INLINE = (
    rb"<(/?)(?:b|strong|em|i|u|span|abbr|small|sup|sub|code|mark|time|font|cite|q|s|label|bdi"
    rb"|dfn|kbd|var)[\s/>]"
)


def _nested(
    pattern: bytes, limit: int
) -> tuple[re.Pattern[bytes], re.Pattern[bytes], re.Pattern[bytes], int]:
    """The start tags, the end tags and both of `pattern` (`(/?)` before the name), `limit`."""
    start = re.compile(pattern.replace(b"(/?)", b""), re.IGNORECASE)
    end = re.compile(pattern.replace(b"(/?)", b"/"), re.IGNORECASE)
    return start, end, re.compile(pattern, re.IGNORECASE), limit


_NESTED = {
    "depth": _nested(BLOCK_TAG.pattern, MAX_DEPTH),
    "inline": _nested(_INLINE, MAX_INLINE_DEPTH),
}
_TAGS = re.compile(b"(?:[^<]*<){%d}" % (MAX_TAGS + 1))
_UNMARKED = bytes.maketrans(b"\x01\x02", b"xx")
_NOT_MARKS = bytes(b for b in range(256) if b not in (1, 2))
MAX_TAG = 2000  # bytes of a link's start tag read for its href (a longer one counts as out)
_HREF = re.compile(rb"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.IGNORECASE)
_PATH = re.compile(rb"[/?#]")
_AMBIGUOUS = re.compile(rb"[\s&\\\x00-\x1f]")  # entities, backslashes, spaces: counted as out


@dataclass(frozen=True, slots=True)
class Reading:
    """The part of a page detection reads (None: the page whole) and what the site's record
    says of a page read in part ("" for a page read whole)."""

    part: bytes | None
    note: str


def _leaves(body: bytes, start: int, host: bytes) -> bool:
    """Whether the `<a>` or `<area>` whose attributes start at `start` may lead out of `host`
    (an upper bound: what this scan cannot tell for sure counts as out; no href is no link).
    At most MAX_TAG bytes are read, not consumed: a page of unclosed `<a` is read once."""
    end = body.find(b">", start, start + MAX_TAG)
    if end < 0:
        return True
    found = _HREF.search(body, start, end)
    if found is None:
        return False
    quoted = found.group(1) if found.group(1) is not None else found.group(2)
    href = (found.group(3) or b"" if quoted is None else quoted).lower()
    if href[:1] in (b'"', b"'"):  # a quoted value holding ">": not read here
        return True
    if href.startswith(b"/"):  # within the host, unless "//host" (or "/\\", "/&#47;" read so)
        return href[1:2] in (b"/", b"\\", b"&")
    head = _PATH.split(href, maxsplit=1)[0]  # the scheme and host, or a relative path's start
    if _AMBIGUOUS.search(head):  # an entity or a backslash may make it another host
        return True
    scheme, colon, _ = head.partition(b":")
    if not colon or scheme not in (b"http", b"https"):
        return False  # a relative address, or none detection reads (mailto:, tel:, javascript:)
    if not href.startswith(scheme + b"://"):
        return True
    authority = _PATH.split(href[len(scheme) + 3 :], maxsplit=1)[0]
    return authority != host or _AMBIGUOUS.search(authority) is not None


def page_part(body: bytes, host: str) -> Reading:
    """The page up to its first element past a limit, and the record's sentence on it; the page
    of `host` (its address's host and port, lowercase) whole when it is within every limit.
    Linear in the page: past MAX_TAGS tags the rest is not looked at, and the tags before are
    found by regular expressions (some 1 µs each)."""
    past = _TAGS.match(body)
    if past is not None:
        body = body[: past.end() - 1]
    links = list(islice(_LINK.finditer(body), MAX_LINKS + 1))
    own = host.lower().encode()
    out = [m.start() for m in links[:MAX_LINKS] if _leaves(body, m.end() - 1, own)]
    elements = [m.start() for m in islice(_ELEMENT.finditer(body), MAX_ELEMENTS + 1)]
    options = list(islice(_OPTION.finditer(body), MAX_OPTIONS + 1))
    cuts = [(_too_deep(body, *nested), kind) for kind, nested in _NESTED.items()]
    if len(links) > MAX_LINKS:
        cuts.append((links[MAX_LINKS].start(), "links"))
    if len(out) + len(elements) > MAX_ELEMENTS:
        cuts.append((sorted(out[: MAX_ELEMENTS + 1] + elements)[MAX_ELEMENTS], "elements"))
    if len(options) > MAX_OPTIONS:
        cuts.append((options[MAX_OPTIONS].start(), "options"))
    at, kind = min((c for c in cuts if c[0] >= 0), default=(-1, ""))
    if kind:
        return Reading(body[:at], kind)
    return Reading(body, "tags") if past is not None else Reading(None, "")


def _too_deep(
    body: bytes,
    start: re.Pattern[bytes],
    end: re.Pattern[bytes],
    tag: re.Pattern[bytes],
    limit: int,
) -> int:
    """Where the page opens its `limit` + 1-th element inside one another (the start of its
    `start` tag), or -1.

    Counted as `links.too_deeply_nested` counts (an end tag with no element open closes none),
    without a step of Python for each tag: the tags are marked by two substitutions and kept
    alone, and the depth after each is the running sum of their steps less its running
    minimum."""
    marked = end.sub(b"\x02", body.translate(_UNMARKED))
    marked = start.sub(b"\x01", marked).translate(None, _NOT_MARKS)
    if marked.count(1) <= limit:  # fewer elements than that: none that deep
        return -1
    steps = np.frombuffer(marked, dtype=np.uint8).astype(np.int32) * -2 + 3  # 1 -> 1, 2 -> -1
    sums = np.cumsum(steps)
    depth = sums - np.minimum(np.minimum.accumulate(sums), 0)
    deep = np.flatnonzero(depth > limit)
    if not deep.size:
        return -1
    return next(islice(tag.finditer(body), int(deep[0]), None)).start()


def reading_note(url: str, kind: str) -> str:
    """What the site's record says of a page read in part (`kind`, from `page_part`)."""
    if kind == "links":
        return links_note(url)
    said = {
        "elements": f"plus de {grouped(MAX_ELEMENTS)} boutons, champs, formulaires, cadres, "
        f"titres ou liens vers d'autres sites, lue jusqu'au {grouped(MAX_ELEMENTS)}e seulement",
        "options": f"plus de {grouped(MAX_OPTIONS)} choix de listes, lue jusqu'au "
        f"{grouped(MAX_OPTIONS)}e seulement",
        "depth": f"plus de {MAX_DEPTH} blocs imbriqués, lue jusqu'au {MAX_DEPTH}e seulement",
        "inline": f"plus de {grouped(MAX_INLINE_DEPTH)} balises de texte imbriquées, lue "
        f"jusqu'à la {grouped(MAX_INLINE_DEPTH)}e seulement",
        "tags": f"plus de {grouped(MAX_TAGS)} balises, lue jusqu'à la {grouped(MAX_TAGS)}e "
        "seulement",
    }[kind]
    return f"page {url[:200]}\u00a0: {said} (archivée en entier)"
