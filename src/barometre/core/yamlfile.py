"""Reading a user's YAML file (catalogue, questionnaire, themes, platforms, cues, channel rules)
and saying what is wrong with it in French. Pure: no ORM, no IO.

PyYAML's safe loader accepts three things a configuration file never needs and that hurt:
aliases (nine levels of `&a [*a, *a, ...]` expand to billions of nodes: a few hundred bytes
that take the process's memory), duplicate keys (a second `services:` silently replaces the
first, and a campaign is created with the wrong catalogue) and unbounded nesting (100,000 `[`
end in a RecursionError). `yaml_read` refuses all three with the line. `schema_problems` says
what a JSON Schema finds wrong, one French line per problem, with short values.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from yaml.composer import ComposerError

from barometre.core.errors import ValidationFailed
from barometre.core.files import os_reason
from barometre.core.surrogates import SURROGATE, surrogate_problem

MAX_DEPTH = 64  # nested collections; the shipped files use at most 6

_PYYAML_FR = (
    ("mapping values are not allowed here", "deux-points inattendu (une valeur de clé ici)"),
    ("could not find expected ':'", "deux-points attendu après une clé"),
    (
        "found character '\\t' that cannot start any token",
        "tabulation interdite (indenter avec des espaces)",
    ),
    ("found undefined alias", "alias non défini"),
    ("expected <block end>, but found", "indentation incohérente"),
    (
        "found unexpected end of stream",
        "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
    ),
    ("while scanning a quoted scalar", "guillemet non fermé"),
    ("while parsing a flow sequence", "crochet non fermé"),
    ("while parsing a flow mapping", "accolade non fermée"),
    ("could not determine a constructor for the tag", "étiquette YAML non permise (!!…)"),
    ("expected the node content", "valeur attendue (ligne incomplète ou fichier coupé ?)"),
    ("expected ',' or ']'", "« , » ou « ] » attendu"),
    ("expected ',' or '}'", "« , » ou « } » attendu"),
    ("found unknown escape character", "séquence « \\ » inconnue dans un texte entre guillemets"),
    ("cannot start any token", "caractère interdit en début de valeur (@ ou `)"),
    ("found unhashable key", "clé invalide (une liste ou un objet ne peut pas être une clé)"),
)


class _Refused(ComposerError):
    """A document refused by our loader (alias, duplicate key, nesting)."""


class _Loader(yaml.SafeLoader):
    """The safe loader without aliases, duplicate keys or deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                None, None, "alias YAML (*nom) refusé : recopier la valeur", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                problem = f"imbrication de plus de {MAX_DEPTH} niveaux refusée"
                raise _Refused(None, None, problem, event.start_mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, yaml.ScalarNode) and SURROGATE.search(node.value):
            node.value = _paired(node)
        return node

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[Hashable, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable) and key in seen:
                first = seen[key].line + 1
                raise _Refused(
                    None,
                    None,
                    f"clé « {str(key)[:60]} » répétée (déjà à la ligne {first})",
                    key_node.start_mark,
                )
            if isinstance(key, Hashable):
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _paired(node: yaml.ScalarNode) -> str:
    """A quoted scalar's escaped surrogates: a pair ("\\ud83d\\ude00", as JSON writes an
    emoji) is joined into its character, as JSON readers do; a lone one, which no database nor
    file can store, refuses the file with its line."""
    try:
        return node.value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        raise _Refused(None, None, surrogate_problem(node.value), node.start_mark) from None


MAX_BYTES = 16 * 2**20  # a configuration file; the shipped themes file is under 100 KB


