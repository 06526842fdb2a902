"""The OpenAPI document itself, as a reuser's tools read it (openapi-spec-validator, code
generators): valid OpenAPI 3.0, and true to what the server answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from tests.api.conftest import get


def _schemas(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object of the document that has `properties` (a schema of an object), with where."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield where, node
        for key, value in node.items():
            yield from _schemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _schemas(value, f"{where}/{i}")


def test_every_required_list_is_one_openapi_3_0_accepts(client):
    """OpenAPI 3.0 takes `required` as a list of at least one name (JSON Schema draft 4's
    `minItems: 1`): the error object's `"required": []` made openapi-spec-validator refuse
    the whole document, and with it the code generators that validate first."""
    document = get(client, "/api/openapi.json")
    wrong = [
        where
        for where, schema in _schemas(document)
        if "required" in schema
        and (
            not schema["required"]
            or len(set(schema["required"])) != len(schema["required"])
            or not set(schema["required"]) <= set(schema["properties"])
        )
    ]
    assert wrong == []


def test_the_error_object_requires_what_every_error_carries(client, after):
    """Every error carries its status and its message (`core.error_response`): the schema says
    so, and `parameter` only when a query parameter is at fault."""
    document = get(client, "/api/openapi.json")
    error = document["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["status", "message"]
    resolver = {"components": document["components"], **error}
    for url, status in [
        ("/api/v1/campaigns/inconnue", 404),
        ("/api/v1/cells?campaign=2026&limit=0", 400),
        ("/api/v1/nulle-part", 404),
    ]:
        body = get(client, url, status)
        jsonschema.validate(body, resolver)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"error": {"parameter": "limit"}}, resolver)


# a value of each path or required parameter that names something of the conftest's campaigns
_FILLED = {"code": "90001", "name": "2026", "id": "1", "year": "2026", "campaign": "2026"}


def _admits(schema: dict[str, Any], value: str) -> bool:
    """Whether a query parameter's schema (a string's) admits `value`, as a client checks it."""
    return jsonschema.Draft4Validator({k: v for k, v in schema.items() if k != "default"}).is_valid(
        value
    )


def test_an_empty_value_the_server_refuses_is_one_the_schema_refuses(client, after):
    """`/api/v1/services?catalogue=` (a form's empty field, a template's empty variable) is a
    400: an empty value names no catalogue. The schema admitted it, so that a client that checks
    its requests against the schema (or schemathesis) sent it as valid: `catalogue`, `domain`
    and the scores' `key` now say `minLength: 1`. Free text that may be empty (`q`) stays so."""
    document = get(client, "/api/openapi.json")
    untrue = []
    for path, item in document["paths"].items():
        parameters = item["get"]["parameters"]
        url = path.format(
            **{p["name"]: _FILLED[p["name"]] for p in parameters if p["in"] == "path"}
        )
        required = {
            p["name"]: _FILLED[p["name"]]
            for p in parameters
            if p["in"] == "query" and p["required"]
        }
        for p in parameters:
            if p["in"] != "query" or p["schema"]["type"] != "string":
                continue
            refused = client.get(url, {**required, p["name"]: ""}).status_code == 400
            if refused == _admits(p["schema"], ""):
                untrue.append((path, p["name"], "refused" if refused else "accepted"))
    assert untrue == []
