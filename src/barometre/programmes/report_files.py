"""An election's programme report as a file (CSV, JSON or HTML), as the site serves it
(`/programmes/<year>/rapport.<fmt>`): the report `barometre programmes report` writes, with the
figures the pages keep (`summary_of`), in the site's language (French, as the command's) whoever
asks. A national election's takes seconds: it is kept in the cache (`core.statecache.cached`)
until an assessment, a campaign's date or the programmes of either election change, built on a
file's first request or ahead, when the programmes are published (`opendata publish`:
`report_files_prebuild`), under the same key."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.utils import timezone, translation

from barometre.assessments.versions import campaign_dates, data_version
from barometre.core.statecache import cached
from barometre.programmes.analysis.themes import shipped_themes
from barometre.programmes.reports import programmes_report
from barometre.programmes.reports.renderers import render
from barometre.programmes.selectors import earlier_elections, programmes_state
from barometre.programmes.summary import summary_of

FORMATS = ("csv", "json", "html")


def report_file_text(election: int, fmt: str, other: int | None, *, demo: bool) -> str:
    """The report file of `election` in `fmt` (compared with the earlier election `other`),
    from the cache, else built now. Its « rapport généré le » is when it was built."""
    with translation.override(settings.LANGUAGE_CODE):  # the cache key holds the language
        return cached(
            _key(election, fmt, other, demo=demo), lambda: _built(election, fmt, other, demo=demo)
        )


def _key(election: int, fmt: str, other: int | None, *, demo: bool) -> str:
    states = [programmes_state(year, demo=demo) for year in (election, other) if year]
    state = f"{fmt}|{other}|{'|'.join(states)}|{campaign_dates()}"
    digest = hashlib.sha256(state.encode()).hexdigest()[:16]
    # the key of the web pages' `cached_for_data`, under which these files were first stored
    return f"web:programmes-file:{digest}:{data_version()}"


def _built(election: int, fmt: str, other: int | None, *, demo: bool) -> str:
    # the shipped themes read without spaCy, as the page (loading it takes seconds, and a web
    # server may have none): the same ids, labels and aspects as the compiled themes
    themes = shipped_themes()
    report = programmes_report(
        election=election,
        compare_with=other,
        now=timezone.now(),
        demo=demo,
        themes=themes,
        # the figures the pages keep (a second each for a national election)
        summary_of=lambda year: summary_of(year, themes, demo=demo),
    )
    return render(report, fmt)


def report_files_prebuild(election: int, *, demo: bool) -> int:
    """Build ahead the report files a reader of the election would ask first: each format,
    compared with the latest earlier election with programmes (the election's page compares
    with it by default, and its download links carry that comparison) and without comparison
    (the files' own address). Returns how many files are ready."""
    others = [None, *earlier_elections(election, demo=demo)[:1]]
    for other in others:
        for fmt in FORMATS:
            report_file_text(election, fmt, other, demo=demo)
    return len(others) * len(FORMATS)
