"""An empty value (`--campaign ""`, an unset shell variable in a script) led to an error quoting
it as « » with nothing inside (« Campagne inconnue : «  » »), which a reader could not make out,
or was taken (`--out ""` became the current folder): every command refuses it, saying the value
is empty."""

from __future__ import annotations

import argparse
import contextlib
import io
import re
from collections.abc import Iterator

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError

from barometre.cli import GROUPS, main
from barometre.core.argparse_fr import integer

EMPTY_QUOTES = "«\u00a0\u00a0»"
COMMANDS = [name for group in GROUPS.values() for name in group]


def _values_taken(
    parser: argparse.ArgumentParser, path: list[str]
) -> Iterator[tuple[list[str], argparse.Action]]:
    """Each option and positional argument taking a value, under its actions' words."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                yield from _values_taken(sub, [*path, verb])
        elif action.nargs != 0 and action.default != "":  # "" its default: taken
            yield path, action


def _refusal(name: str, argv: list[str]) -> str:
    parser = load_command_class(get_commands()[name], name).create_parser("barometre", name)
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            parser.parse_args(argv)
        except CommandError as error:
            return str(error)
    return "taken"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_value_given_empty_is_said_empty(name: str) -> None:
    parser = load_command_class(get_commands()[name], name).create_parser("barometre", name)
    said = {}
    for path, action in _values_taken(parser, []):
        argv = [*path, *action.option_strings[-1:], ""]
        said[" ".join(argv)] = _refusal(name, argv)
    wrong = {argv: s for argv, s in said.items() if "vide" not in s or EMPTY_QUOTES in s}
    assert said and not wrong


@pytest.mark.parametrize(
    ("argv", "refused"),
    [
        (
            ["report", "--campaign", "", "--out", "r.html"],
            "argument --campaign\u00a0: valeur vide\u00a0; donnez-en une",
        ),
        (
            ["survey", "campaign", "open", ""],
            "argument NOM\u00a0: valeur vide\u00a0; donnez-en une",
        ),
        (
            ["report", "--campaign", "2026", "--out", ""],
            "argument --out\u00a0: valeur vide\u00a0; donnez-en une",
        ),
        (
            ["report", "--campaign", "2026", "--out", "r.html", "--format", ""],
            "argument --format\u00a0: choix invalide\u00a0: valeur vide (choix possibles",
        ),
    ],
)
def test_an_empty_value_is_refused_from_the_console(
    argv: list[str], refused: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = re.sub(r"[ \n]+", " ", capsys.readouterr().err)
    assert refused in err and EMPTY_QUOTES not in err, err


def test_an_option_whose_default_is_empty_still_takes_it() -> None:
    """`users create --email ""`: no address, as when the option is left out."""
    said = _refusal("users", ["create", "bob", "--role", "coordinateur", "--email", ""])
    assert said == "taken"


def test_an_integer_converter_says_its_value_empty() -> None:
    with pytest.raises(argparse.ArgumentTypeError) as error:
        integer(minimum=1)("")
    assert str(error.value) == "valeur vide (nombre entier attendu)"
