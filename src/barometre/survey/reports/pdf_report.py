"""The survey report as PDF, laid out by WeasyPrint as the campaign's PDF is
(`outputs.pdf.render`): the HTML report's own body (`survey_report/_body.html`, so the PDF
shows what the HTML shows and hides what it hides), in the campaign PDF's page style, each radar
drawn to SVG by vl-convert (WeasyPrint runs no JavaScript) beside its table."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from barometre.outputs.pdf.render import chart_svg, css_text, pdf_from_html, svg_data_uri
from barometre.survey.reports.data import DEMO_LABEL, SurveyReport
from barometre.survey.reports.html_report import report_context


def _footer(report: SurveyReport) -> str:
    """What each page's foot says besides the page number: the survey and its campaign, and
    that a demonstration's figures are made up (the banner is on the first page only)."""
    name = _("enquête de maturité « %(name)s »") % {"name": report.campaign.name}
    if report.single:  # one collectivité's report: named on every page it is shown on
        name = f"{report.units[0].name} — {name}"
    return f"{name} — {_(DEMO_LABEL)}" if report.is_demo else name


def _with_images(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each published collectivité's radar as an SVG image, in place of the box the site's
    charts.js draws it in."""
    return [
        {**u, "radar_image": svg_data_uri(chart_svg(u["spec"]))} if u["published"] else u
        for u in units
    ]


def pdf_html(report: SurveyReport) -> str:
    """The HTML that `pdf_render` lays out (French, as every published report)."""
    with translation.override("fr"):
        context = report_context(report)
        context["units"] = _with_images(context["units"])
        html = render_to_string(
            "survey_report/pdf.html",
            {**context, "pdf": True, "footer_css": css_text(_footer(report))},
        )
    return str(html)


def pdf_render(report: SurveyReport) -> bytes:
    """The report as a tagged PDF (A4, page numbers, its title and language)."""
    return pdf_from_html(pdf_html(report))
