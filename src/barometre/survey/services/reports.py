"""Write survey reports to files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.core.files import output_write
from barometre.survey.reports.data import survey_report_data
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.services.campaigns import survey_campaign_get

RENDERERS = {"html": html_render, "json": json_render}


def survey_report_write(
    *, campaign: str, fmt: str, out: Path, today: date, provisional: bool = False
) -> Path:
    """Render the report of a closed campaign in one format and write it to `out`.

    A campaign still open is refused unless `provisional`: the report is then marked as
    provisional and internal (see survey_report_data).
    """
    if fmt not in RENDERERS:
        raise BarometreError(f"Format inconnu « {fmt} » : html ou json.")
    data = survey_report_data(
        campaign=survey_campaign_get(name=campaign), today=today, provisional=provisional
    )
    text = RENDERERS[fmt](data)
    out = Path(out)
    if out.is_dir():
        out = out / f"enquete-{campaign}.{fmt}"
    return output_write(
        out, lambda target: target.write_text(text, encoding="utf-8"), what="le rapport"
    )
