"""Ingestion: a programme file (PDF, HTML, DOCX, text) in, its cleaned text out.

Pure apart from reading the file: no ORM. Every refusal is an `IngestionError` with a stable
`code` and a French message; a PDF without a text layer is not an error but an `Extracted`
with status "no_text", so that the programme is known even before it can be read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from barometre.core.files import os_reason
from barometre.core.typography import grouped, with_unit
from barometre.programmes.ingestion.base import (
    DEFAULT_LIMITS,
    FORMATS,
    Extracted,
    IngestionError,
    Limits,
    megabytes,
)
from barometre.programmes.ingestion.detect import sniff_format
from barometre.programmes.ingestion.html import extract_html
from barometre.programmes.ingestion.language import french_share, is_french
from barometre.programmes.ingestion.normalize import clean_text, text_fingerprint
from barometre.programmes.ingestion.pdf import extract_pdf
from barometre.programmes.ingestion.text import decode_text
from barometre.programmes.ingestion.word import extract_docx

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "Extracted",
    "IngestionError",
    "Limits",
    "clean_text",
    "extract_document",
    "open_regular",
    "read_document",
    "text_fingerprint",
]


MIN_WORDS = 20  # fewer words than this is a menu, a cover page or an empty shell
# A format as a message names it: « fichier texte », not « fichier TEXT ».
FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "docx": "DOCX", "text": "texte"}


def _extract_text(kind: str, data: bytes, limits: Limits) -> str:
    if kind == "html":
        return extract_html(data)
    if kind == "docx":
        return extract_docx(data, limits=limits)
    return decode_text(data)[0]


def extract_document(
    data: bytes, *, filename: str, limits: Limits = DEFAULT_LIMITS, ocr: bool = True
) -> Extracted:
    """Extract the text of one programme file given as bytes."""
    if not data.strip():
        raise IngestionError("empty", "fichier vide")
    if len(data) > limits.max_bytes:
        raise IngestionError("too_large", f"fichier de plus de {megabytes(limits.max_bytes)}")
    file_sha256 = hashlib.sha256(data).hexdigest()
    kind = sniff_format(data, filename)
    if kind == "pdf":
        pdf = extract_pdf(data, limits=limits, ocr=ocr)
        if not pdf.has_text:
            return Extracted("pdf", "", pdf.page_count, "no_text", pdf.problem, file_sha256, "")
        raw, pages, from_ocr = pdf.text, pdf.page_count, pdf.ocr
    else:
        if kind in {"html", "text"} and len(data) > limits.max_markup_bytes:
            raise IngestionError(
                "too_large",
                f"fichier {FORMAT_NAMES[kind]} de {megabytes(len(data))}, au-delà du plafond de "
                f"{megabytes(limits.max_markup_bytes)} (un programme tient en moins d'1\u00a0Mo)",
            )
        raw, pages, from_ocr = _extract_text(kind, data, limits), None, False
    text = _programme_text(raw, kind, limits)
    status, problem = _language(text)
    return Extracted(
        kind, text, pages, status, problem, file_sha256, text_fingerprint(text), from_ocr
    )


def _programme_text(raw: str, kind: str, limits: Limits) -> str:
    """The cleaned text, refused when over the ceiling or too short to be a programme."""
    if len(raw) > limits.max_chars:
        raise IngestionError(
            "too_large",
            f"texte extrait au-delà du plafond de {grouped(limits.max_chars)} caractères",
        )
    text = clean_text(raw)
    if not text:
        raise IngestionError("empty", f"aucun texte dans ce fichier {FORMAT_NAMES[kind]}")
    words = len(text.split())
    if words < MIN_WORDS:
        raise IngestionError(
            "empty",
            f"texte trop court pour un programme ({words} {'mot' if words <= 1 else 'mots'}) : "
            "document vide, ou page web dont le contenu est chargé par JavaScript "
            "(enregistrez-la en PDF)",
        )
    return text


def _language(text: str) -> tuple[str, str]:
    """("ok", "") for French; ("foreign", why) otherwise: the text is kept, not read."""
    if is_french(text):
        return "ok", ""
    shown = int(french_share(text)[0] * 100 + 0.5)
    return "foreign", (
        "texte dans une autre langue que le français "
        f"({with_unit(shown, '%')} de mots outils français) : gardé, non lu"
    )


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; refuse devices, FIFOs and sockets without blocking."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise IngestionError(
                "not_regular", f"« {path} » n'est pas un fichier ordinaire (périphérique, tube…)"
            )
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_document(path: Path, *, limits: Limits = DEFAULT_LIMITS, ocr: bool = True) -> Extracted:
    """Read and extract a regular file, checking its size before loading it."""
    try:
        with open_regular(path) as file:
            size = os.fstat(file.fileno()).st_size
            if size > limits.max_bytes:
                raise IngestionError(
                    "too_large", f"fichier de plus de {megabytes(limits.max_bytes)}"
                )
            data = file.read(limits.max_bytes + 1)
    except FileNotFoundError:
        raise IngestionError("missing", f"fichier introuvable : {path}") from None
    except IsADirectoryError:
        raise IngestionError("missing", f"c'est un dossier, pas un fichier : {path}") from None
    except PermissionError:
        raise IngestionError("missing", f"fichier illisible (droits) : {path}") from None
    except OSError as error:  # a name too long, a loop of links, a read error of the disk
        shown = str(path) if len(str(path)) <= 200 else f"{str(path)[:200]}…"
        raise IngestionError(
            "missing", f"fichier illisible ({os_reason(error)}) : {shown}"
        ) from None
    return extract_document(data, filename=path.name, limits=limits, ocr=ocr)
