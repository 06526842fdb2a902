"""Query parameters of the API: one definition serves to parse a request and to write the
OpenAPI schema, so the two cannot drift apart.

Every problem (unknown parameter, wrong type, value out of range) raises `BadRequest`, which the
views turn into a 400 JSON answer naming the parameter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.http import QueryDict

from barometre.referential.codes import CAMPAIGN_NAME

MAX_TEXT = 200


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


class BadRequest(ApiError):
    def __init__(self, message: str, parameter: str | None = None) -> None:
        super().__init__(400, message, parameter)


class NotFound(ApiError):
    """An unknown object; `parameter` names the query parameter that named it, if one did."""

    def __init__(self, message: str, parameter: str | None = None) -> None:
        super().__init__(404, message, parameter)


@dataclass(frozen=True, slots=True)
class Param:
    """One query parameter: text (optionally a pattern or a choice), integer or boolean."""

    name: str
    description: str
    kind: str = "string"  # string, integer, boolean
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    required: bool = False
    # a value that names something (api.known): empty, it names nothing and is refused (400),
    # which the schema says with minLength 1 (a free text such as `q` may be empty)
    names: bool = False

    def parse(self, raw: str) -> Any:
        if self.kind == "integer":
            return self._integer(raw)
        if self.kind == "boolean":
            if raw not in ("true", "false"):
                raise BadRequest(f"« {self.name} » vaut true ou false.", self.name)
            return raw == "true"
        if "\x00" in raw:  # no database stores it (PostgreSQL refuses it)
            raise BadRequest(f"« {self.name} » : caractère NUL (%00) refusé.", self.name)
        if len(raw) > MAX_TEXT:  # it said « texte invalide ou trop long », not which one
            raise BadRequest(
                f"« {self.name} » : texte de {len(raw)} caractères (au plus {MAX_TEXT}).",
                self.name,
            )
        if self.choices and raw not in self.choices:
            allowed = ", ".join(self.choices)
            raise BadRequest(f"« {self.name} » : valeurs admises : {allowed}.", self.name)
        if self.pattern and not matches(self.pattern, raw):
            expected = describe(self.pattern)
            raise BadRequest(f"« {self.name} » : format attendu : {expected}.", self.name)
        return normalise(self.pattern, raw) if self.pattern else raw

    def _integer(self, raw: str) -> int:
        if matches(r"-?\d{13,}", raw):  # a whole number, too long to be read as one
            raise BadRequest(self._too_far(raw.startswith("-")), self.name)
        if not matches(r"-?\d{1,12}", raw):
            raise BadRequest(f"« {self.name} » doit être un nombre entier.", self.name)
        value = int(raw)
        if self.minimum is not None and value < self.minimum:
            raise BadRequest(f"« {self.name} » doit valoir au moins {self.minimum}.", self.name)
        if self.maximum is not None and value > self.maximum:
            raise BadRequest(f"« {self.name} » doit valoir au plus {self.maximum}.", self.name)
        return value

    def _too_far(self, negative: bool) -> str:
        """What an integer of 13 digits or more is told: the bound it passes, if there is one."""
        if negative and self.minimum is not None:
            return f"« {self.name} » doit valoir au moins {self.minimum}."
        if not negative and self.maximum is not None:
            return f"« {self.name} » doit valoir au plus {self.maximum}."
        return f"« {self.name} » : nombre trop long (12 chiffres au plus)."

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": self.kind}
        if self.kind == "string":
            schema["maxLength"] = MAX_TEXT
            if self.names:
                schema["minLength"] = 1
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.pattern:
            schema["pattern"] = f"^{self.pattern}$"
        elif self.kind == "string" and not self.choices:
            schema["pattern"] = "^[^\\u0000]*$"  # free text, but never a NUL byte (refused)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.default is not None:
            schema["default"] = self.default
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": self.description,
            "schema": schema,
        }


def params_parse(query: QueryDict, params: tuple[Param, ...]) -> dict[str, Any]:
    """The parsed values by name (defaults filled in); refuse unknown or repeated parameters."""
    known = {p.name: p for p in params}
    for name in query:
        if name not in known:
            allowed = ", ".join(known) or "aucun"
            raise BadRequest(f"Paramètre inconnu « {name} ». Paramètres admis : {allowed}.", name)
        if len(query.getlist(name)) > 1:
            raise BadRequest(f"« {name} » est donné plusieurs fois.", name)
    values: dict[str, Any] = {}
    for param in params:
        if param.name in query:
            values[param.name] = param.parse(query[param.name])
        elif param.required:
            raise BadRequest(f"Paramètre obligatoire manquant : « {param.name} ».", param.name)
        else:
            values[param.name] = param.default
    return values


LIMIT = Param(
    "limit",
    "Nombre de résultats par page (1 à 500).",
    "integer",
    minimum=1,
    maximum=500,
    default=50,
)
OFFSET = Param(
    "offset",
    "Position du premier résultat (0 = début).",
    "integer",
    minimum=0,
    maximum=10_000_000,
    default=0,
)
PAGE = (LIMIT, OFFSET)
# Codes with letters are taken in either case and read in upper case (`normalise`): 2a004 is
# 2A004, as the commune search reads it.
INSEE = r"(?:\d[\dABab]\d{3}|9[YZyz]\d{3})"  # queries.INSEE_CODE in either case
DEPARTMENT = r"(?:[0-9ABab]{2,3}|[Zz]{2})"  # ZZ: the demonstration farm's department
REGION = r"(?:\d{2}|[Zz]{2})"  # ZZ: the demonstration farm's region
_UPPER_CASE = (INSEE, DEPARTMENT, REGION)
SIREN = r"\d{9}"
SERVICE_ID = r"[a-z0-9-]{1,64}"
THEME_ID = r"[a-z0-9_-]{1,64}"
NUMBER_ID = r"\d{1,12}"
YEAR = r"\d{4}"
# what a pattern means, for the error message (the pattern itself is in the OpenAPI schema)
_HINTS = {
    INSEE: "un code INSEE à 5 caractères, par ex. 44109 ou 2A004",
    DEPARTMENT: "un code de département, par ex. 44, 2A ou 974",
    REGION: "un code de région à 2 chiffres, par ex. 52",
    SIREN: "un numéro SIREN à 9 chiffres, par ex. 244400404",
    SERVICE_ID: "un identifiant de service (minuscules, chiffres, tirets), par ex. "
    "actes-etat-civil",
    THEME_ID: "un identifiant de thème (minuscules, chiffres, tirets bas), par ex. open_data",
    CAMPAIGN_NAME: "un nom de campagne (lettres sans accent, chiffres, « . », « _ » ou « - », "
    "64 caractères au plus)",
    NUMBER_ID: "un identifiant numérique, par ex. 12",
    YEAR: "une année à 4 chiffres, par ex. 2026",
}


def shown(value: str) -> str:
    """A value of the request as an error message echoes it: its first 64 characters, each
    control or invisible formatting character percent-encoded as in the URL that carried it
    (« 75%0056 »): a NUL byte removed made « 7556 », a code the caller never sent, and one
    made only of control characters echoed « »."""
    return "".join(
        quote(c, safe="", errors="surrogatepass") if unicodedata.category(c)[0] == "C" else c
        for c in value[:64]
    )


def matches(pattern: str, value: str) -> bool:
    """Whether `value` is all of `pattern`, with ASCII digits and letters only, as the OpenAPI
    schema's (ECMAScript) patterns read them: Python's \\d would take « ١٢ » for a number."""
    return re.fullmatch(pattern, value, re.ASCII) is not None


def normalise(pattern: str, value: str) -> str:
    """`value` (which matches `pattern`) as stored: codes with letters in upper case."""
    return value.upper() if pattern in _UPPER_CASE else value


def describe(pattern: str) -> str:
    """What a value matching `pattern` looks like, in French words (the pattern if unknown)."""
    return _HINTS.get(pattern, pattern)
