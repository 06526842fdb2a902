"""Programme report files as read: on a phone, by a screen reader, their charts drawn in French."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from barometre.outputs.html_report import charts_js
from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune
from tests.a11y import (
    chart_type_settings,
    charts_past_their_box,
    document_problems,
    drawn_chart_names,
    needs_chromium,
)
from tests.programmes.conftest import GUICHET, programme

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def test_the_html_report_fits_a_phone_screen(election_2020: object) -> None:
    """A viewport meta: without it a phone lays the page out 980 px wide and zooms out."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


@needs_chromium
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_on_a_phone_the_report_is_390_px_wide_at_full_scale(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a 390 px phone the page is laid out 390 px wide, unzoomed: a wide table or chart
    scrolls in its own box, not the page."""
    from tests.a11y import drawn_page

    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-themes") as page:
        layout = page.evaluate(
            "[window.innerWidth, document.documentElement.scrollWidth, visualViewport.scale]"
        )
    assert layout == [390, 390, 1]


def test_the_html_report_reads_out_right(election_2020: dict[str, Commune]) -> None:
    programme(election_2020["big"], "Ancienne liste", election=2014, themes=("site_web",))
    html = render(programmes_report(election=2020, compare_with=2014, now=NOW), "html")
    assert document_problems(html) == []
    # a disruptive sentence says so in words, not by the colour of its tags alone
    quote = html.split("Les données seront ouvertes.")[1].split("</blockquote>")[0]
    assert "proposition disruptive" in quote
    plain = html.split(GUICHET)[1].split("</blockquote>")[0]
    assert "disruptive" not in plain


@needs_chromium
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_drawn_charts_keep_their_french_text(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    names = drawn_chart_names(path, "#chart-themes svg")
    assert [n[0] for n in names] == ["chart-brackets", "chart-themes"]
    for chart_id, role, label in names:  # Vega would label each "Vega visualization"
        assert role == "img" and "tableau qui le suit" in label, (chart_id, role, label)


@needs_chromium
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
def test_the_drawn_charts_write_numbers_in_french(
    election_2020: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The percentages of the axes read « 10 % » (no-break space) as in the campaign report,
    not « 10% »."""
    from tests.a11y import drawn_page

    path = tmp_path / "programmes.html"
    path.write_text(render(programmes_report(election=2020, now=NOW), "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    with drawn_page(path, "#chart-themes", 1280) as page:
        ticks = page.evaluate(
            "[...document.querySelectorAll('#chart-themes svg text')].map(t => t.textContent)"
        )
    percents = [t for t in ticks if t.endswith("%")]
    assert "10\u00a0%" in percents, ticks
    assert all(t.endswith("\u00a0%") for t in percents), percents


def test_the_report_file_draws_its_charts_with_the_sites_script(election_2020: object) -> None:
    """The charts are drawn by the site's charts.js, inlined (the file works offline), each to
    its box's width; their specs sit where the script reads them, under the ids it draws in."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    assert charts_js() in html
    specs = json.loads(
        html.split('id="barometre-chart-specs" type="application/json">')[1].split("</script>")[0]
    )
    assert sorted(specs) == ["brackets", "themes"]
    assert all(f'id="chart-{key}"' in html for key in specs)


def test_the_charts_keep_each_number_of_a_bracket_on_one_line(election_2020: object) -> None:
    """A bracket's label wrapped on a phone read « 200 » at a line's end and « 000 habitants »
    at the next: its numbers' groups are joined by a no-break space in the chart (the CSV and
    JSON keep plain spaces). The letters are the site's, chosen by charts.js for every chart."""
    html = render(programmes_report(election=2020, now=NOW), "html")
    specs = json.loads(
        html.split('id="barometre-chart-specs" type="application/json">')[1].split("</script>")[0]
    )
    brackets = [v["tranche"] for v in specs["brackets"]["data"]["values"]]
    assert brackets and all(re.search(r"\d\u00a0\d{3}", b) for b in brackets), brackets
    assert not [b for b in brackets if re.search(r"\d \d", b)], brackets
    assert [chart_type_settings(spec) for spec in specs.values()] == [[], []]


@needs_chromium
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_chart_of_the_report_file_runs_past_its_box(
    election_2020: dict[str, Commune], width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 390 px the charts were drawn 609 and 623 px wide and scrolled in their box, two fifths
    out of sight; now each is as wide as its box, no label cut, its legend in HTML under it on
    a phone; at 1280 px they fill the column. At 320 px the brackets' axis title, anchored at
    the plot's end, ran past the left edge (« part » cut) and the themes' labels left their bars
    a few pixels: the title and such labels are now written on several lines (charts.js)."""
    programme(election_2020["big"], "Ancienne liste", election=2014, themes=("site_web",))
    path = tmp_path / "programmes.html"
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    path.write_text(render(report, "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    past, scroll, legends = charts_past_their_box(path, "#chart-brackets, #chart-themes", width)
    assert past == [] and scroll == width
    assert legends == (1 if width < 600 else 0)  # the two elections' colours, in HTML


def test_the_charts_axis_titles_are_in_the_catalogue(election_2020: object) -> None:
    """The axis titles of the programmes charts were written in French in the code: they go
    through the catalogue like every other word of the report."""
    from django.utils import translation

    from barometre.programmes.reports.renderers import _charts

    report = programmes_report(election=2020, now=NOW)
    for language, brackets, themes in (
        ("fr", "part des programmes qui parlent de numérique", "part des programmes qui citent"),
        ("en", "share of programs that mention digital", "share of programs that cite the"),
    ):
        with translation.override(language):
            specs = _charts(report)
        assert specs["brackets"]["layer"][0]["encoding"]["x"]["title"] == brackets
        assert specs["themes"]["encoding"]["x"]["title"].startswith(themes)
