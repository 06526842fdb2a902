"""Build a `ProgrammeReport` from the database (reads only)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from barometre.core.errors import BarometreError
from barometre.core.proportions import Share, difference, share
from barometre.programmes.analysis.themes import ShippedThemes, ThemeSet, load_themes
from barometre.programmes.models import Programme, unread_note
from barometre.programmes.reports.follow_up import absent_themes, follow_up_and_basis
from barometre.programmes.reports.model import (
    FEW_PROGRAMMES,
    BracketRow,
    CommuneRow,
    Comparison,
    ComparisonRow,
    ElectionSummary,
    ListRow,
    ProgrammeReport,
    ThemeRow,
)
from barometre.programmes.reports.promises import campaign_check, promises
from barometre.programmes.reports.rows import ReportProgramme, report_programmes
from barometre.programmes.selectors import (
    CountedProgramme,
    aspect_only_programmes,
    election_programmes,
    elections,
    reading_span,
    reading_versions,
    theme_sentence_counts,
)
from barometre.referential.brackets import BRACKET_LABELS, BRACKETS
from barometre.referential.codes import commune_code_normalise
from barometre.referential.models import Commune
from barometre.referential.selectors import commune_name_hint


def _theme_rows(
    analysed: list[CountedProgramme], sentences: dict[str, int], themes: ThemeSet | ShippedThemes
) -> tuple[ThemeRow, ...]:
    n = len(analysed)
    cited = Counter(theme for p in analysed for theme in p.themes)
    known = {t.id: t for t in themes.themes}
    ids = list(known) + sorted(set(cited) - set(known))  # themes of an older themes file last
    return tuple(
        ThemeRow(
            theme_id,
            known[theme_id].label if theme_id in known else theme_id,
            known[theme_id].disruptive if theme_id in known else False,
            share(cited.get(theme_id, 0), n),
            sentences.get(theme_id, 0),
        )
        for theme_id in ids
    )


OK = "ok"  # Programme.Status.OK
VIDEO_PROTECTION = "video_protection"  # the cue aspect of themes.yaml (smart_city)


def _video_only(analysed: list[CountedProgramme], themes: ThemeSet | ShippedThemes) -> set[int]:
    """Programmes whose only digital sentences are about video-protection (PROGRAMMES.md)."""
    sources = themes.aspects.get(VIDEO_PROTECTION, frozenset())
    candidates = [p.id for p in analysed if p.mentions_digital and p.themes == ("smart_city",)]
    if not sources or not candidates:
        return set()
    return aspect_only_programmes(candidates, theme="smart_city", sources=sources)


def election_summary(
    election: int, themes: ThemeSet | ShippedThemes, *, demo: bool = False
) -> ElectionSummary:
    """The election's figures over its real programmes, or with `demo` its made-up ones."""
    every = election_programmes(election, demo=demo)
    analysed = [p for p in every if p.status == OK]
    digital = [p for p in analysed if p.mentions_digital]
    video_only = _video_only(analysed, themes)

    def beyond_video(rows: list[CountedProgramme]) -> int:
        return sum(p.mentions_digital and p.id not in video_only for p in rows)

    by_bracket = []
    for bracket in BRACKETS:
        in_bracket = [p for p in analysed if p.bracket == bracket.id]
        by_bracket.append(
            BracketRow(
                bracket.id,
                bracket.label,
                len({p.commune_code for p in in_bracket}),
                share(sum(p.mentions_digital for p in in_bracket), len(in_bracket)),
                share(beyond_video(in_bracket), len(in_bracket)),
            )
        )
    counts = theme_sentence_counts([p.id for p in analysed])
    return ElectionSummary(
        election=election,
        n_programmes=len(analysed),
        n_communes=len({p.commune_code for p in analysed}),
        n_without_text=sum(p.status == Programme.Status.NO_TEXT for p in every),
        n_other_language=sum(p.status == Programme.Status.FOREIGN for p in every),
        digital=share(len(digital), len(analysed)),
        digital_without_video_protection=share(beyond_video(analysed), len(analysed)),
        by_bracket=tuple(by_bracket),
        themes=_theme_rows(analysed, counts, themes),
        disruptive=share(sum(p.disruptive for p in analysed), len(analysed)),
        disruptive_among_digital=share(sum(p.disruptive for p in digital), len(digital)),
        digital_sentences=counts["__all__"],
        disruptive_sentences=counts["__disruptive__"],
    )


def compare(current: ElectionSummary, other: ElectionSummary) -> Comparison:
    rows = [
        ComparisonRow(
            "all",
            "toutes les communes",
            current.digital,
            other.digital,
            difference(current.digital, other.digital),
            _few(current.digital, other.digital),
        )
    ]
    others = {row.bracket: row for row in other.by_bracket}
    for row in current.by_bracket:
        before = others[row.bracket].digital
        rows.append(
            ComparisonRow(
                row.bracket,
                BRACKET_LABELS[row.bracket],
                row.digital,
                before,
                difference(row.digital, before),
                _few(row.digital, before),
            )
        )
    return Comparison(other, tuple(rows))


def _few(current: Share, other: Share) -> bool:
    """Too few programmes read on one side for the change to be read (none: not measured)."""
    return 0 < min(current.n, other.n) < FEW_PROGRAMMES


def _list_row(programme: ReportProgramme) -> ListRow:
    return ListRow(
        programme.id,
        programme.list_name,
        programme.head_of_list,
        programme.round,
        programme.won,
        programme.status,
        programme.problem,
        unread_note(programme.status),
        programme.mentions_digital,
        programme.themes,
        programme.disruptive,
        programme.sentences,
        programme.source_url or None,
        programme.published_on.isoformat() if programme.published_on else None,
        programme.source_name,
        programme.format,
        programme.page_count,
        programme.ocr,
    )


