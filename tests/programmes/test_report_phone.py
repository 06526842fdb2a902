"""The programme observatory's tables on a 320 px phone (WCAG 1.4.10), in the report file and
on the election's page: every column is kept, a table wider than the screen scrolls sideways in
its box (reachable from the keyboard), never the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune
from tests.a11y import drawn_page, needs_chromium, reflow, reflow_problems
from tests.programmes.conftest import programme
from tests.programmes.test_follow_up import FAMILY, _campaign, _communes

PHONE = 320
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def election_with_follow_up() -> None:
    """2020 programmes, a 2014 one to compare with, and measures before and after the election:
    every table of the report (brackets, themes, comparison, follow-up), with a test on one
    side only (« pas de test (moins de 5 communes d'un côté) », the widest cell)."""
    yes, no = _communes(6, 2)
    levels = {(c, s): 1 for c in yes + no for s in FAMILY}
    _campaign("avant", dt.date(2019, 6, 1), levels)
    _campaign("apres", dt.date(2021, 6, 1), {k: 3 for k in levels})
    programme(Commune.objects.get(code=yes[0]), "Ancienne", election=2014, themes=("site_web",))


@needs_chromium
@pytest.mark.engine_independent  # layout and rendering: the same on every engine
@pytest.mark.django_db
def test_the_report_files_tables_keep_every_column_on_a_phone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a phone the brackets' table hid « Communes » and « Parlent de numérique », the themes'
    « Phrases », the follow-up « Services regardés » and « Écart » (`.hide-sm`). Their captions,
    in the box that scrolls, ran past its edge until scrolled: each now reads whole."""
    election_with_follow_up()
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    assert report.follow_up and report.comparison
    path = tmp_path / "programmes.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    for width in (PHONE, 1280):
        with drawn_page(path, "#chart-themes", width) as page:
            seen = reflow(page)
        # brackets, themes, both elections (by bracket, by theme), follow-up
        assert len(seen["tables"]) == 5, seen
        assert reflow_problems(seen) == [], (width, seen)
        scrolling = [t for t in seen["tables"] if t["past"]]
        assert scrolling if width == PHONE else not scrolling, (width, seen)


@pytest.mark.django_db
def test_the_report_files_counts_stay_whole_in_a_narrow_cell() -> None:
    """On a phone the comparison by bracket, its cells free to wrap there, read « 60 % (3 sur »
    over « 5) »: every « 3 sur 5 » of a table cell is now held by no-break spaces, as the
    comparison by theme already was."""
    election_with_follow_up()
    html = render(programmes_report(election=2020, compare_with=2014, now=NOW), "html")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    counts = [c for c in cells if re.search(r"\d(\s|&nbsp;)sur(\s|&nbsp;)\d", c)]
    assert len(counts) >= 4, cells  # both elections, by bracket and by theme
    assert [c for c in counts if re.search(r"\d sur|sur \d", c)] == []
