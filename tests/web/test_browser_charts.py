"""The charts in Debian's chromium (Playwright), at desktop and phone widths: no text cut or
running past its chart, legends whole and following the window, the page's font measured, the
text alternative kept and the numbers written in the reader's language."""

from __future__ import annotations

import pytest

from tests.a11y import AXIS_LABEL_GAPS, CHART_TEXT_CLASHES
from tests.web.browser import BROWSER_TESTS, WIDTHS

pytestmark = BROWSER_TESTS


CUT_LEGEND_LABELS = """() => [...document.querySelectorAll('.chart')].flatMap(chart => {
    const right = chart.getBoundingClientRect().right;
    return [...chart.querySelectorAll('.role-legend text')]
        .filter(t => t.getBoundingClientRect().right > right + 1).map(t => t.textContent);
})"""


CUT_CHART_TEXT = """() => [...document.querySelectorAll('.chart')].flatMap(chart => {
    const box = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('svg text')].filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
    }).map(t => chart.id + ': ' + t.textContent);
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_no_chart_text_runs_past_its_chart_on_a_phone(
    transactional_db, live_server, site, browser
) -> None:
    """The value after the longest bar of « Évolution par domaine » and that chart's axis title
    ran past the chart's right edge on a phone."""
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_selector("#chart-change svg")
        page.wait_for_timeout(300)
        assert page.evaluate(CUT_CHART_TEXT) == [], width
        page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_no_text_of_the_campaign_pages_charts_overlaps_another(
    transactional_db, live_server, site, browser
) -> None:
    """At 320 px the domains' names of « Évolution par domaine » and « Répartition des niveaux »,
    on one line (their bands' height set by a step), ran over the bars' values and left the plot
    a few pixels, its ticks on top of each other: they wrap, each band as high as its labels."""
    for width in (320, 375, 1280):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_selector("#chart-change svg")
        page.wait_for_function("document.fonts.status === 'loaded'")
        page.wait_for_timeout(300)
        clashes = page.evaluate(CHART_TEXT_CLASHES, ".chart:not(#chart-heatmap)")
        page.close()
        assert clashes == [], width


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_charts_wait_for_the_pages_font_before_measuring_their_labels(
    transactional_db, live_server, site, browser
) -> None:
    """Vega lays a chart out from its labels' widths: measured in Arial while Marianne was still
    loading, « Famille, école et petite enfance » was then drawn in Marianne past the left edge
    of the chart on a phone. The charts are drawn once the page's font has come (here late)."""
    import time

    def late(route) -> None:  # type: ignore[no-untyped-def]
        time.sleep(1)
        route.continue_()

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.route("**/Marianne-*.woff2", late)
    page.goto(live_server.url + "/campagne/apres/")
    page.wait_for_selector("#chart-distribution svg")
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_timeout(300)
    assert page.evaluate(CUT_CHART_TEXT) == []
    page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_level_distributions_axis_labels_stand_apart(
    transactional_db, live_server, site, browser
) -> None:
    """« Répartition des niveaux » on a phone: its plot, beside the domains' names, is narrow;
    its x axis's labels keep 4 px apart at least (the report file's read « 50 %100 % »). So do
    those of « Évolution par domaine », signed (« −0,5 0 +0,5 » touched at 375 px)."""
    for width, height in [*WIDTHS.values(), (375, 844)]:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_selector("#chart-distribution svg")
        page.wait_for_selector("#chart-change svg")
        page.wait_for_timeout(300)
        for chart in ("#chart-distribution", "#chart-change"):
            gaps = page.evaluate(AXIS_LABEL_GAPS, chart)
            assert gaps and min(gaps) >= 4, (width, chart, gaps)
        page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_chart_legends_are_whole_on_a_phone(transactional_db, live_server, site, browser) -> None:
    for width, height in WIDTHS.values():
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_selector("#chart-distribution svg")
        page.wait_for_timeout(300)
        assert page.evaluate(CUT_LEGEND_LABELS) == [], width
        legend = page.locator("#chart-distribution + .chart-legend")
        if width < 600:
            assert legend.inner_text().split("\n")[-1] == "5 · personnalisation"
        else:
            assert legend.count() == 0
        page.close()


CHART_NAMES = """() => [...document.querySelectorAll('[id^="chart-"]')].map(el =>
    [el.id, el.getAttribute('role'), el.getAttribute('aria-label')])"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_drawn_charts_keep_their_french_text_alternative(
    transactional_db, live_server, site, browser
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/campagne/apres/")
    page.wait_for_selector("#chart-distribution svg")
    page.wait_for_timeout(300)
    charts = page.evaluate(CHART_NAMES)
    assert charts
    for chart_id, role, label in charts:  # Vega would label each "Vega visualization"
        assert role == "img" and "tableau qui suit" in label, (chart_id, role, label)
    page.close()


LEGENDS = """() => [...document.querySelectorAll('.chart[id^="chart-"]')].map(chart => {
    let html = 0;
    for (let next = chart.nextElementSibling; next && next.matches('.chart-legend');
         next = next.nextElementSibling) html++;
    return [chart.id, chart.querySelectorAll('svg .role-legend').length, html];
})"""


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_chart_legends_follow_the_window_across_the_phone_width(
    transactional_db, live_server, site, browser
) -> None:
    """A window narrowed (or a phone turned) past 600 px kept the legend it was drawn with:
    Vega's, cut at the edge, where the HTML one belongs, or the HTML one beside Vega's."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/campagne/apres/")
    page.wait_for_selector("#chart-distribution svg")
    for width in (1280, 390, 1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(800)
        legends = page.evaluate(LEGENDS)
        assert legends, width
        expected = [0, 1] if width < 600 else [1, 0]  # [Vega legends, HTML legends]
        assert [[vega, html] for _, vega, html in legends] == [expected] * len(legends), (
            width,
            legends,
        )
        assert page.evaluate(CUT_LEGEND_LABELS) == [], width
    legend = page.locator("#chart-distribution + .chart-legend")
    assert legend.inner_text().split("\n")[-1] == "5 · personnalisation"
    page.close()


@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_charts_write_their_numbers_in_the_reader_language(
    transactional_db, live_server, site, browser
) -> None:
    """English axes read "100%" (not « 100 % » nor « 1 »), and the phone's HTML legend is
    named in English; French readers keep French numbers (the axis ends at 100 %: a phone's
    ticks, once every 50 %, follow the plot, wider since the domains' names wrap)."""
    numbers = """() => [...document.querySelectorAll('#chart-distribution svg text')]
        .map(t => t.textContent).filter(t => /\\d/.test(t))"""
    width, height = WIDTHS["telephone"]
    for language, percent, legend in (("en", "100%", "Chart legend"), ("fr", "100\xa0%", None)):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies(
            [{"name": "barometre_langue", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(live_server.url + "/campagne/apres/")
        page.wait_for_selector("#chart-distribution svg")
        assert percent in page.evaluate(numbers), language
        label = page.locator("#chart-distribution + .chart-legend").get_attribute("aria-label")
        assert label == (legend or "Légende du graphique")
        context.close()
