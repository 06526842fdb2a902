"""WCAG 1.4.10 (Reflow): on a narrow screen no column of a data table is hidden by CSS, since a
phone user would lose its figures. A table wider than the screen scrolls sideways in its box
(DSFR's `.fr-table`, the report files' `.scroll`), which WCAG allows for data tables.

Read from the sources, without a browser: every stylesheet of the package and every `<style>`
of its templates, every table cell of its templates. The browser tests
(`tests/web/test_browser_layout.py`, `tests/programmes/test_report_phone.py`) look at the pages
drawn at 320 and 1280 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src/barometre"
TABLE_TAGS = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
_HIDES = re.compile(r"\bdisplay\s*:\s*none\b|\bvisibility\s*:\s*(?:hidden|collapse)\b")
_NARROW = re.compile(r"max-(?:device-)?width|max-inline-size|\bwidth\s*<")
_CELL = re.compile(rf"<({'|'.join(sorted(TABLE_TAGS))})\b[^>]*?\bclass=\"([^\"]*)\"")


def _blocks(css: str) -> list[tuple[str, str]]:
    """The @media blocks of a stylesheet: (condition, body), nested ones included."""
    found, start = [], 0
    while (at := css.find("@media", start)) >= 0:
        brace = css.index("{", at)
        depth, end = 1, brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[brace + 1 : end - 1]
        found += [(css[at + 6 : brace].strip(), body), *_blocks(body)]
        start = end
    return found


def narrow_hiding(css: str) -> list[str]:
    """The selectors a narrow screen's @media rules hide (display: none, visibility: hidden)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = []
    for condition, body in _blocks(css):
        if not _NARROW.search(condition):
            continue
        for rule_selectors, declarations in re.findall(r"([^{}@]+)\{([^{}]*)\}", body):
            if _HIDES.search(declarations):
                selectors += [s.strip() for s in rule_selectors.split(",") if s.strip()]
    return selectors


def hidden_cells(selectors: list[str], cells: list[tuple[str, set[str]]]) -> list[str]:
    """The selectors that hide a table's part: they name a table element (`td`, `th`…), or
    a class that a table's part carries in the templates (`cells`: (tag, classes))."""
    problems = []
    for selector in selectors:
        target = re.split(r"[\s>+~]+", selector)[-1]
        tag = re.match(r"[a-z]*", target.lower())
        classes = set(re.findall(r"\.([\w-]+)", target))
        on_cells = bool(classes) and any(classes <= found for _, found in cells)
        if on_cells or (tag is not None and tag.group() in TABLE_TAGS):
            problems.append(selector)
    return problems


def _stylesheets() -> dict[str, str]:
    sheets = {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in SRC.rglob("*.css")}
    for path in SRC.rglob("templates/**/*.html"):
        for i, style in enumerate(re.findall(r"<style[^>]*>(.*?)</style>", path.read_text(), re.S)):
            sheets[f"{path.relative_to(SRC)} <style> {i + 1}"] = style
    return sheets


def _template_cells() -> list[tuple[str, set[str]]]:
    cells = []
    for path in SRC.rglob("templates/**/*.html"):
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", path.read_text(encoding="utf-8"))
        cells += [(tag, set(classes.split())) for tag, classes in _CELL.findall(text)]
    return cells


def test_no_stylesheet_hides_a_table_column_on_a_narrow_screen() -> None:
    """The ranking, a service's page, the programme pages and the programmes report file hid
    up to four columns each below 48em (`.hide-sm`): « Part du maximum », « Décidé »,
    « Communes », « Écart »… were out of a phone user's reach."""
    cells = _template_cells()
    assert len(cells) > 20  # the templates' classed cells were read
    problems = {
        name: hidden
        for name, css in _stylesheets().items()
        if (hidden := hidden_cells(narrow_hiding(css), cells))
    }
    assert problems == {}


def test_no_table_part_carries_a_dsfr_class_that_hides_it_on_a_narrow_screen() -> None:
    """DSFR's `fr-hidden` (with `fr-unhidden-lg`) or `fr-hidden-sm` on a cell would do the same."""
    hidden = [(tag, c) for tag, classes in _template_cells() for c in classes if "hidden" in c]
    assert hidden == []


@pytest.mark.parametrize(
    ("css", "hidden"),
    [
        ("@media (max-width: 48em) { .hide-sm { display: none; } }", [".hide-sm"]),
        (
            "@media (max-width:48em){.fr-table > table td:nth-child(4){display:none}}",
            ["td:nth-child(4)"],
        ),
        ("@media screen and (max-width: 30em) { .a, th.b { visibility: hidden } }", ["th.b"]),
        ("@media (min-width: 48em) { .hide-sm { display: none; } }", []),  # a wide screen
        ("@media (max-width: 48em) { .hide-sm { font-size: 1rem; } }", []),
        ("@media (max-width: 48em) { .progress { display: none; } }", []),  # not a cell
        ("/* @media (max-width: 48em) { td { display: none } } */", []),
    ],
)
def test_the_check_finds_the_rules_that_hide_a_column(css: str, hidden: list[str]) -> None:
    cells = [("td", {"hide-sm"}), ("th", {"b"}), ("td", {"num", "hide-sm"})]
    found = hidden_cells(narrow_hiding(css), cells)
    assert [selector.split()[-1] for selector in found] == hidden
