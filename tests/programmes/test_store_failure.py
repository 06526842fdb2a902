"""A programme the database refuses to store is reported in French, the driver's English (from
PostgreSQL or SQLite) left to the log; the other files of the import go on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.core.database_reason import database_write_failed
from barometre.programmes import storage
from barometre.programmes.manifest import ProgrammeMeta
from barometre.programmes.outcomes import IMPORTED, REFUSED
from barometre.programmes.services import programme_import_file
from tests.programmes.conftest import DIGITAL_PAGE, PLAIN_PAGE

Writer = Callable[..., Path]
META = ProgrammeMeta("69123", 2020, "Ensemble", "Jeanne Martin", 1, True)


@pytest.mark.django_db
def test_a_list_stored_meanwhile_by_another_import_is_refused_in_french(
    communes: object,
    write_file: Writer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Two imports of the same list at once: the second one's write breaks the unique list
    (the list was not there when it looked). The report read « enregistrement impossible :
    duplicate key value violates unique constraint "programme_unique_list"… »."""
    first = programme_import_file(path=write_file("a.txt", [DIGITAL_PAGE]), meta=META)
    assert first.status == IMPORTED
    monkeypatch.setattr(storage, "_find_list", lambda meta: None)  # the other import's race

    with caplog.at_level(logging.WARNING, logger="barometre.programmes.services"):
        second = programme_import_file(path=write_file("b.txt", [PLAIN_PAGE]), meta=META)

    assert second.status == REFUSED
    assert second.message == (
        "enregistrement impossible\u00a0: un enregistrement identique existe déjà (une autre "
        "importation en même temps\u00a0?)"
    )
    assert "programme_unique_list" in caplog.text or "UNIQUE" in caplog.text  # the log keeps it


@pytest.mark.parametrize(
    ("text", "french"),
    [
        (
            "value too long for type character varying(300)",
            "une valeur est trop longue pour la base",
        ),
        (
            "PostgreSQL text fields cannot contain NUL (0x00) bytes",
            "le texte contient un caractère nul (0x00), refusé par la base",
        ),
        ("deadlock detected\nDETAIL:  Process 12 waits", "conflit avec une autre écriture"),
        ("database is locked", "base SQLite verrouillée"),
        ("cannot execute INSERT in a read-only transaction", "la base est en lecture seule"),
        ('could not extend file "base/16384/2619": No space left on device', "disque plein"),
        ("permission denied for table programmes_programme", "droits insuffisants"),
        ("canceling statement due to statement timeout", "délai dépassé"),
        (
            "consuming input failed: server closed the connection unexpectedly",
            "connexion à la base de données perdue",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 1 failed: '
            "Connection refused",
            "base de données injoignable (serveur 127.0.0.1, port 1\u00a0: connexion refusée",
        ),
        ("some new wording of the driver", "erreur de la base de données (le détail"),
    ],
)
def test_the_driver_s_words_become_a_french_reason(text: str, french: str) -> None:
    reason = database_write_failed(text)
    assert reason.startswith(french), reason
    assert text.split(":")[0].split("\n")[0] not in reason
