"""`barometre users`: the accounts of the auditors' workspace (create, list, password, role,
deactivation, locks)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from barometre.accounts.roles import (
    role_name,
    user_check,
    user_create,
    user_lookup,
    user_roles,
    user_set_active,
    user_set_password,
    user_set_role,
)
from barometre.assessments.services.reassign import codings_unanswered
from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError
from barometre.core.files import STDIN_SAID, is_stdin, os_reason
from barometre.core.plural import counted
from barometre.web.throttle import login_locks_clear

PASSWORD_ENV = "BAROMETRE_USER_PASSWORD"
ROLE_HELP = "Rôle : auditeur, coordinateur ou administrateur (ou leur nom anglais)"
PASSWORD_FILE_HELP = (
    f"Fichier dont la première ligne est le mot de passe (sinon {PASSWORD_ENV}, sinon il est "
    "demandé) ; « - » : la première ligne de l'entrée standard"
)


class Command(BarometreCommand):
    answer_actions = frozenset({"list"})
    stdin_options = frozenset({"password_file"})  # « - »: the first line of the standard input
    help = "Gère les comptes des auditeurs (création, rôle, mot de passe, activation, blocages)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title="actions", metavar="ACTION")
        create = sub.add_parser("create", help="Créer un compte avec un rôle")
        create.add_argument("name", help="Identifiant")
        create.add_argument(
            "--role",
            required=True,
            help=ROLE_HELP,
        )
        create.add_argument("--email", default="", help="Adresse électronique (facultative)")
        create.add_argument(
            "--password-file",
            type=Path,
            help=PASSWORD_FILE_HELP,
        )
        sub.add_parser("list", help="Lister les comptes et leurs rôles")
        change = sub.add_parser(
            "password",
            help="Changer le mot de passe d'un compte (ses connexions en cours prennent fin)",
        )
        change.add_argument("name", help="Identifiant")
        change.add_argument("--password-file", type=Path, help=PASSWORD_FILE_HELP)
        role = sub.add_parser(
            "role", help="Changer le rôle d'un compte (il remplace celui qu'il avait)"
        )
        role.add_argument("name", help="Identifiant")
        role.add_argument("role", help=ROLE_HELP)
        disable = sub.add_parser(
            "disable",
            help="Désactiver un compte : il ne peut plus se connecter, ses connexions en cours "
            "prennent fin ; ses revues et codages restent à son nom",
        )
        disable.add_argument("name", help="Identifiant")
        enable = sub.add_parser("enable", help="Réactiver un compte désactivé")
        enable.add_argument("name", help="Identifiant")
        sub.add_parser(
            "unlock",
            help="Lever tout de suite les blocages de connexion (trop d'échecs) de tous les "
            "comptes et de toutes les adresses",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actions = {
            "create": self._create,
            "list": self._list,
            "password": self._password,
            "role": self._role,
            "disable": self._disable,
            "enable": self._enable,
            "unlock": self._unlock,
        }
        actions[options["action"]](options)

    def _list(self, options: dict[str, Any]) -> None:
        from django.contrib.auth.models import User

        if not User.objects.exists():  # a listing that printed nothing looked like a failure
            self.stdout.write(
                "Aucun compte. « barometre users create NOM --role auditeur » en crée un."
            )
            return
        for user in User.objects.order_by("username"):
            roles = ", ".join(user_roles(user)) or "aucun rôle"
            self.stdout.write(
                f"{user.username}\t{roles}\t{'actif' if user.is_active else 'inactif'}"
            )

    def _unlock(self, options: dict[str, Any]) -> None:
        login_locks_clear()
        self.stdout.write("Blocages de connexion levés : chacun peut se connecter à nouveau.")

    def _password(self, options: dict[str, Any]) -> None:
        user_lookup(username=options["name"])  # before the password is typed
        user = user_set_password(
            username=options["name"], password=self._password_read(options["password_file"])
        )
        self.stdout.write(f"Mot de passe de « {user.username} » changé.")

    def _role(self, options: dict[str, Any]) -> None:
        user = user_set_role(username=options["name"], role=options["role"])
        role = ", ".join(user_roles(user))
        self.stdout.write(f"Compte « {user.username} » : rôle {role}.")

    def _disable(self, options: dict[str, Any]) -> None:
        user = user_set_active(username=options["name"], active=False)
        self.stdout.write(
            f"Compte « {user.username} » désactivé : il ne peut plus se connecter, ses "
            "connexions en cours ont pris fin ; ses revues et codages restent à son nom."
        )
        if held := codings_unanswered(auditor=user):
            self.stdout.write(
                f"Il garde {counted(held, 'codage', 'codages')} à l'aveugle sans réponse, que "
                "personne d'autre ne peut remplir : « barometre assessments codings-reassign "
                f"--from {user.username} » les donne à d'autres auditeurs actifs."
            )

    def _enable(self, options: dict[str, Any]) -> None:
        user = user_set_active(username=options["name"], active=True)
        self.stdout.write(f"Compte « {user.username} » réactivé.")

    def _create(self, options: dict[str, Any]) -> None:
        role = role_name(options["role"])
        user_check(username=options["name"], email=options["email"])  # before the password
        password = self._password_read(options["password_file"])
        user = user_create(
            username=options["name"], role=role, password=password, email=options["email"]
        )
        self.stdout.write(f"Compte « {user.username} » créé avec le rôle {role}.")

    def _password_read(self, path: Path | None) -> str:
        if is_stdin(path):  # `printf … | barometre users create … --password-file -`
            return _password_line(sys.stdin.buffer.read(4097), STDIN_SAID)
        if path is not None:
            return _password_file(path)
        if os.environ.get(PASSWORD_ENV):
            return os.environ[PASSWORD_ENV]
        try:  # as typed: getpass keeps the spaces around it
            first = _typed("Mot de passe : ")
            again = _typed("Encore une fois : ")
        except EOFError:  # no terminal and nothing on the standard input
            raise BarometreError(
                f"aucun mot de passe lu : donnez --password-file ou {PASSWORD_ENV} "
                "quand aucun terminal ne peut le demander"
            ) from None
        if first != again:
            raise BarometreError("Les deux mots de passe diffèrent.")
        return first


def _typed(prompt: str) -> str:
    """A password typed on the terminal, unseen; without a terminal, a line of the standard
    input (`printf ... | barometre users create`): getpass would read it too, but after two
    warnings in English that it may be shown (GetPassWarning, "Password input may be echoed")."""
    if _terminal():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.removesuffix("\n")


def _terminal() -> bool:
    """A terminal can be asked: the controlling one (/dev/tty) opens, as getpass tries first."""
    try:
        os.close(os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return sys.stdin.isatty()
    return True


def _password_file(path: Path) -> str:
    """The first line of `path`: UTF-8 (a byte-order mark is no part of it), split at a newline
    only, without its line end; a file of more than 4 KB is no password file."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(4097)
    except OSError as error:
        raise BarometreError(f"Mot de passe illisible dans {path} ({os_reason(error)}).") from None
    return _password_line(raw, str(path))


def _password_line(raw: bytes, path: str) -> str:
    """The first line of a password file's first bytes (`path` names it in the messages)."""
    if len(raw) > 4096:
        raise BarometreError(f"{path} fait plus de 4 Ko : ce n'est pas un fichier de mot de passe.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BarometreError(f"Mot de passe illisible dans {path} : UTF-8 attendu.") from None
    first = text.split("\n", 1)[0].removesuffix("\r")
    if not first:
        raise BarometreError(f"Mot de passe illisible dans {path} : la première ligne est vide.")
    return first
