"""The `barometre` console script: Django's management commands with the settings preset.

`barometre --help` (or `barometre`, `barometre help`) lists barometre's own commands in French,
grouped by task (GROUPS); `barometre help --all` lists them the same way, then Django's
administration commands (migrate, shell…), which stay runnable, but for the few that lose data
or print secrets (flush, loaddata, diffsettings…: barometre.core.django_commands), refused unless
BAROMETRE_DJANGO_COMMANDS=1. `--home DIR` (before the command) chooses the data folder, like
BAROMETRE_HOME.

Start-up stays short: the overview reads each command's `help` from its source, without setting
Django up or importing any command (and so none of the heavy libraries they use), and a command
imports its heavy libraries only when it runs.
"""

from __future__ import annotations

import ast
import difflib
import os
import sys
import textwrap
from importlib.util import find_spec
from pathlib import Path
from typing import NoReturn

from barometre import __version__

APPS = (
    "barometre.core",
    "barometre.referential",
    "barometre.collection",
    "barometre.assessments",
    "barometre.outputs",
    "barometre.programmes",
    "barometre.demo",
    "barometre.web",
    "barometre.survey",
    "barometre.web.survey",
)  # the barometre apps of settings.INSTALLED_APPS (tests/test_cli.py checks they agree)

# The overview's groups, in the order of the work (tests/test_cli_french.py checks that every
# command is in one group); a command left out of them is listed under « Autres commandes ».
GROUPS: dict[str, tuple[str, ...]] = {
    "Mise en place": ("init", "campaign", "websites", "services", "users"),
    "Mesure des sites": ("audit", "worker", "classify", "evidence", "assessments"),
    "Publication": ("report", "pdf", "opendata", "serve"),
    "Autres instruments": ("programmes", "survey"),
    "Démonstration": ("quickstart",),
}


def _take_home_option(argv: list[str]) -> list[str]:
    """Remove a leading `--home DIR` / `--home=DIR` and export it as BAROMETRE_HOME."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--home" or arg.startswith("--home="):
            given = arg.partition("=")[2] if "=" in arg else (argv[i + 1 : i + 2] or [""])[0]
            if not given or given.startswith("-"):
                _refuse("--home attend un dossier : barometre --home DOSSIER COMMANDE")
            os.environ["BAROMETRE_HOME"] = given
            i += 1 if "=" in arg else 2
            continue
        out.append(arg)
        i += 1
    return out


def command_files() -> dict[str, Path]:
    """barometre's commands and their source files, found without importing them."""
    files: dict[str, Path] = {}
    for app in APPS:
        spec = find_spec(app)
        if spec is None or spec.origin is None:
            continue
        folder = Path(spec.origin).parent / "management" / "commands"
        for path in sorted(folder.glob("*.py")):
            if not path.name.startswith("_"):
                files[path.stem] = path
    return dict(sorted(files.items()))


def own_commands() -> dict[str, str]:
    """Map each barometre command to the first line of its help, read from its source."""
    return {name: _help_line(path) for name, path in command_files().items()}


def _help_line(path: Path) -> str:
    """The first line of the `help` string of the module's `Command` class ("" if none)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Command":
            for item in node.body:
                if (
                    isinstance(item, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "help" for t in item.targets)
                    and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, str)
                ):
                    lines = item.value.value.strip().splitlines()
                    return lines[0] if lines else ""
    return ""


def _refuse(message: str) -> NoReturn:
    """A French error on the command line itself, then exit 2 (as argparse does)."""
    sys.stderr.write(f"Erreur : {message}\n")
    sys.exit(2)


def _unknown(name: str) -> None:
    """A French error for a command that is neither barometre's nor Django's, then exit 2."""
    from django.core.management import get_commands

    if name in get_commands():
        return
    close = difflib.get_close_matches(name, list(command_files()), n=1)
    hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
    _refuse(f"Commande inconnue « {name} ».{hint} « barometre --help » liste les commandes.")


def _check_command_line(args: list[str]) -> None:
    """Refuse in French what Django would refuse in English ("Unknown command"): an unknown
    command, also after `help`, or an option before the command."""
    if args[0] == "help":
        if args[1:2] and not args[1].startswith("-"):
            _unknown(args[1])
    elif args[0].startswith("-"):
        _refuse(
            f"Option inconnue « {args[0]} » avant la commande : seule --home DOSSIER se "
            f"place là (et barometre --help, barometre --version) ; les options d'une "
            "commande viennent après elle."
        )
    else:
        _unknown(args[0])


def command_groups() -> list[tuple[str, dict[str, str]]]:
    """barometre's commands by group (GROUPS), each with the first line of its help."""
    commands = own_commands()
    groups = [
        (title, {n: commands[n] for n in names if n in commands}) for title, names in GROUPS.items()
    ]
    grouped = {name for names in GROUPS.values() for name in names}
    others = {name: purpose for name, purpose in commands.items() if name not in grouped}
    return [(t, c) for t, c in [*groups, ("Autres commandes", others)] if c]


