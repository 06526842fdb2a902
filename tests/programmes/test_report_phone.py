"""The programme observatory's tables on a 375 px phone, in the report file and on the election's
page: each reads without scrolling sideways, its secondary columns hidden (`.hide-sm`) and
shown again on a wide screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from barometre.programmes.reports import programmes_report, render
from barometre.referential.models import Commune
from tests.a11y import drawn_page, needs_chromium
from tests.programmes.test_follow_up import FAMILY, _campaign, _communes
from tests.programmes.test_reports import programme

PHONE = 375
NOW = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)
# each table: how much wider it is than its box (the box scrolls it, or the table itself, as
# DSFR's tables do), and how many .hide-sm cells are shown
TABLES = """() => [...document.querySelectorAll('table')].map(t => [
    (t.caption ? t.caption.textContent : '').trim(),
    Math.max(t.scrollWidth, t.parentElement.scrollWidth) - t.parentElement.clientWidth,
    [...t.querySelectorAll('.hide-sm')].filter(c => getComputedStyle(c).display !== 'none').length,
])"""


def election_with_follow_up() -> None:
    """2020 programmes, a 2014 one to compare with, and measures before and after the election:
    every table of the report (brackets, themes, comparison, follow-up), with a test on one
    side only (« pas de test (moins de 5 communes d'un côté) », the widest cell)."""
    yes, no = _communes(6, 2)
    levels = {(c, s): 1 for c in yes + no for s in FAMILY}
    _campaign("avant", dt.date(2019, 6, 1), levels)
    _campaign("apres", dt.date(2021, 6, 1), {k: 3 for k in levels})
    programme(Commune.objects.get(code=yes[0]), "Ancienne", election=2014, themes=("site_web",))


def tables_at(page: Any) -> list[list[Any]]:
    return list(page.evaluate(TABLES))


@needs_chromium
@pytest.mark.django_db
def test_the_report_files_tables_fit_a_phone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a phone the follow-up table was 1,070 px wide in a 343 px box, the brackets' 653 px."""
    election_with_follow_up()
    report = programmes_report(election=2020, compare_with=2014, now=NOW)
    assert report.follow_up and report.comparison
    path = tmp_path / "programmes.html"
    path.write_text(render(report, "html"), encoding="utf-8")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # no ORM call in the browser part
    for width in (PHONE, 1280):
        with drawn_page(path, "#chart-themes", width) as page:
            tables = tables_at(page)
        assert len(tables) == 4, tables
        assert [t for t in tables if t[1] > 0] == [], (width, tables)
        shown = sum(t[2] for t in tables)
        assert shown == 0 if width == PHONE else shown > 0, (width, tables)
