"""An unreachable or misspelt Redis (the distributed audit, `barometre worker`) is a French error
that names the address and what to do, never redis-py's English message; nothing is created."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.management import call_command

from barometre.core.errors import BarometreError
from barometre.referential.models import Campaign
from tests.factories import CampaignFactory, CommuneFactory

pytestmark = pytest.mark.django_db

CLOSED = "redis://127.0.0.1:1/0"  # loopback port 1: nothing listens there


@pytest.mark.parametrize(
    "command",
    [
        ["worker", "--campaign", "existante"],
        ["audit", "status", "--campaign", "existante"],
        ["audit", "--campaign", "existante", "--distributed"],
    ],
)
def test_an_unreachable_redis_is_a_french_error_naming_the_address(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    CampaignFactory(name="existante", communes=[CommuneFactory(code="99101")])
    monkeypatch.setenv("REDIS_URL", CLOSED)
    with pytest.raises(BarometreError) as error:
        call_command(*command, stdout=StringIO(), stderr=StringIO())
    message = str(error.value)
    assert message.startswith(
        f"Redis injoignable à l'adresse {CLOSED} (connexion refusée : aucun serveur n'écoute à "
        "cette adresse) : démarrez le serveur Redis"
    ), message
    assert "REDIS_URL" in message
    assert "Error" not in message and "refused" not in message


def test_a_distributed_audit_with_redis_unreachable_creates_no_campaign(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    CommuneFactory(code="99101")
    monkeypatch.setenv("REDIS_URL", CLOSED)
    with pytest.raises(BarometreError, match="Redis injoignable"):
        call_command(
            "audit",
            "--campaign",
            "neuve",
            "--communes",
            "99101",
            "--distributed",
            stdout=StringIO(),
        )
    assert not Campaign.objects.filter(name="neuve").exists()


def _worker_refused(monkeypatch: pytest.MonkeyPatch, url: str) -> str:
    """What `barometre worker` says when REDIS_URL is `url`, which it refuses."""
    CampaignFactory(name="existante")
    monkeypatch.setenv("REDIS_URL", url)
    with pytest.raises(BarometreError) as error:
        call_command("worker", "--campaign", "existante", stdout=StringIO())
    return str(error.value)


def test_a_redis_url_of_another_scheme_is_named_with_the_ones_expected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _worker_refused(monkeypatch, "http://127.0.0.1:1/").startswith(
        "Adresse Redis « http://127.0.0.1:1/ » illisible : elle doit commencer par redis://, "
        "rediss:// ou unix://"
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("redis://127.0.0.1:abc/0", "le port « abc » n'est pas un nombre"),
        ("redis://127.0.0.1:99999/0", "le port doit être un nombre de 1 à 65 535"),
        ("redis://[::1/0", "crochet de l'adresse IPv6 non refermé"),
        (
            "redis://127.0.0.1:6379/0?socket_timeout=abc",
            "valeur du paramètre « socket_timeout » illisible",
        ),
    ],
)
def test_a_redis_url_with_a_bad_port_names_what_is_wrong(
    monkeypatch: pytest.MonkeyPatch, url: str, problem: str
) -> None:
    """« redis://127.0.0.1:abc/0 » was said to have to start with redis://, which it does."""
    message = _worker_refused(monkeypatch, url)
    assert message.startswith(f"Adresse Redis « {url} » illisible : {problem} ")
    assert "doit commencer" not in message and "REDIS_URL" in message


def test_a_password_in_an_unsplittable_redis_url_is_not_printed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    message = _worker_refused(monkeypatch, "redis://:s3cret@[::1/0")
    assert "s3cret" not in message and "redis://:***@[::1/0" in message


