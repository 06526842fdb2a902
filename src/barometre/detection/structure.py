"""Page structure: title, headings, URL, main-content text and the elements that carry signals.

HTML is parsed with selectolax (lexbor); menus, headers, footers and sidebars are set aside so
that the service words they are full of do not count. Text-only pages get the same structure
from their lines (`textpage`).
Nothing here raises on bad input: unreadable markup gives an empty structure.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from barometre.detection.layout import (
    MAX_CONTEXT_CHARS,
    MAX_TEXT_CHARS,
    QA_WIDGET,
    Block,
    Element,
    Structure,
    clean,
    with_folded,
)
from barometre.detection.model import Link, Page
from barometre.detection.navigation import HeadingPath, NavJudge
from barometre.detection.textpage import structure_from_text
from barometre.detection.urls import absolute, absolute_cached, decode_html

MAX_HTML_CHARS = 1_500_000

_CHROME = (
    "nav, aside, footer, [role=navigation], [role=banner], [role=contentinfo],"
    " [role=complementary], [role=search], #menu, .menu, .navbar, #nav, .nav, .mega-menu,"
    " #header, .header, #footer, .footer, .sidebar, #sidebar, .skip-links, .skiplinks,"
    " .fr-header, .fr-footer, .fr-sidemenu, .cookies, #cookies, .cookie-banner, .share,"
    " .breadcrumb, .fr-breadcrumb, #breadcrumb, .ariane, #ariane, script, style, noscript,"
    " template, svg"
)
_MAIN = (
    "main",
    "[role=main]",
    "#main-content",
    "#content",
    "#contenu",
    ".main-content",
    "#main",
    "article",
    ".content",
    "#page",
)
_BREADCRUMB = (
    ".breadcrumb, .fr-breadcrumb, #breadcrumb, .ariane, #ariane, [aria-label=breadcrumb],"
    ' [aria-label="fil d\'Ariane"], [aria-label="Fil d\'Ariane"]'
)
_INLINE = [
    "a", "b", "strong", "em", "i", "u", "span", "abbr", "small", "sup", "sub", "code", "mark",
    "time", "font", "cite", "q", "s", "label", "bdi", "dfn", "kbd", "var", "br",
]  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "li", "td", "dd", "dt", "div", "section", "blockquote", "tr", "figure", "form", "th"}
)
_SIGNAL_NODES = "h1, h2, h3, h4, h5, h6, a[href], form, button, iframe, input[type=submit]"
_LINK_TAG = re.compile("\u27e6(\\d+)\u27e7")


def structure_from_page(page: Page, *, marker_selectors: tuple[str, ...] = ()) -> Structure:
    if page.html is not None and (page.text is None or len(page.html) > 0):
        try:
            return _from_html(page.url, decode_html(page.html), marker_selectors)
        except Exception:  # noqa: BLE001 - malformed markup must never stop an audit
            pass
    return structure_from_text(page.url, page.text or "")


def _from_html(url: str, html: str, marker_selectors: tuple[str, ...]) -> Structure:
    html = html[:MAX_HTML_CHARS]
    if "\u27e6" in html or "\u27e7" in html:  # the link markers of _elements must be ours
        html = html.replace("\u27e6", "[").replace("\u27e7", "]")
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = clean(title_node.text()) if title_node is not None else ""
    links = _all_links(tree, url)
    h1 = tuple(t for t in (clean(n.text(separator=" ")) for n in tree.css("h1")) if t)
    crumb = tree.css_first(_BREADCRUMB)
    breadcrumb = clean(crumb.text(separator=" ")) if crumb is not None else ""
    main = _main_node(tree)
    if main is None:
        return Structure(url, title, h1, (), breadcrumb, (), (), links, ())
    for node in main.css(_CHROME):
        if node.css_first("h1") is None:
            node.decompose()
    markers = tuple(s for s in marker_selectors if _safe_first(main, s))
    elements, headings, levels = _elements(main, url)
    main.unwrap_tags(_INLINE)
    main.merge_text_nodes()
    blocks = _blocks(main.text(separator="\n")[:MAX_TEXT_CHARS], headings, levels)
    if not h1 and headings and blocks and blocks[0].text == headings[0]:
        # no <h1>: a heading that opens the main content is the page's title (old and small
        # sites put it in an <h2> or <h3>, and their <title> is often the site's name alone)
        h1, headings = headings[:1], headings[1:]
    if not title and h1:
        title = h1[0]
    return Structure(url, title, h1, headings, breadcrumb, blocks, elements, links, markers)


def _safe_first(node: LexborNode, selector: str) -> bool:
    try:
        return node.css_first(selector) is not None
    except Exception:  # noqa: BLE001 - a user's selector may be invalid
        return False


def _all_links(tree: LexborHTMLParser, base: str) -> tuple[Link, ...]:
    seen: dict[str, str] = {}
    for node in tree.css("a[href], area[href]"):
        target = absolute_cached(base, node.attributes.get("href") or "")
        if target is not None and target not in seen:
            seen[target] = clean(node.text(separator=" "))[:200]
    return tuple(Link(u, t) for u, t in seen.items())


def _main_node(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in _MAIN:
        node = tree.css_first(selector)
        if node is not None and len(node.text(separator=" ", strip=True)) >= 80:
            return node
    body = tree.body
    if body is None:
        return None
    for node in body.css(_CHROME):
        if node.css_first("h1") is None:
            node.decompose()
    return body


def _context(node: LexborNode) -> str:
    parent = node.parent
    for _ in range(4):
        if parent is None:
            break
        if parent.tag in _BLOCK_TAGS:
            text = clean(parent.text(separator=" "))
            return text if len(text) <= MAX_CONTEXT_CHARS else ""
        parent = parent.parent
    return ""


FILE_LINK = re.compile(r"\.(?:pdf|docx?|odt|rtf|xlsx?|ods)(?:$|\?)", re.IGNORECASE)
_ACTION_WORD = re.compile(
    r"^(?:je |j'|j\u2019)?(?:faire|fais|effectu|d[ée]pos|rempli|commenc|acc[ée]d|demand|r[ée]serv"
    r"|pa[yi]|r[ée]gl|prend|signal|d[ée]clar|inscri|s'inscri|s\u2019inscri|pr[ée]-?inscri|candidat"
    r"|postul|t[ée]l[ée]charg|mon |ma |mes |espace|portail|kiosque|guichet|compte|payer|acc[èe]s)",
    re.IGNORECASE,
)


_ONLINE_LABEL = re.compile(
    r"ligne|internet|t[ée]l[ée]service|formulaire|d[ée]marche|compte|espace|suiv|consult|connect"
    r"|identifi|portail|guichet|r[ée]serv|rendez-vous|pa[iy]",
    re.IGNORECASE,
)


def _may_signal(url: str, label: str, host: str) -> bool:
    """Whether a link could carry a signal (its surroundings are worth reading)."""
    if url.partition("://")[2].partition("/")[0] != host:
        return True
    return bool(FILE_LINK.search(url)) or bool(_ACTION_WORD.search(label))


def _elements(
    main: LexborNode, base: str
) -> tuple[tuple[Element, ...], tuple[str, ...], dict[str, int]]:
    """Signal-bearing elements in document order; each link's text is tagged with its index.

    Links of menus are left out, and the menus themselves removed from the main content.
    """
    path = HeadingPath()
    headings: list[str] = []
    levels: dict[str, int] = {}
    out: list[Element] = []
    tagged: list[tuple[LexborNode, int]] = []
    host = urlsplit(base).netloc.lower()
    judge = NavJudge(host)
    for node in main.css(_SIGNAL_NODES):
        tag = node.tag or ""
        if tag == "a" and judge.is_nav(node):
            continue
        text = clean(node.text(separator=" "))
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            if tag != "h1" and text:
                headings.append(text)
                levels.setdefault(text, int(tag[1]))
                path.enter(int(tag[1]), text)
        elif tag == "form":
            out.append(_form(node, base, text, path.text()))
        else:
            element = _linkish(node, tag, text, base, host, path.text())
            if element is not None:
                if tag == "a":
                    tagged.append((node, len(out)))
                out.append(element)
    for node, index in tagged:
        node.insert_after(f"\u27e6{index}\u27e7")
    for container in judge.containers.values():
        if container.css_first("h1") is None:
            container.decompose()
    return tuple(out), tuple(headings), levels


def _linkish(
    node: LexborNode, tag: str, text: str, base: str, host: str, heading: str
) -> Element | None:
    """A link, button or frame as an Element; None for plain links within the site."""
    attrs = node.attributes
    href = attrs.get("href") or attrs.get("src") or attrs.get("formaction") or ""
    target = absolute_cached(base, href) if href else None
    if tag == "a" and target is None:
        return None
    label = clean(text or attrs.get("title") or attrs.get("aria-label") or attrs.get("value") or "")
    may_signal = _may_signal(target or base, label, host)
    if tag == "a" and not may_signal and not _ONLINE_LABEL.search(label):
        return None  # a plain link within the site: no signal, no evidence URL
    context = _context(node) if may_signal else ""
    return Element(tag, target or base, label, context, heading)


def _form(node: LexborNode, base: str, text: str, heading: str) -> Element:
    fields = 0
    has_file = has_password = False
    has_submit = False
    names: list[str] = []
    for field in node.css("input, select, textarea, button"):
        attrs = field.attributes
        kind = (attrs.get("type") or ("submit" if field.tag == "button" else "text")).lower()
        if kind in {"submit", "image"}:
            has_submit = True
        elif kind in {"hidden", "button", "reset"}:
            continue
        else:
            fields += 1
            names.append((attrs.get("name") or "").lower())
            has_file = has_file or kind == "file"
            has_password = has_password or kind == "password"
    attrs = node.attributes
    action = absolute(base, attrs.get("action") or "") or base
    role = (attrs.get("role") or "") + " " + (attrs.get("class") or "") + " " + action
    is_search = (
        "search" in role.lower()
        or "recherche" in role.lower()
        or (
            fields == 1
            and bool(names)
            and names[0] in {"q", "s", "search", "query", "keys", "motcle"}
        )
    )
    return Element(
        "form", action, text[:MAX_CONTEXT_CHARS], "", heading, fields, has_submit, has_file,
        has_password, is_search,
    )  # fmt: skip


def _blocks(text: str, headings: tuple[str, ...], levels: dict[str, int]) -> tuple[Block, ...]:
    heading_set = set(headings)
    path = HeadingPath()
    current = ""
    out: list[Block] = []
    for raw in text.split("\n"):
        links: tuple[int, ...] = ()
        if "\u27e6" in raw:
            links = tuple(int(i) for i in _LINK_TAG.findall(raw))
            raw = _LINK_TAG.sub("", raw)
        line = clean(raw)
        if not line:
            continue
        if QA_WIDGET.match(line):
            break  # a co-branded "Question-réponse" box: an unrelated sheet, not the page
        if line in heading_set:
            path.enter(levels.get(line, 2), line)
            current = path.text()
        out.append(Block(line, current, links))
    return with_folded(out)
