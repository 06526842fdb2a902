"""A command run on a database with no barometre tables says to run `barometre init`."""

from __future__ import annotations

import pytest
from django.db.utils import OperationalError, ProgrammingError

from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError


class _Raises(BarometreCommand):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def handle(self, *args: object, **options: object) -> None:
        raise self.error


def _options(*, traceback: bool) -> dict[str, object]:
    return {
        "verbosity": 1,
        "traceback": traceback,
        "skip_checks": True,
        "force_color": False,
        "no_color": True,
    }


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("no such table: programmes_programme"),
        ProgrammingError('relation "referential_campaign" does not exist'),
    ],
)
def test_missing_tables_say_to_run_init(error: Exception) -> None:
    with pytest.raises(BarometreError, match="lancez « barometre init »"):
        _Raises(error).execute(**_options(traceback=False))


def test_other_database_errors_and_traceback_stay_as_they_are() -> None:
    locked = OperationalError("database is locked")
    with pytest.raises(OperationalError, match="locked"):
        _Raises(locked).execute(**_options(traceback=False))
    missing = OperationalError("no such table: x")
    with pytest.raises(OperationalError):
        _Raises(missing).execute(**_options(traceback=True))
