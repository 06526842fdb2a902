"""The base class of every barometre command: French help and errors, timing and progress.

Commands stay thin: they parse arguments, call one service and print what it returned.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper
from django.db.utils import OperationalError, ProgrammingError

from barometre.core.argparse_fr import argparse_install, french, french_metavars
from barometre.core.comma_lists import CommaList, comma_list_extra, comma_list_refusal
from barometre.core.errors import BarometreError
from barometre.core.files import is_stdout
from barometre.core.progress import counting, step
from barometre.core.surrogates import SURROGATE, surrogate_shown

# Django's own options, in French (the ones not hidden by `suppressed_base_arguments`).
BASE_HELP_FR = {
    "--verbosity": "Niveau de détail : 0 silencieux, 1 normal (défaut), 2 détaillé "
    "(avec la durée), 3 très détaillé",
    "--traceback": "Afficher la trace Python complète en cas d'erreur",
}


OUTPUT_OPTIONS = frozenset({"out", "output", "extract"})  # the options that name a file to write
# the options and arguments that name a file to read (a command's « FICHIER » is `file`)
INPUT_OPTIONS = frozenset({"file", "input", "manifest", "catalogue", "platforms", "password_file"})


def _stdin_refused(options: dict[str, Any], keys: frozenset[str]) -> str:
    """Why « - » given as a file to read is refused (the command reads no standard input), or
    "": a command that reads its file whole says where to save it instead."""
    for key in sorted(keys):
        if is_stdout(options.get(key)):
            flag = "FICHIER" if key == "file" else "--" + key.replace("_", "-")
            return (
                f"{flag} - (l'entrée standard) n'est pas pris en charge par cette commande : "
                "enregistrez le contenu dans un fichier et donnez son nom (« ./- » pour un "
                "fichier nommé « - ») ; rien n'a été fait."
            )
    return ""


def _undecodable_argument(values: Any) -> str | None:
    """The first text argument holding bytes that are not UTF-8 (Python keeps them as lone
    surrogates, which no database nor file can store), shown with U+FFFD; None when all read.
    Paths are left alone: a file name in another encoding is still a file."""
    for value in values:
        texts = value if isinstance(value, list | tuple) else [value]
        for text in texts:
            if isinstance(text, str) and SURROGATE.search(text):
                return surrogate_shown(text)
    return None


def _missing_table(error: Exception) -> bool:
    """A database with no barometre tables yet: SQLite says "no such table", PostgreSQL
    "relation ... does not exist"."""
    text = str(error)
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def _common_options_after_actions(parser: argparse.ArgumentParser) -> None:
    """-v and --traceback also after an action (`barometre campaign show 2026 -v 2`), where a
    user puts them, not only before it: argparse refused them there (« arguments non reconnus :
    -v 2 »). Their default is no value at all, so that an action never resets what was given
    before it."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in dict.fromkeys(action.choices.values()):
            sub.add_argument(
                "-v",
                "--verbosity",
                type=int,
                choices=[0, 1, 2, 3],
                default=argparse.SUPPRESS,
                help=BASE_HELP_FR["--verbosity"],
            )
            sub.add_argument(
                "--traceback",
                action="store_true",
                default=argparse.SUPPRESS,
                help=BASE_HELP_FR["--traceback"],
            )
            french_metavars(sub)
            _common_options_after_actions(sub)


GIVEN = "_barometre_options_given"  # the namespace's record of the options given, then removed


