"""Options that take several codes in one argument, separated by commas (`--communes
75056,69123`): what a user who separates them by spaces, or repeats the option, is told.

argparse takes one value after such an option and hands the next code to whatever comes after:
`barometre audit --communes 75056 69123` answered that '69123' was not a valid choice of
action, `campaign create --communes 75056 69123` created a campaign named "69123" for
Paris alone, and `--communes 75056 --communes 69123` kept the last code only. The command line
is read before argparse parses it: such a line is refused with the form to type, made of the
user's own codes. Pure: no Django, no argparse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# a piece of a list of codes: INSEE codes (with their leading zero dropped or not, Corsica's
# 2A/2B), département numbers, SIRENs
_PIECE = re.compile(r"[0-9]{1,9}|2[AB][0-9]{3}", re.IGNORECASE)
# what cannot be a name: a whole INSEE code or SIREN
_WHOLE_CODE = re.compile(r"[0-9]{5}|2[AB][0-9]{3}|[0-9]{9}", re.IGNORECASE)


@dataclass(frozen=True)
class CommaList:
    """An option taking codes separated by commas. `name_after`: the command also takes a
    positional name, which may come right after the option's value (`campaign create
    --communes 75056 2026`): a last token that is not a whole code is left to it."""

    option: str
    example: str
    name_after: bool = False


def code_like(token: str) -> bool:
    """A token that reads as codes: pieces separated by commas (a lone "," too)."""
    pieces = [p for p in token.split(",") if p]
    return "," in token or bool(pieces) and all(_PIECE.fullmatch(p) for p in pieces)


def whole_codes(token: str) -> bool:
    """A token that can only be codes, not a name: whole INSEE codes or SIRENs, or a list."""
    pieces = [p for p in token.split(",") if p]
    return "," in token or bool(pieces) and all(_WHOLE_CODE.fullmatch(p) for p in pieces)


def _codes_after(args: Sequence[str], start: int, value: str) -> list[str]:
    """The tokens from `start` that continue the list `value`: codes, or anything after a
    dangling comma ("75056, 69123")."""
    run: list[str] = []
    previous = value
    for token in args[start:]:
        if token.startswith("-") or not (code_like(token) or previous.endswith(",")):
            break
        run.append(token)
        previous = token
    return run


def _left_to_name(args: Sequence[str], end: int, run: list[str]) -> bool:
    """The last code-like token after the value may be the command's positional name: nothing
    positional comes after it, and it is not a whole code ("2026", not "69123")."""
    follows = end < len(args) and not args[end].startswith("-")
    return bool(run) and not follows and not _WHOLE_CODE.fullmatch(run[-1].strip(","))


def _given(args: Sequence[str], option: str) -> list[tuple[str, int]]:
    """(value, index after it) of each time `option` is given, as "--opt V" or "--opt=V"."""
    found = []
    for index, token in enumerate(args):
        if token == "--":
            break
        if token == option and index + 1 < len(args):
            found.append((args[index + 1], index + 2))
        elif token.startswith(option + "="):
            found.append((token.split("=", 1)[1], index + 1))
    return found


def _joined(spec: CommaList, values: list[str]) -> str:
    """The option as it should be typed: the user's codes in one argument, or the example when
    what was given is not only codes."""
    if not all(code_like(v) for v in values):
        return f"{spec.option} {spec.example}"
    pieces = [p for value in values for p in value.split(",") if p]
    return f"{spec.option} {','.join(pieces)}"


def comma_list_refusal(args: Sequence[str], specs: Sequence[CommaList]) -> str | None:
    """Why the command line `args` is refused (French), or None when its lists are well formed."""
    for spec in specs:
        given = _given(args, spec.option)
        values = [value for value, _ in given]
        extra: list[str] = []
        for value, end in given:
            run = _codes_after(args, end, value)
            if spec.name_after and _left_to_name(args, end + len(run), run):
                run.pop()
            extra += run
        if len(given) > 1:
            return (
                f"{spec.option} ne se donne qu'une fois (ici {len(given)} fois, seule la "
                f"dernière valeur compterait)\u00a0: plusieurs codes vont en un seul argument, "
                f"séparés par des virgules sans espace\u00a0: "
                f"«\u00a0{_joined(spec, values + extra)}\u00a0»"
            )
        if extra:
            return _spaced(spec, values + extra, extra)
    return None


def comma_list_extra(extra: Sequence[str], given: Sequence[tuple[CommaList, str]]) -> str | None:
    """Why arguments left over after parsing are refused, when they are codes and a list option
    was given, with its value (`campaign create 2026 --communes 75056 2027`); None otherwise."""
    codes = [token for token in extra if code_like(token)]
    if not codes or not given:
        return None
    spec, value = given[0]
    return _spaced(spec, [value, *codes], codes)


def _spaced(spec: CommaList, values: list[str], extra: list[str]) -> str:
    name = "\u00a0; un nom se place avant l'option" if spec.name_after else ""
    return (
        f"{spec.option} prend les codes en un seul argument, séparés par des virgules sans "
        f"espace\u00a0: «\u00a0{_joined(spec, values)}\u00a0» (en trop\u00a0: "
        f"{' '.join(extra)}{name})"
    )
