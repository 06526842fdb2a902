"""A manifest reads only regular files inside its own folder, unless told otherwise."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from barometre.programmes.models import Programme
from barometre.programmes.outcomes import IMPORTED, REFUSED
from barometre.programmes.services import programmes_import_folder

pytestmark = pytest.mark.django_db

Writer = Callable[..., Path]


def _manifest(folder: Path, files: list[str]) -> Path:
    rows = [f"{file},69123,2020,Liste {n}" for n, file in enumerate(files)]
    path = folder / "manifeste.csv"
    path.write_text("file,insee,election,list_name\n" + "\n".join(rows) + "\n")
    return path


@pytest.fixture
def folders(tmp_path: Path, write_file: Writer) -> tuple[Path, Path]:
    """A programme folder and, beside it, a secret file that must never be read."""
    inside = tmp_path / "programmes"
    inside.mkdir()
    secret = write_file("secret.txt")  # a readable programme: only the path guard can stop it
    (inside / "lien.txt").symlink_to(secret)
    os.mkfifo(inside / "tube.txt")
    return inside, secret


def test_paths_out_of_the_folder_and_special_files_are_refused(
    communes: object, folders: tuple[Path, Path]
) -> None:
    inside, secret = folders
    files = ["../secret.txt", str(secret), "lien.txt", "/dev/zero", "tube.txt"]
    report = programmes_import_folder(manifest=_manifest(inside, files))

    outcomes = {o.source: o for o in report.outcomes}
    assert all(o.status == REFUSED for o in report.outcomes)
    assert "sort du dossier" in outcomes["../secret.txt"].message
    assert "chemin absolu" in outcomes[str(secret)].message
    assert "sort du dossier" in outcomes["lien.txt"].message
    assert "chemin absolu" in outcomes["/dev/zero"].message
    assert "n'est pas un fichier ordinaire" in outcomes["tube.txt"].message
    assert "--allow-outside-folder" in outcomes["lien.txt"].message
    assert "--allow-outside-folder" in outcomes[str(secret)].message
    assert "--allow-outside-folder" not in outcomes["tube.txt"].message
    assert not Programme.objects.exists()


def test_outside_the_folder_when_allowed_still_only_regular_files(
    communes: object, folders: tuple[Path, Path]
) -> None:
    inside, secret = folders
    manifest = _manifest(inside, ["../secret.txt", "/dev/zero"])
    report = programmes_import_folder(manifest=manifest, allow_outside=True)

    statuses = {o.source: (o.status, o.message) for o in report.outcomes}
    assert statuses["../secret.txt"][0] == IMPORTED
    assert statuses["/dev/zero"][0] == REFUSED
    assert "n'est pas un fichier ordinaire" in statuses["/dev/zero"][1]


def test_a_symlink_loop_is_refused_in_french(communes: object, tmp_path: Path) -> None:
    """A manifest row naming a link that points to itself through another read « chemin
    illisible (Symlink loop from '/…/a.txt') »: Python's English in the import report."""
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    report = programmes_import_folder(manifest=_manifest(tmp_path, ["a.txt"]))

    (outcome,) = report.outcomes
    assert outcome.status == REFUSED
    assert outcome.message.startswith("«\u00a0a.txt\u00a0»\u00a0: chemin illisible (")
    assert "Symlink" not in outcome.message and "loop" not in outcome.message, outcome.message
    # the option that lets a path leave the folder would not make a loop readable: no hint
    assert "--allow-outside-folder" not in outcome.message, outcome.message