def commune_rows(programmes: list[ReportProgramme]) -> tuple[CommuneRow, ...]:
    rows: dict[str, list[ReportProgramme]] = {}
    for programme in programmes:
        rows.setdefault(programme.commune_id, []).append(programme)
    return tuple(
        CommuneRow(
            code,
            group[0].commune_name,
            group[0].commune_population,
            group[0].commune_bracket,
            tuple(_list_row(p) for p in group),
        )
        for code, group in rows.items()
    )


def _checked(
    election: int, compare_with: int | None, commune: str | None, *, demo: bool
) -> str | None:
    """The report's arguments checked, in French: the other election is earlier, the commune is
    known (its code normalised, returned) and both elections have imported programmes."""
    if compare_with is not None and compare_with == election:
        raise BarometreError(
            f"--compare {compare_with} est l'élection du rapport : comparez avec une autre année"
        )
    if compare_with is not None and compare_with > election:
        # the change is this election's share minus the other's: with a later election it
        # would run backwards (100 % in 2020, 67 % in 2026 printed as « +33 points »)
        raise BarometreError(
            f"--compare {compare_with} est postérieure à l'élection du rapport ({election}) : "
            "l'évolution irait à rebours du temps ; faites le rapport de "
            f"{compare_with} avec --compare {election}"
        )
    if commune is not None:
        code = commune_code_normalise(commune)
        if not Commune.objects.filter(pk=code).exists():
            raise BarometreError(
                commune_name_hint(commune) or f"commune {commune} inconnue du référentiel"
            )
        commune = code
    for year in (election, compare_with):
        if year is not None and (missing := election_missing(year, demo=demo)):
            raise BarometreError(missing)
    return commune


def election_missing(year: int, *, demo: bool | None) -> str | None:
    """In French, that `year` has no imported programme and which elections have some; None
    when it has. `demo`: real programmes only (False), made-up ones only (True), or both (None,
    the commands that go through every programme: list, reanalyse)."""
    real = set(elections(demo=False)) if demo is not True else set()
    made_up = set(elections(demo=True)) if demo is not False else set()
    known = sorted(real | made_up)
    if year in known:
        return None
    listed = ", ".join(map(str, known)) or "aucune"
    what = "programme de démonstration" if demo else "programme"
    hint = ""
    if demo is False and year in elections(demo=True):
        hint = " ; programmes de démonstration : --demo"
    return f"aucun {what} importé pour {year} (élections : {listed}){hint}"


def _measured_campaigns(
    election: int, campaign: str | None, campaign_before: str | None, *, demo: bool
) -> dict[str, str | None]:
    """The campaigns the promises are set beside, each checked against the election."""
    if campaign is not None:
        campaign = campaign_check(campaign, election, demo=demo)
    if campaign_before is not None:
        campaign_before = campaign_check(campaign_before, election, before=True, demo=demo)
    return {"campaign": campaign, "campaign_before": campaign_before}


def _follow_up(
    programmes: list[ReportProgramme],
    labels: dict[str, str],
    commune: str | None,
    measured: dict[str, str | None],
    *,
    demo: bool,
) -> dict[str, Any]:
    """The follow-up sets each theme's communes against the others: not for one commune. The
    report's fields: its rows, what they rest on, the themes left out of the table."""
    if commune is not None:
        return {}
    rows, basis = follow_up_and_basis(programmes, labels, demo=demo, **measured)
    return {
        "follow_up": tuple(rows),
        "follow_up_basis": basis,
        "follow_up_absent": absent_themes(rows, labels),
    }


def _reading(election: int, theme_set: ThemeSet | ShippedThemes, *, demo: bool) -> dict[str, Any]:
    """When the election's programmes were read, with which themes file, and the current one."""
    read_from, read_to = reading_span(election, demo=demo)
    return {
        "read_from": read_from,
        "read_to": read_to,
        "themes_version": ", ".join(reading_versions(election, demo=demo)),
        "current_themes_version": theme_set.version,
    }


def programmes_report(
    *,
    election: int,
    now: dt.datetime,
    compare_with: int | None = None,
    commune: str | None = None,
    won_only: bool = False,
    themes: ThemeSet | ShippedThemes | None = None,
    demo: bool = False,
    campaign: str | None = None,
    campaign_before: str | None = None,
    summary_of: Callable[[int], ElectionSummary] | None = None,
) -> ProgrammeReport:
    """The report of one election; `commune` (an INSEE code, "1001" read as "01001") limits the
    per-commune part to one commune. Real programmes only, or with `demo` the demonstration's
    made-up ones, their promises set beside demonstration campaigns only. `summary_of`: an
    election's `election_summary` with these themes, kept by the caller (the web pages)."""
    commune = _checked(election, compare_with, commune, demo=demo)
    measured = _measured_campaigns(election, campaign, campaign_before, demo=demo)
    theme_set = themes or load_themes()
    summary_of = summary_of or (lambda year: election_summary(year, theme_set, demo=demo))
    summary = summary_of(election)
    comparison = compare(summary, summary_of(compare_with)) if compare_with is not None else None
    programmes = report_programmes(election=election, commune=commune, demo=demo)
    labels = {t.id: t.label for t in theme_set.themes}
    return ProgrammeReport(
        election=election,
        generated_at=now,
        **_reading(election, theme_set, demo=demo),
        summary=summary,
        comparison=comparison,
        communes=commune_rows(programmes),
        promises=tuple(promises(programmes, labels, won_only=won_only, **measured)),
        **_follow_up(programmes, labels, commune, measured, demo=demo),
        is_demo=demo,
        commune=commune,
    )
