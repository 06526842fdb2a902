"""Django's `{# … #}` comment holds on one line: one running over two is printed as text."""

from __future__ import annotations

import re
from pathlib import Path

import barometre

PACKAGE = Path(barometre.__file__).parent


def test_no_template_comment_runs_over_two_lines() -> None:
    unclosed = []
    for path in sorted(PACKAGE.rglob("templates/**/*")):
        if not path.is_file() or path.suffix not in {".html", ".txt", ".xml", ".svg"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # every `{#` of the line must close on that line (`{% comment %}` spans lines)
            if re.search(r"\{#(?:(?!#\}).)*$", line):
                unclosed.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert unclosed == []
