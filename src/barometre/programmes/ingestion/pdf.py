"""PDF: the text layer through pypdf; encrypted and image-only files are named as such.

OCR is optional: when the `barometre[ocr]` extra (pytesseract, with the tesseract program) is
installed, the images of a PDF without a text layer are read with tesseract (French).
"""

from __future__ import annotations

import importlib.util
import io
import logging
import warnings
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

from barometre.core.typography import grouped
from barometre.programmes.ingestion.base import IngestionError, Limits

logger = logging.getLogger(__name__)
# pypdf logs every repairable oddity of a damaged file, in English ("Invalid Elementary Object
# starting with ..."): the user gets one French refusal instead, or nothing when it reads.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

MIN_TEXT_CHARS_PER_FILE = 40  # below this, the text layer is page numbers or nothing
NO_TEXT_PROBLEM = "PDF sans couche texte (image numérisée)"
EXHAUSTING = (
    "PDF dont une partie dépasse les limites de lecture (flux compressé qui se décompresse "
    "démesurément, ou trop d'instructions)\u00a0: ce n'est sans doute pas un programme ordinaire"
)


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    page_count: int
    has_text: bool
    ocr: bool = False
    problem: str = ""


def _open(data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            # many PDFs are "protected" with an empty user password: they open with it
            opened = bool(reader.decrypt(""))
        except (DependencyError, NotImplementedError):
            opened = False
        if not opened:
            raise IngestionError(
                "encrypted",
                "PDF chiffré par mot de passe : fournissez une version sans mot de passe",
            )
    return reader


def _read(data: bytes, limits: Limits) -> PdfText:
    reader = _open(data)
    count = len(reader.pages)
    if count > limits.max_pages:
        raise IngestionError(
            "too_many_pages",
            f"PDF de {count} pages, au-delà du plafond de {limits.max_pages} pages : "
            "ce n'est sans doute pas un programme ; relancez avec --max-pages pour le lire",
        )
    texts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        size += len(text)
        if size > limits.max_chars:
            raise IngestionError(
                "too_large",
                f"texte extrait au-delà du plafond de {grouped(limits.max_chars)} caractères",
            )
        texts.append(text)
    joined = "\n\n".join(texts)
    has_text = sum(1 for c in joined if not c.isspace()) >= MIN_TEXT_CHARS_PER_FILE
    return PdfText(joined, count, has_text)


def damaged_pdf(data: bytes) -> str:
    """Why a PDF that pypdf cannot read is refused, in French: a file that does not end with
    the « %%EOF » marker was cut short (a download or a copy stopped midway)."""
    if b"%%EOF" not in data[-1024:]:
        return (
            "PDF illisible : fichier tronqué (il s'arrête avant sa fin, la marque %%EOF "
            "manque) ; téléchargez-le ou copiez-le de nouveau"
        )
    return "PDF illisible : fichier corrompu (sa structure interne ne peut pas être lue)"


def ocr_available() -> bool:
    return importlib.util.find_spec("pytesseract") is not None


def _ocr(data: bytes) -> str:
    import pytesseract

    reader = PdfReader(io.BytesIO(data), strict=False)
    parts = []
    for page in reader.pages:
        for image in page.images:
            parts.append(pytesseract.image_to_string(image.image, lang="fra"))
    return "\n\n".join(parts)


def ocr_failure(error: Exception) -> str:
    """Why the OCR failed, in French (tesseract's own message, in English, goes to the log)."""
    if type(error).__name__ == "TesseractNotFoundError" or isinstance(error, FileNotFoundError):
        return (
            "OCR impossible : le programme tesseract est introuvable (installez-le, avec ses "
            "données pour le français, ou relancez avec --no-ocr)"
        )
    if "fra" in str(error) and "language" in str(error).lower():
        return (
            "OCR impossible : les données de tesseract pour le français manquent (paquet "
            "tesseract-ocr-fra)"
        )
    return "l'OCR a échoué (erreur de tesseract, détail technique dans le journal)"


def _with_ocr(data: bytes, result: PdfText) -> PdfText:
    if not ocr_available():
        return PdfText(
            "",
            result.page_count,
            False,
            problem=f"{NO_TEXT_PROBLEM} : installez "
            "l'extra barometre[ocr] (pytesseract et tesseract) pour le lire par OCR",
        )
    try:
        text = _ocr(data)
    except Exception as error:  # tesseract fails in many ways; report, go on
        logger.warning("OCR failed: %s: %s", type(error).__name__, error)
        problem = f"{NO_TEXT_PROBLEM} ; {ocr_failure(error)}"
        return PdfText("", result.page_count, False, problem=problem)
    if sum(1 for c in text if not c.isspace()) < MIN_TEXT_CHARS_PER_FILE:
        problem = f"{NO_TEXT_PROBLEM} ; l'OCR n'a rien lu"
        return PdfText("", result.page_count, False, problem=problem)
    return PdfText(text, result.page_count, True, ocr=True)


def extract_pdf(data: bytes, *, limits: Limits, ocr: bool = True) -> PdfText:
    """Read the text layer; raise IngestionError for encrypted, corrupt or oversized files."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about every repairable oddity
        try:
            result = _read(data, limits)
        except IngestionError:
            raise
        except FileNotDecryptedError:
            raise IngestionError("encrypted", "PDF chiffré par mot de passe") from None
        except LimitReachedError:  # pypdf's bounds: a stream inflating past them, or too long
            raise IngestionError("too_large", EXHAUSTING) from None
        # pypdf raises many kinds of errors on damaged files (PdfReadError, KeyError, ...):
        # each one means the same thing to the user, who is told it in French, without the
        # error's English name.
        except Exception as error:
            logger.debug("pypdf failed: %r", error)
            raise IngestionError("corrupt", damaged_pdf(data)) from None
    if result.has_text:
        return result
    if not ocr:
        return PdfText("", result.page_count, False, problem=NO_TEXT_PROBLEM)
    return _with_ocr(data, result)
