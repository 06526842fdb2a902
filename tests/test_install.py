"""What a fresh install needs is declared, not left to another package's metadata."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _declared() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    names = (re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0] for dep in project["dependencies"])
    return {re.sub(r"[-_.]+", "-", name).lower() for name in names}


def test_lxml_html_clean_is_declared_for_trafilatura() -> None:
    # justext asks for `lxml[html_clean]`; pip 23 (python -m venv on Debian 12) warns
    # "lxml does not provide the extra 'html_clean'" and installs nothing, so
    # `import trafilatura` fails with "lxml.html.clean module is now a separate project".
    assert "lxml-html-clean" in _declared()
    assert importlib.import_module("lxml.html.clean").Cleaner is not None
    assert importlib.import_module("trafilatura").extract is not None
