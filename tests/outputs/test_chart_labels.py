"""Drawn in a browser, every chart of the standalone reports keeps its French text alternative
(Vega labels the element it draws in « Vega visualization »), and the report fits a phone."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from barometre.outputs.services import report_write
from barometre.referential.models import Campaign
from tests.a11y import drawn_chart_names, needs_chromium

NOW = datetime(2026, 3, 1, tzinfo=UTC)

pytestmark = needs_chromium


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_campaign_report_charts_keep_their_french_text(
    after: Campaign, before: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    names = drawn_chart_names(path, "#chart-city-change svg")
    assert len(names) == 6
    for chart_id, role, label in names:
        assert role == "img" and "tableau qui le suit" in label, (chart_id, role, label)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_on_a_phone_the_campaign_report_does_not_scroll_sideways(
    after: Campaign, before: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 390 px phone, every evidence table opened, the page stays 390 px wide: the table by
    bracket and the evidence tables scroll in their own box as the charts' tables do (the
    bracket table made the whole page 560 px wide), a box the keyboard reaches, with every
    column shown (WCAG 1.4.10), each caption read whole (it ran past the box's edge), the cue
    under it."""
    from tests.a11y import drawn_page, reflow, reflow_problems

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-city-change") as page:
        opened = page.evaluate(
            "[...document.querySelectorAll('details')].map(d => d.open = true).length"
        )
        layout = page.evaluate(
            "[window.innerWidth, document.documentElement.scrollWidth, visualViewport.scale]"
        )
        page.wait_for_timeout(200)
        seen = reflow(page)
    assert opened > 6  # the charts' tables and the evidence of each commune
    assert layout == [390, 390, 1]
    assert reflow_problems(seen) == [], seen
    assert any(table["past"] for table in seen["tables"]), seen  # one scrolls in its box


# the heat map is drawn by steps (a cell per commune and service) and scrolls in its box
CHARTS_PAST_THEIR_BOX = """() => [...document.querySelectorAll('.vega:not(#chart-heatmap)')]
  .flatMap(target => {
    // the box the chart is seen in (vega-embed makes its own element as wide as the drawing)
    const box = target.closest('section').getBoundingClientRect();
    const svg = target.querySelector('svg');
    if (!svg) return [target.id + ': not drawn'];
    const wide = svg.getBoundingClientRect().right > box.right + 1;
    const cut = [...svg.querySelectorAll('text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.right > box.right + 1;
    }).map(t => t.textContent);
    return wide || cut.length ? [target.id + ': ' + cut.slice(0, 3).join(' | ')] : [];
})"""


HEATMAP_CELL_WIDTHS = """() => [...document.querySelectorAll('#chart-heatmap svg .mark-rect path')]
    .map(p => p.getBoundingClientRect().width).filter(w => w > 0)"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_on_a_phone_the_campaign_report_charts_fit_their_box(
    after: Campaign, before: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 390 px every chart of the report file is drawn to its box's width, its legend in HTML
    under it, as on the site's pages; they were drawn 500 px or more wide and scrolled in their
    box, two thirds of each chart out of sight. The heat map keeps its cells' size and scrolls."""
    from tests.a11y import drawn_page

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-city-change") as page:
        past = page.evaluate(CHARTS_PAST_THEIR_BOX)
        cells = page.evaluate(HEATMAP_CELL_WIDTHS)
        legends = page.locator(".chart-legend").count()
    with drawn_page(path, "#chart-city-change", 1280) as wide:
        past_wide = wide.evaluate(CHARTS_PAST_THEIR_BOX)
    assert past == [] and past_wide == []
    assert cells and min(cells) >= 15  # the heat map's cells keep their size (they scroll)
    assert legends >= 1  # the legends that would run past a phone's edge are written in HTML


# The heat map's section and the box its drawing is in: how far each scrolls sideways, the
# box's name and tab stop, and where the section's title stands once the box is scrolled to
# its end.
HEATMAP_BOXES = """() => {
  const section = document.querySelector('#section-heatmap');
  const box = document.querySelector('#chart-heatmap').parentElement;
  const title = section.querySelector('h2');
  const left = title.getBoundingClientRect().left;
  box.scrollLeft = box.scrollWidth;
  section.scrollLeft = section.scrollWidth;
  return {
    section: section.scrollWidth - section.clientWidth,
    box: box === section ? 0 : box.scrollWidth - box.clientWidth,
    overflow: getComputedStyle(box).overflowX,
    tabindex: box.getAttribute('tabindex'),
    name: box.getAttribute('aria-label'),
    moved: Math.round(left - title.getBoundingClientRect().left),
    page: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_heat_map_scrolls_in_its_own_box(
    after: Campaign,
    before: Campaign,
    width: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 375 px the « Communes × services » drawing is wider than the column: the whole
    section scrolled sideways, its title and caption sliding off the screen with it. The
    drawing scrolls in its own box, reached from the keyboard and named by the title; the
    section and the page stay put."""
    from tests.a11y import drawn_page

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-heatmap", width) as page:
        page.evaluate("window.dispatchEvent(new Event('resize'))")  # tables.js marks again
        page.wait_for_timeout(400)
        seen = page.evaluate(HEATMAP_BOXES)
    assert seen["box"] > 0 and seen["overflow"] == "auto", seen  # the drawing scrolls...
    assert seen["section"] <= 1 and seen["moved"] == 0 and seen["page"] <= 0, seen  # ...alone
    assert seen["tabindex"] == "0" and seen["name"] == "Communes × services", seen


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width", [390, 1280])
def test_the_level_distributions_axis_labels_stand_apart(
    after: Campaign,
    before: Campaign,
    width: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a 390 px phone the plot of « Répartition des niveaux », beside the domains' names, is
    about 100 px wide: its x axis read « 0 % 50 %100 % », two labels touching. Its ticks are
    now one every 60 px at most, and labels closer than 4 px are left out."""
    from tests.a11y import axis_label_gaps

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    gaps = axis_label_gaps(path, "#chart-distribution", width)
    assert gaps and min(gaps) >= 4, gaps
    # « Évolution par domaine »: its signed ticks (« −0,5 », « +0,5 ») touched on the site
    changes = axis_label_gaps(path, "#chart-change", width)
    assert changes and min(changes) >= 4, changes


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width", [390, 1280])
def test_the_campaign_report_charts_are_in_the_sites_letters(
    after: Campaign,
    before: Campaign,
    width: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The charts' axes, legends and values were in 11 and 12 px letters, in the operating
    system's font: they are in Marianne (DSFR's font, Arial where it is missing) and 14 px, the
    page's small text, on a phone as on a desktop."""
    from tests.a11y import chart_letters

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    smallest, _, fonts = chart_letters(path, ".vega", width)
    assert smallest >= 14 and fonts == ["Marianne, arial, sans-serif"], (smallest, fonts)


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_text_of_the_campaign_report_charts_overlaps_or_is_cut(
    after: Campaign,
    before: Campaign,
    width: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 320 px the domains' names of « Évolution par domaine » took most of the chart, over the
    bars' values, a value cut at the chart's edge, the plot a few pixels wide and its ticks
    (« −1,5 » over « +1,5 ») on top of each other: these charts set their bands' height, which
    kept their labels on one line. On a phone the labels wrap and each band is as high as its
    labels; at 1280 px the charts are drawn as before. The heat map keeps its square cells."""
    from tests.a11y import chart_text_clashes

    (path,) = report_write(
        campaign="2026", compare="2014", formats=["html"], out=tmp_path / "r.html", now=NOW
    )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    assert chart_text_clashes(path, ".vega:not(#chart-heatmap)", width) == []
