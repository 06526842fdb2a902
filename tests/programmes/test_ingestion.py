"""Ingestion of every format, and every kind of bad input named in the issue."""

from __future__ import annotations

import importlib.machinery
import io
import re
import sys
import time
import types
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from barometre.programmes.ingestion import (
    IngestionError,
    Limits,
    clean_text,
    extract_document,
    text_fingerprint,
)
from barometre.programmes.synthetic import docx_bytes, pdf_bytes, synthetic_pages
from tests.programmes.conftest import DIGITAL_PAGE, PLAIN_PAGE, render

PAGES = [DIGITAL_PAGE, PLAIN_PAGE]


def refused(data: bytes, name: str, limits: Limits | None = None) -> IngestionError:
    with pytest.raises(IngestionError) as caught:
        extract_document(data, filename=name, limits=limits or Limits())
    return caught.value


@pytest.mark.parametrize("fmt", ["pdf", "html", "docx", "txt"])
def test_every_format_gives_the_same_words(fmt: str) -> None:
    extracted = extract_document(render(PAGES, fmt), filename=f"programme.{fmt}")

    assert extracted.status == "ok"
    assert extracted.format == {"txt": "text"}.get(fmt, fmt)
    assert "guichet unique en ligne" in extracted.text
    assert "navette gratuite" in extracted.text
    assert extracted.page_count == (2 if fmt == "pdf" else None)


def test_pdf_docx_and_text_of_one_programme_share_a_fingerprint() -> None:
    prints = {
        fmt: extract_document(render(PAGES, fmt), filename=f"p.{fmt}").text_sha256
        for fmt in ("pdf", "docx", "txt")
    }
    assert len(set(prints.values())) == 1


def test_html_keeps_the_main_content_only() -> None:
    text = extract_document(render(PAGES, "html"), filename="p.html").text

    assert "guichet unique" in text
    for furniture in ("Mentions légales", "cookies", "tracker", "L'équipe"):
        assert furniture not in text


def test_clean_text_rejoins_wrapped_lines_and_keeps_a_hyphen_at_a_line_end() -> None:
    raw = (
        "Nous créerons un guichet\nunique pour la dématé-\nrialisation.\r\n\r\n\r\n"
        "Titre\u00a0 suivant"
    )
    assert clean_text(raw) == (
        "Nous créerons un guichet unique pour la dématé-rialisation.\n\nTitre suivant"
    )


def test_clean_text_keeps_compounds_broken_at_their_hyphen_word_for_word() -> None:
    raw = (
        "Un marché le week-\nend en centre-\nville pour les grands-\nparents "
        "et l'e-\nadministration."
    )
    assert clean_text(raw) == (
        "Un marché le week-end en centre-ville pour les grands-parents et l'e-administration."
    )


def test_fingerprint_ignores_case_spacing_and_punctuation() -> None:
    assert text_fingerprint("Le  GUICHET unique !") == text_fingerprint("le guichet, unique")
    assert text_fingerprint("...") == ""


def _encrypted(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(PAGES))))
    writer.encrypt(user_password=user_password, owner_password="proprietaire", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_refused_with_a_clear_message() -> None:
    error = refused(_encrypted("secret"), "chiffre.pdf")
    assert error.code == "encrypted"
    assert "chiffré" in str(error)


def test_pdf_protected_with_an_empty_user_password_is_read() -> None:
    extracted = extract_document(_encrypted(""), filename="protege.pdf")
    assert "guichet unique" in extracted.text


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (pdf_bytes(PAGES)[:300], "tronque.pdf", "corrupt"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 20, "bruit.pdf", "corrupt"),
        (b"ceci n'est pas un pdf", "faux.pdf", "corrupt"),
        (b"", "vide.pdf", "empty"),
        (b"  \n\t ", "blanc.txt", "empty"),
        (docx_bytes(PAGES)[:500], "tronque.docx", "corrupt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ancien.doc", "encrypted"),
        (b"<html><body><nav>menu</nav></body></html>", "vide.html", "empty"),
        (b"Programme municipal", "court.txt", "empty"),
    ],
)
def test_corrupt_and_empty_files_are_refused(data: bytes, name: str, code: str) -> None:
    error = refused(data, name)
    assert error.code == code
    assert str(error)  # a French message for the import report


def test_image_only_pdf_is_kept_as_without_text_layer() -> None:
    extracted = extract_document(pdf_bytes(PAGES, image_only=True), filename="scan.pdf")

    assert extracted.status == "no_text"
    assert extracted.text == ""
    assert extracted.page_count == 2
    assert extracted.problem.startswith("PDF sans couche texte")
    assert "barometre[ocr]" in extracted.problem  # pytesseract is not installed here


class TesseractNotFoundError(OSError):  # pytesseract's own, by name and message
    def __init__(self) -> None:
        super().__init__(
            "tesseract is not installed or it's not in your PATH. See README file for more "
            "information."
        )


