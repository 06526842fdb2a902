"""What ingestion returns, the caps it enforces and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass

from barometre.core.errors import BarometreError
from barometre.core.typography import with_unit

FORMATS = ("pdf", "html", "docx", "text")


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps that keep one bad file from eating the machine (see docs/programmes.md).

    A file over a cap is refused with a message naming the cap; nothing is truncated silently.
    """

    max_bytes: int = 100 * 2**20  # size of the file on disk
    max_pages: int = 300  # a PDF longer than this is refused (a programme has 4 to 60 pages)
    max_chars: int = 5_000_000  # extracted text, any format (about 800,000 words)
    zip_max_total: int = 200 * 2**20  # DOCX: sum of the uncompressed sizes of its parts
    zip_max_ratio: int = 100  # DOCX: uncompressed / compressed size of one part...
    zip_ratio_floor: int = 2**20  # ...checked for parts that inflate beyond this size
    zip_max_entries: int = 5000  # DOCX: number of parts
    docx_max_xml: int = 40 * 2**20  # DOCX: uncompressed XML (the text and its markup)
    max_markup_bytes: int = 16 * 2**20  # HTML or plain text file (a programme page is < 1 MB)
    max_seconds: float = 120.0  # reading one file (--max-seconds); a programme takes < 5 s


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of one programme file and what ingestion could tell about it."""

    format: str  # one of FORMATS
    text: str  # cleaned text; empty when status is "no_text"
    page_count: int | None  # PDF pages; None for formats without pages
    status: str  # "ok", "no_text" or "foreign" (not French: kept, not read)
    problem: str  # French, empty when status is "ok"
    file_sha256: str  # of the bytes as read
    text_sha256: str  # of the normalised text (see normalize.text_fingerprint); "" if no text
    ocr: bool = False  # the text came from OCR


def megabytes(size: int) -> str:
    """A size in MB for a message, one decimal rounded up, French comma: 17.5 MB over a 16 MB
    cap is « 17,5 Mo », and a size just over a cap never prints as the cap. Pure (no Django):
    helper processes read files without settings."""
    tenths = -(-size * 10 // 2**20)  # ceiling
    whole, tenth = divmod(tenths, 10)
    return with_unit(whole if tenth == 0 else f"{whole},{tenth}", "Mo")


class IngestionError(BarometreError):
    """A file that cannot be read as a programme; `code` is stable, the message is French."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
