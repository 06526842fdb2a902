"""DOCX through python-docx, after checking the archive cannot inflate into a zip bomb."""

from __future__ import annotations

import io
import logging
import zipfile

from barometre.core.plural import french_count
from barometre.core.typography import grouped
from barometre.programmes.ingestion.base import IngestionError, Limits, megabytes

logger = logging.getLogger(__name__)


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse an archive whose declared sizes would exhaust memory once inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise IngestionError("corrupt", "DOCX illisible (archive corrompue ou tronquée)") from None
    if len(infos) > limits.zip_max_entries:
        raise IngestionError(
            "zip_bomb",
            f"document Word de {_parts(len(infos))}, au-delà de la limite acceptée de "
            f"{_parts(limits.zip_max_entries)} (possible bombe de décompression)",
        )
    total = sum(info.file_size for info in infos)
    if total > limits.zip_max_total:
        raise IngestionError(
            "zip_bomb",
            f"document Word de {megabytes(total)} une fois décompressé, au-delà de la limite "
            f"acceptée de {megabytes(limits.zip_max_total)} (possible bombe de décompression)",
        )
    xml = sum(info.file_size for info in infos if info.filename.lower().endswith(".xml"))
    if xml > limits.docx_max_xml:
        raise IngestionError(
            "too_large",
            f"document Word de {megabytes(xml)} de XML une fois décompressé, au-delà de la "
            f"limite acceptée de {megabytes(limits.docx_max_xml)} de XML",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.zip_ratio_floor and ratio > limits.zip_max_ratio:
            raise IngestionError(
                "zip_bomb",
                f"document Word dont une partie ({info.filename}) se décompresse "
                f"{grouped(round(ratio))} fois, au-delà de la limite acceptée de "
                f"{limits.zip_max_ratio} fois (possible bombe de décompression)",
            )


def _parts(count: int) -> str:
    return french_count(count, "partie", "parties")


_DAMAGED = (
    "DOCX illisible : document Word corrompu (une partie de l'archive est abîmée, manquante ou "
    "n'est pas du XML Word) ; ouvrez-le dans Word ou LibreOffice et enregistrez-le de nouveau"
)


def extract_docx(data: bytes, *, limits: Limits) -> str:
    check_zip(data, limits)
    # python-docx, lxml and zipfile raise many kinds of errors on a damaged document, some only
    # once its body is read (a main part whose root is not <w:document>): each one means the
    # same thing to the user, told in French without the error's English name.
    try:
        return _docx_text(data)
    except Exception as error:
        logger.debug("python-docx failed: %r", error)
        raise IngestionError("corrupt", _DAMAGED) from None


def _docx_text(data: bytes) -> str:
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = dict.fromkeys(cell.text.strip() for cell in row.cells)
            parts.append(" | ".join(c for c in cells if c))
    return "\n".join(parts)
