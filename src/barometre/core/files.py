"""Files a command writes: what is wrong with the place, and why writing failed, in French."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from barometre.core.errors import BarometreError

_OS_REASONS = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EISDIR: "c'est un dossier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "un fichier est là où le chemin demande un dossier",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ELOOP: "trop de liens symboliques dans le chemin",
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in French."""
    return _OS_REASONS.get(error.errno or 0, f"erreur système {error.errno or error}")


def output_check(path: Path, *, what: str) -> None:
    """Refuse, before any work, an output that is a folder or whose folder does not exist."""
    if path.is_dir():
        raise BarometreError(f"Impossible d'écrire {what} « {path} » : c'est un dossier.")
    if not path.parent.is_dir():
        raise BarometreError(
            f"Impossible d'écrire {what} « {path} » : le dossier {path.parent} n'existe pas."
        )


def output_apart(out: Path, source: Path, *, option: str, what: str) -> None:
    """Refuse an output that is the input file itself (the same name, or a link to it): the
    output is opened first, and the input would be lost before it is read."""
    if out.exists() and source.exists() and out.samefile(source):
        raise BarometreError(
            f"{option} désigne {what} lui-même ({source}) : il serait écrasé, choisissez "
            "un autre fichier"
        )


REPORT_EXTENSIONS = ("html", "json", "csv", "xlsx", "pdf")  # what a report file may be


def output_format(out: Path, given: str | None, formats: tuple[str, ...], default: str) -> str:
    """The format to write to `out`: `given`, else the one its extension names (`rapport.json`),
    else `default`. An extension naming another report format than the one written is refused,
    so that `rapport.json` never holds an HTML page; a folder or another extension is left
    alone."""
    named = out.suffix.lower().removeprefix(".")
    fmt = given or (named if named in formats else default)
    if named in REPORT_EXTENSIONS and named != fmt and not out.is_dir():
        hint = f"donnez --format {named}, ou" if named in formats else "donnez"
        raise BarometreError(
            f"--out {out} annonce un fichier {named.upper()}, mais le format écrit est {fmt} : "
            f"{hint} un nom en .{fmt} (formats : {', '.join(formats)})."
        )
    return fmt


def is_stdout(path: object) -> bool:
    """`--out -`: the standard output, not a file named « - » (« ./- » names that file)."""
    return isinstance(path, Path | str) and str(path) == "-"


def is_stdin(path: object) -> bool:
    """`--input -`: the standard input, for the commands that read it (`stdin_options`)."""
    return is_stdout(path)


STDIN_SAID = "l'entrée standard"  # how a message names the input « - »


def stdout_refused(fmt: str, example: str) -> BarometreError:
    """A binary format asked on the standard output."""
    return BarometreError(
        f"--out - écrit sur la sortie standard, en texte seulement : le format {fmt} (binaire) "
        f"s'écrit dans un fichier, par exemple --out {example} ; rien n'a été écrit."
    )


@contextlib.contextmanager
def written_to(out: Path, stream: IO[str], name: str) -> Iterator[Path]:
    """The path a command writes its output to: `out` itself, or for `--out -` a temporary file
    named `name` (its extension tells the format), copied to `stream` (the standard output) once
    written whole: a failed write prints nothing, and the file's writer is the usual one."""
    if not is_stdout(out):
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="barometre-") as folder:
        target = Path(folder) / name
        yield target
        with target.open(encoding="utf-8", newline="") as handle:
            shutil.copyfileobj(handle, stream)
        stream.flush()


def output_write(path: Path, write: Callable[[Path], object], *, what: str) -> Path:
    """Write `what` to `path` with `write(target)`, in French when it fails, and never half.

    Missing folders are made. A regular file is written beside the output, then renamed, so a
    failed write (full disk, killed process) leaves an earlier file as it was and no half file;
    an existing link, device or pipe (`/dev/stdout`) is written through, never replaced. Any OS
    error becomes a BarometreError saying why ("plus de place sur le disque", "un élément du chemin
    n'est pas un dossier")."""
    if path.is_dir():
        raise BarometreError(f"Impossible d'écrire {what} « {path} » : c'est un dossier.")
    # a link (/dev/stdout, even to a regular file) or a device is written through, in place:
    # renaming onto it would replace the link itself
    special = path.is_symlink() or (path.exists() and not path.is_file())
    partial = path if special else path.with_name(f".{path.stem}.partiel{path.suffix}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        if not special:
            os.replace(partial, path)
    except OSError as error:
        raise BarometreError(
            f"Impossible d'écrire {what} « {path} » : {os_reason(error)}."
        ) from None
    finally:
        if not special:
            with contextlib.suppress(OSError):  # a path through a file has no partial either
                partial.unlink(missing_ok=True)
    return path


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks of 1 MB (an import records it to refuse a file
    imported twice)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()
