"""Plain text with an unknown encoding: UTF-8 (with or without BOM), UTF-16 with BOM, or
Windows-1252 / Latin-1 when the result reads like French; anything else is refused."""

from __future__ import annotations

import codecs

from barometre.programmes.ingestion.base import IngestionError

# Non-ASCII characters that French text written in Windows-1252 or Latin-1 commonly holds.
_FRENCH_EXTRA = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»‘’“”–—…€°§²·×\u00a0")
_ALLOWED_CONTROLS = set("\t\n\r\f")
_MAX_ODD_SHARE = 0.05  # of non-ASCII characters that are neither French letters nor punctuation


def _looks_like_text(text: str) -> bool:
    if any((c < " " and c not in _ALLOWED_CONTROLS) or "\x7f" <= c <= "\x9f" for c in text):
        return False
    non_ascii = [c for c in text if c > "\x7f"]
    if not non_ascii:
        return True
    odd = sum(1 for c in non_ascii if c not in _FRENCH_EXTRA)
    return odd / len(non_ascii) <= _MAX_ODD_SHARE


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise IngestionError("encoding")."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    raise IngestionError(
        "encoding",
        "encodage inconnu : le texte n'est ni en UTF-8 ni en Windows-1252/Latin-1 lisible ; "
        "enregistrez-le en UTF-8",
    )
