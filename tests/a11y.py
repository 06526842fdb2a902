"""What a screen reader is told about a page: the text that labels or describes a control."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run does)"
)
_CHARTS = """() => [...document.querySelectorAll('[role], .vega, .radar, [id^="chart-"]')]
    .filter(el => el.querySelector('svg, canvas'))
    .map(el => [el.id, el.getAttribute('role'), el.getAttribute('aria-label')])"""


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


_SCOPES = {"col", "row", "colgroup", "rowgroup"}


def document_problems(page: str) -> list[str]:
    """What a standalone French document (an HTML report, the HTML a PDF is made from) misses
    for screen readers: the language, a title, one h1 and no skipped heading level, a caption
    on every table and a scope on every header cell, a text alternative on every chart that
    sends to its table, « s.o. » spelled out in tables. [] when nothing is missing."""
    tree = LexborHTMLParser(page)
    problems = []
    root = tree.css_first("html")
    if root is None or root.attributes.get("lang") != "fr":
        problems.append('<html> sans lang="fr"')
    title = tree.css_first("head title")
    if title is None or not title.text(strip=True):
        problems.append("pas de <title>")
    levels = [int(h.tag[1]) for h in tree.css("h1, h2, h3, h4, h5, h6")]
    if levels.count(1) != 1 or (levels and levels[0] != 1):
        problems.append(f"un seul h1, en premier : niveaux {levels}")
    problems += [f"h{b} après h{a}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    for table in tree.css("table"):
        caption = table.css_first("caption")
        if caption is None or not caption.text(strip=True):
            problems.append(f"tableau sans légende : {(table.html or '')[:120]}")
    problems += [
        f"en-tête sans scope : {th.html}"
        for th in tree.css("th")
        if th.attributes.get("scope") not in _SCOPES
    ]
    problems += [
        f'graphique sans role="img" : {(node.html or "")[:120]}'
        for node in tree.css('[id^="chart-"], .vega, .radar')
        if node.attributes.get("role") != "img"
    ]
    alternatives = [
        *((img.attributes.get("alt") or "") for img in tree.css("img")),
        *((node.attributes.get("aria-label") or "") for node in tree.css('[role="img"]')),
    ]
    problems += [
        f"graphique sans texte renvoyant à son tableau : « {alt} »"
        for alt in alternatives
        if "tableau" not in alt
    ]
    for cell in tree.css("td, th"):
        for node in [cell, *cell.css("*")]:
            if "s.o." in (node.text(deep=False) or "") and not (
                node.tag == "abbr" and node.attributes.get("title") == "sans objet"
            ):
                problems.append(f"« s.o. » non développé : {cell.html}")
    return problems


def drawn_chart_names(path: Path, selector: str) -> list[list[str]]:
    """[id, role, aria-label] of each element holding a drawn chart, once `selector` is drawn."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(path.as_uri())
        page.wait_for_selector(selector)
        page.wait_for_timeout(300)
        names: list[list[str]] = page.evaluate(_CHARTS)
        browser.close()
    return names


