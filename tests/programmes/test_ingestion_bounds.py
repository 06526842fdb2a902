"""Every programme file is bounded: size per format, XML inside a DOCX, and reading time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from barometre.programmes.ingestion import IngestionError, Limits, extract_document
from barometre.programmes.outcomes import REFUSED, FileOutcome
from barometre.programmes.reading import read_one
from barometre.programmes.synthetic import docx_bytes, synthetic_pages
from tests.programmes.conftest import render

PAGES = synthetic_pages(pages=3, seed=1)


def test_a_huge_html_page_is_refused_before_parsing() -> None:
    page = render(PAGES, "html")
    huge = page.replace(b"</body>", b"<p>" + b"mot " * (5 * 2**20) + b"</p></body>")
    with pytest.raises(IngestionError) as error:
        extract_document(huge, filename="page.html")
    assert error.value.code == "too_large" and "plafond de 16\u00a0Mo" in str(error.value)


def test_a_docx_with_too_much_xml_is_refused() -> None:
    with pytest.raises(IngestionError) as error:
        extract_document(docx_bytes(PAGES), filename="p.docx", limits=Limits(docx_max_xml=1000))
    assert error.value.code == "too_large" and "de XML" in str(error.value)


def test_a_file_that_takes_too_long_is_refused_and_the_next_one_is_read(tmp_path: Path) -> None:
    slow = tmp_path / "lente.html"
    page = render(PAGES, "html")
    slow.write_bytes(page.replace(b"</body>", b"<p>" + b"long texte " * 300_000 + b"</p></body>"))
    extracted, problem = read_one(slow, Limits(max_seconds=0.05), ocr=False)
    assert extracted is None and "interrompue après 0,05\u00a0s" in problem
    fine = tmp_path / "normale.html"
    fine.write_bytes(page)
    extracted, problem = read_one(fine, Limits(), ocr=False)
    assert extracted is not None and problem == ""


def test_sizes_and_caps_are_printed_in_french_without_rounding_under_the_cap() -> None:
    from barometre.core.typography import grouped
    from barometre.programmes.ingestion.base import megabytes

    # figure and unit, and the groups of a number, joined by a no-break space (U+00A0)
    assert megabytes(int(17.5 * 2**20)) == "17,5\u00a0Mo"
    assert megabytes(16 * 2**20 + 1) == "16,1\u00a0Mo"  # just over the cap never prints as the cap
    assert megabytes(16 * 2**20) == "16\u00a0Mo"
    assert grouped(5_000_000) == "5\u00a0000\u00a0000"
    with pytest.raises(IngestionError) as error:
        extract_document(b"un mot", filename="p.txt", limits=Limits(max_chars=3))
    assert "plafond de 3 caractères" in str(error.value)
    with pytest.raises(IngestionError) as error:
        extract_document(b"Programme", filename="p.txt")
    assert "(1 mot)" in str(error.value)


def _one_page_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws `content` (compressed: small on disk, big inflated)."""
    import zlib

    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources"
        b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.slow  # pypdf parses two million instructions before it stops
def test_a_pdf_page_built_to_exhaust_the_reader_is_refused_as_such_not_as_damaged() -> None:
    """A few kilobytes inflating into millions of drawing instructions: pypdf stops at its
    budget; the reader is told what the file is, not that it was cut short or damaged."""
    bomb = _one_page_pdf(b"BT /F1 12 Tf " + b"(a) Tj " * 1_100_000 + b"ET")
    assert len(bomb) < 20_000
    with pytest.raises(IngestionError) as error:
        extract_document(bomb, filename="programme.pdf")
    assert error.value.code == "too_large"
    assert "limites de lecture" in str(error.value)


def _inflating_docx() -> bytes:
    """A DOCX whose document part inflates a thousandfold (32 MB of spaces)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * 32 * 2**20)
    return out.getvalue()


@pytest.mark.parametrize(
    ("limits", "accepted"),
    [
        (Limits(zip_max_entries=2), "limite acceptée de 2 parties"),
        (Limits(zip_max_total=10_000), "limite acceptée de 0,1\u00a0Mo"),
        (Limits(docx_max_xml=1000), "limite acceptée de 0,1\u00a0Mo de XML"),
        (None, "limite acceptée de 100 fois"),
    ],
)
def test_a_refused_docx_says_what_is_accepted_once_refused(
    limits: Limits | None, accepted: str
) -> None:
    """A refused DOCX read « p.docx : refusé : DOCX refusé : 6 parties dans l'archive »: refused
    twice, and nothing said of what a document may hold. One sentence now says what it holds
    and what is accepted."""
    data = docx_bytes(PAGES) if limits else _inflating_docx()
    with pytest.raises(IngestionError) as error:
        extract_document(data, filename="p.docx", limits=limits or Limits())
    line = FileOutcome(source="p.docx", status=REFUSED, message=str(error.value)).describe()
    assert (
        line.startswith("p.docx\u00a0: refusé\u00a0: document Word ") and line.count("refus") == 1
    )
    assert accepted in line, line
