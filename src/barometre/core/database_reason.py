"""Why PostgreSQL could not be reached, in French: psycopg says it in English (« connection to
server at "127.0.0.1", port 1 failed: Connection refused… »). What the operator needs (which
server, and the kind of refusal: nobody listening, an unknown base or user, a password) is said
in French; the driver's other words are left out (`--traceback` shows them)."""

from __future__ import annotations

import re

from barometre.core.french_reasons import Reasons, french_reason

_SERVER = re.compile(
    r'connection to server (?:at "(?P<host>[^"]*)"(?: \([^)]*\))?, port (?P<port>\d+)'
    r'|on socket "(?P<socket>[^"]*)") failed: (?P<why>[^\n]*)'
)
_UNRESOLVED = re.compile(r"failed to resolve host '(?P<host>[^']*)'")
_REASONS: Reasons = (
    (re.compile(r"Connection refused"), "connexion refusée (aucun serveur n'écoute là)"),
    (
        re.compile(r'database "(?P<name>[^"]*)" does not exist'),
        "la base «\u00a0{name}\u00a0» n'existe pas («\u00a0createdb\u00a0» la crée)",
    ),
    (
        re.compile(r'role "(?P<name>[^"]*)" does not exist'),
        "l'utilisateur «\u00a0{name}\u00a0» n'existe pas sur ce serveur",
    ),
    (
        re.compile(r'authentication failed for user "(?P<name>[^"]*)"'),
        "identification refusée pour l'utilisateur «\u00a0{name}\u00a0» (mot de passe\u00a0?)",
    ),
    (re.compile(r"no password supplied"), "le serveur demande un mot de passe"),
    (re.compile(r"no pg_hba\.conf entry"), "connexion refusée par le serveur (pg_hba.conf)"),
    (re.compile(r"timeout expired|timed out"), "délai dépassé"),
    (re.compile(r"No such file or directory"), "aucun serveur sur ce socket"),
    (re.compile(r"too many clients|remaining connection slots"), "trop de connexions ouvertes"),
)


def database_unreachable(text: str) -> str | None:
    """Why the driver could not connect (`text`, its message), in French, naming the server;
    None when `text` is not a failed connection."""
    unresolved = _UNRESOLVED.search(text)
    if unresolved:
        return f"nom d'hôte inconnu\u00a0: {unresolved['host']}"
    if not text.strip().startswith("connection failed:"):
        return None
    server = _SERVER.search(text)
    if server is None:
        return "connexion impossible"
    where = (
        f"socket {server['socket']}"
        if server["socket"]
        else f"serveur {server['host']}, port {server['port']}"
    )
    return f"{where}\u00a0: {_reason(server['why'])}"


def _reason(why: str) -> str:
    return french_reason(
        _REASONS, why, "connexion impossible (le détail du pilote, en anglais\u00a0: --traceback)"
    )


# Why a write was refused, as PostgreSQL (psycopg) or SQLite says it in English, in French.
_WRITE_REASONS: Reasons = (
    (
        re.compile(r"duplicate key value|UNIQUE constraint failed"),
        "un enregistrement identique existe déjà (une autre importation en même temps\u00a0?)",
    ),
    (
        re.compile(r"foreign key constraint|FOREIGN KEY constraint failed"),
        "il renvoie à un enregistrement qui n'existe plus (supprimé pendant l'importation\u00a0?)",
    ),
    (re.compile(r"value too long for type"), "une valeur est trop longue pour la base"),
    (re.compile(r"NUL \(0x00\)"), "le texte contient un caractère nul (0x00), refusé par la base"),
    (
        re.compile(r"deadlock detected|could not serialize access"),
        "conflit avec une autre écriture en même temps\u00a0: relancez l'importation",
    ),
    (
        re.compile(r"database is locked"),
        "base SQLite verrouillée par un autre processus\u00a0: relancez l'importation",
    ),
    (
        re.compile(r"read-only transaction|readonly database|read only"),
        "la base est en lecture seule",
    ),
    (
        re.compile(r"No space left on device|could not extend file|database or disk is full"),
        "disque plein du côté de la base de données",
    ),
    (re.compile(r"permission denied", re.I), "droits insuffisants sur la base"),
    (re.compile(r"statement timeout|timeout expired|timed out"), "délai dépassé"),
    (
        re.compile(
            r"server closed the connection|terminating connection|connection (?:is|already) "
            r"closed|consuming input failed|the connection is lost"
        ),
        "connexion à la base de données perdue",
    ),
)


def database_write_failed(text: str) -> str:
    """Why the database refused a write (`text`, the driver's message), in French; the
    driver's own words are left out (the caller logs them)."""
    unreachable = database_unreachable(text)
    if unreachable is not None:
        return f"base de données injoignable ({unreachable})"
    return french_reason(
        _WRITE_REASONS,
        text,
        "erreur de la base de données (le détail du pilote, en anglais, est dans le journal)",
    )
