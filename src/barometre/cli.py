"""The `barometre` console script: Django's management commands with the settings preset.

`barometre --help` lists barometre's own commands (not Django's); `barometre help --all` lists
every command. `--home DIR` (before the command) chooses the data folder, like BAROMETRE_HOME.
"""

from __future__ import annotations

import os
import sys


def _take_home_option(argv: list[str]) -> list[str]:
    """Remove a leading `--home DIR` / `--home=DIR` and export it as BAROMETRE_HOME."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--home" and i + 1 < len(argv):
            os.environ["BAROMETRE_HOME"] = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--home="):
            os.environ["BAROMETRE_HOME"] = arg.split("=", 1)[1]
            i += 1
            continue
        out.append(arg)
        i += 1
    return out


def own_commands() -> dict[str, str]:
    """Map each barometre command to the first line of its help."""
    from django.core.management import get_commands, load_command_class

    commands: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if not app.startswith("barometre"):
            continue
        command = load_command_class(app, name)
        commands[name] = (command.help or "").strip().splitlines()[0] if command.help else ""
    return commands


def _print_overview() -> None:
    print("Usage : barometre [--home DOSSIER] COMMANDE [options]\n")
    print("barometre — observatoire ouvert de l'e-administration locale.\n")
    print("Commandes :")
    commands = own_commands()
    width = max(len(n) for n in commands)
    for name, purpose in commands.items():
        print(f"  {name.ljust(width)}  {purpose}")
    print("\n« barometre COMMANDE --help » décrit les options d'une commande ;")
    print("« barometre help --all » liste aussi les commandes de Django.")


def main(argv: list[str] | None = None) -> None:
    args = _take_home_option(list(sys.argv[1:] if argv is None else argv))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "barometre.settings")
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        try:
            _print_overview()
        except BrokenPipeError:  # `barometre --help | head`
            sys.stderr.close()
        return
    if args[:2] == ["help", "--all"]:
        execute_from_command_line(["barometre", "help"])
        return
    execute_from_command_line(["barometre", *args])
