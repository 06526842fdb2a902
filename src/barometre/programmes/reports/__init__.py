"""Programme reports: shares with Wilson intervals, themes, comparison, evidence, promises."""

from __future__ import annotations

from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.programmes.reports.build import programmes_report
from barometre.programmes.reports.model import ProgrammeReport
from barometre.programmes.reports.renderers import FORMATS, render

__all__ = ["FORMATS", "ProgrammeReport", "programmes_report", "render", "report_write"]


def report_write(report: ProgrammeReport, *, fmt: str, out: Path) -> Path:
    """Write the report in `fmt` (html, json or csv) to `out`."""
    if fmt not in FORMATS:
        raise BarometreError(f"format « {fmt} » inconnu (html, json ou csv)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render(report, fmt), encoding="utf-8")
    except OSError as error:
        raise BarometreError(f"impossible d'écrire {out} : {error.strerror}") from None
    return out
