"""Programme reports: shares with Wilson intervals, themes, comparison, evidence, promises."""

from __future__ import annotations

from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.core.files import output_write
from barometre.programmes.reports.build import programmes_report
from barometre.programmes.reports.model import ProgrammeReport
from barometre.programmes.reports.renderers import FORMATS, render

__all__ = ["FORMATS", "ProgrammeReport", "programmes_report", "render", "report_write"]


def report_write(report: ProgrammeReport, *, fmt: str, out: Path) -> Path:
    """Write the report in `fmt` (html, json or csv) to `out`."""
    if fmt not in FORMATS:
        raise BarometreError(f"format « {fmt} » inconnu (html, json ou csv)")
    text = render(report, fmt)
    return output_write(
        out, lambda target: target.write_text(text, encoding="utf-8"), what="le rapport"
    )