def test_a_password_in_the_redis_url_is_not_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    CampaignFactory(name="existante")
    monkeypatch.setenv("REDIS_URL", "redis://:s3cret@127.0.0.1:1/0")
    with pytest.raises(BarometreError) as error:
        call_command("worker", "--campaign", "existante", stdout=StringIO())
    assert "s3cret" not in str(error.value)
    assert "redis://:***@127.0.0.1:1/0" in str(error.value)


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, 10.0), ("", 10.0), ("30", 30.0), ("2,5", 2.5), ("0", 1.0)]
)
def test_the_redis_grace_reads_seconds_at_least_one(monkeypatch, value, seconds) -> None:
    from barometre.collection.services.redis_link import redis_grace_seconds

    if value is None:
        monkeypatch.delenv("BAROMETRE_REDIS_GRACE", raising=False)
    else:
        monkeypatch.setenv("BAROMETRE_REDIS_GRACE", value)
    assert redis_grace_seconds() == seconds


@pytest.mark.parametrize("value", ["dix", "10s", "nan", "inf"])
def test_a_redis_grace_that_is_no_number_is_refused_in_french(monkeypatch, value) -> None:
    """It was silently replaced by 10 s: an operator who set 30 s for a slow failover, but wrote
    « 30s », saw workers stop after 10 s."""
    from barometre.collection.services.redis_link import redis_grace_seconds

    monkeypatch.setenv("BAROMETRE_REDIS_GRACE", value)
    with pytest.raises(
        BarometreError, match=f"BAROMETRE_REDIS_GRACE=«\u00a0{value}\u00a0» illisible"
    ):
        redis_grace_seconds()


