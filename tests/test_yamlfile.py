"""A user's YAML file: aliases, duplicate keys and deep nesting refused with the line; schema
problems said in French. The loaders of catalogues, questionnaires, themes, platforms, cues and
channel rules all read through it."""

from __future__ import annotations

import time

import pytest

from barometre.core.errors import ValidationFailed
from barometre.core.yamlfile import MAX_DEPTH, schema_problems, yaml_read
from barometre.detection.platforms import platforms_parse
from barometre.referential.catalogue import catalogue_parse


def _problem(raw: str | bytes) -> str:
    with pytest.raises(ValidationFailed) as caught:
        yaml_read(raw, source="f.yaml", unreadable="Fichier illisible")
    assert str(caught.value).startswith("Fichier illisible : f.yaml")
    (problem,) = caught.value.problems
    return problem


def test_an_alias_bomb_is_refused_at_once() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.process_time()
    problem = _problem("\n".join(levels) + "\n")
    assert time.process_time() - started < 1
    assert problem.startswith("ligne 2, colonne 10 : alias YAML (*nom) refusé")


def test_a_repeated_key_is_refused_with_both_lines() -> None:
    raw = "version: '1'\nservices:\n  - a\nservices:\n  - b\n"
    assert _problem(raw) == "ligne 4, colonne 1 : clé « services » répétée (déjà à la ligne 2)"
    nested = "services:\n  - id: a\n    max_level: 3\n    max_level: 5\n"
    assert "clé « max_level » répétée (déjà à la ligne 3)" in _problem(nested)


def test_deep_nesting_and_syntax_errors_are_said_in_french_with_their_place() -> None:
    assert _problem("[" * 100_000).endswith(f"imbrication de plus de {MAX_DEPTH} niveaux refusée")
    assert _problem("a:\n\tb: 1\n") == (
        "ligne 2, colonne 1 : tabulation interdite (indenter avec des espaces)"
    )
    assert _problem("a: b: c\n") == (
        "ligne 1, colonne 5 : deux-points inattendu (une valeur de clé ici)"
    )
    assert _problem("a: !!python/object:os.system x\n").endswith("étiquette YAML non permise (!!…)")
    assert _problem("a: 1\nb: caf\xe9\n".encode("latin-1")) == (
        "ligne 2 : encodage invalide (UTF-8 attendu)"
    )


def test_plain_documents_read_as_before() -> None:
    raw = "\ufeffa: [1, 2]\nb: {c: d}\ne: ~\n".encode()
    assert yaml_read(raw, source="f", unreadable="x") == {"a": [1, 2], "b": {"c": "d"}, "e": None}


def test_schema_problems_are_french_and_short() -> None:
    schema = {
        "type": "object",
        "required": ["version", "services"],
        "additionalProperties": False,
        "properties": {
            "version": {"type": "string", "pattern": "^[0-9]+$"},
            "services": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "max_level": {"type": "integer", "minimum": 0, "maximum": 5},
                        "kind": {"enum": ["a", "b"]},
                    },
                },
            },
        },
    }
    assert schema_problems(schema, ["a"]) == [
        "(racine) : attendu : un objet (des clés et leurs valeurs) ; trouvé : une liste"
    ]
    data = {"version": "x" * 100, "services": [{"max_level": 9, "kind": "c"}], "extra": 1}
    assert schema_problems(schema, data) == [
        "(racine) : clé inattendue : extra",
        "services/0/kind : « c » n'est pas permis (valeurs permises : « a », « b »)",
        "services/0/max_level : 9 est trop grand (maximum 5)",
        f"version : « {'x' * 57}… n'a pas la forme attendue (expression ^[0-9]+$)",
    ]
    assert schema_problems(schema, {"version": "1"}) == [
        "(racine) : clé obligatoire manquante : services"
    ]


def test_a_catalogue_given_twice_in_one_file_is_refused() -> None:
    """The probe's case: a second `services:` with one service silently replaced the 18."""
    raw = b"version: '1'\nname: x\nservices: []\nservices: []\n"
    with pytest.raises(ValidationFailed, match="Catalogue illisible") as caught:
        catalogue_parse(raw, source="cat.yaml")
    assert caught.value.problems == [
        "ligne 4, colonne 1 : clé « services » répétée (déjà à la ligne 3)"
    ]


def test_a_platforms_file_with_a_wrong_type_names_it_in_french() -> None:
    with pytest.raises(ValidationFailed, match="Fichier de plateformes invalide") as caught:
        platforms_parse("version: 1\nplatforms: {}\n", source="p.yaml")
    assert caught.value.problems == ["platforms : attendu : une liste ; trouvé : un objet"]


@pytest.mark.parametrize(
    ("raw", "where", "code"),
    [
        ("version: '1'\nnom: a\x08b\n", "ligne 2, colonne 7", "U+0008"),
        (b"services:\n  - id: \x1b[31mx\n", "ligne 2, colonne 9", "U+001B"),
        ("a: \ufffe\n", "ligne 1, colonne 4", "U+FFFE"),
    ],
)
def test_a_control_character_is_refused_with_its_line_not_a_traceback(
    raw: str | bytes, where: str, code: str
) -> None:
    """PyYAML checks the characters before parsing, in its loader's constructor: a backspace
    or an escape sequence pasted from a terminal raised its ReaderError uncaught (found by
    fuzzing the questionnaire, catalogue and platforms files)."""
    assert _problem(raw) == f"{where} : caractère interdit en YAML ({code})"
