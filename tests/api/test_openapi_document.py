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
