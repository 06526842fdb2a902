"""`barometre programmes classify`: excerpts (JSON Lines) in, classifications (JSON Lines) out."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.programmes.analysis import ThemeSet, classify_excerpts


def _records(path: Path) -> Iterator[Any]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise ValidationFailed(
                    "Fichier d'extraits invalide.",
                    [f"ligne {number} : JSON illisible ({error.msg})"],
                ) from None


def excerpts_classify(*, input: Path, output: Path, themes: ThemeSet | None = None) -> int:
    """Classify every excerpt of `input` into `output`; return how many. The output file appears
    only when every line was classified (written aside, then renamed)."""
    if not input.is_file():
        raise BarometreError(f"fichier d'extraits introuvable : {input}")
    partial = output.with_name(output.name + ".partial")
    count = 0
    try:
        with partial.open("w", encoding="utf-8") as out:
            for result in classify_excerpts(_records(input), themes=themes):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                count += 1
        os.replace(partial, output)
    except UnicodeDecodeError:
        raise BarometreError(f"{input} doit être en UTF-8") from None
    finally:
        partial.unlink(missing_ok=True)
    return count
