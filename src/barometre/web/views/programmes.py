"""The programme observatory: elections, themes, and each commune's lists with sentences.

An election's page counts its real programmes only; the demonstration's made-up programmes
(`Programme.is_demo`) have their own page, under the demonstration notice."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from barometre.outputs.labels import ordinals_html
from barometre.outputs.validity import programme_reading_note
from barometre.programmes.analysis.themes import shipped_themes, theme_labels
from barometre.programmes.models import Programme
from barometre.programmes.reports.follow_up import (
    absent_themes,
    follow_up_and_basis,
    follow_up_basis_text,
    follow_up_missing_text,
    follow_up_view,
)
from barometre.programmes.reports.renderers import reading_dates, share_view
from barometre.programmes.selectors import (
    commune_programmes,
    earlier_elections,
    elections,
    list_key,
    programmes_state,
    reading_span,
)
from barometre.programmes.summary import summary_of
from barometre.web.links import programmes_groups
from barometre.web.selectors import cached_for_data, campaign_dates
from barometre.web.views.common import page_of
from barometre.web.views.programmes_common import (
    compared_election,
    comparison_view,
    election_page,
    no_programme,
)


@require_safe
def programmes_home(request: HttpRequest) -> HttpResponse:
    """Each election with the report's figures (`barometre programmes report`), the latest
    first (real elections, then the demonstration's)."""
    rows = []
    for demo in (False, True):
        for election in sorted(elections(demo=demo), reverse=True):
            summary = summary_of(election, shipped_themes(), demo=demo)
            earlier = earlier_elections(election, demo=demo)
            rows.append(
                {
                    "summary": summary,
                    "digital": share_view(summary.digital),
                    "demo": demo,
                    "compared": earlier[0] if earlier else None,
                }
            )
    context = {
        "rows": rows,
        "has_demo": any(row["demo"] for row in rows),
        "reading_note": programme_reading_note(),
    }
    return render(request, "web/programmes_home.html", context)


@require_safe
def programmes_election(request: HttpRequest, election: int) -> HttpResponse:
    """One election's real programmes: the report's summary and themes, then each list with
    its sentences."""
    return _election_page(request, election, demo=False)


@require_safe
def programmes_election_demo(request: HttpRequest, election: int) -> HttpResponse:
    """One election's demonstration programmes, as the real page shows them, under its notice."""
    return _election_page(request, election, demo=True)


def _election_page(request: HttpRequest, election: int, *, demo: bool) -> HttpResponse:
    if election not in elections(demo=demo):
        return no_programme(request, election, demo=demo)
    other = compared_election(request, election, demo=demo, default=True)
    if isinstance(other, HttpResponse):
        return other
    themes = shipped_themes()
    state = programmes_state(election, demo=demo)  # read once: the summary and follow-up's
    summary = summary_of(election, themes, demo=demo, state=state)
    # a queryset: only the shown page's programmes and sentences are read
    programmes = commune_programmes(election=election, demo=demo)
    page = page_of(request, programmes, 20)
    context = {
        "demo": demo,
        "has_demo": not demo and election in elections(demo=True),
        "election": election,
        "summary": summary,
        "digital": share_view(summary.digital),
        "digital_without_video": share_view(summary.digital_without_video_protection),
        "disruptive": share_view(summary.disruptive),
        "disruptive_digital": share_view(summary.disruptive_among_digital),
        "brackets": [(b, share_view(b.digital)) for b in summary.by_bracket],
        "themes": [(t, share_view(t.programmes)) for t in summary.themes],
        "page": page,
        # the pages of lists keep the comparison the reader chose (page 2 fell back to the
        # latest earlier election)
        "query": f"comparer={other}" if other and "comparer" in request.GET else "",
        "not_counted": _not_counted(page.object_list, election, demo=demo),
        "follow_up": _follow_up(election, state, demo=demo),
        "labels": theme_labels(),
        "reading_note": programme_reading_note(),
        "read_on": ordinals_html(reading_dates(*reading_span(election, demo=demo))),
        "formats": [("csv", "CSV"), ("json", "JSON"), ("html", _("rapport HTML"))],
        "opendata": programmes_groups(election_page(election, demo=demo)),
        # the files carry the comparison the page shows (`--compare`)
        "file_query": f"?comparer={other}" if other else "",
        "comparison": comparison_view(summary, other, themes, demo=demo) if other else None,
        "earlier": earlier_elections(election, demo=demo),
    }
    return render(request, "web/programmes_election.html", context)


def _not_counted(shown: Iterable[Programme], election: int, *, demo: bool) -> set[int]:
    """The second-round programmes among `shown` left out of the figures because their list's
    first-round programme is counted (`one_per_list`), so that the page says so."""
    second = [p for p in shown if p.round > 1]
    if not second:
        return set()
    first = Programme.objects.filter(
        election=election, is_demo=demo, round=1, commune_id__in={p.commune_id for p in second}
    ).values_list("commune_id", "list_name")
    lists = {(commune, list_key(name)) for commune, name in first}
    return {p.pk for p in second if (p.commune_id, list_key(p.list_name)) in lists}


def _follow_up(election: int, programmes_at: str, *, demo: bool) -> dict[str, object]:
    """The report's « what changed where it was promised » table, cached until an assessment,
    a campaign's date or the election's programmes change (`programmes_at`, the
    `programmes_state` the page read). The programmes are read only to compute it, without
    their text or sentences."""
    state = f"{programmes_at}|{campaign_dates()}"
    # « follow-up-absent »: the rows, what they rest on and its campaigns' names, to keep each
    # whole on a phone, and the themes left out of the table (« follow-up-names » did not
    # hold them, « follow-up-basis » held no names, « follow-up » the rows alone)
    # « follow-up-missing » adds why there is no table (« follow-up-absent » did not say)
    key = f"follow-up-missing:{hashlib.sha256(state.encode()).hexdigest()[:16]}"

    def compute() -> dict[str, object]:
        labels = theme_labels()
        fields = ("commune_id", "election", "won", "status", "themes", "is_demo")
        programmes = list(
            Programme.objects.filter(election=election, is_demo=demo).only(*fields).order_by()
        )
        rows, basis = follow_up_and_basis(programmes, labels, demo=demo)
        names = basis.campaigns_before + basis.campaigns_after if basis else ()
        return {
            "rows": follow_up_view(rows),
            "basis": follow_up_basis_text(basis),
            "missing": "" if rows else follow_up_missing_text(basis),
            "names": names,
            # the themes without a row, as the HTML report names them (`absent_themes`)
            "absent": [labels[theme] for theme in absent_themes(rows, labels)],
        }

    return cached_for_data(key, compute)
