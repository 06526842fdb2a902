"""The OpenAPI 3.0 document of the API, written from the endpoint registry and the schemas."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect

import barometre.api.views_elections
import barometre.api.views_programmes
import barometre.api.views_referential
import barometre.api.views_results  # noqa: F401  (registers the endpoints)
from barometre.api.core import ENDPOINTS, Endpoint, json_response, read_only
from barometre.api.cors import cors
from barometre.api.schemas import COMPONENTS, page_schema, ref

# api.caching: every answer is tagged, and a request that gives back its tag gets 304
_ETAG = {
    "description": "Étiquette forte de la réponse (empreinte de son corps), à redonner par "
    "If-None-Match.",
    "schema": {"type": "string"},
}
_ERRORS = {
    "400": "Paramètre inconnu, manquant ou invalide, ou filtre qui ne nomme rien d'existant "
    "(service, domaine, département, thème…) : le message donne les valeurs admises ou les "
    "plus proches.",
    "404": "Objet inconnu.",
}


@cache
def openapi_document() -> dict[str, Any]:
    components = dict(COMPONENTS)
    paths: dict[str, Any] = {}
    for e in ENDPOINTS:
        response_schema = ref(e.schema)
        if e.paginated:
            components[f"{e.schema}Page"] = page_schema(e.schema)
            response_schema = ref(f"{e.schema}Page")
        paths[e.path] = {"get": _operation(e, response_schema)}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "barometre — API des données ouvertes",
            "version": "1.0.0",
            "description": (
                "API en lecture seule de l'observatoire de l'e-administration locale. Listes "
                "paginées par limit et offset (count, next, previous) ; les paramètres inconnus "
                "ou invalides donnent une erreur 400 en JSON. Données sous Licence Ouverte 2.0."
            ),
            "license": {
                "name": "Licence Ouverte 2.0 (données)",
                "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            },
        },
        "paths": paths,
        "components": {"schemas": components},
    }


def _operation(e: Endpoint, schema: dict[str, Any]) -> dict[str, Any]:
    parameters = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "description": description,
            "schema": {"type": "string", "pattern": f"^{pattern}$"},
        }
        for name, pattern, description in e.path_params
    ]
    parameters += [p.openapi() for p in e.params]
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "headers": {"ETag": _ETAG},
            "content": {"application/json": {"schema": schema}},
        },
        "304": {
            "description": "Inchangée depuis l'ETag redonné par If-None-Match : pas de corps.",
            "headers": {"ETag": _ETAG},
        },
    }
    wanted = ["400"]  # an unknown parameter, even where none is known (params_parse)
    if e.path_params or any(p.name in ("campaign", "reference") for p in e.params):
        wanted.append("404")
    for code in wanted:
        responses[code] = {
            "description": _ERRORS[code],
            "content": {"application/json": {"schema": ref("Error")}},
        }
    return {
        "operationId": e.name,
        "summary": e.summary,
        "tags": [e.tag],
        "parameters": parameters,
        "responses": responses,
    }


@read_only
def openapi_view(request: HttpRequest) -> HttpResponse:
    return json_response(openapi_document())


@read_only
def api_index_view(request: HttpRequest) -> HttpResponse:
    """`/api/v1/`: where the schema is and which endpoints exist (not itself in the schema)."""
    document = openapi_document()
    return json_response(
        {
            "title": document["info"]["title"],
            "openapi": "/api/openapi.json",
            "endpoints": sorted(document["paths"]),
        }
    )


def api_index_redirect(request: HttpRequest) -> HttpResponse:
    """`/api/v1` to `/api/v1/`, query kept, as Django's APPEND_SLASH did, but readable by a page
    of another site: a browser follows a redirect of a CORS request only when it carries CORS."""
    query = request.META.get("QUERY_STRING", "")
    return cors(HttpResponsePermanentRedirect("/api/v1/" + (f"?{query}" if query else "")))
