"""`barometre classify`: offline detection on pages given as JSON lines."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import IO, Any

from barometre.core.command import BarometreCommand
from barometre.core.errors import BarometreError, ValidationFailed
from barometre.core.files import STDIN_SAID, is_stdin, os_reason, output_apart, output_check
from barometre.core.plural import counted
from barometre.core.surrogates import SURROGATE, SURROGATE_PROBLEM
from barometre.detection import load_platforms
from barometre.detection.batch import classify_lines
from barometre.detection.platforms import PlatformRegistry
from barometre.referential.catalogue import CatalogueSpec, catalogue_read, default_catalogue


class Command(BarometreCommand):
    stdin_options = frozenset({"input"})
    help = "Détecte hors ligne les services d'un fichier de pages JSONL et leur niveau."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--input",
            type=Path,
            required=True,
            metavar="FICHIER",
            help='Pages, un objet JSON par ligne : {"id", "url", "html"} ou {"id", "url", "text"}'
            " ; « - » : l'entrée standard",
        )
        parser.add_argument(
            "--output",
            type=Path,
            required=True,
            metavar="FICHIER",
            help="Résultats, un objet JSON par page valide (services, niveaux, preuves)",
        )
        parser.add_argument(
            "--catalogue",
            type=Path,
            metavar="FICHIER",
            help="Catalogue de services (YAML) ; par défaut celui de barometre",
        )
        parser.add_argument(
            "--platforms",
            type=Path,
            metavar="FICHIER",
            help="Plateformes à ajouter aux plateformes connues (YAML)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="N'écrire aucun résultat si une ligne est invalide (par défaut, les lignes "
            "valides sont écrites et les autres signalées avec leur numéro)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = (
            catalogue_read(options["catalogue"]) if options["catalogue"] else default_catalogue()
        )
        platforms = load_platforms(options["platforms"])
        output: Path = options["output"]
        try:  # before any work: a folder, a missing folder, or the pages themselves
            output_check(output, what="les résultats")
            if not is_stdin(options["input"]):
                output_apart(
                    output, options["input"], option="--output", what="le fichier de pages"
                )
        except BarometreError as error:
            raise BarometreError(f"{str(error).rstrip('.')} ; rien n'a été écrit.") from None
        # written beside the output, then renamed: a failed or refused run leaves no half file
        partial = output.with_name(f".{output.name}.partial")
        problems: list[str] = []
        try:
            with _opened(options["input"]) as source, partial.open("w", encoding="utf-8") as out:
                written, found = _write_outcomes(source, out, catalogue, platforms, problems)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BarometreError(
                f"Fichier illisible ou impossible à écrire : {error.filename or options['input']}"
                f" ({os_reason(error)})"
            ) from error
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        self._finish(options, partial, problems, written=written, found=found)

    def _finish(
        self,
        options: dict[str, Any],
        partial: Path,
        problems: list[str],
        *,
        written: int,
        found: int,
    ) -> None:
        """Refuse an input with no page, or a strict run with bad lines; else keep the results."""
        output: Path = options["output"]
        refused = counted(len(problems), "ligne refusée", "lignes refusées")
        if not written:  # the wrong file, or an export cut short: an earlier output is kept
            partial.unlink(missing_ok=True)
            if problems:
                raise ValidationFailed(
                    f"Aucune page valide dans {_named(options['input'])} : {refused} ; aucun "
                    "résultat écrit.",
                    _shown(problems),
                )
            raise BarometreError(
                f"Fichier d'entrée sans aucune page : {_named(options['input'])} (une page "
                "JSON par ligne est attendue) ; aucun résultat écrit."
            )
        if problems and options["strict"]:
            partial.unlink(missing_ok=True)
            raise ValidationFailed("Aucun résultat écrit : lignes invalides.", _shown(problems))
        partial.replace(output)
        self.stdout.write(
            f"{counted(written, 'page analysée', 'pages analysées')} ({found} sur au moins un "
            f"service), {refused} ; résultats dans {output}."
        )
        if problems:
            raise ValidationFailed(f"{refused} (les autres sont écrites).", _shown(problems))


def _named(path: Path) -> str:
    """The input as a message names it."""
    return STDIN_SAID if is_stdin(path) else str(path)


def _opened(path: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """The pages to read: the file, or the standard input for `--input -` (left open)."""
    if is_stdin(path):
        return contextlib.nullcontext(sys.stdin.buffer)
    return path.open("rb")


def _write_outcomes(
    source: IO[bytes],
    out: IO[str],
    catalogue: CatalogueSpec,
    platforms: PlatformRegistry,
    problems: list[str],
) -> tuple[int, int]:
    """Write each page's result as a JSON line, note each line refused in `problems`;
    return how many pages were written and how many of them matched a service."""
    written = found = 0
    # binary lines, split at b"\n" only; each is decoded on its own (classify_lines)
    lines = (line.rstrip(b"\r\n") for line in source)
    for outcome in classify_lines(lines, catalogue=catalogue, platforms=platforms):
        if outcome.record is None:
            problems.append(outcome.problem)
            continue
        line = json.dumps(outcome.record, ensure_ascii=False)
        if lone := SURROGATE.search(line):  # a "\ud800" of the input, kept
            problems.append(
                f"ligne {outcome.line} : caractère U+{ord(lone.group()):04X} "
                f"invalide ({SURROGATE_PROBLEM})"
            )
            continue
        out.write(line + "\n")
        written += 1
        found += bool(outcome.record["services"])
    return written, found


SHOWN_PROBLEMS = 50  # lines refused listed one by one; the rest are counted


def _shown(problems: list[str]) -> list[str]:
    """The first refused lines, then how many more: a binary file or the wrong export would
    otherwise print one line of error per line of input."""
    more = len(problems) - SHOWN_PROBLEMS
    if more <= 0:
        return problems
    return [
        *problems[:SHOWN_PROBLEMS],
        f"… et {counted(more, 'autre ligne refusée', 'autres lignes refusées')}",
    ]
