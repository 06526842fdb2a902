"""The tests never read or write the user's own data folder."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache


def test_the_tests_write_a_private_data_folder() -> None:
    home = Path(os.environ["BAROMETRE_HOME"]).resolve()
    assert home != (Path.home() / ".local" / "share" / "barometre").resolve()
    assert Path(settings.HOME) == home
    assert Path(settings.WARC_ROOT).is_relative_to(home)
    assert Path(cache._dir).is_relative_to(home)  # type: ignore[attr-defined]
