"""Checking a whole WARC file before anything of it is stored (`audit --from-warc`)."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from barometre.collection.warc.read import (
    _WHOLE_FILE_GZIP,
    _WRONG_LENGTH,
    _length_problem,
    _Records,
)


def warc_check(path: Path) -> str | None:
    """Why `path` cannot be read as a WARC file to the end, in French; None when it can.

    Every record is read through (payloads streamed, not kept): a file that is no WARC, a
    record cut short (a copy stopped midway) or bytes after the last record are found before
    anything is stored, so that a bad archive is refused whole instead of read in part.
    """
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as handle:
        compressed = handle.read(2) == b"\x1f\x8b"
    if compressed:  # warcio reads a gzip member cut short as if whole: check the members
        try:
            with gzip.open(path, "rb") as members:
                while members.read(2**20):
                    pass
        except EOFError:
            return "archive compressée incomplète (fichier tronqué)"
        except (OSError, zlib.error):  # BadGzipFile is an OSError
            return "archive compressée illisible (données corrompues ou octets après la fin)"
    responses = records = 0
    iterator: _Records | None = None
    try:
        with open(path, "rb") as handle:
            iterator = _Records(handle)
            for record in iterator:
                if iterator.err_count:  # the previous record's length did not hold
                    return f"enregistrement n° {records} : {_WRONG_LENGTH}"
                records += 1
                problem = _length_problem(record)
                if problem is not None:
                    offset = iterator.get_record_offset()
                    return f"enregistrement n° {records} (octet {offset}) : {problem}"
                stream = record.raw_stream
                while stream.read(2**16):
                    pass
                if getattr(stream, "limit", 0):  # fewer bytes than its Content-Length
                    offset = iterator.get_record_offset()
                    return (
                        f"enregistrement n° {records} (octet {offset}) tronqué : archive incomplète"
                    )
                responses += record.rec_type == "response"
            if iterator.err_count:
                return f"enregistrement n° {records} : {_WRONG_LENGTH}"
    except ArchiveLoadFailed as error:
        if iterator is not None and iterator.err_count:  # the record ran into the next one
            return f"enregistrement n° {records} : {_WRONG_LENGTH}"
        if compressed and "non-chunked gzip" in str(error):
            return _WHOLE_FILE_GZIP
        if records == 0:
            return "ce n'est pas une archive WARC"
        return f"illisible après l'enregistrement n° {records} (données qui ne sont pas du WARC)"
    except Exception:  # zlib errors, and warcio's own on a record cut in its headers
        return f"illisible après l'enregistrement n° {records} (enregistrement abîmé)"
    if responses == 0:
        return "aucune réponse HTTP archivée"
    return None
