"""argparse in French: its own strings ("usage:", "positional arguments", its error messages).

argparse looks its strings up through the module-level `_` and `ngettext` (gettext) at the moment
it formats them; `argparse_install` points those two names at a French table, so that every
parser of the process (barometre's commands, Django's `help`) speaks French. A string missing from
the table is left in English rather than lost. The table covers every string of argparse in
Python 3.11–3.13 that a user can meet (the ones about programming mistakes are left out).
What was typed is quoted in « » with no-break spaces, as the rest of barometre's French
messages, not with Python's `repr` ('abc'): through `_Quoting` templates, and a check of an
option's choices of its own (argparse joins the choices' `repr` before any translation).
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable

FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments positionnels",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "Afficher cette aide et quitter",
    "show program's version number and exit": "Afficher la version et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)s (choix possibles : %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "une valeur au plus attendue",
    "expected at least one argument": "une valeur au moins attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)s (%(type)s attendu)",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "ignored explicit argument %r": "valeur %s ignorée : cette option n'en prend pas",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "action inconnue %(parser_name)s (choix possibles : %(choices)s)"
    ),
}
FRENCH_PLURALS = {
    ("expected %s argument", "expected %s arguments"): (
        "%s valeur attendue",
        "%s valeurs attendues",
    ),
}
# Placeholders argparse derives from an option's name when a command gives no `metavar`.
METAVARS = {
    "name": "NOM",
    "file": "FICHIER",
    "files": "FICHIERS",
    "path": "CHEMIN",
    "out": "FICHIER",
    "campaign": "CAMPAGNE",
    "compare": "RÉFÉRENCE",
    "folder": "DOSSIER",
    "input": "FICHIER",
    "output": "FICHIER",
    "author": "AUTEUR",
    "communes": "COMMUNES",
    "commune": "COMMUNE",
    "catalogue": "CATALOGUE",
    "manifest": "MANIFESTE",
    "election": "ANNÉE",
    "round": "TOUR",
    "sites": "N",
    "pages": "N",
    "seed": "GRAINE",
    "seconds": "SECONDES",
    "port": "PORT",
    "host": "HÔTE",
    "clients": "N",
    "misses": "N",
    "head": "N",
    "slow_delay": "SECONDES",
    "phrasing": "FORMULATION",
    "record": "ID",
    "url": "URL",
    "format": "FORMAT",
    "list_name": "NOM",
    "max_rows": "N",
    "max_mb": "MO",
    "max_pages": "N",
    "max_seconds": "SECONDES",
    "workers": "N",
    "addr": "ADRESSE",
    "collectivites": "CODES",
    "collectivite": "CODE",
    "questionnaire": "VERSION",
    "count": "N",
    "base_url": "URL",
    "role": "RÔLE",
    "email": "ADRESSE",
    "password_file": "FICHIER",
}


_DIGITS = re.compile(r"-?[0-9]+")


def _shown(text: str) -> str:
    """`text` as an error quotes it, in « » as French text does: cut to 40 characters, the
    characters that print nothing (control, format, separators but the space, lone
    surrogates) written as their escape, `\\n`, `\\xa0`, `\\ud800`; an empty one said so
    (empty guillemets could not be made out)."""
    if not text:
        return "valeur vide"
    cut = text if len(text) <= 40 else f"{text[:39]}…"
    visible = "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in cut
    )
    return f"«\u00a0{visible}\u00a0»"


def _choice(value: object) -> str:
    """A value among an option's choices, as an error names it: text quoted (« pdf »), a
    number as it is (`-v 7`)."""
    return _shown(value) if isinstance(value, str) else str(value)


def _check_value(self: argparse.ArgumentParser, action: argparse.Action, value: object) -> None:
    """argparse's check of a value against an option's choices, its refusal quoting the value
    and the choices in « » (argparse writes them with `repr`, as Python does: 'pdf')."""
    if action.choices is not None and value not in action.choices:
        choices = ", ".join(_choice(c) for c in action.choices)
        template = french("invalid choice: %(value)r (choose from %(choices)s)")
        message = template % {"value": _choice(value), "choices": choices}
        raise argparse.ArgumentError(action, message)


def integer(minimum: int | None = None, maximum: int | None = None) -> Callable[[str], int]:
    """The converter of an integer option: ASCII digits only, with a leading minus at most (int()
    also takes "1_000", " 12 ", "١٢" and "１２"), within [minimum, maximum] when given. Its
    refusals are French and quote the value (cut), argparse naming the option."""

    def convert(text: str) -> int:
        if not _DIGITS.fullmatch(text):
            raise _refused(text, "nombre entier attendu")
        value = int(text)
        _check_within(text, value, minimum, maximum, "nombre entier")
        return value

    convert.__name__ = "nombre entier"
    return convert


def _refused(text: str, expected: str) -> argparse.ArgumentTypeError:
    """The refusal of an option's value, quoted (cut), argparse naming the option; an empty
    one said so, not as empty guillemets."""
    if not text:
        return argparse.ArgumentTypeError(f"valeur vide ({expected})")
    return argparse.ArgumentTypeError(f"valeur invalide\u00a0: {_shown(text)} ({expected})")


def _check_within(
    text: str, value: float, minimum: float | None, maximum: float | None, kind: str
) -> None:
    """Refuse `value` when outside [minimum, maximum] (a bound None is no bound)."""
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise _refused(text, _bounds(minimum, maximum, kind))


def _bounds(minimum: float | None, maximum: float | None, kind: str) -> str:
    low, high = _written(minimum), _written(maximum)
    if minimum is not None and maximum is not None:
        return f"{kind} de {low} à {high} attendu"
    if minimum is not None:
        return f"{kind} d'au moins {low} attendu"
    return f"{kind} d'au plus {high} attendu"


def _written(bound: float | None) -> str:
    """A bound as French writes it: "0,5", "1" (not "1.0"), "1000000" (not "1e+06")."""
    if bound is None:
        return ""
    return str(int(bound)) if float(bound).is_integer() else str(bound).replace(".", ",")


_integer = integer()


# ASCII digits, with a decimal point or a French decimal comma: float() also takes "1_000.5",
# " 2 ", "١٫٥", "1e3", "nan" and "inf" (a NaN compares false to every bound)
_DECIMAL = re.compile(r"-?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def number(minimum: float | None = None, maximum: float | None = None) -> Callable[[str], float]:
    """The converter of a number option (seconds, limits): ASCII digits, a decimal point or a
    French decimal comma ("0,5"), a finite value within [minimum, maximum] when given. Its
    refusals are French and quote the value (cut), argparse naming the option."""

    def convert(text: str) -> float:
        value = float(text.replace(",", ".")) if _DECIMAL.fullmatch(text) else math.nan
        if not math.isfinite(value):  # not a number, or too many digits for one
            raise _refused(text, "nombre attendu")
        _check_within(text, value, minimum, maximum, "nombre")
        return value

    convert.__name__ = "nombre"
    return convert


_number = number()


# argparse names a value it cannot convert by its type's __name__ ("valeur invalide (int)"):
# the options of type int or float get these converters, named in French.
TYPES = {int: _integer, float: _number}


# argparse's messages that quote what was typed with `%r` ('abc'): their French forms quote it
# in « » (`_shown`), given by `french` as `_Quoting` templates.
QUOTING = {
    "invalid %(type)s value: %(value)r": "value",
    "ignored explicit argument %r": "",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "parser_name",
}


class _Quoting(str):
    """A message whose `%` quotes the typed value in « » (`key`: its name among the
    arguments; "" when it is the only one)."""

    key = ""

    def __mod__(self, args: object) -> str:
        if isinstance(args, dict) and isinstance(args.get(self.key), str):
            args = {**args, self.key: _shown(args[self.key])}
        elif isinstance(args, str) and not self.key:
            args = _shown(args)
        return str.__mod__(self, args)


def french(message: str) -> str:
    text = FRENCH.get(message, message)
    if message not in QUOTING or text == message:
        return text
    quoting = _Quoting(text)
    quoting.key = QUOTING[message]
    return quoting


def french_plural(singular: str, plural: str, n: int) -> str:
    one, many = FRENCH_PLURALS.get((singular, plural), (singular, plural))
    return one if n <= 1 else many


def french_metavars(parser: argparse.ArgumentParser) -> None:
    """Give French placeholders to the options and arguments of `parser` and its subparsers
    that have none of their own ("--campaign CAMPAGNE", "NOM" rather than "name"), and
    French names to their value types ("valeur invalide : 'abc' (nombre entier attendu)")."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                french_metavars(sub)
            continue
        if action.metavar is None and action.nargs != 0 and action.dest in METAVARS:
            action.metavar = METAVARS[action.dest]
        if isinstance(action.type, type) and action.type in TYPES:
            action.type = TYPES[action.type]


_START_SECTION = argparse.HelpFormatter.start_section


def _start_section(self: argparse.HelpFormatter, heading: str | None) -> None:
    """A section of the help with a no-break space before the colon that argparse appends to
    its heading (« options\u00a0: »), as French writes it: a plain « options: » before."""
    if heading and heading != argparse.SUPPRESS:
        heading = f"{heading}\u00a0"
    _START_SECTION(self, heading)


def argparse_install() -> None:
    """Make argparse speak French in this process (idempotent)."""
    argparse._ = french  # type: ignore[attr-defined]
    argparse.ngettext = french_plural  # type: ignore[attr-defined]
    argparse.HelpFormatter.start_section = _start_section  # type: ignore[method-assign]
    argparse.ArgumentParser._check_value = _check_value  # type: ignore[method-assign]
