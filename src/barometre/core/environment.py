"""Reading the settings' environment variables: a value that cannot be read is refused in French
(ImproperlyConfigured, which `barometre` prints without a traceback) instead of Python's
English ValueError, or instead of being silently taken for another value."""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_text(name: str, default: str) -> str:
    """The variable as it is given; unset, empty or only spaces, the default. An empty value is
    most often a substitution gone wrong (`BAROMETRE_WARC_ROOT=${SHARE}`): read as it is, an
    empty folder was the current directory and an empty contact URL an empty User-Agent field."""
    raw = os.environ.get(name, "")
    return raw if raw.strip() else default


def env_int(name: str, default: int, *, minimum: int) -> int:
    """The variable as a whole number, at least `minimum`; unset or empty, the default."""
    return int(_number(name, default, minimum=minimum, whole=True))


def env_float(name: str, default: float, *, minimum: float) -> float:
    """The variable as a number (a decimal comma is read too), at least `minimum`."""
    return _number(name, default, minimum=minimum, whole=False)


def _number(name: str, default: float, *, minimum: float, whole: bool) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(int(raw)) if whole else float(raw.replace(",", "."))
    except (ValueError, OverflowError):
        value = float("nan")
    if not minimum <= value < float("inf"):  # NaN compares false
        what = "un nombre entier" if whole else "un nombre"
        raise ImproperlyConfigured(
            f"{name}=«\u00a0{raw}\u00a0» illisible : donnez {what} supérieur ou égal à "
            f"{_shown(minimum)} ({_shown(default)} par défaut), ou retirez la variable."
        )
    return value


def _shown(number: float) -> str:
    """30.0 as « 30 », 0.5 as « 0,5 »."""
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def env_switch(name: str, default: bool) -> bool:
    """The variable as a switch, 1 or 0; unset or empty, the default. Any other value (`true`,
    `oui`, `off`) is refused rather than read as 0: it names a switch that matters."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw not in ("0", "1"):
        raise ImproperlyConfigured(
            f"{name}=«\u00a0{raw}\u00a0» illisible : donnez 1 (activé) ou 0 (désactivé), ou "
            f"retirez la variable ({'1' if default else '0'} par défaut)."
        )
    return raw == "1"


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def env_log_level(name: str, default: str) -> str:
    """The variable as a logging level, in any case (`info` is INFO); unset or empty, the
    default. Python's logging takes upper case only: `info` stopped every command and the
    server with an English traceback (« Unable to configure root logger »)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.upper() not in LOG_LEVELS:
        raise ImproperlyConfigured(
            f"{name}=«\u00a0{raw}\u00a0» illisible : donnez {', '.join(LOG_LEVELS)} "
            f"({default} par défaut), ou retirez la variable."
        )
    return raw.upper()


def env_hosts(name: str, default: str = "") -> list[str]:
    """The variable as host names (`env_names`), each a name alone: Django never matches
    `https://barometre.example.org`, `barometre.example.org/` or `barometre.example.org:443`, so
    the site answered every request 400 while `check --deploy` found nothing wrong."""
    hosts = env_names(name, default)
    for host in hosts:
        bare = host.removeprefix("[").split("]", 1)[-1] if host.startswith("[") else host
        if "/" in host or ":" in bare:
            alone = _host_alone(host)
            raise ImproperlyConfigured(
                f"{name} : « {host} » n'est pas un nom d'hôte ; donnez le nom seul, sans "
                f"« https:// », chemin ni port (« {alone} »)."
            )
    return hosts


def _host_alone(host: str) -> str:
    """What Django matches for a value that is no host name alone (`::1` is `[::1]`)."""
    try:
        return f"[{ipaddress.IPv6Address(host)}]"
    except ValueError:
        return urlsplit(host if "//" in host else f"//{host}").hostname or "…"


def env_names(name: str, default: str = "") -> list[str]:
    """The variable as a comma-separated list, each name stripped of spaces, empty ones left
    out (`a.org, b.org` is two names, not `a.org` and ` b.org`)."""
    return [n.strip() for n in env_text(name, default).split(",") if n.strip()]


# Secrets may hold any character: their values are neither read here nor ever shown.
_SECRETS = frozenset({"BAROMETRE_SECRET_KEY", "BAROMETRE_USER_PASSWORD"})
_OTHERS = frozenset({"DATABASE_URL", "REDIS_URL"})
_INLINE_COMMENT = re.compile(r"\s#")


def env_refuse_inline_comments() -> None:
    """Refuse a variable whose value ends with a comment (`BAROMETRE_HOME=/srv/b  # data`).

    A shell drops it, but systemd's EnvironmentFile and docker's --env-file keep it in the value:
    the site would answer every request 400 (the comment in its host name) or the data would go
    to a folder named after the comment. Only the comment is shown (a URL may hold a password).
    """
    for name in sorted(os.environ):
        if name in _SECRETS or not (name.startswith("BAROMETRE_") or name in _OTHERS):
            continue
        found = _INLINE_COMMENT.search(os.environ[name])
        if found:
            comment = os.environ[name][found.end() - 1 :].strip()
            raise ImproperlyConfigured(
                f"{name} se termine par un commentaire («\u00a0{comment}\u00a0»)\u00a0: systemd "
                "(EnvironmentFile) et docker (--env-file) le gardent dans la valeur. Mettez le "
                "commentaire sur une ligne à lui, qui commence par «\u00a0#\u00a0»."
            )
