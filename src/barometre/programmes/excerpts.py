"""`barometre programmes classify`: excerpts (JSON Lines) in, classifications (JSON Lines) out."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.files import STDIN_SAID, is_stdin, output_apart
from barometre.core.jsonerrors import TOO_DEEP, json_problem
from barometre.programmes.analysis import ThemeSet, classify_excerpts, excerpt_problems

# What json's messages mean, in French (the column is always given).


def _invalid(number: int, problems: list[str]) -> ValidationFailed:
    return ValidationFailed(
        "Fichier d'extraits invalide.", [f"ligne {number} : {problem}" for problem in problems]
    )


def _records(lines: Iterable[bytes]) -> Iterator[Any]:
    """The records of a JSON Lines file read in binary; errors name the file's line. Split at
    newlines only, so a U+2028 inside a JSON string cuts nothing."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            problem = f"octet illisible à la position {error.start + 1}"
            raise _invalid(number, [f"encodage invalide (UTF-8 attendu ; {problem})"]) from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise _invalid(number, [json_problem(error)]) from None
        except RecursionError:
            raise _invalid(number, [TOO_DEEP]) from None
        if problems := excerpt_problems(record):
            raise _invalid(number, problems)
        yield record


def _named(input: Path) -> str:
    return STDIN_SAID if is_stdin(input) else str(input)


def _check_input(input: Path) -> None:
    if input.is_dir():
        raise BarometreError(
            f"« {input} » est un dossier : donnez le fichier d'extraits (JSON Lines)"
        )
    if not input.is_file():
        raise BarometreError(f"fichier d'extraits introuvable : {input}")


def _check_paths(input: Path, output: Path) -> None:
    if not is_stdin(input):  # `--input -`: the standard input
        _check_input(input)
    if output.is_dir():
        raise BarometreError(f"« {output} » est un dossier : donnez un fichier de sortie")
    if not output.parent.is_dir():
        raise BarometreError(f"dossier de sortie introuvable : {output.parent}")
    if not is_stdin(input):
        output_apart(output, input, option="--output", what="le fichier d'extraits")


def excerpts_classify(*, input: Path, output: Path, themes: ThemeSet | None = None) -> int:
    """Classify every excerpt of `input` into `output`; return how many. The output file appears
    only when every line was classified (written aside, then renamed)."""
    _check_paths(input, output)
    partial = output.with_name(output.name + ".partial")
    count = 0
    try:
        source = contextlib.nullcontext(sys.stdin.buffer) if is_stdin(input) else input.open("rb")
    except OSError:
        raise BarometreError(f"fichier d'extraits illisible : {input} (droits d'accès ?)") from None
    try:
        with source as lines, partial.open("w", encoding="utf-8") as out:
            records = _records(lines)
            # the first record is read before the themes are compiled (seconds of spaCy and
            # patterns): an empty file, or a bad first line, is said at once
            first = next(records, None)
            if first is None:  # an empty output said « 0 extrait classé », as if all went well
                raise BarometreError(
                    f"fichier d'extraits sans aucun extrait : {_named(input)} (un objet JSON "
                    f'{{"id", "text"}} par ligne est attendu) ; aucun résultat écrit'
                )
            for result in classify_excerpts(itertools.chain([first], records), themes=themes):
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                count += 1
        os.replace(partial, output)
    except PermissionError:
        raise BarometreError(f"écriture refusée dans {output.parent} (droits d'accès ?)") from None
    finally:
        partial.unlink(missing_ok=True)
    return count
