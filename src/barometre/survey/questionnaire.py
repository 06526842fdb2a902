"""Questionnaires as data: read a YAML file, validate it against its schema, return dataclasses.

Pure: no ORM. The database copy of a version is made by services.questionnaire_store.
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

DEFAULT_QUESTIONNAIRE = "questionnaire-2026.1.yaml"
AXIS_IDS: tuple[str, ...] = (
    "gouvernance",
    "expertise",
    "management",
    "engagement",
    "agilite",
    "technologie",
)
SCALE_MAX = 4


@dataclass(frozen=True, slots=True)
class StatementSpec:
    id: str
    axis: str
    text: str
    next_step: str


@dataclass(frozen=True, slots=True)
class AxisSpec:
    id: str
    label: str
    priority: str
    statements: tuple[StatementSpec, ...]


@dataclass(frozen=True, slots=True)
class QuestionnaireSpec:
    version: str
    name: str
    source: str
    scale: tuple[str, ...]  # label of each value 0..4
    dont_know: str
    roles: dict[str, str]  # role id -> French label
    axes: tuple[AxisSpec, ...]
    sha256: str

    @property
    def statements(self) -> tuple[StatementSpec, ...]:
        return tuple(s for axis in self.axes for s in axis.statements)

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements)

    def axis(self, axis_id: str) -> AxisSpec:
        for axis in self.axes:
            if axis.id == axis_id:
                return axis
        raise KeyError(axis_id)

    def statement(self, statement_id: str) -> StatementSpec:
        for statement in self.statements:
            if statement.id == statement_id:
                return statement
        raise KeyError(statement_id)


@cache
def _schema() -> dict[str, Any]:
    text = resources.files("barometre.survey").joinpath("data/schemas/questionnaire.schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return loaded


def questionnaire_parse(raw: bytes, *, source: str) -> QuestionnaireSpec:
    """Parse and validate questionnaire YAML; every problem is listed in the error."""
    data = yaml_checked(
        raw,
        source=source,
        schema=_schema(),
        unreadable="Questionnaire illisible",
        invalid="Questionnaire invalide, rien n'a été chargé",
        more=_consistency_problems,
    )
    return _spec(data, sha256=hashlib.sha256(raw).hexdigest())


def _spec(data: dict[str, Any], *, sha256: str) -> QuestionnaireSpec:
    axes = tuple(
        AxisSpec(
            id=a["id"],
            label=a["label"],
            priority=a["priority"],
            statements=tuple(
                StatementSpec(s["id"], a["id"], s["text"], s["next_step"]) for s in a["statements"]
            ),
        )
        for a in data["axes"]
    )
    scale = sorted(data["scale"], key=lambda item: item["value"])
    return QuestionnaireSpec(
        version=data["version"],
        name=data["name"],
        source=data["source"],
        scale=tuple(item["label"] for item in scale),
        dont_know=data["dont_know"],
        roles={r["id"]: r["label"] for r in data["roles"]},
        axes=tuple(sorted(axes, key=lambda a: AXIS_IDS.index(a.id))),
        sha256=sha256,
    )


def _consistency_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    values = sorted(item["value"] for item in data["scale"])
    if values != list(range(SCALE_MAX + 1)):
        problems.append(f"scale : les valeurs doivent être 0, 1, 2, 3 et 4 (trouvé : {values})")
    problems += _duplicates("roles", [r["id"] for r in data["roles"]])
    problems += _duplicates("axes", [a["id"] for a in data["axes"]])
    problems += _duplicates(
        "axes/*/statements", [s["id"] for a in data["axes"] for s in a["statements"]]
    )
    return problems


def _duplicates(where: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for value in ids:
        if value in seen:
            problems.append(f"{where} : identifiant en double « {value} »")
        seen.add(value)
    return problems


def questionnaire_read(path: Path) -> QuestionnaireSpec:
    """Read a user's questionnaire file."""
    return questionnaire_parse(yaml_file(path, what="Questionnaire"), source=str(path))


@cache
def default_questionnaire() -> QuestionnaireSpec:
    """The questionnaire shipped with barometre."""
    ref = resources.files("barometre.survey").joinpath(
        f"data/questionnaires/{DEFAULT_QUESTIONNAIRE}"
    )
    return questionnaire_parse(ref.read_bytes(), source=f"barometre:{DEFAULT_QUESTIONNAIRE}")