def overview(*, django: bool = False) -> str:
    """What `barometre --help` prints; with `django`, Django's commands after barometre's."""
    groups = command_groups()
    width = max(len(name) for _, commands in groups for name in commands)
    lines = ["Usage : barometre [--home DOSSIER] COMMANDE [options]", ""]
    lines.append("barometre — observatoire ouvert de l'e-administration locale.")
    for title, commands in groups:
        lines += ["", f"{title} :"]
        lines += [f"  {name.ljust(width)}  {purpose}" for name, purpose in commands.items()]
    lines += [
        "",
        "Aide d'une commande : « barometre COMMANDE --help » (ou « barometre help COMMANDE »).",
    ]
    if django:
        return "\n".join([*lines, "", *_django_commands()])
    lines.append(
        "Commandes d'administration de Django (migrate, shell…) : « barometre help --all »."
    )
    return "\n".join(lines)


def _django_commands() -> list[str]:
    """Django's commands and its libraries', by application (their help is in English)."""
    from django.core.management import get_commands

    from barometre.core.django_commands import refused_lines

    by_app: dict[str, list[str]] = {}
    for name, app in sorted(get_commands().items()):
        if app.split(".")[0] != "barometre":
            by_app.setdefault(
                "django" if app == "django.core" else app.rpartition(".")[2], []
            ).append(name)
    width = max(len(app) for app in by_app)
    lines = ["Commandes d'administration de Django et de ses bibliothèques (aide en anglais) :"]
    for app, names in sorted(by_app.items()):
        wrapped = textwrap.wrap(", ".join(names), 96 - width) or [""]
        lines += [
            f"  {(app if i == 0 else '').ljust(width)}  {part}" for i, part in enumerate(wrapped)
        ]
    lines += refused_lines()
    lines.append(
        "Elles se lancent comme les autres («\u00a0barometre migrate\u00a0»)\u00a0; "
        "leur aide\u00a0: «\u00a0barometre help migrate\u00a0»."
    )
    return lines


def _print_overview(*, django: bool = False) -> None:
    try:
        print(overview(django=django))
    except BrokenPipeError:  # `barometre --help | head`
        sys.stderr.close()


def main(argv: list[str] | None = None) -> None:
    args = _take_home_option(list(sys.argv[1:] if argv is None else argv))
    if args == ["--version"]:  # barometre's version (Django would print its own)
        # and its detector's, which the audit records for each site (detection/version.py)
        # and its collection code's, which a distributed run requires of every worker
        from barometre.collection.version import collection_version
        from barometre.detection.version import detector_version

        print(
            f"barometre {__version__} (détecteur {detector_version()}, "
            f"collecte {collection_version()})"
        )
        return
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        _print_overview()
        return
    try:
        _run(args)
    except KeyboardInterrupt:
        # Ctrl+C: a line rather than the trace of wherever Python was (an import, a regular
        # expression); the database writes of the command are in transactions, rolled back
        if "--traceback" in args:
            raise
        sys.stderr.write("\nInterrompu (Ctrl+C) : la commande s'est arrêtée avant la fin.\n")
        sys.exit(130)  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl+C


def _run(args: list[str]) -> None:
    """Set Django up, then run the command of `args` (or Django's list of commands)."""
    _setup()

    from barometre.core.argparse_fr import argparse_install

    argparse_install()
    if args[:2] == ["help", "--all"]:  # Django's own list is in English and puts its commands first
        _print_overview(django=True)
        return
    _check_command_line(args)
    _refuse_dangerous(args)
    _execute(args)


def _refuse_dangerous(args: list[str]) -> None:
    """Refuse, in French, Django's commands that lose data or print secrets (flush, loaddata,
    diffsettings…: barometre.core.django_commands), unless BAROMETRE_DJANGO_COMMANDS=1."""
    from barometre.core.django_commands import refusal

    reason = refusal(args)
    if reason is not None:
        _refuse(reason)


def _setup() -> None:
    """Set Django up; settings that refuse the environment say why in French, and exit 2."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        # the settings refuse the environment (DATABASE_URL unreadable, production without a
        # secret key): their French message, without a traceback
        sys.stderr.write(f"Erreur : {error}\n")
        sys.exit(2)
    except ModuleNotFoundError as error:
        module = os.environ["DJANGO_SETTINGS_MODULE"]
        if not error.name or not f"{module}.".startswith(f"{error.name}."):
            raise  # a library missing, not the settings module
        sys.stderr.write(
            f"Erreur : DJANGO_SETTINGS_MODULE=«\u00a0{module}\u00a0» introuvable : "
            "« barometre.settings » (par défaut) ou « barometre.settings_production ».\n"
        )
        sys.exit(2)


def _execute(args: list[str]) -> None:
    """Run the command; a database that cannot be reached is said in French, not as a trace."""
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    from barometre.core.django_commands import run_masked

    try:
        if args[0] == "diffsettings" and not {"-h", "--help"} & set(args):
            run_masked(lambda: execute_from_command_line(["barometre", *args]))
        else:
            execute_from_command_line(["barometre", *args])
    except BrokenPipeError:
        # the reader went away (`barometre campaign show 2026 | head`): stop quietly, as other
        # command-line tools do, instead of a traceback; nothing more can be written anyway
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)  # 128 + SIGPIPE, what a shell reports for a command cut by its pipe
    except OperationalError as error:
        from barometre.core.database_reason import database_unreachable

        reason = database_unreachable(str(error))
        if reason is None or "--traceback" in args:
            raise
        sys.stderr.write(
            f"Erreur\u00a0: Base de données injoignable (DATABASE_URL) — {reason}. Vérifiez que "
            "le serveur tourne, son adresse, le nom de la base et les droits.\n"
        )
        sys.exit(1)
