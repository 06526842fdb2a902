"""The « API et données ouvertes » page of the menu: each campaign's package to download, what
every column of its tables holds (the Table Schema that datapackage.json gives), the licence
and sources, and the API. The menu linked to the API's JSON index, which names neither the
files nor their columns: a journalist who clicked it read JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from barometre.outputs.opendata.fields import PRIMARY_KEYS
from barometre.outputs.opendata.package import LICENCE, LICENCES, SOURCES, TABLE_TITLES, TABLES
from barometre.programmes.selectors import elections
from barometre.survey.models import SurveyCampaign
from barometre.survey.reports.results_fields import RESULT_FIELDS
from barometre.survey.reports.results_package import TABLE as RESULTS
from barometre.survey.reports.results_package import TITLE as RESULTS_TITLE
from barometre.survey.selectors import survey_campaigns_list
from barometre.web.links import (
    api_root,
    api_schema,
    opendata_groups,
    programmes_groups,
    survey_groups,
)
from barometre.web.selectors import campaigns_listed
from barometre.web.views.programmes_common import election_page


def _tables() -> list[dict[str, Any]]:
    """Each table with its French title and its fields as datapackage.json describes them:
    a campaign's, then a survey campaign's results (no key: one row per score)."""
    tables = [
        {
            "name": name,
            "title": TABLE_TITLES[name],
            "key": ", ".join(PRIMARY_KEYS[name]),
            "fields": [f.descriptor() for f in fields],
        }
        for name, fields in TABLES.items()
    ]
    fields = [f.descriptor() for f in RESULT_FIELDS]
    return [*tables, {"name": RESULTS, "title": RESULTS_TITLE, "key": "", "fields": fields}]


def _surveys() -> list[tuple[SurveyCampaign, Any]]:
    """Each closed survey campaign, latest first, with its results package's files: an open
    one publishes no figure, as its report."""
    closed = SurveyCampaign.Status.CLOSED
    return [(c, survey_groups(c.name)) for c in survey_campaigns_list() if c.status == closed]


def _elections() -> list[dict[str, Any]]:
    """Each election with programmes, real ones first, latest first: its package's files and
    its page (the page only linked to the programmes' home, where a reuser looked for them
    again)."""
    return [
        {
            "year": year,
            "demo": demo,
            "files": programmes_groups(election_page(year, demo=demo)),
            "page": election_page(year, demo=demo),
        }
        for demo in (False, True)
        for year in sorted(elections(demo=demo), reverse=True)
    ]


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    campaigns = [(c, opendata_groups(c.name)) for c in campaigns_listed()]
    context = {
        "campaigns": campaigns,
        "elections": _elections(),
        "surveys": _surveys(),
        "tables": _tables(),
        "licence": LICENCE,
        "licences": LICENCES,
        "sources": SOURCES,
        "api_root": api_root(),
        "api_schema": api_schema(),
    }
    return render(request, "web/open_data.html", context)
