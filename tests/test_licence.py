"""One licence: every file that names the project's licence names the one in pyproject."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LICENCE_LINE = re.compile(r"^\s*licen[cs]e\s*:\s*(.+)$", re.I | re.M)


def _project_licence() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["license"])


def test_licence_file_and_pyproject_agree() -> None:
    assert _project_licence() == "MIT"
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")


def test_every_licence_line_of_our_own_files_names_the_project_licence() -> None:
    other = []
    for path in [*ROOT.glob("src/**/*.yaml"), *ROOT.glob("tests/**/README.md")]:
        for value in LICENCE_LINE.findall(path.read_text("utf-8")):
            ours = "barometre" in path.read_text("utf-8") or "project" in value
            if ours and _project_licence() not in value:
                other.append(f"{path.relative_to(ROOT)}: {value.strip()}")
    assert not other, other
