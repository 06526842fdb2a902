"""API views of the elections' figures: each election's programmes read and its shares, then
by population bracket and theme, compared with an earlier election.

Every number is the report's (`programmes.reports.build`: `election_summary`, `compare`), kept
as the web pages keep it (`programmes.summary.summary_of`, computed again only when the
election's programmes or the themes change): `barometre programmes report --format json` and
the election's web page give the same figures.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from barometre.api.core import endpoint, page
from barometre.api.params import YEAR, BadRequest, NotFound, Param
from barometre.core.proportions import significant
from barometre.programmes.analysis.themes import shipped_themes
from barometre.programmes.reports.build import compare
from barometre.programmes.reports.model import ElectionSummary
from barometre.programmes.selectors import elections as election_years
from barometre.programmes.summary import summary_of

DEMONSTRATION = Param(
    "demonstration", "Seulement (true) ou sans (false) la démonstration.", "boolean"
)


def _summary(year: int, demo: bool) -> ElectionSummary:
    return summary_of(year, shipped_themes(), demo=demo)


def _links(year: int, demo: bool) -> dict[str, str]:
    suffix = "-demo" if demo else ""
    return {
        "url": f"/api/v1/elections/{year}" + ("?demonstration=true" if demo else ""),
        "page": reverse(f"web:programmes-election{suffix}", args=[year]),
        "opendata": reverse(f"web:programmes-opendata{suffix}", args=[year]),
        # the package's descriptor, beside its tables: what `frictionless validate` reads
        "datapackage": reverse(
            f"web:programmes-opendata-file{suffix}", args=[year, "datapackage.json"]
        ),
    }


def election_json(summary: ElectionSummary, demo: bool) -> dict[str, Any]:
    return {
        "election": summary.election,
        "demonstration": demo,
        "programmes": summary.n_programmes,
        "communes": summary.n_communes,
        "digital": dataclasses.asdict(summary.digital),
        "not_read": {
            "no_text": summary.n_without_text,
            "other_language": summary.n_other_language,
        },
        "disruptive": dataclasses.asdict(summary.disruptive),
        **_links(summary.election, demo),
    }


@endpoint(
    "/api/v1/elections",
    summary="Élections dont des programmes sont importés, la plus récente d'abord, et leurs parts",
    tag="programmes",
    schema="Election",
    paginated=True,
    params=(DEMONSTRATION,),
)
def elections(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    kinds = (False, True) if q["demonstration"] is None else (q["demonstration"],)
    rows = sorted(
        ((year, demo) for demo in kinds for year in election_years(demo=demo)),
        key=lambda row: (-row[0], row[1]),
    )
    return page(request, q, rows, lambda row: election_json(_summary(*row), row[1]))


@endpoint(
    "/api/v1/elections/{year}",
    summary=(
        "Une élection : ses parts par tranche de population et par thème (celles du rapport "
        "JSON), et avec compare l'évolution depuis une élection antérieure (intervalle de "
        "Newcombe à 95 %)"
    ),
    tag="programmes",
    schema="ElectionDetail",
    path_params=(("year", YEAR, "Année de l'élection."),),
    params=(
        Param(
            "demonstration",
            "Les programmes de démonstration (true) plutôt que les réels (false, par défaut).",
            "boolean",
            default=False,
        ),
        Param(
            "compare",
            "Année d'une élection antérieure aux programmes du même genre (sinon : erreur 400).",
            "integer",
            minimum=1900,
            maximum=2100,
        ),
    ),
)
def election(request: HttpRequest, q: dict[str, Any], year: str) -> dict[str, Any]:
    demo, number = q["demonstration"], int(year)
    if number not in election_years(demo=demo):
        raise NotFound(_missing(number, demo))
    other = _compared(number, q["compare"], demo)
    summary = _summary(number, demo)
    return {
        **election_json(summary, demo),
        "digital_without_video_protection": dataclasses.asdict(
            summary.digital_without_video_protection
        ),
        "disruptive_among_digital": dataclasses.asdict(summary.disruptive_among_digital),
        "digital_sentences": summary.digital_sentences,
        "disruptive_sentences": summary.disruptive_sentences,
        "by_bracket": [dataclasses.asdict(row) for row in summary.by_bracket],
        "themes": [dataclasses.asdict(row) for row in summary.themes],
        "comparison": None if other is None else comparison_json(summary, _summary(other, demo)),
    }


def _missing(year: int, demo: bool) -> str:
    """Why `year` has no figures of the kind asked, and where its other kind is."""
    if demo:
        text = f"Aucun programme de démonstration n'est importé pour l'élection de {year}."
    else:
        text = f"Aucun programme réel n'est importé pour l'élection de {year}."
    if year in election_years(demo=not demo):
        other = "false" if demo else "true"
        text += f" Elle en a de l'autre genre : /api/v1/elections/{year}?demonstration={other}."
    return text


def _compared(year: int, other: int | None, demo: bool) -> int | None:
    """`other` when it is an earlier election with programmes of the same kind; else a 400."""
    if other is None:
        return None
    if other >= year:
        raise BadRequest(
            f"« compare » : l'élection de {year} se compare avec une élection antérieure, pas "
            f"avec {other} : l'évolution irait à rebours du temps.",
            "compare",
        )
    earlier = [y for y in election_years(demo=demo) if y < year]
    if other not in earlier:
        listed = ", ".join(map(str, earlier)) or "aucune"
        raise BadRequest(
            f"« compare » : élection inconnue « {other} » (aucun programme importé) ; "
            f"élections antérieures : {listed}.",
            "compare",
        )
    return other


def comparison_json(summary: ElectionSummary, before: ElectionSummary) -> dict[str, Any]:
    """The comparison as the report (`compare`) and the web page (`comparison_view`) give it."""
    earlier = {t.theme: t.programmes for t in before.themes}
    return {
        "election": before.election,
        "by_bracket": [
            {
                "bracket": row.bracket,
                "label": row.label,
                "current": dataclasses.asdict(row.current),
                "other": dataclasses.asdict(row.other),
                "change": dataclasses.asdict(row.change),
                "significant": significant(row.change),
                "few": row.few,
            }
            for row in compare(summary, before).rows
        ],
        "themes": [
            {
                "theme": t.theme,
                "label": t.label,
                "current": dataclasses.asdict(t.programmes),
                "other": dataclasses.asdict(earlier[t.theme]) if t.theme in earlier else None,
            }
            for t in summary.themes
        ],
    }