def yaml_file(path: Path | str, *, what: str) -> bytes:
    """The bytes of a user's YAML file; ValidationFailed "`what` illisible : path" in French
    (missing, a folder, unreadable, too big)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "dossier", str(path))
        if path.stat().st_size > MAX_BYTES:
            raise ValidationFailed(
                f"{what} illisible : {path}", [f"plus de {MAX_BYTES // 2**20} Mo"]
            )
        return path.read_bytes()
    except OSError as error:
        raise ValidationFailed(f"{what} illisible : {path}", [os_reason(error)]) from None


def yaml_read(raw: str | bytes, *, source: str, unreadable: str) -> Any:
    """The document of `raw` (UTF-8 bytes or text); ValidationFailed "`unreadable` : `source`"
    with one French line saying where and what, when it cannot be read."""
    if isinstance(raw, bytes):
        data = raw
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ValidationFailed(
                f"{unreadable} : {source}",
                [f"ligne {line} : encodage invalide (UTF-8 attendu)"],
            ) from None
    try:
        loader = _Loader(raw)
    except yaml.reader.ReaderError as error:  # a control character, checked before parsing
        raise ValidationFailed(f"{unreadable} : {source}", [_unprintable(raw, error)]) from None
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        raise ValidationFailed(f"{unreadable} : {source}", [_marked(error)]) from None
    except yaml.YAMLError:
        raise ValidationFailed(f"{unreadable} : {source}", ["syntaxe YAML invalide"]) from None
    except RecursionError:
        raise ValidationFailed(
            f"{unreadable} : {source}", [f"imbrication de plus de {MAX_DEPTH} niveaux refusée"]
        ) from None
    finally:
        loader.dispose()


def yaml_checked(
    raw: str | bytes,
    *,
    source: str,
    schema: Mapping[str, Any],
    unreadable: str,
    invalid: str,
    more: Callable[[Any], list[str]] | None = None,
) -> Any:
    """The document of `raw`, read (`yaml_read`) and checked against `schema`, then by `more`
    (checks a schema cannot say, run only on a document the schema accepts); ValidationFailed
    "`invalid` : `source`" listing every problem found."""
    data = yaml_read(raw, source=source, unreadable=unreadable)
    problems = schema_problems(schema, data)
    if not problems and more is not None:
        problems = more(data)
    if problems:
        raise ValidationFailed(f"{invalid} : {source}", problems)
    return data


def _unprintable(text: str, error: yaml.reader.ReaderError) -> str:
    """Where the character YAML does not accept (a control character, U+FFFE…) is, and which."""
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else 0
    return f"ligne {line}, colonne {column} : caractère interdit en YAML (U+{code:04X})"


def _marked(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    where = f"ligne {mark.line + 1}, colonne {mark.column + 1} : " if mark is not None else ""
    if isinstance(error, _Refused):
        return f"{where}{error.problem}"
    text = " ".join(part for part in (error.context, error.problem) if part)
    for english, french in _PYYAML_FR:
        if english in text:
            return f"{where}{french}"
    return f"{where}syntaxe YAML invalide"


_TYPES = {
    "object": "un objet (des clés et leurs valeurs)",
    "array": "une liste",
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true ou false",
    "null": "une valeur vide",
}


def schema_problems(schema: Mapping[str, Any], data: Any) -> list[str]:
    """Every problem `schema` finds in `data`, one French line each ("chemin : problème"), in
    the order of the paths."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(racine)'} : {_french(e)}" for e in errors
    ]


def _french(error: jsonschema.ValidationError) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    shown = _short(value)
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return f"attendu : {' ou '.join(_TYPES.get(t, t) for t in wanted)} ; trouvé : {shown}"
    if kind == "required":  # one error per missing key, named in quotes in its message
        found = re.match(r"'(.*)' is a required property", error.message)
        return f"clé obligatoire manquante : {found.group(1) if found else _english(error)}"
    if kind == "additionalProperties":
        found = re.search(r"\((.*) (?:was|were) unexpected\)", error.message)
        names = found.group(1).replace("'", "") if found else _english(error)
        return f"clé inattendue : {names}"
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        return (
            f"{shown} n'est pas permis (valeurs permises : {', '.join(_short(a) for a in allowed)})"
        )
    if kind == "pattern":
        return f"{shown} n'a pas la forme attendue (expression {expected})"
    if (bound := _french_bound(kind, expected, shown)) is not None:
        return bound
    if kind == "uniqueItems":
        return "la liste contient deux fois le même élément"
    if kind == "minProperties":
        return f"au moins {expected} clé(s) attendue(s)"
    if kind in ("oneOf", "anyOf"):
        return f"{shown} ne correspond à aucune des formes permises"
    if kind == "propertyNames":
        return f"nom de clé invalide : {shown}"
    return _english(error)


def _french_bound(kind: str, expected: Any, shown: str) -> str | None:
    """A bound the value crosses, in French; None for another kind of error."""
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{shown} est trop petit (minimum {expected})"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{shown} est trop grand (maximum {expected})"
    if kind == "minLength":
        return f"{shown} est trop court (au moins {expected} caractères)"
    if kind == "maxLength":
        return f"{shown} est trop long (au plus {expected} caractères)"
    if kind == "minItems":
        return f"liste trop courte (au moins {expected} éléments)"
    if kind == "maxItems":
        return f"liste trop longue (au plus {expected} éléments)"
    return None


def _english(error: jsonschema.ValidationError) -> str:
    """The validator's own message, short (a rare rule without a French sentence)."""
    message = str(error.message)
    return message if len(message) <= 200 else message[:199] + "…"


def _short(value: Any) -> str:
    """A value as a user wrote it, cut at 60 characters."""
    if isinstance(value, str):
        text = f"« {value} »"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "(vide)"
    elif isinstance(value, dict):
        text = "un objet"
    elif isinstance(value, list):
        text = "une liste"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"