def test_a_database_number_the_server_lacks_is_said_in_french(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Redis answered « DB index is out of range », which the message quoted in English."""
    CampaignFactory(name="existante", communes=[CommuneFactory(code="99101")])
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/99")
    with pytest.raises(BarometreError) as error:
        call_command("audit", "status", "--campaign", "existante", stdout=StringIO())
    message = str(error.value)
    assert message.startswith("Redis (redis://127.0.0.1:6379/99) n'a pas de base de ce numéro")
    assert "out of range" not in message and "REDIS_URL" in message


def _redis_errors() -> list[tuple[Exception, str]]:
    import redis.exceptions as failures

    return [
        (failures.AuthenticationError("invalid username-password pair"), "identification refusée"),
        (
            failures.ReadOnlyError("You can't write against a read only replica."),
            "Redis en lecture seule",
        ),
        (
            failures.OutOfMemoryError("command not allowed when used memory > 'maxmemory'."),
            "mémoire de Redis pleine",
        ),
        (
            failures.NoPermissionError("this user has no permissions to run the 'xadd' command"),
            "commande interdite",
        ),
        (
            failures.BusyLoadingError("Redis is loading the dataset in memory"),
            "Redis charge encore",
        ),
        (failures.MaxClientsReachedError("max number of clients reached"), "trop de clients"),
        (failures.TimeoutError("Timeout reading from socket"), "délai dépassé"),
        (
            failures.ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused."),
            "connexion refusée",
        ),
        (
            failures.ResponseError(
                "WRONGTYPE Operation against a key holding the wrong kind of value"
            ),
            "une clé de la file a un autre type",
        ),
        (
            failures.ResponseError("MISCONF Redis is configured to save RDB snapshots"),
            "Redis ne parvient plus",
        ),
        (failures.ResponseError("some new refusal"), "erreur Redis inattendue"),
    ]


@pytest.mark.parametrize(("error", "french"), _redis_errors())
def test_what_redis_refuses_later_is_said_in_french(error: Exception, french: str, caplog) -> None:
    """Said in English before (the launch's check, the lock's « file Redis ne répond pas »)."""
    import logging

    from barometre.collection.services.redis_link import redis_error_reason

    with caplog.at_level(logging.INFO, logger="barometre.collection.services.redis_link"):
        reason = redis_error_reason(error)
    assert reason.startswith(french), reason
    assert str(error) not in reason and str(error) in caplog.text  # the English: in the log


def test_a_command_redis_refuses_at_the_first_check_is_said_in_french(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """« Redis (…) a refusé la connexion (this user has no permissions to run the 'ping'
    command) »: redis-py's English, for a Redis user whose rights (ACL) lack PING."""
    import redis.exceptions as failures

    from barometre.collection.board import CampaignBoard
    from barometre.collection.services.redis_link import board_for

    class Client:
        def ping(self) -> None:
            raise failures.NoPermissionError(
                "this user has no permissions to run the 'ping' command"
            )

    class Board:
        redis = Client()

    monkeypatch.setattr(CampaignBoard, "from_url", classmethod(lambda cls, *args: Board()))
    with pytest.raises(BarometreError) as error:
        board_for("existante", url="redis://127.0.0.1:6379/0")
    message = str(error.value)
    assert "(commande interdite à cet utilisateur Redis (ACL))\u00a0: vérifiez REDIS_URL" in message
    assert "permissions" not in message


def _refusing_redis(answer: bytes, *, at_once: bool) -> Iterator[str]:
    """A server on loopback that answers each command with the error `answer` (a Redis still
    loading its data), or sends it as soon as a client connects then hangs up (a Redis at its
    `maxclients`, as Redis does): its redis:// URL."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_one(client: socket.socket) -> None:
        with client, contextlib.suppress(OSError):
            if at_once:
                client.sendall(answer)
                return
            while data := client.recv(65536):
                client.sendall(answer * max(data.count(b"*"), 1))  # one per command

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                threading.Thread(target=answer_one, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    finally:
        listener.close()


@pytest.mark.parametrize(
    ("answer", "at_once", "said"),
    [
        (
            b"-LOADING Redis is loading the dataset in memory\r\n",
            False,
            "(Redis charge encore ses données\u00a0: réessayez dans un instant). "
            "Rien n'a été fait.",
        ),
        (
            b"-ERR max number of clients reached\r\n",
            True,
            "(trop de clients connectés à Redis (maxclients))\u00a0: relancez quand des clients "
            "se seront déconnectés, ou augmentez «\u00a0maxclients\u00a0» dans la "
            "configuration de Redis. Rien n'a été fait.",
        ),
    ],
)
def test_a_redis_loading_or_full_at_the_first_check_is_said_so_not_unreachable(
    monkeypatch: pytest.MonkeyPatch, answer: bytes, at_once: bool, said: str
) -> None:
    """redis-py raises both as a lost connection: the worker said « Redis injoignable …
    (connexion impossible) : démarrez le serveur Redis », of a server that was running."""
    from barometre.collection.services.redis_link import redis_lost_message

    with contextmanager(_refusing_redis)(answer, at_once=at_once) as url:
        message = _worker_refused(monkeypatch, url)
    assert message == f"Redis ({url}) répond mais refuse la connexion {said}", message
    # a worker that loses Redis to a restart says why too, not « connexion impossible »
    import redis.exceptions as failures

    lost = redis_lost_message(
        url=url,
        error=failures.BusyLoadingError("Redis is loading the dataset in memory"),
        grace=10,
        abandoned=[],
        done=0,
        lease=60,
        campaign="c",
    )
    assert f"à l'adresse {url} (Redis charge encore ses données\u00a0: réessayez" in lost


def test_a_worker_that_lost_redis_groups_the_lease_and_quotes_the_campaign() -> None:
    """« au plus tard 1800 s » (the default lease) was not grouped as French numbers are, and
    the commands to run again did not quote a campaign name with a space."""
    from barometre.collection.services.redis_link import redis_lost_message

    lost = redis_lost_message(
        url="redis://127.0.0.1:8429/7",
        error=None,
        grace=10,
        abandoned=["01000"],
        done=0,
        lease=1800.0,
        campaign="essai 2027",
    )
    assert "(au plus tard 1\u00a0800\u00a0s après sa prise, --lease)" in lost, lost
    assert "relancez «\u00a0barometre worker --campaign 'essai 2027'\u00a0»" in lost, lost
    assert "aussi «\u00a0barometre audit --campaign 'essai 2027' --distributed\u00a0»" in lost
