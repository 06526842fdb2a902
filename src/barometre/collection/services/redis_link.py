"""The distributed audit's link to Redis: the board's address and its checks, how long a
worker rides out a Redis that stops answering, and what it says when it gives up (French).
"""

from __future__ import annotations

import logging
import os
import re
import shlex
from urllib.parse import urlsplit, urlunsplit

from barometre.collection.board import CampaignBoard
from barometre.core.environment import env_text
from barometre.core.errors import BarometreError
from barometre.core.french_reasons import Reasons, french_reason
from barometre.core.plural import counted
from barometre.core.typography import grouped, with_unit
from barometre.outputs.labels import number

logger = logging.getLogger(__name__)

# How long a worker keeps trying when Redis stops answering (a restart, a failover, a network
# blip) before it stops and says so; redis-py and Celery reconnect by themselves within it.
# BAROMETRE_REDIS_GRACE (seconds) changes it.
REDIS_GRACE_SECONDS = 10.0


def redis_grace_seconds() -> float:
    """BAROMETRE_REDIS_GRACE in seconds (at least 1), REDIS_GRACE_SECONDS when unset; a value
    that is no number is refused before the worker starts, rather than silently replaced."""
    raw = os.environ.get("BAROMETRE_REDIS_GRACE", "").strip()
    if not raw:
        return REDIS_GRACE_SECONDS
    try:
        seconds = float(raw.replace(",", "."))
    except ValueError:
        seconds = float("nan")
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # not a number
        raise BarometreError(
            f"BAROMETRE_REDIS_GRACE=«\u00a0{raw}\u00a0» illisible : donnez un nombre de secondes "
            "(par ex. 10), ou retirez la variable pour garder 10 s."
        )
    return max(seconds, 1.0)


def board_for(campaign: str, *, url: str = "", namespace: str = "") -> CampaignBoard:
    """The campaign's board in Redis (REDIS_URL and BAROMETRE_QUEUE_NAMESPACE by default)."""
    url = url or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    namespace = namespace or env_text("BAROMETRE_QUEUE_NAMESPACE", "barometre")
    import redis

    try:
        shown = redis_url_shown(url)
        board = CampaignBoard.from_url(url, campaign, namespace)
    except ValueError as error:  # redis-py (or urllib) refuses the URL itself
        raise BarometreError(
            f"Adresse Redis « {_url_hidden(url)} » illisible : {_url_problem(error)} "
            "(par exemple redis://127.0.0.1:6379/0) ; corrigez REDIS_URL. Rien n'a été fait."
        ) from error
    try:
        board.redis.ping()
    except redis.exceptions.AuthenticationError as error:
        raise BarometreError(
            f"Redis ({shown}) refuse l'identification : vérifiez le mot de passe de REDIS_URL "
            "(redis://:MOT_DE_PASSE@HÔTE:PORT/0). Rien n'a été fait."
        ) from error
    except (redis.exceptions.BusyLoadingError, redis.exceptions.MaxClientsReachedError) as error:
        raise BarometreError(_not_ready_message(shown, error)) from error  # reached, not ready
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as error:
        raise BarometreError(
            f"Redis injoignable à l'adresse {shown} ({_redis_reason(error)}) : démarrez le "
            "serveur Redis à cette adresse (redis-server) ou indiquez le bon dans REDIS_URL, "
            "puis relancez. Rien n'a été fait."
        ) from error
    except redis.exceptions.RedisError as error:
        raise BarometreError(_refused_message(shown, error)) from error
    return board


def _refused_message(shown: str, error: BaseException) -> str:
    """What the operator reads when Redis refused the first check otherwise (French)."""
    if "db index is out of range" in str(error).lower():
        return (
            f"Redis ({shown}) n'a pas de base de ce numéro\u00a0: le nombre après la dernière "
            "barre oblique de REDIS_URL doit être une base du serveur (0 à 15 par défaut, "
            "par exemple redis://127.0.0.1:6379/0). Rien n'a été fait."
        )
    return (
        f"Redis ({shown}) a refusé la connexion ({redis_error_reason(error)}) : vérifiez "
        "REDIS_URL et le serveur Redis. Rien n'a été fait."
    )


