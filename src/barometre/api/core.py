"""What every API view shares: the endpoint registry (read by the OpenAPI writer), parameter
parsing, JSON answers, JSON errors and limit/offset pagination.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from barometre.api.caching import json_conditional
from barometre.api.cors import ALLOWED_METHODS, cors, is_preflight, preflight
from barometre.api.known import campaign_not_found
from barometre.api.params import (
    PAGE,
    ApiError,
    BadRequest,
    NotFound,
    Param,
    describe,
    matches,
    normalise,
    params_parse,
    shown,
)
from barometre.core.spreadsheet import PValue, decimals, significant
from barometre.referential.codes import CAMPAIGN_NAME
from barometre.referential.models import Campaign

logger = logging.getLogger(__name__)

View = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str  # OpenAPI path, e.g. /api/v1/communes/{code}
    name: str  # operationId
    summary: str
    tag: str
    params: tuple[Param, ...]
    schema: str  # name of the component schema of one result (or of the answer)
    paginated: bool
    path_params: tuple[tuple[str, str, str], ...] = ()  # (name, pattern, description)


ENDPOINTS: list[Endpoint] = []


def endpoint(
    path: str,
    *,
    summary: str,
    tag: str,
    schema: str,
    params: Sequence[Param] = (),
    paginated: bool = False,
    path_params: Sequence[tuple[str, str, str]] = (),
) -> Callable[[View], Callable[..., HttpResponse]]:
    """Register a GET view: its query parameters are parsed and given as `q`; errors become JSON."""
    all_params = (*params, *PAGE) if paginated else tuple(params)

    def wrap(view: View) -> Callable[..., HttpResponse]:
        ENDPOINTS.append(
            Endpoint(
                path,
                view.__name__,
                summary,
                tag,
                all_params,
                schema,
                paginated,
                tuple(path_params),
            )
        )

        @read_only
        @functools.wraps(view)
        def run(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            try:
                _path_checked(path_params, kwargs)
                q = _parsed(request, all_params)
                return json_response(view(request, q, **kwargs))
            except ApiError as error:
                return error_response(error.status, error.message, error.parameter)

        return run

    return wrap


def _parsed(request: HttpRequest, params: tuple[Param, ...]) -> dict[str, Any]:
    """The query's parameters; when one is wrong, an unknown campaign that another names is
    said first (a 404): `cells?campaign=2062&commune=7505` answered 400 for the commune, and
    once the commune put right, 404 for the campaign, the first mistake of the two."""
    try:
        return params_parse(request.GET, params)
    except BadRequest as error:
        named = [param.name for param in params if param.pattern == CAMPAIGN_NAME]
        if error.parameter in named:  # a campaign's name malformed or repeated: said as it is
            raise
        for parameter in named:
            name = request.GET.get(parameter)
            if name is None or not matches(CAMPAIGN_NAME, name):
                continue
            if not Campaign.objects.filter(name=name).exists():
                raise campaign_not_found(name, parameter) from None
        raise


def _path_checked(path_params: Sequence[tuple[str, str, str]], kwargs: dict[str, Any]) -> None:
    """Each path parameter of `kwargs` normalised, or NotFound when it is not of its pattern."""
    for name, pattern, _ in path_params:
        if not matches(pattern, kwargs[name]):
            raise NotFound(
                f"Introuvable : « {shown(kwargs[name])} » ; attendu : {describe(pattern)}."
            )
        kwargs[name] = normalise(pattern, kwargs[name])


def read_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer 405 in JSON to any method but GET and HEAD (and OPTIONS, a browser's CORS
    preflight: api.cors); tag every answer for conditional requests and caches (api.caching).

    CSRF-exempt: the API reads only and sets no cookie, and without the exemption Django's CSRF
    check answers a POST with its 403 HTML page before the view can say 405.
    """

    @csrf_exempt
    @functools.wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if is_preflight(request):
            return preflight()
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, "Méthode non permise : l'API est en lecture seule.")
            response["Allow"] = ALLOWED_METHODS
        else:
            response = view(request, *args, **kwargs)
        return json_conditional(request, response)

    return run


def json_response(payload: Any, status: int = 200) -> HttpResponse:
    payload = rounded(payload)
    try:
        body = _json(payload)
    except ValueError:  # NaN or ±inf, read from the database (PostgreSQL holds NaN): missing
        logger.warning("non-finite number in an API answer, sent as null")
        body = _json(finite(payload))
    return cors(HttpResponse(body, status=status, content_type="application/json"))


def _json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def rounded(payload: Any) -> Any:
    """The payload with each number rounded to 6 decimals (`decimals`), as the CSV files write it
    (`0.333333`, never `0.3333333333333333`); one that rounds to zero is 0.0, never -0.0. A
    p-value (`PValue`) keeps 6 significant digits instead: 6 decimals would make a tiny one 0."""
    return _numbers(payload, _rounded)


def _rounded(x: float) -> float:
    if not math.isfinite(x):
        return x
    return significant(x) if isinstance(x, PValue) else decimals(x)


def finite(payload: Any) -> Any:
    """The payload with each number that is not one (NaN, ±inf) replaced by None, as the open
    data treats it (`outputs.opendata.formats.plain`): one bad stored value leaves the rest."""
    return _numbers(payload, lambda x: x if math.isfinite(x) else None)


def _numbers(payload: Any, change: Callable[[float], float | None]) -> Any:
    """The payload with `change` applied to each float, in dicts, lists and tuples."""
    if isinstance(payload, float):
        return change(payload)
    if isinstance(payload, dict):
        return {key: _numbers(value, change) for key, value in payload.items()}
    if isinstance(payload, list | tuple):
        return [_numbers(value, change) for value in payload]
    return payload


def error_response(status: int, message: str, parameter: str | None = None) -> HttpResponse:
    error: dict[str, Any] = {"status": status, "message": message}
    if parameter is not None:
        error["parameter"] = parameter
    return json_response({"error": error}, status)


def page(
    request: HttpRequest,
    q: dict[str, Any],
    rows: QuerySet[Any, Any] | Sequence[Any],
    serialise: Callable[[Any], dict[str, Any]],
    *,
    fetch: Callable[[int, int], Sequence[Any]] | None = None,
) -> dict[str, Any]:
    """One page of `rows` with the total count and links to the next and previous pages.

    `fetch(offset, limit)`, when given, reads the page instead of slicing `rows` (which then
    only serves to count).
    """
    limit, offset = q["limit"], q["offset"]
    total = _count(rows)
    results: list[dict[str, Any]] = []
    if offset < total:
        chunk = fetch(offset, limit) if fetch else rows[offset : offset + limit]
        results = [serialise(r) for r in chunk]
    return {
        "count": total,
        "limit": limit,
        "offset": offset,
        "next": _link(request, offset + limit) if offset + limit < total else None,
        "previous": _link(request, _previous(offset, limit, total)) if offset > 0 else None,
        "results": results,
    }


def _previous(offset: int, limit: int, total: int) -> int:
    """The page before `offset`; past the end, the last page that has rows (offset 999 of 216
    rows led to offset 949, another empty page)."""
    if offset >= total:
        return max(total - limit, 0)
    return max(offset - limit, 0)


def _count(rows: QuerySet[Any, Any] | Sequence[Any]) -> int:
    return rows.count() if isinstance(rows, QuerySet) else len(rows)


def _link(request: HttpRequest, offset: int) -> str:
    query = {k: v for k, v in request.GET.items() if k != "offset"}
    query["offset"] = str(offset)
    return f"{request.path}?{urlencode(query)}"
