"""The programmes report as CSV: one table, a row per figure (summary, change, list, promise,
follow-up), every text cell neutralised against spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from barometre.core.plural import counted
from barometre.core.proportions import Share
from barometre.core.spreadsheet import csv_unrounded, spreadsheet_row
from barometre.outputs.labels import (
    DEMO_BANNER,
)
from barometre.programmes.reports.model import (
    Comparison,
    ElectionSummary,
    ListRow,
    ProgrammeReport,
)

CSV_COLUMNS = (
    "section",
    "election",
    "key",
    "label",
    "count",
    "n",
    "share",
    "ci_low",
    "ci_high",
    "detail",
    "round",  # list rows: the round, whether the list won (1/0) and the programme's status
    "won",
    "status",
    "theme",  # rows about one theme (theme, promise, follow_up): its id and French label
    "theme_label",
    "source_url",  # list rows: where the list published its programme, and when (ISO date)
    "published_on",
    # list rows: the document it was read in (file name, format, PDF pages, OCR 1/0); added
    # last, so that a reader going by position finds the earlier columns where they were
    "file_name",
    "file_format",
    "page_count",
    "ocr",
)


def _share_cells(value: Share) -> list[Any]:
    return [value.count, value.n, value.share, value.low, value.high]


def _summary_rows(summary: ElectionSummary) -> list[list[Any]]:
    year = summary.election

    def row(kind: str, group: str, label: str, share: Share, detail: str = "", *more: str) -> list:
        return [kind, year, group, label, *_share_cells(share), detail, *more]

    return [
        *_digital_rows(summary, row),
        *(
            # the theme's identifier and label again in the last two columns
            row(
                "theme",
                t.theme,
                t.label,
                t.programmes,
                counted(t.sentences, "phrase", "phrases"),
                "",
                "",
                "",
                t.theme,
                t.label,
            )
            for t in summary.themes
        ),
        row("disruptive", "all", "programmes avec une proposition disruptive", summary.disruptive),
        row(
            "disruptive",
            "digital",
            "parmi les programmes qui parlent de numérique",
            summary.disruptive_among_digital,
        ),
    ]


def _digital_rows(summary: ElectionSummary, row: Callable[..., list[Any]]) -> list[list[Any]]:
    """The share of programmes that speak of digital matters: all, without video protection,
    by population bracket."""
    return [
        row("digital", "all", "toutes les communes", summary.digital),
        row(
            "digital",
            "without_video_protection",
            "sans les programmes dont le seul numérique est la vidéoprotection",
            summary.digital_without_video_protection,
        ),
        *(
            row(
                "bracket",
                b.bracket,
                b.label,
                b.digital,
                counted(b.n_communes, "commune", "communes"),
            )
            for b in summary.by_bracket
        ),
    ]


def to_csv(report: ProgrammeReport) -> str:
    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\n"))
    writer.writerow(CSV_COLUMNS)
    if report.is_demo:  # a first row says so: the file is never read as a real reading
        notice = ["notice", report.election, "demonstration", DEMO_BANNER]
        writer.writerow(notice + [""] * (len(CSV_COLUMNS) - len(notice)))
    writer.writerows(_summary_rows(report.summary))
    if report.comparison:
        writer.writerows(_summary_rows(report.comparison.other))
        writer.writerows(_change_rows(report, report.comparison))
    writer.writerows(_list_rows(report))
    writer.writerows(_promise_rows(report))
    writer.writerows(_follow_up_rows(report))
    return out.getvalue()


def _change_rows(report: ProgrammeReport, comparison: Comparison) -> Iterator[list[object]]:
    for row in comparison.rows:
        change = row.change
        yield [
            "change",
            report.election,
            row.bracket,
            row.label,
            "",
            "",
            change.difference,
            change.low,
            change.high,
            f"{report.election} - {comparison.other.election}"
            + ("\u00a0; trop peu de programmes" if row.few else ""),
        ]


def _list_detail(item: ListRow) -> str:
    """A list row's `detail`: why it was not read, or its theme ids, " :: ", its sentences
    joined by " | "; empty for a list read without a digital sentence (" :: " alone was)."""
    if item.unread:
        return item.unread
    if not item.themes and not item.sentences:
        return ""
    return f"{' '.join(item.themes)} :: {' | '.join(s.text for s in item.sentences)}"


def _list_rows(report: ProgrammeReport) -> Iterator[list[object]]:
    for commune in report.communes:
        for item in commune.lists:
            yield [
                "list",
                report.election,
                commune.code,
                item.list_name,
                "",
                "",
                "" if item.unread else int(item.mentions_digital),
                "",
                "",
                _list_detail(item),
                item.round,
                int(item.won),
                item.status,
                "",
                "",
                item.source_url or "",
                item.published_on or "",
                item.file_name,
                item.file_format,
                item.page_count or "",
                int(item.ocr),
            ]


def _promise_rows(report: ProgrammeReport) -> Iterator[list[object]]:
    for p in report.promises:
        yield [
            "promise",
            report.election,
            p.commune_code,
            p.list_name,
            p.at_level_3_or_more,
            p.n_cells,
            p.mean_level,
            "",
            "",
            p.statement,
            "",
            int(p.won),
            "",
            p.theme,
            p.theme_label,
        ]


def _follow_up_rows(report: ProgrammeReport) -> Iterator[list[object]]:
    """count/n: communes where the theme was promised / elsewhere; share: the gap."""
    for f in report.follow_up:
        yield [
            "follow_up",
            report.election,
            f.theme,
            f.theme_label,
            f.promised_communes,
            f.other_communes,
            f.difference,
            "",
            "",
            f.statement,
            "",
            "",
            "",
            f.theme,
            f.theme_label,
        ]


class _SafeWriter:
    """A csv writer whose text cells are neutralised against spreadsheet formulas."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def writerow(self, row: Iterable[Any]) -> None:
        cells = list(row)
        cells += [""] * (len(CSV_COLUMNS) - len(cells))  # every row as wide as the header
        # a float unrounded, but never with an exponent (a share of 1 in 30,000: 3.3e-05)
        cells = [csv_unrounded(c) if isinstance(c, float) else c for c in cells]
        self._writer.writerow(spreadsheet_row(cells))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