@contextmanager
def drawn_page(address: Path | str, selector: str, width: int = 390) -> Iterator[Any]:
    """A Chromium page `width` px wide (a phone below 600) on `address` (a file or a URL), once
    every chart of `selector` is drawn; the browser is closed after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 844}, is_mobile=width < 600)
            _drawn(page, address, selector)
            yield page
        finally:
            browser.close()


def _drawn(page: Any, address: Path | str, selector: str) -> None:
    """Open `address` (a file or a URL) and wait until every chart of `selector` is drawn."""
    page.goto(address.as_uri() if isinstance(address, Path) else address)
    page.wait_for_function(
        "(s) => [...document.querySelectorAll(s)].every(t => t.querySelector('svg, canvas'))",
        arg=selector,
    )
    page.wait_for_timeout(500)  # a square chart is drawn again until it fits


# Each chart drawn in `selector`: its drawing and its text inside its box (no chart wider than
# its box, no label cut at either edge), and at full size (not shrunk by CSS, its text too).
_CHARTS_PAST_THEIR_BOX = """(selector) => [...document.querySelectorAll(selector)]
  .flatMap(target => {
    const box = target.getBoundingClientRect();
    const svg = target.querySelector('svg, canvas');
    if (!svg) return [target.id + ': not drawn'];
    const drawn = svg.getBoundingClientRect();
    const wide = drawn.right > box.right + 1 || drawn.left < box.left - 1;
    const shrunk = svg.tagName === 'svg'
      && Math.abs(drawn.width - Number(svg.getAttribute('width'))) > 1;
    const cut = [...svg.querySelectorAll('text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
    }).map(t => t.textContent);
    return wide || shrunk || cut.length
      ? [`${target.id}: ${Math.round(drawn.width)} px in ${Math.round(box.width)}`
         + (shrunk ? ' (shrunk)' : '') + ' ' + cut.slice(0, 3).join(' | ')]
      : [];
})"""


def charts_past_their_box(
    path: Path | str, selector: str, width: int
) -> tuple[list[str], int, int]:
    """Drawn at `width` px (a phone at 390): the charts of `selector` that do not fit their box
    (`_CHARTS_PAST_THEIR_BOX`), the page's scroll width, and the number of legends written in
    HTML under a chart (the site's charts.js on a narrow screen)."""
    with drawn_page(path, selector, width) as page:
        return charts_past_their_box_on(page, selector)


def charts_past_their_box_on(page: Any, selector: str) -> tuple[list[str], int, int]:
    """`charts_past_their_box` on a page already drawn (`drawn_page`)."""
    past = page.evaluate(_CHARTS_PAST_THEIR_BOX, selector)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    legends = page.locator(".chart-legend").count()
    return past, scroll, legends


# The letters of the charts of `selector` as seen (their font size times the drawing's scale:
# a drawing shrunk by CSS shrinks its letters), the page's small text (DSFR .fr-text--sm), and
# the fonts the charts' texts ask for.
_CHART_LETTERS = """(selector) => {
  const texts = [...document.querySelectorAll(selector)].flatMap(target => {
    const svg = target.querySelector('svg');
    if (!svg) return [];
    const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => [parseFloat(getComputedStyle(t).fontSize) * scale, t.getAttribute('font-family')]);
  });
  const small = document.querySelector('.fr-text--sm');
  return [Math.min(...texts.map(t => t[0])),
          small ? parseFloat(getComputedStyle(small).fontSize) : 0,
          [...new Set(texts.map(t => t[1]))].sort()];
}"""

# The rows of axis labels of each chart of `selector` (labels shown at one height): the
# narrowest gap between two neighbours, in px (negative: they overlap).
AXIS_LABEL_GAPS = """(selector) => [...document.querySelectorAll(selector)].flatMap(target => {
  const rows = {};
  target.querySelectorAll('.role-axis-label text').forEach(t => {
    const r = t.getBoundingClientRect();
    const shown = r.width > 0 && t.textContent.trim() && getComputedStyle(t).opacity !== '0';
    if (shown) (rows[Math.round(r.top)] ||= []).push(r);  // Vega hides a label it leaves out
  });
  return Object.values(rows).filter(row => row.length > 1).map(row => {
    row.sort((a, b) => a.left - b.left);
    return Math.min(...row.slice(1).map((r, i) => r.left - row[i].right));
  });
})"""


# The texts of each chart of `selector` that overlap one another (an axis label over a bar's
# value, two tick labels), or that run past the box the chart is seen in (its parent: a chart's
# own element may be as wide as its drawing). Texts Vega hides (opacity 0) are left out.
CHART_TEXT_CLASHES = """(selector) => {
const inked = t => {  // a text's box, each line as high as its letters (Marianne's line: 1.5 em)
  const r = t.getBoundingClientRect(), lines = t.querySelectorAll('tspan').length || 1;
  const inset = Math.max(0, (r.height / lines - parseFloat(getComputedStyle(t).fontSize)) / 2);
  return {left: r.left, right: r.right, width: r.width,
          top: r.top + inset, bottom: r.bottom - inset};
};
return [...document.querySelectorAll(selector)].flatMap(target => {
  const box = target.parentElement.getBoundingClientRect();
  const texts = [...target.querySelectorAll('svg text')].map(t => [
    t.textContent.trim(), inked(t), getComputedStyle(t).opacity,
  ]).filter(([words, r, opacity]) => words && r.width > 0 && opacity !== '0');
  const found = texts.filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1)
    .map(([words]) => `${target.id}: « ${words} » coupé`);
  texts.forEach(([a, r], i) => texts.slice(i + 1).forEach(([b, q]) => {
    const across = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const down = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (across > 1 && down > 1) found.push(`${target.id}: « ${a} » sur « ${b} »`);
  }));
  return found;
});}"""


def chart_text_clashes(address: Path | str, selector: str, width: int) -> list[str]:
    """Drawn at `width` px: the texts of the charts of `selector` that overlap another or run
    past the chart's box (`CHART_TEXT_CLASHES`); [] when every text reads whole."""
    with drawn_page(address, selector, width) as page:
        clashes: list[str] = page.evaluate(CHART_TEXT_CLASHES, selector)
    return clashes


def chart_letters(address: Path | str, selector: str, width: int) -> tuple[float, float, list[str]]:
    """Drawn at `width` px: the smallest letters of the charts of `selector`, as seen, the size
    of the page's small text (0 when it has none), in px, and the fonts their texts ask for."""
    with drawn_page(address, selector, width) as page:
        return chart_letters_on(page, selector)


def chart_letters_on(page: Any, selector: str) -> tuple[float, float, list[str]]:
    """`chart_letters` on a page already drawn (`drawn_page`)."""
    smallest, small, fonts = page.evaluate(_CHART_LETTERS, selector)
    return smallest, small, fonts


# Each radar of `selector` (a hexagon of rings, the first layer of its drawing): how far the
# middle of its rings is from the middle of its box, in px, and their height over their width.
_RADAR_PLACES = """(selector) => [...document.querySelectorAll(selector)].map(target => {
  const box = target.getBoundingClientRect();
  const rings = [...target.querySelector('svg .mark-line').querySelectorAll('path')]
    .map(p => p.getBoundingClientRect());
  const left = Math.min(...rings.map(r => r.left)), right = Math.max(...rings.map(r => r.right));
  const top = Math.min(...rings.map(r => r.top)), bottom = Math.max(...rings.map(r => r.bottom));
  return [(left + right) / 2 - (box.left + box.right) / 2, (bottom - top) / (right - left)];
})"""


def radar_places(address: Path | str, selector: str, width: int) -> list[tuple[float, float]]:
    """Drawn at `width` px: for each radar of `selector`, how far its middle is from its box's
    (px) and the height of its hexagon of rings over its width (2 / √3 when drawn square)."""
    with drawn_page(address, selector, width) as page:
        return radar_places_on(page, selector)


def radar_places_on(page: Any, selector: str) -> list[tuple[float, float]]:
    """`radar_places` on a page already drawn (`drawn_page`)."""
    places: list[tuple[float, float]] = page.evaluate(_RADAR_PLACES, selector)
    return places


def chart_type_settings(spec: Any, path: str = "") -> list[str]:
    """Where a chart spec chooses a font or a letter size (`config.font`, `mark.fontSize`,
    `config.axis.labelFontSize`…): [] when it leaves them to whoever draws it."""
    if isinstance(spec, list):
        return [
            found for i, v in enumerate(spec) for found in chart_type_settings(v, f"{path}[{i}]")
        ]
    if not isinstance(spec, dict):
        return []
    return [
        found
        for key, value in spec.items()
        for found in (
            [f"{path}.{key}"] if key == "font" or key.lower().endswith("fontsize") else []
        )
        + chart_type_settings(value, f"{path}.{key}")
    ]


def axis_label_gaps(address: Path | str, selector: str, width: int) -> list[float]:
    """Drawn at `width` px: for each row of axis labels of the charts of `selector`, the
    narrowest gap between two of its labels, in px (« 50 %100 % »: about 0)."""
    with drawn_page(address, selector, width) as page:
        gaps: list[float] = page.evaluate(AXIS_LABEL_GAPS, selector)
    return gaps


_UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


def _named(tree: LexborHTMLParser, field: Any) -> bool:
    """Whether a form field has a name for screen readers: a <label for>, a wrapping
    <label>, aria-label or aria-labelledby pointing to text."""
    attributes = field.attributes
    if (attributes.get("aria-label") or "").strip():
        return True
    ids = (attributes.get("aria-labelledby") or "").split()
    if any((tree.css_first(f'[id="{i}"]') or field).text(strip=True) for i in ids if ids):
        return True
    label = tree.css_first(f'label[for="{attributes.get("id")}"]') if attributes.get("id") else None
    parent = field.parent
    while label is None and parent is not None:
        label = parent if parent.tag == "label" else None
        parent = parent.parent
    return label is not None and bool(label.text(strip=True))


def page_problems(page: str) -> list[str]:
    """What a page of the site misses for screen readers: the checks of `document_problems`
    on its language, title, headings and tables, a name on every form field, every
    aria-describedby pointing to an element of the page, and a link that opens a new window
    saying so (RGAA 13.2). [] when nothing is missing."""
    tree = LexborHTMLParser(page)
    problems = [p for p in document_problems(page) if not p.startswith("graphique")]
    for field in tree.css("input, select, textarea"):
        if field.attributes.get("type") in _UNLABELLED_TYPES:
            continue
        if not _named(tree, field):
            problems.append(f"champ sans étiquette : {(field.html or '')[:120]}")
        for i in (field.attributes.get("aria-describedby") or "").split():
            if tree.css_first(f'[id="{i}"]') is None:
                problems.append(f"aria-describedby vers un id absent : {i}")
    problems += [
        f"lien vers une nouvelle fenêtre sans le dire : {(a.html or '')[:120]}"
        for a in tree.css('a[target="_blank"]')
        if "nouvelle fenêtre" not in (a.attributes.get("title") or "") + a.text()
    ]
    return problems


def link_name(node: Any) -> str:
    """The name a screen reader gives a link: its aria-label, else its text (words shown only to
    screen readers included, icons hidden from them left out), spaces collapsed."""
    label = node.attributes.get("aria-label")
    if label:
        return " ".join(label.split())
    copy = LexborHTMLParser(node.html or "").css_first("a")
    for hidden in copy.css('[aria-hidden="true"]'):
        hidden.decompose()
    return " ".join(copy.text().split())


def _context(node: Any) -> str:
    """The text around a link that RGAA 6.1 counts as its context: its list item, table cell or
    paragraph, else nothing."""
    parent = node.parent
    while parent is not None and parent.tag not in ("li", "td", "th", "p", "main", "body"):
        parent = parent.parent
    if parent is None or parent.tag in ("main", "body"):
        return ""
    return " ".join(parent.text().split())


def ambiguous_links(page: str, scope: str = "main") -> list[str]:
    """The link names of `scope` that, in the same context (`_context`), lead to different places
    (RGAA 6.1: a link's name, with its context, says where it goes): in a links list,
    « Voir la page archivée » three times to three pages."""
    places: dict[tuple[str, str], set[str]] = {}
    for node in LexborHTMLParser(page).css(f"{scope} a[href]"):
        key = (link_name(node), _context(node))
        places.setdefault(key, set()).add(node.attributes.get("href") or "")
    return sorted(name for (name, _), hrefs in places.items() if len(hrefs) > 1)


# How far a caption's words run past the visible width of the box its table scrolls in (px), at
# the start of the box and once scrolled to its end; 0 for a caption hidden to the eye.
_CAPTION_CUT = """const captionCut = (caption, box) => {
  const words = document.createRange();
  words.selectNodeContents(caption);
  if (caption.getBoundingClientRect().width <= 1) return 0;  // DSFR's fr-sr-only
  const cut = () => {
    const r = words.getBoundingClientRect(), b = box.getBoundingClientRect();
    return Math.max(0, r.right - b.right - 1, b.left - r.left - 1);  // 1 px: rounding
  };
  const start = cut();
  box.scrollLeft = box.scrollWidth;
  const end = cut();
  box.scrollLeft = 0;
  return Math.round(Math.max(start, end));
};"""

# Where the scroll cue of a table's box stands: [its gap to the table's rows below it (px),
# whether it stands above the table's caption shown in the page]; [] with no cue.
_CUE_PLACE = """const cuePlace = (table, box) => {
  const hint = (box.getAttribute('aria-describedby') || '').split(' ')
    .map(id => document.getElementById(id)).find(el => el && el.getClientRects().length);
  if (!hint) return [];
  const cue = hint.getBoundingClientRect();
  const rows = (table.tHead || table.rows[0]).getBoundingClientRect();
  const caption = table.caption && table.caption.getBoundingClientRect();
  const shown = caption && caption.width > 1 && !table.caption.contains(hint);
  return [Math.round(rows.top - cue.bottom), Boolean(shown && caption.top >= cue.bottom - 1)];
};"""

# WCAG 1.4.10 (Reflow) as drawn: how far the page scrolls sideways, and for each table its
# caption, its cells hidden (display: none, not visible), how far it runs past the nearest box
# that clips or scrolls it (the page if none), that box's overflow and whether the keyboard
# reaches it (tabindex >= 0, which web/tables.js gives a table that scrolls) and the visible cue
# that describes it (« Faites défiler le tableau horizontalement », also by web/tables.js).
_REFLOW = (
    """() => {"""
    + _CAPTION_CUT
    + _CUE_PLACE
    + """return {
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  tables: [...document.querySelectorAll('table')].map(t => {
    let box = t;
    while (box.parentElement && getComputedStyle(box).overflowX === 'visible') {
      box = box.parentElement;
    }
    const page = box === document.documentElement || box === document.body;
    const past = page ? 0 : box.scrollWidth - box.clientWidth;
    return {
      caption: (t.caption ? [...t.caption.childNodes] : [])
        .filter(n => !(n.classList && n.classList.contains('scroll-hint')))
        .map(n => n.textContent).join('').trim().slice(0, 60),
      hidden: [...t.querySelectorAll('th, td')].filter(c => {
        const style = getComputedStyle(c);
        return style.display === 'none' || style.visibility !== 'visible';
      }).length,
      past: past > 1 ? past : 0,
      overflow: page ? 'page' : getComputedStyle(box).overflowX,
      keyboard: box.tabIndex >= 0,
      hint: page ? '' : (box.getAttribute('aria-describedby') || '').split(' ')
        .map(id => document.getElementById(id))
        .filter(el => el && el.classList.contains('scroll-hint') && el.getClientRects().length)
        .map(el => el.textContent.trim()).join(' '),
      captionCut: page || !t.caption ? 0 : captionCut(t.caption, box),
      cue: page ? [] : cuePlace(t, box),
    };
  }),
};}"""
)


def reflow(page: Any) -> dict[str, Any]:
    """What `_REFLOW` measures on a drawn page."""
    return dict(page.evaluate(_REFLOW))


def reflow_problems(seen: dict[str, Any]) -> list[str]:
    """What a phone user (or a desktop zoomed to 400 %) loses on a page measured by `reflow`: the
    page scrolls sideways, a table hides cells, or runs past a box that clips it, that the
    keyboard cannot scroll or that no visible cue says scrolls (a cue over a table that does not
    scroll misleads as much), or a caption or cue badly placed (`_caption_problems`). [] when
    every column and the whole caption are within reach."""
    problems = [f"la page défile de côté ({seen['page']} px)"] if seen["page"] > 1 else []
    for table in seen["tables"]:
        name = table["caption"] or "tableau sans légende"
        if table["hidden"]:
            problems.append(f"{name} : {table['hidden']} cellules cachées")
        if table["past"] and table["overflow"] not in {"auto", "scroll"}:
            problems.append(f"{name} : {table['past']} px coupés ({table['overflow']})")
        elif table["past"] and not table["keyboard"]:
            problems.append(f"{name} : défile sans être atteint au clavier")
        if bool(table["past"]) != bool(table["hint"]):
            cue = table["hint"] or "aucune"
            problems.append(f"{name} : {table['past']} px à faire défiler, indication : {cue}")
        problems += _caption_problems(name, table)
    return problems


CUE_GAP = 16  # px at most between the scroll cue and the table's rows under it


def _caption_problems(name: str, table: dict[str, Any]) -> list[str]:
    """A table's caption read in part (its words past the box's visible width until the table
    is scrolled), the scroll cue over the caption or far from the rows it speaks of."""
    cut, cue = table["captionCut"], table["cue"]
    problems = [f"{name} : légende coupée ({cut} px)"] if cut else []
    if cue and cue[1]:
        problems.append(f"{name} : indication au-dessus de la légende")
    if cue and cue[0] > CUE_GAP:
        problems.append(f"{name} : {cue[0]} px entre l'indication et le tableau")
    return problems
