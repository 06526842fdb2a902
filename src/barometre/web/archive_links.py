"""Links of an archived page, pointed at the archive (pure: text in, text out).

An archived page is served from `/preuve/<id>/archive/` in a sandboxed frame whose policy
forbids `<base>` (`base-uri 'none'`): its relative links would resolve against the
observatory's address (`/demarches/` on this site) and its absolute ones would try to leave
the sandbox. Before it is served, each link (`<a href>`, `<area href>`) is resolved against
the page's own address (or its `<base href>`, which the browser is not allowed to read), then:

- a link to a place in the same page becomes `#fragment`;
- a link to a page archived in the same campaign opens its copy, in the frame;
- any other link is made inert (no `href`), its title saying where it went; the viewer lists
  the page's links under the frame, each to its archived copy or to its original address in a
  new tab.

Its `<link>` elements: a stylesheet (`rel="stylesheet"`) archived in the same campaign is
loaded from its copy on the observatory (`/preuve/<id>/style/`), so that the page looks as the
resident saw it; every other `<link>` (a stylesheet not archived, a preload, an icon, a DNS
prefetch…) loses its `href` and loads nothing.

The words the detector quoted from the page (`marks`) are highlighted where the page's text
holds them, whitespace and tags between its words aside (a paragraph with a link): each text run
holding a quote or a piece of one is written back escaped, the quoted words in `<mark>`.
Only the page's own text goes into the page; nothing of the quote is inserted as markup.

This is for reading, not for safety: the sandbox and the policy still forbid every script and
every request of the archived page outside the observatory, whatever the rewriting misses.
"""

from __future__ import annotations

import codecs
import html
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import accumulate
from urllib.parse import urldefrag, urljoin, urlsplit

