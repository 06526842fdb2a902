"""Checking a whole WARC file before anything of it is stored (`audit --from-warc`)."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from pathlib import Path

from barometre.collection.warc.read import (
    _WHOLE_FILE_GZIP,
    _WRONG_LENGTH,
    _length_problem,
    _Records,
)


@dataclass
class _Walk:
    """How far the records were read: for the message of a failure that interrupts the walk."""

    records: int = 0
    responses: int = 0
    iterator: _Records | None = None


def warc_check(path: Path) -> str | None:
    """Why `path` cannot be read as a WARC file to the end, in French; None when it can.

    Every record is read through (payloads streamed, not kept): a file that is no WARC, a
    record cut short (a copy stopped midway) or bytes after the last record are found before
    anything is stored, so that a bad archive is refused whole instead of read in part.
    """
    with open(path, "rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
    # warcio reads a gzip member cut short as if whole: the members are checked first
    return (compressed and _gzip_problem(path)) or _records_problem(path, compressed)


def _gzip_problem(path: Path) -> str | None:
    try:
        with gzip.open(path, "rb") as members:
            while members.read(2**20):
                pass
    except EOFError:
        return "archive compressée incomplète (fichier tronqué)"
    except (OSError, zlib.error):  # BadGzipFile is an OSError
        return "archive compressée illisible (données corrompues ou octets après la fin)"
    return None


def _records_problem(path: Path, compressed: bool) -> str | None:
    from warcio.exceptions import ArchiveLoadFailed

    walk = _Walk()
    try:
        problem = _walk(path, walk)
    except ArchiveLoadFailed as error:
        return _load_failure(str(error), walk, compressed)
    except Exception:  # zlib errors, and warcio's own on a record cut in its headers
        return f"illisible après l'enregistrement n° {walk.records} (enregistrement abîmé)"
    if problem is None and walk.responses == 0:
        return "aucune réponse HTTP archivée"
    return problem


def _walk(path: Path, walk: _Walk) -> str | None:
    with open(path, "rb") as handle:
        walk.iterator = iterator = _Records(handle)
        for record in iterator:
            if iterator.err_count:  # the previous record's length did not hold
                return f"enregistrement n° {walk.records} : {_WRONG_LENGTH}"
            walk.records += 1
            problem = _length_problem(record)
            if problem is not None:
                offset = iterator.get_record_offset()
                return f"enregistrement n° {walk.records} (octet {offset}) : {problem}"
            stream = record.raw_stream
            while stream.read(2**16):
                pass
            if getattr(stream, "limit", 0):  # fewer bytes than its Content-Length
                offset = iterator.get_record_offset()
                return (
                    f"enregistrement n° {walk.records} (octet {offset}) tronqué : "
                    "archive incomplète"
                )
            walk.responses += record.rec_type == "response"
        if iterator.err_count:
            return f"enregistrement n° {walk.records} : {_WRONG_LENGTH}"
    return None


def _load_failure(error: str, walk: _Walk, compressed: bool) -> str:
    if walk.iterator is not None and walk.iterator.err_count:  # ran into the next record
        return f"enregistrement n° {walk.records} : {_WRONG_LENGTH}"
    if compressed and "non-chunked gzip" in error:
        return _WHOLE_FILE_GZIP
    if walk.records == 0:
        return "ce n'est pas une archive WARC"
    return f"illisible après l'enregistrement n° {walk.records} (données qui ne sont pas du WARC)"
