"""Service catalogues as data: load a YAML file, validate it against its schema, return dataclasses.

Pure: no ORM. The database copy of a catalogue is made by services.catalogue_store.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from barometre.core.yamlfile import yaml_checked, yaml_file

DEFAULT_CATALOGUE = "services-2026.1.yaml"


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    id: str
    label: str
    domain: str
    max_level: int
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CatalogueSpec:
    version: str
    name: str
    domains: dict[str, str]
    services: tuple[ServiceSpec, ...]
    sha256: str
    source: str

    def service(self, service_id: str) -> ServiceSpec:
        for spec in self.services:
            if spec.id == service_id:
                return spec
        raise KeyError(service_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.services)


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("barometre.referential").joinpath("data/schemas/catalogue.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def catalogue_parse(raw: bytes, *, source: str) -> CatalogueSpec:
    """Parse and validate catalogue YAML; every problem is listed in the error."""
    data = yaml_checked(
        raw,
        source=source,
        schema=_schema(),
        unreadable="Catalogue illisible",
        invalid="Catalogue invalide",
        more=_consistency_problems,
    )
    services = tuple(
        ServiceSpec(s["id"], s["label"], s["domain"], s["max_level"], tuple(s["cues"]))
        for s in data["services"]
    )
    return CatalogueSpec(
        version=data["version"],
        name=data["name"],
        domains=dict(data["domains"]),
        services=services,
        sha256=hashlib.sha256(raw).hexdigest(),
        source=source,
    )


def _consistency_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for index, service in enumerate(data["services"]):
        if service["id"] in seen:
            problems.append(f"services/{index} : identifiant en double « {service['id']} »")
        seen.add(service["id"])
        if service["domain"] not in data["domains"]:
            problems.append(f"services/{index} : domaine inconnu « {service['domain']} »")
    return problems


def catalogue_read(path: Path) -> CatalogueSpec:
    """Read a user's catalogue file."""
    return catalogue_parse(yaml_file(path, what="Catalogue"), source=str(path))


@cache
def default_catalogue() -> CatalogueSpec:
    """The catalogue shipped with barometre."""
    ref = resources.files("barometre.referential").joinpath(f"data/catalogues/{DEFAULT_CATALOGUE}")
    return catalogue_parse(ref.read_bytes(), source=f"barometre:{DEFAULT_CATALOGUE}")
