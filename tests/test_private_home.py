"""The tests never read or write the user's own data folder."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches


def test_the_tests_write_a_private_data_folder() -> None:
    home = Path(os.environ["BAROMETRE_HOME"]).resolve()
    assert home != (Path.home() / ".local" / "share" / "barometre").resolve()
    assert Path(settings.HOME) == home
    assert Path(settings.WARC_ROOT).is_relative_to(home)
    assert Path(cache._dir).is_relative_to(home)  # type: ignore[attr-defined]
    assert Path(caches["logins"]._dir).is_relative_to(home)  # type: ignore[attr-defined]
    assert Path(caches["scores"]._dir).is_relative_to(home)  # type: ignore[attr-defined]


def test_a_data_folder_that_cannot_be_made_is_a_french_error(tmp_path: Path) -> None:
    """`--home` naming a file (or a path under one) stops with the reason, exit 2: it gave a
    Python traceback ending in FileExistsError."""
    import subprocess
    import sys

    a_file = tmp_path / "grille.csv"
    a_file.write_text("commune_code\n", encoding="utf-8")
    for home in (a_file, a_file / "donnees"):
        result = subprocess.run(
            [sys.executable, "-m", "barometre", "--home", str(home), "campaign", "list"],
            capture_output=True,
            text=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "barometre.settings"},
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"Erreur : Dossier de données « {home} »")
        assert "inutilisable" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "commune_code\n"
