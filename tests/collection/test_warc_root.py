"""A WARC folder that cannot be made (a share not mounted, a path under a file, no right to
write) is said in French before any site is crawled, by `audit` and by `worker` alike: it came
as Python's FileNotFoundError with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.collection.services.audit import warc_archive
from barometre.core.errors import BarometreError
from tests.factories import CampaignFactory

pytestmark = pytest.mark.database


def test_a_warc_folder_that_cannot_be_made_is_said_in_french(db, settings, tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("pas un dossier")
    settings.WARC_ROOT = tmp_path / "fichier" / "warc"
    with pytest.raises(BarometreError) as error:
        warc_archive(CampaignFactory(name="2027"))
    said = str(error.value)
    assert said.startswith(
        f"Dossier des archives WARC «\u00a0{tmp_path / 'fichier' / 'warc'}\u00a0» "
        "(BAROMETRE_WARC_ROOT) inutilisable\u00a0: "
    )
    assert "montez le dossier partagé" in said and "rien n'a été exploré" in said


def test_a_warc_folder_is_made_when_it_can_be(db, settings, tmp_path: Path) -> None:
    settings.WARC_ROOT = tmp_path / "nouveau"
    archive = warc_archive(CampaignFactory(name="2027"))
    assert archive.directory == tmp_path / "nouveau" / "2027" and archive.directory.is_dir()
