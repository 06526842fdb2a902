"""Django's own commands that the `barometre` console script refuses by default.

The one console script also runs Django's administration commands. A few of them lose data
after an English « yes » (or none), print secrets, or create accounts outside barometre's roles:
the CLI refuses them with a French line saying what the command would do and what to use
instead, unless the operator sets BAROMETRE_DJANGO_COMMANDS=1. `diffsettings`, when allowed,
prints its settings with the secret key, passwords and the passwords inside URLs masked.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
from collections.abc import Callable
from contextlib import redirect_stdout
from io import StringIO

SWITCH = "BAROMETRE_DJANGO_COMMANDS"

_BACKUPS = "une sauvegarde (pg_dump, pg_restore : docs/deployment.md, « Backups »)"

# What each refused command would do, then what to use instead (French, shown to the operator).
REFUSED: dict[str, tuple[str, str]] = {
    "flush": (
        "vide toutes les tables de la base (campagnes, évaluations, comptes) après un « yes »",
        f"pour repartir d'un état connu, restaurez {_BACKUPS}",
    ),
    "sqlflush": (
        "écrit le SQL qui vide toutes les tables de la base",
        f"pour repartir d'un état connu, restaurez {_BACKUPS}",
    ),
    "loaddata": (
        "écrase sans rien demander les lignes de la base qui ont les clés du fichier",
        "« barometre campaign », « barometre websites », « barometre assessments » pour "
        f"importer, ou restaurez {_BACKUPS}",
    ),
    "remove_stale_contenttypes": (
        "supprime des types de contenu et, en cascade, les lignes qui s'y rattachent",
        "« barometre init », qui applique les migrations",
    ),
    "createsuperuser": (
        "crée un compte hors des rôles de barometre (coordinateur, auditeur…)",
        "« barometre users create », qui donne un rôle au compte",
    ),
    "changepassword": (
        "change un mot de passe sans mettre fin aux connexions en cours du compte",
        "« barometre users password »",
    ),
    "dumpdata": (
        "écrit toute la base, dont les empreintes des mots de passe et les sessions ouvertes",
        f"{_BACKUPS}\u00a0; pour publier les données, «\u00a0barometre opendata export\u00a0»",
    ),
    "diffsettings": (
        "affiche les réglages, dont la clé secrète et le mot de passe de la base",
        "les variables d'environnement du service (.env.example, docs/deployment.md)",
    ),
}


def allowed() -> bool:
    """Whether the operator has allowed the refused commands (BAROMETRE_DJANGO_COMMANDS=1)."""
    return os.environ.get(SWITCH, "").strip() == "1"


def refusal(args: list[str]) -> str | None:
    """The French reason to refuse the command line `args`, or None to run it. Asking for a
    command's help (`barometre flush --help`) is never refused."""
    name = args[0]
    if name not in REFUSED or allowed() or {"-h", "--help"} & set(args):
        return None
    does, instead = REFUSED[name]
    return (
        f"La commande de Django « {name} » est refusée : elle {does}. À la place : {instead}. "
        f"Pour la lancer quand même, définissez {SWITCH}=1"
        + (" (les secrets seront masqués)." if name == "diffsettings" else ".")
    )


def refused_lines() -> list[str]:
    """The lines of `barometre help --all` that name the refused commands."""
    return textwrap.wrap(
        f"Refusées sauf si {SWITCH}=1 (données effacées, secrets affichés, comptes hors des "
        f"rôles) : {', '.join(sorted(REFUSED))}.",
        98,
    )


# Setting names (top-level or inside a dict such as DATABASES) whose value is a secret.
_SECRET_NAME = re.compile(r"SECRET|PASSWORD$|PASSWD$|TOKEN$|_KEY$|^KEY$|PASS$")
# a line of diffsettings: `NAME = value`, `NAME = value  ###`, `### NAME = …`, `+ NAME = …`
_LINE = re.compile(
    r"^(?P<head>(?:### |[+-] | {2})?(?P<name>[A-Z][A-Z0-9_]*) = )"
    r"(?P<value>.*?)(?P<tail>(?: {2}###)?)$"
)
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_NESTED = re.compile(rf"(?P<key>'(?P<name>[A-Z][A-Z0-9_]*)'\s*:\s*)(?P<value>{_QUOTED})")
_URL_PASSWORD = re.compile(r"(?P<user>[a-z][a-z0-9+.-]*://[^:/@\s'\"]*:)[^@\s'\"]+(?=@)", re.I)
MASK = "'********'"


def masked_settings(text: str) -> str:
    """`diffsettings`'s output with every secret masked: the value of a setting named like a
    secret (SECRET_KEY, a PASSWORD), and the password inside a URL (postgres://u:pw@h)."""
    return "\n".join(_masked_line(line) for line in text.split("\n"))


def _masked_line(line: str) -> str:
    line = _URL_PASSWORD.sub(r"\g<user>********", line)
    line = _NESTED.sub(
        lambda m: m["key"] + (_masked(m["value"]) if _secret(m["name"]) else m["value"]), line
    )
    match = _LINE.match(line)
    if match and _secret(match["name"]):
        return f"{match['head']}{_masked(match['value'])}{match['tail']}"
    return line


def _secret(name: str) -> bool:
    return _SECRET_NAME.search(name) is not None


def _masked(value: str) -> str:
    """MASK for a secret's repr, unless it is empty (an empty password is no secret)."""
    return value if value in ("''", '""', "[]", "()", "None") else MASK


def run_masked(run: Callable[[], None]) -> None:
    """Run `diffsettings` (`run`) and print what it wrote with its secrets masked."""
    buffer = StringIO()
    try:
        with redirect_stdout(buffer):
            run()
    finally:
        sys.stdout.write(masked_settings(buffer.getvalue()))
        sys.stdout.flush()