def _not_ready_message(shown: str, error: BaseException) -> str:
    """What the operator reads when Redis answered the first check, but with a refusal that
    redis-py raises as a lost connection: still loading its data (it just started), or its
    `maxclients` reached. Redis was reached: not « injoignable », and no server to start."""
    import redis.exceptions as failures

    then = (
        ""  # the reason says to retry in a moment
        if isinstance(error, failures.BusyLoadingError)
        else "\u00a0: relancez quand des clients se seront déconnectés, ou augmentez "
        "«\u00a0maxclients\u00a0» dans la configuration de Redis"
    )
    return (
        f"Redis ({shown}) répond mais refuse la connexion ({redis_error_reason(error)}){then}. "
        "Rien n'a été fait."
    )


def redis_url_shown(url: str) -> str:
    """The Redis URL as a message may show it: its password, if any, hidden."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = f"{parts.username}:" if parts.username else ":"
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}***@{host}"))


# What redis-py and urllib say of a Redis URL they cannot read, in French; their other words
# are left out (--traceback shows them).
_URL_PROBLEMS: Reasons = (
    (
        re.compile(r"must specify one of the following schemes"),
        "elle doit commencer par redis://, rediss:// ou unix://",
    ),
    (
        re.compile(r"Port could not be cast to integer value as '(?P<port>[^']*)'"),
        "le port « {port} » n'est pas un nombre",
    ),
    (re.compile(r"Port out of range"), "le port doit être un nombre de 1 à 65 535"),
    (re.compile(r"Invalid IPv6 URL"), "crochet de l'adresse IPv6 non refermé"),
    (
        re.compile(r"Invalid value for '(?P<name>[^']*)' in connection URL"),
        "valeur du paramètre « {name} » illisible",
    ),
)


def _url_problem(error: ValueError) -> str:
    """What is wrong with a Redis URL that redis-py refused (`error`), in French."""
    return french_reason(_URL_PROBLEMS, str(error), "adresse mal formée")


def _url_hidden(url: str) -> str:
    """The URL as a message may show it, even one too broken to split: a password hidden."""
    try:
        return redis_url_shown(url)
    except ValueError:
        return re.sub(r"(?<=:)[^:/@]*(?=@)", "***", url)


def redis_error_reason(error: BaseException) -> str:
    """What went wrong with Redis (`error`, raised by redis-py at any command), in French; its
    English text goes to the log only (BAROMETRE_LOG_LEVEL=INFO)."""
    import redis.exceptions as failures

    logger.info("Redis error: %s: %s", type(error).__name__, error)
    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (failures.AuthenticationError, "identification refusée : mot de passe de REDIS_URL ?"),
        (failures.NoPermissionError, "commande interdite à cet utilisateur Redis (ACL)"),
        (
            failures.ReadOnlyError,
            "Redis en lecture seule (un réplica ? donnez le serveur principal)",
        ),
        (failures.OutOfMemoryError, "mémoire de Redis pleine (maxmemory atteint)"),
        (failures.BusyLoadingError, "Redis charge encore ses données : réessayez dans un instant"),
        (failures.MaxClientsReachedError, "trop de clients connectés à Redis (maxclients)"),
        (failures.TimeoutError, "délai dépassé"),
    )
    for kind, french in kinds:
        if isinstance(error, kind):
            return french
    if isinstance(error, failures.ConnectionError | ConnectionError | TimeoutError | OSError):
        return _redis_reason(error)
    text = str(error)
    return french_reason(
        _RESPONSE_REASONS,
        text,
        "erreur Redis inattendue (le détail, en anglais : BAROMETRE_LOG_LEVEL=INFO)",
    )


# What Redis answers to a command it refuses, by the first word of its answer, in French.
_RESPONSE_REASONS: Reasons = (
    (
        re.compile(r"WRONGTYPE"),
        "une clé de la file a un autre type (BAROMETRE_QUEUE_NAMESPACE partagé avec une autre "
        "application ?)",
    ),
    (re.compile(r"MISCONF"), "Redis ne parvient plus à écrire ses sauvegardes sur disque"),
    (re.compile(r"DB index is out of range", re.I), "pas de base de ce numéro sur ce serveur"),
    (re.compile(r"unknown command", re.I), "commande inconnue de ce serveur (Redis trop ancien ?)"),
)


def _redis_reason(error: BaseException) -> str:
    """Why Redis could not be reached, in French (redis-py says it in English)."""
    import redis.exceptions as failures

    if isinstance(error, failures.BusyLoadingError | failures.MaxClientsReachedError):
        return redis_error_reason(error)  # reached, but refusing: said as such
    text = str(error).lower()
    if "refused" in text:
        return "connexion refusée : aucun serveur n'écoute à cette adresse"
    if "timeout" in text or "timed out" in text:
        return "délai dépassé"
    if "name or service not known" in text or "nodename" in text or "resolve" in text:
        return "nom d'hôte inconnu"
    if "closed by server" in text or "reset by peer" in text:
        return "connexion coupée par le serveur"
    if "no such file" in text:
        return "fichier de socket introuvable"
    return "connexion impossible"


def redis_lost_message(
    *,
    url: str,
    error: Exception | None,
    grace: float,
    abandoned: list[str],
    done: int,
    lease: float,
    campaign: str,
    launch: str = "",
) -> str:
    """What the operator reads when a worker stopped because Redis was lost (French): the sites
    it `abandoned` (not stored: their messages stay in Redis), the `done` ones, how to resume:
    `launch` is the run's launch command with its options (run_options.launch_command), which a
    Redis restarted without its data no longer holds."""
    shown = redis_url_shown(url)
    reason = _redis_reason(error) if error is not None else ""
    held = _held_sentence(abandoned, lease)
    if done == 1:
        held += "Le site qu'il a déjà audité reste enregistré. "
    elif done > 1:
        held += f"Les {counted(done, 'site', 'sites')} qu'il a déjà audités restent enregistrés. "
    return (
        f"Redis injoignable à l'adresse {shown} ({reason}) depuis plus de "
        f"{with_unit(number(grace, 0), 's')} : le robot s'arrête. {held}"
        "Quand Redis répond de nouveau, relancez « barometre worker --campaign "
        f"{shlex.quote(campaign)} » ; si Redis a redémarré sans ses données, relancez aussi "
        f"« {launch or _launch(campaign)} », qui remet en file les sites non audités avec "
        "les options du passage."
    )


def _held_sentence(abandoned: list[str], lease: float) -> str:
    """What becomes of the sites the worker `abandoned` (French)."""
    if abandoned:
        codes = ", ".join(abandoned[:10]) + ("…" if len(abandoned) > 10 else "")
        after = with_unit(grouped(round(lease)), "s")
        if len(abandoned) == 1:
            fate = (
                "n'est pas enregistré : Redis garde son message, non acquitté, et le premier "
                "robot en marche le reprend une fois Redis revenu (au plus tard "
                f"{after} après sa prise, --lease)"
            )
        else:
            fate = (
                "ne sont pas enregistrés : Redis garde leurs messages, non acquittés, et le "
                "premier robot en marche les reprend une fois Redis revenu (au plus tard "
                f"{after} après leur prise, --lease)"
            )
        held = (
            f"{counted(len(abandoned), 'site en cours', 'sites en cours')} ({codes}) {fate} "
            "; rien n'est perdu. "
        )
    else:
        held = "Aucun site n'était en cours. "
    return held


def is_redis_error(error: BaseException) -> bool:
    """Redis unreachable, as redis-py or Celery's broker (kombu) says it."""
    import redis
    from kombu.exceptions import OperationalError

    return isinstance(
        error,
        redis.exceptions.ConnectionError
        | redis.exceptions.TimeoutError
        | OperationalError
        | ConnectionError
        | TimeoutError,
    )


def _launch(campaign: str) -> str:
    return shlex.join(["barometre", "audit", "--campaign", campaign, "--distributed"])
