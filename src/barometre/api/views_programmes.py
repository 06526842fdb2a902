"""API views of the programme observatory: lists' programmes, their sentences, the themes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from barometre.api.core import endpoint, page
from barometre.api.known import known, known_commune, known_election
from barometre.api.params import INSEE, NUMBER_ID, THEME_ID, NotFound, Param
from barometre.outputs.queries import programmes_filter
from barometre.programmes.analysis.themes import shipped_themes
from barometre.programmes.models import Programme


def programme_json(p: Programme) -> dict[str, Any]:
    """A programme; `mentions_digital` and `disruptive` null for one not read (`status` other
    than ok): not read is not "no", as the open data's programmes.csv leaves them empty."""
    read = p.status == Programme.Status.OK
    return {
        "id": p.pk,
        "commune": p.commune_id,
        "commune_name": p.commune.name,
        "election": p.election,
        "list_name": p.list_name,
        "head_of_list": p.head_of_list,
        "round": p.round,
        "won": p.won,
        "source_url": p.source_url or None,
        "published_on": p.published_on.isoformat() if p.published_on else None,
        # the document it was read in, as its page and programmes.csv give it
        "file_name": p.source_name,
        "file_format": p.format,
        "page_count": p.page_count,
        "ocr": p.ocr,
        "status": p.status,
        "mentions_digital": p.mentions_digital if read else None,
        "themes": list(p.themes),
        "disruptive": p.disruptive if read else None,
        "demonstration": p.is_demo,
    }


@endpoint(
    "/api/v1/programmes",
    summary="Programmes des listes aux élections municipales et leurs thèmes numériques",
    tag="programmes",
    schema="Programme",
    paginated=True,
    params=(
        Param(
            "election",
            "Année de l'élection (sans aucun programme importé : erreur 400).",
            "integer",
            minimum=1900,
            maximum=2100,
        ),
        Param("commune", "Code INSEE (inconnu : erreur 400).", pattern=INSEE),
        Param(
            "theme",
            "Identifiant d'un thème, de /api/v1/themes (inconnu : erreur 400).",
            pattern=THEME_ID,
        ),
        Param(
            "digital",
            "Parle (true) ou non (false) de numérique ; un programme sans texte lisible "
            "(status no_text) n'est ni l'un ni l'autre.",
            "boolean",
        ),
        Param("demonstration", "Seulement (true) ou sans (false) la démonstration.", "boolean"),
    ),
)
def programmes(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    known("theme", q["theme"], (t.id for t in shipped_themes().themes), "/api/v1/themes")
    known_commune("commune", q["commune"])
    known_election(q["election"])
    rows = programmes_filter(
        election=q["election"],
        commune=q["commune"],
        theme=q["theme"],
        digital=q["digital"],
        demo=q["demonstration"],
    )
    return page(request, q, rows, programme_json)


@endpoint(
    "/api/v1/programmes/{id}",
    summary="Un programme et les phrases qui portent ses thèmes",
    tag="programmes",
    schema="ProgrammeDetail",
    path_params=(("id", NUMBER_ID, "Identifiant du programme."),),
)
def programme(request: HttpRequest, q: dict[str, Any], id: str) -> dict[str, Any]:
    found = programmes_filter().filter(pk=int(id)).prefetch_related("sentences").first()
    if found is None:
        raise NotFound(f"Programme inconnu : {id} ; liste des programmes : /api/v1/programmes.")
    sentences = [
        {"index": s.index, "text": s.quote, "themes": list(s.themes), "disruptive": s.disruptive}
        for s in sorted(found.sentences.all(), key=lambda s: s.index)
    ]
    return {**programme_json(found), "sentences": sentences}


@endpoint(
    "/api/v1/themes", summary="Thèmes numériques des programmes", tag="programmes", schema="Themes"
)
def themes(request: HttpRequest, q: dict[str, Any]) -> dict[str, Any]:
    shipped = shipped_themes()
    return {
        "version": shipped.version,
        "themes": [
            {"id": t.id, "label": t.label, "description": t.description, "disruptive": t.disruptive}
            for t in shipped.themes
        ],
    }