class TesseractError(RuntimeError):  # pytesseract's, with tesseract's stderr
    pass


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (TesseractNotFoundError(), "le programme tesseract est introuvable"),
        (
            TesseractError(
                "(1, 'Error opening data file /usr/share/tesseract-ocr/5/tessdata/fra.traineddata "
                "Please make sure the TESSDATA_PREFIX environment variable is set to your "
                "\"tessdata\" directory. Failed loading language \\'fra\\' Tesseract couldn\\'t "
                "load any languages! Could not initialize tesseract.')"
            ),
            "les données de tesseract pour le français manquent",
        ),
        (TesseractError("(-11, 'Segmentation fault')"), "l'OCR a échoué (erreur de tesseract"),
    ],
    ids=["not-found", "no-french-data", "crash"],
)
def test_a_failed_ocr_is_said_in_french(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception, said: str
) -> None:
    """tesseract's English message was the programme's problem, shown as is on the pages.
    A stand-in pytesseract (neither it nor tesseract is installed here) raises what the real
    one raises; the English detail goes to the log only."""

    def image_to_string(image: object, lang: str) -> str:
        raise error

    fake = types.ModuleType("pytesseract")
    fake.__spec__ = importlib.machinery.ModuleSpec("pytesseract", None)
    fake.image_to_string = image_to_string  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pytesseract", fake)

    extracted = extract_document(pdf_bytes(PAGES, image_only=True), filename="scan.pdf")

    assert extracted.status == "no_text" and not extracted.ocr
    assert extracted.problem.startswith("PDF sans couche texte (image numérisée) ; ")
    assert said in extracted.problem
    english = str(error)
    assert english[:20] not in extracted.problem and "tesseract is not" not in extracted.problem
    assert english in caplog.text  # the technical detail, for whoever reads the log


def test_a_500_page_pdf_is_refused_quickly_by_default_and_read_when_allowed() -> None:
    big = pdf_bytes(synthetic_pages(seed=3, pages=500))
    started = time.perf_counter()
    error = refused(big, "compilation.pdf")
    assert time.perf_counter() - started < 5
    assert error.code == "too_many_pages"
    assert "500 pages" in str(error) and "--max-pages" in str(error)

    extracted = extract_document(big, filename="compilation.pdf", limits=Limits(max_pages=600))
    assert extracted.page_count == 500
    assert len(extracted.text.split()) > 500 * 300


def test_text_over_the_character_cap_is_refused() -> None:
    error = refused(pdf_bytes(PAGES), "p.pdf", Limits(max_chars=100))
    assert error.code == "too_large"


