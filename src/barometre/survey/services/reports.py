"""Write survey reports to files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from barometre.core.errors import BarometreError
from barometre.core.files import output_write
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.csv_report import csv_render
from barometre.survey.reports.data import (
    SurveyReport,
    survey_report_data,
    survey_report_of_unit,
)
from barometre.survey.reports.html_report import html_render
from barometre.survey.reports.json_report import json_render
from barometre.survey.reports.pdf_report import pdf_render
from barometre.survey.reports.results_package import results_copy
from barometre.survey.services.campaigns import survey_campaign_get

RENDERERS: dict[str, Callable[[SurveyReport], str | bytes]] = {
    "html": html_render,
    "json": json_render,
    "csv": csv_render,
    "pdf": pdf_render,
}
SURVEY_FORMATS = tuple(RENDERERS)
# one collectivité's report is for people (its council): the open data (CSV) and the JSON hold
# every collectivité of the campaign, one row or object each
UNIT_FORMATS = ("html", "pdf")


def survey_report_render(
    *, campaign: str, fmt: str, today: date, provisional: bool = False, code: str = ""
) -> tuple[SurveyReport, str | bytes]:
    """The report of a closed campaign in one format (text, or bytes for the PDF), or, with
    `code`, one collectivité's report (HTML or PDF, `survey_report_of_unit`).

    A campaign still open is refused unless `provisional`: the report is then marked as
    provisional and internal (see survey_report_data).
    """
    if fmt not in RENDERERS:
        raise BarometreError(f"Format inconnu « {fmt} » : {', '.join(SURVEY_FORMATS)}.")
    if code and fmt not in UNIT_FORMATS:
        raise BarometreError(
            f"Le rapport d'une collectivité s'écrit en HTML ou en PDF, pas en {fmt.upper()} : "
            "le fichier de la campagne entière donne déjà chaque collectivité."
        )
    data = survey_report_data(
        campaign=survey_campaign_get(name=campaign), today=today, provisional=provisional
    )
    if code:
        data = survey_report_of_unit(data, code)
    return data, RENDERERS[fmt](data)


def survey_report_write(
    *, campaign: str, fmt: str, out: Path, today: date, provisional: bool = False
) -> Path:
    """Render the report of a closed campaign in one format and write it to `out` (a file, or
    an existing folder where it is named `enquete-<campagne>.<format>`)."""
    return survey_report_file(
        campaign=campaign, fmt=fmt, out=out, today=today, provisional=provisional
    )[0]


def report_filename(campaign: str, fmt: str, code: str = "") -> str:
    """`enquete-<campagne>.<format>`, or `enquete-<campagne>-<code>.<format>` for one
    collectivité's report."""
    return f"enquete-{campaign}-{code}.{fmt}" if code else f"enquete-{campaign}.{fmt}"


def survey_report_file(
    *, campaign: str, fmt: str, out: Path, today: date, provisional: bool = False, code: str = ""
) -> tuple[Path, SurveyReport]:
    """`survey_report_write`, with the report written (for what the command says of it); with
    `code`, one collectivité's report."""
    data, content = survey_report_render(
        campaign=campaign, fmt=fmt, today=today, provisional=provisional, code=code
    )
    out = Path(out)
    if out.is_dir():
        out = out / report_filename(campaign, fmt, code)

    def write(target: Path) -> None:
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    return output_write(out, write, what="le rapport"), data


def nothing_published(report: SurveyReport) -> str:
    """What the command says of a report in which no collectivité publishes its figures (each
    has fewer than 5 respondents, none included: it never says which had none), or ""."""
    if any(unit.scores.total.published for unit in report.units):
        return ""
    if report.single:
        unit = report.units[0]
        return (
            f"{unit.name} ({unit.code}) a moins de 5 répondants dans la campagne "
            f"« {report.campaign.name} » : le rapport dit que ses résultats ne sont pas "
            "publiés et ne donne aucun chiffre."
        )
    return (
        f"Aucune collectivité de la campagne « {report.campaign.name} » n'a au moins 5 "
        "répondants : le rapport ne publie aucun de ses chiffres, seulement, pour comparaison, "
        "ceux des autres collectivités de chaque tranche et de l'ensemble des répondants."
    )


def survey_results_export(*, campaign: str, out: Path, today: date, now: datetime) -> list[Path]:
    """Copy a closed campaign's published results package, the files /donnees/enquete/ serves,
    into the `out` folder. A campaign unknown, in preparation or still open is refused, as the
    web answers 404: its report publishes no figure yet."""
    found = survey_campaign_get(name=campaign)
    if found.status != SurveyCampaign.Status.CLOSED:
        raise BarometreError(
            f"La campagne d'enquête «\u00a0{campaign}\u00a0» est "
            f"{found.get_status_display()}\u00a0: "
            "ses résultats ne sont publiés qu'une fois close "
            f"(«\u00a0barometre survey campaign close {campaign}\u00a0»)."
        )
    return results_copy(campaign=found, out=out, today=today, now=now)