class _StoreOnce(argparse._StoreAction):
    """An option taking one value, refused when given twice: argparse kept the last value
    silently (`--campaign 2025 ... --campaign 2026` audited 2026, `--out a.html --out b.html`
    wrote b.html only)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, Any] = namespace.__dict__.setdefault(GIVEN, {})
        if self.dest in given and given[self.dest] != values:
            parser.error(
                f"{'/'.join(self.option_strings)} ne se donne qu'une fois\u00a0: "
                f"«\u00a0{_shown(given[self.dest])}\u00a0» puis «\u00a0{_shown(values)}\u00a0»"
                f"\u00a0; gardez la valeur voulue"
            )
        given[self.dest] = values
        super().__call__(parser, namespace, values, option_string)


def _shown(value: Any) -> str:
    return " ".join(map(str, value)) if isinstance(value, list) else str(value)[:80]


def _options_once(parser: argparse.ArgumentParser) -> None:
    """Every option of `parser` and its actions' parsers that takes values: refused twice;
    every value, of an option or a positional argument, refused empty (`_filled`)."""
    for action in parser._actions:
        if type(action) is argparse._StoreAction and action.option_strings:
            action.__class__ = _StoreOnce
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _options_once(sub)
        elif action.nargs != 0 and action.choices is None and action.default != "":
            action.type = _filled(action.type)


def _filled(convert: Any) -> Callable[[str], Any]:
    """The converter `convert` (None: the text as it is), refusing an empty value first
    (`--campaign ""`, an unset shell variable): the error it led to quoted it as empty
    guillemets, which a reader could not make out; a path became ".". An option whose
    default is "" takes it (`--email ""`: none) and is left out, as one with choices (its
    refusal lists them)."""

    def check(text: str) -> Any:
        if text == "":
            raise argparse.ArgumentTypeError("valeur vide\u00a0; donnez-en une")
        return text if convert is None else convert(text)

    check.__name__ = getattr(convert, "__name__", "str")
    return check


def _actions_described(parser: argparse.ArgumentParser) -> None:
    """`barometre survey report --help` printed the usage and the options but not what the
    action does: argparse shows a subparser's `description`, and the actions were given only a
    `help` (the line in their group's list). An action with no description takes that line,
    as a sentence (a description ends with a period, a line of a list does not)."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for listed in action._choices_actions:
            sub = action.choices[listed.dest]
            if not sub.description and listed.help:
                sub.description = listed.help.rstrip(".") + "."
            _actions_described(sub)


def _missing_action_explained(parser: argparse.ArgumentParser) -> None:
    """A command group run without its action (`barometre services`) answered argparse's
    « arguments obligatoires manquants : ACTION » under a usage line that named no action: the
    group's parsers now show their actions and say what to type (still exit 2)."""
    for action in parser._actions:
        if _is_verb(action):
            parser.error = partial(_refuse_unknown_verb, parser, action, parser.error)  # type: ignore[method-assign]
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for sub in dict.fromkeys(action.choices.values()):
            _missing_action_explained(sub)
        if action.required:
            # argparse calls `self.error`: the instance's own, in front of the class's
            parser.error = partial(_refuse_missing, parser, action, parser.error)  # type: ignore[method-assign]
        parser.error = partial(_refuse_unknown_action, action, parser.error)  # type: ignore[method-assign]


def _refuse_missing(
    parser: argparse.ArgumentParser,
    actions: argparse._SubParsersAction,  # type: ignore[type-arg]
    refuse: Callable[[str], Any],
    message: str,
) -> Any:
    """argparse's refusal, but for a missing action: the usage, the actions, what to type."""
    if message != french("the following arguments are required: %s") % actions.metavar:
        return refuse(message)
    if not getattr(parser, "called_from_command_line", False):  # call_command: CommandError
        return refuse(f"action manquante : {', '.join(actions.choices)}")
    first = next(iter(actions.choices))
    said = (
        f"action manquante : donnez l'une des actions ci-dessus, par exemple "
        f"« {parser.prog} {first} » ; l'aide d'une action : "
        f"« {parser.prog} ACTION --help »"
    )
    formatter = parser._get_formatter()
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    formatter.start_section("actions")
    formatter.add_arguments(actions._get_subactions())
    formatter.end_section()
    parser.exit(2, f"{formatter.format_help()}\n{parser.prog} : erreur : {said}\n")


def _lists_parsed(
    parser: CommandParser,
    lists: tuple[CommaList, ...],
    args: list[str] | None = None,
    namespace: Any = None,
) -> Any:
    """`parser.parse_args`, a list of codes separated by spaces (or its option repeated)
    refused with the form to type, before argparse gives the next code to another argument;
    files given after a command's one file refused as such."""
    given = list(sys.argv[1:] if args is None else args)
    if (said := comma_list_refusal(given, lists)) is not None:
        parser.error(said)
    options, extra = parser.parse_known_args(given, namespace)
    options.__dict__.pop(GIVEN, None)
    named = [(spec, value) for spec in lists if (value := getattr(options, _dest(spec), None))]
    if extra and (said := comma_list_extra(extra, named)) is not None:
        parser.error(said)
    one_file = getattr(options, "file", None) or getattr(options, "out", None)
    if extra and one_file and all(Path(t).is_file() for t in extra):
        parser.error(_one_file(extra))
    parsed = CommandParser.parse_args(parser, given, namespace)
    parsed.__dict__.pop(GIVEN, None)  # not an option of the command
    return parsed


def _one_file(extra: list[str]) -> str:
    """Files left over after a command's one file (`import grilles/*.csv`): argparse called
    them unrecognised arguments."""
    more = f" et {len(extra) - 1} autre{'s' if len(extra) > 2 else ''}" if len(extra) > 1 else ""
    return (
        f"un seul fichier par commande : « {extra[0]} »{more} en trop (un motif comme "
        f"*.csv en donne plusieurs) ; lancez la commande une fois par fichier"
    )


def _dest(spec: CommaList) -> str:
    return spec.option.removeprefix("--").replace("-", "_")


def _refuse_unknown_action(
    actions: argparse._SubParsersAction,  # type: ignore[type-arg]
    refuse: Callable[[str], Any],
    message: str,
) -> Any:
    """argparse's refusal, but for a mistyped action (`barometre campaign lst`, answered as an
    invalid choice among all the actions): the action meant, when one is close."""
    said = rf"argument {re.escape(str(actions.metavar))}\s*:\s*choix invalide\s*:\s*«\s(.*?)\s» "
    typed = re.match(said, message)
    if typed is None:
        return refuse(message)
    close = difflib.get_close_matches(typed.group(1), list(actions.choices), n=1, cutoff=0.6)
    meant = f" ; vouliez-vous dire « {close[0]} » ?" if close else "."
    return refuse(
        f"action inconnue « {typed.group(1)[:40]} »{meant} Actions : {', '.join(actions.choices)}."
    )


def _is_verb(action: argparse.Action) -> bool:
    """A positional action word among choices (`barometre survey questionnaire load FICHIER`),
    not a group of subcommands."""
    return (
        not action.option_strings
        and action.metavar == "ACTION"
        and bool(action.choices)
        and not isinstance(action, argparse._SubParsersAction)
    )


def _refuse_unknown_verb(
    parser: argparse.ArgumentParser,
    verb: argparse.Action,
    refuse: Callable[[str], Any],
    message: str,
) -> Any:
    """argparse's refusal, but for an action word forgotten or mistyped before the arguments
    (`barometre survey questionnaire x.yaml` answered « choix invalide : 'x.yaml' (choix
    possibles : 'load') »): the action meant when one is close, else the actions and the line
    to type with the action in its place."""
    said = r"argument ACTION\s*:\s*choix invalide\s*:\s*«\s(.*?)\s» "
    typed = re.match(said, message)
    choices = list(verb.choices or ())
    if _verb_missing(message):
        line = f"{parser.prog} {choices[0]} {_after_verb(parser, verb)}"
        return refuse(
            f"action manquante ({_verbs_listed(choices)})\u00a0; l'action se donne avant le "
            f"reste, par exemple «\u00a0{line}\u00a0»"
        )
    if typed is None or difflib.get_close_matches(typed.group(1), choices, n=1, cutoff=0.6):
        return _refuse_unknown_action(verb, refuse, message)  # type: ignore[arg-type]
    shown = typed.group(1)[:40]
    return refuse(
        f"«\u00a0{shown}\u00a0» n'est pas une action ({_verbs_listed(choices)})"
        f"\u00a0; l'action se donne avant le reste, par exemple "
        f"«\u00a0{parser.prog} {choices[0]} {shown}\u00a0»"
    )


def _verb_missing(message: str) -> bool:
    """Whether argparse's refusal is the action word missing (« arguments obligatoires
    manquants : ACTION, FICHIER »), the command given with no argument at all."""
    required = french("the following arguments are required: %s") % ""
    return message.startswith(required) and "ACTION" in message[len(required) :].split(", ")


def _verbs_listed(choices: list[str]) -> str:
    if len(choices) == 1:
        return f"la seule est «\u00a0{choices[0]}\u00a0»"
    return f"actions\u00a0: {', '.join(choices)}"


def _after_verb(parser: argparse.ArgumentParser, verb: argparse.Action) -> str:
    """The placeholders of the arguments that follow the action word (« FICHIER », « NOM »)."""
    positionals = [a for a in parser._actions if not a.option_strings]
    following = positionals[positionals.index(verb) + 1 :]
    return " ".join(str(a.metavar or a.dest.upper()) for a in following)


class Silenced(OutputWrapper):
    """A command's stdout or stderr at -v 0: the lines written to it are dropped. The stream
    itself (`_out`) still takes the data a command writes there (`--out -`), and `loud` writes
    what no verbosity silences (an error, a warning, a password shown once)."""

    def write(self, msg: str = "", style_func: Any = None, ending: str | None = None) -> None:
        return None


def loud(
    wrapper: OutputWrapper, text: str, style_func: Any = None, ending: str | None = None
) -> None:
    """Write `text` to a command's stdout or stderr, even when -v 0 silences it."""
    OutputWrapper.write(wrapper, text, style_func=style_func, ending=ending)


def _silence(command: BaseCommand, options: dict[str, Any], answer: bool) -> None:
    """Set the command's streams as Django does (`stdout=`, `stderr=` of call_command), and at
    -v 0 silence them: stdout unless it holds the answer asked for, stderr always."""
    for name in ("stdout", "stderr"):
        if stream := options.pop(name, None):
            setattr(command, name, OutputWrapper(stream))
    if options.get("verbosity", 1) > 0:
        return
    if not answer:
        command.stdout = Silenced(command.stdout._out)
    command.stderr = Silenced(command.stderr._out)


class BarometreCommand(BaseCommand):
    """A management command that turns BarometreError into a clean message and exit code 1."""

    # Django's options that mean nothing to a barometre user are hidden from --help.
    suppressed_base_arguments = {
        "--version",
        "--settings",
        "--pythonpath",
        "--no-color",
        "--force-color",
        "--skip-checks",
    }

    # options whose value « - » the command writes to the standard output (core.files.written_to);
    # any other output option given « - » is refused, rather than writing a file named « - »
    stdout_options: frozenset[str] = frozenset()

    # input options whose value « - » the command reads from the standard input (core.files.
    # is_stdin); any other file to read given « - » is refused, rather than said « introuvable »
    stdin_options: frozenset[str] = frozenset()

    # actions whose standard output is the answer asked for (a listing, a status, a page),
    # printed at every verbosity; what other actions print says what they did, and -v 0
    # (« silencieux ») silences it, with the progress lines on stderr
    answer_actions: frozenset[str | None] = frozenset()
    verbosity = 1

    # options taking codes separated by commas (core.comma_lists): given separated by spaces,
    # or repeated, the command line is refused with the form to type
    comma_lists: tuple[CommaList, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django draws everything written to stderr in red on a terminal: progress, « Reprise »
        # and timing lines looked like errors. Only « Erreur : » lines are red.
        self.stderr.style_func = None

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        argparse_install()
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.prog = f"barometre {subcommand}"
        french_metavars(parser)
        for action in parser._actions:
            if "--skip-checks" in action.option_strings:
                action.help = argparse.SUPPRESS
            for option in action.option_strings:
                action.help = BASE_HELP_FR.get(option, action.help)
        _common_options_after_actions(parser)
        _actions_described(parser)
        _missing_action_explained(parser)
        _options_once(parser)
        parser.parse_args = partial(_lists_parsed, parser, self.comma_lists)  # type: ignore[method-assign]
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        """From the console: print a user error in French, without a traceback, and exit 1."""
        try:
            super().run_from_argv(argv)
        except BarometreError as error:
            # a message may be written to follow a colon elsewhere (« refusé : fichier
            # introuvable »): after « Erreur : » it starts a sentence, with a capital
            message = str(error)
            loud(
                self.stderr,
                f"Erreur : {message[:1].upper()}{message[1:]}",
                style_func=self.style.ERROR,
            )
            sys.exit(1)

    def execute(self, *args: Any, **options: Any) -> str | None:
        started = time.perf_counter()
        if (shown := _undecodable_argument([*args, *options.values()])) is not None:
            raise BarometreError(
                f"argument illisible « {shown} » : il contient des octets qui ne sont pas de "
                "l'UTF-8 (vérifiez l'encodage du terminal ou du script), rien n'a été fait"
            )
        for key in OUTPUT_OPTIONS - self.stdout_options:
            if is_stdout(options.get(key)):
                flag = "--" + key.replace("_", "-")
                raise BarometreError(
                    f"{flag} - (la sortie standard) n'est pas pris en charge par cette commande : "
                    f"donnez un nom de fichier (« ./- » pour un fichier nommé « - ») ; rien n'a "
                    "été écrit."
                )
        if refused := _stdin_refused(options, INPUT_OPTIONS - self.stdin_options):
            raise BarometreError(refused)
        self.verbosity = options.get("verbosity", 1)
        _silence(self, options, options.get("action") in self.answer_actions)
        try:
            result: str | None = super().execute(*args, **options)
        except CommandError as error:  # Django's own errors, shown like ours
            if options.get("traceback"):
                raise
            raise BarometreError(str(error).removeprefix("Error: ")) from error
        except (OperationalError, ProgrammingError) as error:
            if options.get("traceback") or not _missing_table(error):
                raise
            raise BarometreError(
                "La base de données n'a pas les tables de barometre : lancez « barometre init » "
                "(une base neuve) ou « barometre migrate » (après une mise à jour)."
            ) from error
        if options.get("verbosity", 1) >= 2:
            self.stderr.write(f"({time.perf_counter() - started:.2f} s)")
        return result

    def progress(
        self, total: int | None = None, label: str = ""
    ) -> AbstractContextManager[Callable[[int, str], None]]:
        """A callback `(done, item)` drawing a progress bar on stderr (plain lines in a log), for
        the block of a `with`: the bar is cleared when it ends, before the summary is written."""
        if not self.verbosity:
            return nullcontext(lambda done, item="": None)
        return counting(total, label=label, stream=self.stderr._out)

    def step(self, label: str) -> AbstractContextManager[None]:
        """Show a long step while it runs (a spinner on a terminal), then its duration."""
        if not self.verbosity:
            return nullcontext()
        return step(label, stream=self.stderr._out)

    def warn(self, text: str) -> None:
        """A warning on stderr, written at every verbosity (-v 0 silences what went well)."""
        loud(self.stderr, text)

    def shown_once(self, text: str) -> None:
        """A line on stdout written at every verbosity: what is shown only once (a password,
        a secret address) would be lost if -v 0 silenced it."""
        loud(self.stdout, text)