LINK_TAGS = frozenset({"a", "area"})
RESOURCE_TAG = "link"  # <link rel="stylesheet">, preloads, icons…
STYLESHEETS_MAX = 50  # distinct stylesheet addresses looked up in the archive, at most
TEXT_SHOWN = 120  # characters of a link's text kept for the list under the frame
LINKS_MAX = 2000  # distinct addresses looked up in the archive, at most
# elements whose text is no text of the page to highlight (code, a title, a form's value...)
UNMARKED_TAGS = frozenset(
    {"script", "style", "title", "textarea", "select", "template", "svg", "math", "head"}
)
MARK_QUOTE_MIN = 3  # shorter quotes are not looked for: they would match anywhere
MARKS_MAX = 20  # quotes looked for, at most
MARK_PREFIX = "barometre-passage-"  # the ids of the highlights, #barometre-passage-1 first
MARK_STYLE = "background:#ffe552;color:#161616;outline:1px solid #161616"


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link of the page to another address: absolute http(s), without its fragment."""

    url: str
    text: str


@dataclass(slots=True)
class _Tag:
    start: int
    end: int
    name: str
    attrs: list[tuple[str, str | None]]
    text: list[str]


class _Scanner(HTMLParser):
    """The page's link tags with their place in the text, and its first `<base href>`."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.tags: list[_Tag] = []
        self.texts: list[tuple[int, str]] = []  # each text run outside UNMARKED_TAGS: start, text
        self.base = ""
        self._open: _Tag | None = None
        self._unmarked = 0  # UNMARKED_TAGS open around the text read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNMARKED_TAGS:
            self._unmarked += 1
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base" and not self.base:
            self.base = dict(attrs).get("href") or ""
        if tag not in LINK_TAGS and tag != RESOURCE_TAG:
            return
        line, column = self.getpos()
        start = self.line_starts[line - 1] + column
        raw = self.get_starttag_text() or ""
        if self.source[start : start + len(raw)] != raw:  # never rewrite what was not read
            return
        found = _Tag(start=start, end=start + len(raw), name=tag, attrs=attrs, text=[])
        self.tags.append(found)
        if tag != RESOURCE_TAG:  # a <link> has no text, and leaves an open <a> open
            self._open = found if tag == "a" else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text.append(data)
        if not self._unmarked:
            line, column = self.getpos()  # where the run starts (its end: the next "<")
            self.texts.append((self.line_starts[line - 1] + column, data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None
        if tag in UNMARKED_TAGS and self._unmarked:
            self._unmarked -= 1


def _scan(source: str, page_url: str) -> tuple[_Scanner, str]:
    scanner = _Scanner(source)
    try:
        scanner.feed(source)
        scanner.close()
    except (AssertionError, ValueError):  # a page the parser gives up on keeps its links
        scanner.tags = []
    base = page_url
    if scanner.base and _is_web(urljoin(page_url, scanner.base.strip())):
        base = urljoin(page_url, scanner.base.strip())
    return scanner, base


def _is_web(url: str) -> bool:
    try:
        return urlsplit(url).scheme.lower() in {"http", "https"} and "\n" not in url
    except ValueError:
        return False


def _target(href: str, base: str) -> tuple[str, str]:
    """The address a link goes to (without its fragment) and its fragment; ("", "") when it
    is not a web address."""
    try:
        resolved = urljoin(base, href.strip())
    except ValueError:
        return "", ""
    if not _is_web(resolved):
        return "", ""
    address, fragment = urldefrag(resolved)
    return address, fragment


def _attribute(value: str) -> str:
    """An attribute value in ASCII: HTML-escaped, other characters as references, so that it
    fits any charset the page is written in (undecodable bytes, kept as surrogates, stay)."""
    escaped = html.escape(value, quote=True)
    return "".join(
        c if ord(c) < 128 or 0xDC80 <= ord(c) <= 0xDCFF else f"&#{ord(c)};" for c in escaped
    )


def is_stylesheet(attrs: list[tuple[str, str | None]]) -> bool:
    """A `<link>` that the browser applies as a stylesheet (not an alternate one)."""
    rel = (dict(attrs).get("rel") or "").lower().split()
    return "stylesheet" in rel and "alternate" not in rel


def _resource_tag(attrs: list[tuple[str, str | None]], href: str | None) -> str:
    """A `<link>` loading `href` (an archived copy), or nothing when None. Integrity and CORS
    attributes go: the copy is fetched from the observatory by an opaque origin."""
    dropped = {"href", "integrity", "crossorigin", "imagesrcset", "imagesizes"}
    kept = [(k, v) for k, v in attrs if k not in dropped]
    parts = [RESOURCE_TAG] + [k if v is None else f'{k}="{_attribute(v)}"' for k, v in kept]
    if href is not None:
        parts.append(f'href="{_attribute(href)}"')
    return "<" + " ".join(parts) + ">"


def _tag(name: str, attrs: list[tuple[str, str | None]], extra: dict[str, str]) -> str:
    kept = [(k, v) for k, v in attrs if k not in {"href", "target", "ping", "title", *extra}]
    parts = [name] + [k if v is None else f'{k}="{_attribute(v)}"' for k, v in kept]
    parts += [f'{k}="{_attribute(v)}"' for k, v in extra.items()]
    return "<" + " ".join(parts) + ">"


@dataclass(frozen=True, slots=True)
class _Run:
    """A run of the page's text: where it is in the source, as written and as read."""

    start: int
    end: int
    text: str


def _runs(scanner: _Scanner) -> list[_Run]:
    """The text runs whose source reads back as the parser read them (never rewrite what was
    not read: a run the parser split, a "<" that opens no tag, is left as it is)."""
    source = scanner.source
    found = []
    for start, text in scanner.texts:
        end = source.find("<", start)
        end = len(source) if end < 0 else end
        if end > start and html.unescape(source[start:end]) == text:
            found.append(_Run(start, end, text))
    return found


_JOINT = "\x1f"  # between two runs of the page's text (a tag was there): no character of a page


def _quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A quote's words in the page's text runs joined by _JOINT: any whitespace or tags between
    two words, tags inside a word (`<a>dossier</a>.`); the quote has its words on one line, its
    ellipsis cut off. None for a quote too short to look for."""
    words = quote.rstrip("…").split()
    if len(" ".join(words)) < MARK_QUOTE_MIN:
        return None
    spelled = [f"{_JOINT}?".join(re.escape(char) for char in word) for word in words]
    return re.compile(rf"(?:\s|{_JOINT})+".join(spelled))


def _spans(runs: list[_Run], quotes: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
    """The spans to highlight in each run (by index): every place the page's text holds a
    quote, within one run or across several (a paragraph with a link: each run its piece)."""
    text = _JOINT.join(run.text for run in runs)
    starts = list(accumulate((len(run.text) + 1 for run in runs[:-1]), initial=0))
    spans: dict[int, list[tuple[int, int]]] = {}
    for quote in list(dict.fromkeys(quotes))[:MARKS_MAX]:
        pattern = _quote_pattern(quote)
        for match in pattern.finditer(text) if pattern is not None else ():
            index = bisect_right(starts, match.start()) - 1
            while index < len(runs) and starts[index] < match.end():
                start = max(match.start(), starts[index]) - starts[index]
                end = min(match.end(), starts[index] + len(runs[index].text)) - starts[index]
                piece = runs[index].text[start:end]
                if piece.strip():  # its words, not the spaces around them
                    start += len(piece) - len(piece.lstrip())
                    spans.setdefault(index, []).append((start, start + len(piece.strip())))
                index += 1
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _highlights(scanner: _Scanner, quotes: Sequence[str]) -> list[tuple[int, int, str]]:
    """The runs holding the quotes, each as (start, end, its text written back escaped with
    the quoted words in `<mark>`), in the order of the page."""
    if not quotes:
        return []
    runs = _runs(scanner)
    written = []
    count = 0
    for index, spans in sorted(_spans(runs, quotes).items()):
        run = runs[index]
        pieces, last = [], 0
        for start, end in _merged(spans):
            count += 1
            mark = f'<mark id="{MARK_PREFIX}{count}" style="{MARK_STYLE}">'
            pieces += [_attribute(run.text[last:start]), mark, _attribute(run.text[start:end])]
            pieces.append("</mark>")
            last = end
        pieces.append(_attribute(run.text[last:]))
        written.append((run.start, run.end, "".join(pieces)))
    return written


class LinkedPage:
    """An archived page read once for its links (`links`), and written back with its links
    resolved (`rewritten`)."""

    def __init__(self, source: str, *, page_url: str) -> None:
        self.source = source
        self.here = urldefrag(page_url)[0]
        self._scanner, self._base = _scan(source, page_url)

    def links(self) -> list[PageLink]:
        """The page's links to other addresses, each once, in the order of the page."""
        found: dict[str, PageLink] = {}
        for tag in self._scanner.tags:
            if tag.name == RESOURCE_TAG:
                continue
            href = dict(tag.attrs).get("href")
            address = _target(href, self._base)[0] if href else ""
            if not address or address == self.here or address in found:
                continue
            text = " ".join("".join(tag.text).split())
            found[address] = PageLink(url=address, text=text[:TEXT_SHOWN])
            if len(found) >= LINKS_MAX:
                break
        return list(found.values())

    def stylesheets(self) -> list[str]:
        """The addresses of the page's stylesheets, each once, in the order of the page."""
        found: dict[str, None] = {}
        for tag in self._scanner.tags:
            href = dict(tag.attrs).get("href")
            if tag.name != RESOURCE_TAG or not href or not is_stylesheet(tag.attrs):
                continue
            address = _target(href, self._base)[0]
            if address:
                found.setdefault(address, None)
            if len(found) >= STYLESHEETS_MAX:
                break
        return list(found)

    def rewritten(
        self,
        *,
        archived: Mapping[str, str],
        notice: str,
        elsewhere: str,
        notices: Mapping[str, str] | None = None,
        styles: Mapping[str, str] | None = None,
        marks: Sequence[str] = (),
    ) -> str:
        """The page with each link resolved: to `#fragment` in the page itself, to
        `archived[address]` (the local address of its copy) when archived, else inert with the
        title `notices[address]` or `notice`, followed by the address (`elsewhere` when it is no
        web address). A stylesheet loads from `styles[address]` (the local address of its
        copy); any other `<link>` loses its address. The words of `marks` (quotes of the
        page) are highlighted (`_highlights`)."""
        changes = _highlights(self._scanner, marks)
        for tag in self._scanner.tags:
            href = dict(tag.attrs).get("href")
            if href is None:
                continue
            address, fragment = _target(href, self._base)
            if tag.name == RESOURCE_TAG:
                local = (styles or {}).get(address) if is_stylesheet(tag.attrs) else None
                changes.append((tag.start, tag.end, _resource_tag(tag.attrs, local)))
                continue
            if address and address == self.here:
                extra = {"href": f"#{fragment}"}
            elif address in archived:
                extra = {"href": archived[address] + (f"#{fragment}" if fragment else "")}
            elif address:
                extra = {"title": f"{(notices or {}).get(address, notice)} {address}"}
            else:
                extra = {"title": elsewhere}
            changes.append((tag.start, tag.end, _tag(tag.name, tag.attrs, extra)))
        return _spliced(self.source, changes)


def _spliced(source: str, changes: list[tuple[int, int, str]]) -> str:
    """`source` with each (start, end) span replaced by its text (spans never overlap: tags
    and the text runs between them)."""
    pieces: list[str] = []
    last = 0
    for start, end, text in sorted(changes):
        pieces += [source[last:start], text]
        last = end
    pieces.append(source[last:])
    return "".join(pieces)


def html_charset(charset: str) -> str | None:
    """The codec of a served page's charset (UTF-8 when it has none, as the viewer serves it),
    or None when links cannot be rewritten in it (unknown, or not ASCII-compatible)."""
    try:
        name = codecs.lookup(charset or "utf-8").name
    except LookupError:
        return None
    if b"<a href=#>".decode(name, "replace") != "<a href=#>":
        return None
    return name
