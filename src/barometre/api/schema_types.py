"""The building blocks of the API's JSON schemas (OpenAPI 3.0): an object whose every property
is required unless told, and the typed properties, each with its description (`schemas.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Schema = dict[str, Any]


def obj(description: str, required: Sequence[str] | None = None, /, **properties: Schema) -> Schema:
    """An object of `properties`, all required unless `required` names those that are.

    OpenAPI 3.0 wants a `required` list of at least one name: none is left out rather than `[]`,
    which the document's validators refuse."""
    names = list(properties) if required is None else list(required)
    schema: Schema = {"type": "object", "description": description, "properties": properties}
    if names:
        schema["required"] = names
    schema["additionalProperties"] = False
    return schema


def with_null(schema: Schema) -> Schema:
    return {**schema, "nullable": True}


def string(description: str, nullable: bool = False, **extra: Any) -> Schema:
    schema = {"type": "string", "description": description, **extra}
    return with_null(schema) if nullable else schema


def integer(description: str, nullable: bool = False, **extra: Any) -> Schema:
    schema = {"type": "integer", "description": description, **extra}
    return with_null(schema) if nullable else schema


def number(description: str, nullable: bool = True) -> Schema:
    schema = {"type": "number", "description": description}
    return with_null(schema) if nullable else schema


def boolean(description: str) -> Schema:
    return {"type": "boolean", "description": description}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def array(description: str, item: Schema) -> Schema:
    return {"type": "array", "description": description, "items": item}


def named(what: str) -> Schema:
    return obj(what, code=string(f"Code officiel ({what.lower()})."), name=string("Nom."))