def _bomb(inflated: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b" " * 2**20
            for _ in range(inflated // 2**20):
                part.write(chunk)
    return out.getvalue()


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    bomb = _bomb(32 * 2**20)  # 32 MB of spaces in a few dozen kilobytes
    assert len(bomb) < 2**20

    error = refused(bomb, "bombe.docx")
    assert error.code == "zip_bomb"
    assert "décompress" in str(error)


def test_docx_over_the_total_uncompressed_cap_is_refused() -> None:
    error = refused(docx_bytes(PAGES), "p.docx", Limits(zip_max_total=10_000))
    assert error.code == "zip_bomb"


def test_ordinary_docx_passes_the_zip_guard() -> None:
    assert "open data" in extract_document(docx_bytes(PAGES), filename="p.docx").text


FRENCH = (
    "Démarches en ligne : nous créerons une mairie numérique où chaque famille réglera la "
    "cantine, inscrira ses enfants à l'école et suivra ses demandes sans se déplacer."
)


@pytest.mark.parametrize(
    "data",
    [
        (FRENCH + " Œuvre, « guillemets » – 10 €.").encode("cp1252"),
        FRENCH.encode("utf-8-sig"),
        FRENCH.encode("utf-16"),
        FRENCH.encode("latin-1"),
        FRENCH.encode("utf-8"),
    ],
    ids=["cp1252", "utf-8-sig", "utf-16", "latin-1", "utf-8"],
)
def test_text_encodings_are_detected(data: bytes) -> None:
    assert extract_document(data, filename="p.txt").text.startswith(FRENCH)


@pytest.mark.parametrize(
    "data",
    [
        "Démarches en ligne pour tous".encode("utf-16-le"),  # no BOM: NUL bytes everywhere
        "Démarches en ligne pour tous les habitants".encode("cp500"),  # EBCDIC
        "Цифровая администрация для всех жителей".encode("koi8-r"),
    ],
)
def test_unknown_encoding_is_refused(data: bytes) -> None:
    error = refused(data, "p.txt")
    assert error.code == "encoding"
    assert "UTF-8" in str(error)


def test_unsupported_formats_are_named() -> None:
    assert refused(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "affiche.png").code == "unsupported"


def test_html_in_its_declared_charset() -> None:
    html = (
        "<html><head><meta charset='windows-1252'></head><body><main><h1>Programme</h1>"
        f"<p>{FRENCH}</p><p>Œuvre commune.</p></main></body></html>"
    ).encode("cp1252")
    assert FRENCH in extract_document(html, filename="programme.html").text


def test_content_wins_over_a_misleading_extension() -> None:
    extracted = extract_document(render(PAGES, "html"), filename="programme.pdf")
    assert extracted.format == "html" and "guichet unique" in extracted.text


def test_ocr_reads_the_images_of_a_scanned_pdf_when_the_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wiring only: tesseract is not installed here, a stand-in returns a known text per image."""
    seen: list[tuple[int, int]] = []

    def image_to_string(image: object, lang: str) -> str:
        assert lang == "fra"
        seen.append(image.size)  # type: ignore[attr-defined]
        return FRENCH

    fake = types.ModuleType("pytesseract")
    fake.__spec__ = importlib.machinery.ModuleSpec("pytesseract", None)
    fake.image_to_string = image_to_string  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pytesseract", fake)

    extracted = extract_document(pdf_bytes(PAGES, image_only=True), filename="scan.pdf")

    assert extracted.status == "ok" and extracted.ocr
    assert seen == [(16, 16), (16, 16)]  # one image per page, decoded by pypdf/Pillow
    assert extracted.text.startswith(FRENCH)

    no_ocr = extract_document(pdf_bytes(PAGES, image_only=True), filename="scan.pdf", ocr=False)
    assert no_ocr.status == "no_text" and not no_ocr.ocr


def _docx_with(part: str, content: bytes | None) -> bytes:
    """The synthetic DOCX with one part replaced (or left out when `content` is None)."""
    original = zipfile.ZipFile(io.BytesIO(docx_bytes(PAGES)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = original.read(info.filename) if info.filename != part else content
            if data is not None:
                archive.writestr(info.filename, data)
    return out.getvalue()


def _docx_needing_zip_version(version: int) -> bytes:
    """A DOCX whose central directory claims a ZIP version Python cannot extract."""
    data = bytearray(docx_bytes(PAGES))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = version.to_bytes(2, "little")
    return bytes(data)


def _docx_with_damaged_deflate() -> bytes:
    """A DOCX whose compressed document part has garbage in the middle of its deflate stream."""
    data = bytearray(docx_bytes(PAGES))
    name = b"word/document.xml"
    start = data.index(name) + len(name) + 40  # the local header's name, then its data
    data[start : start + 16] = b"\xff" * 16
    return bytes(data)


ENGLISH_ERROR = re.compile(r"Error|Exception|\berror\b|BadZipFile")


@pytest.mark.parametrize(
    ("data", "name", "told"),
    [
        (pdf_bytes(PAGES)[:-200], "tronque.pdf", "PDF illisible : fichier tronqué"),
        (
            b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n",
            "abime.pdf",
            "PDF illisible : fichier corrompu",
        ),
        (
            _docx_with("word/document.xml", b"<w:document"),
            "xml.docx",
            "DOCX illisible : document Word corrompu",
        ),
        (
            _docx_with("word/document.xml", b"<?xml version='1.0'?><autre/>"),
            "racine.docx",
            "DOCX illisible : document Word corrompu",
        ),
        (
            _docx_with("[Content_Types].xml", None),
            "types.docx",
            "DOCX illisible : document Word corrompu",
        ),
        (_docx_with_damaged_deflate(), "zlib.docx", "DOCX illisible : document Word corrompu"),
        (_docx_needing_zip_version(219), "version.docx", "archive ZIP/DOCX corrompue"),
        (docx_bytes(PAGES), "vrai-docx.pdf", None),  # the extension lies: read as what it is
        (pdf_bytes(PAGES), "vrai-pdf.docx", None),
    ],
)
def test_a_damaged_pdf_or_docx_is_refused_in_french_without_english_error_names(
    data: bytes, name: str, told: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    """pypdf, python-docx, lxml and zipfile errors were shown by their English class name
    (« PDF illisible (fichier corrompu ou tronqué : PdfStreamError) », « DOCX illisible
    (XMLSyntaxError) »), or escaped as AttributeError or NotImplementedError tracebacks, and
    pypdf logged English warnings (« Invalid Elementary Object starting with ... »)."""
    caplog.set_level("WARNING")
    if told is None:
        assert "guichet unique" in extract_document(data, filename=name, ocr=False).text
        return
    error = refused(data, name)
    assert error.code == "corrupt"
    assert str(error).startswith(told)
    assert not ENGLISH_ERROR.search(str(error)), str(error)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


@pytest.mark.parametrize(
    ("data", "name", "told"),
    [
        (b"\xef\xbb\xbf", "bom.txt", "aucun texte dans ce fichier texte"),
        (b"\xff\xfe", "bom16.txt", "aucun texte dans ce fichier texte"),
        (b"<html><!-- rien --></html>", "vide.html", "aucun texte dans ce fichier HTML"),
        (b"Programme municipal. " * 1000, "long.txt", "fichier texte de 0,1\u00a0Mo"),
    ],
)
def test_an_empty_or_oversized_text_or_html_file_is_named_in_french(
    data: bytes, name: str, told: str
) -> None:
    """A text file was called by its format's code: « aucun texte dans ce fichier TEXT »."""
    error = refused(data, name, Limits(max_markup_bytes=10_000))
    assert str(error).startswith(told)
    assert "TEXT" not in str(error)
