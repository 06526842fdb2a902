"""Which reader a file needs: by its first bytes, then by its extension."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from barometre.programmes.ingestion.base import IngestionError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTENSIONS = {
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        # NotImplementedError: a damaged header naming a ZIP version or method Python lacks
        raise IngestionError("corrupt", "archive ZIP/DOCX corrompue ou tronquée") from None
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names and "content.xml" in names:
        raise IngestionError(
            "unsupported", "document OpenDocument (.odt) non pris en charge : exportez-le en PDF"
        )
    raise IngestionError("unsupported", "archive ZIP qui n'est pas un document Word (.docx)")


def sniff_format(data: bytes, filename: str) -> str:
    """Return "pdf", "html", "docx" or "text"; the content wins over a misleading extension."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE_MAGIC):
        raise IngestionError(
            "encrypted",
            "document Office chiffré par mot de passe ou au format Word 97-2003 (.doc) : "
            "retirez le mot de passe ou enregistrez-le en .docx ou en PDF",
        )
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    suffix = PurePath(filename).suffix.lower()
    kind = _EXTENSIONS.get(suffix)
    if kind in {"pdf", "docx"}:
        raise IngestionError(
            "corrupt", f"fichier {suffix} illisible : son contenu n'est pas un {kind.upper()}"
        )
    if kind is None and suffix in {".png", ".jpg", ".jpeg", ".gif", ".odt", ".doc", ".rtf"}:
        raise IngestionError(
            "unsupported", f"format {suffix} non pris en charge (PDF, HTML, DOCX ou texte)"
        )
    return kind or "text"
