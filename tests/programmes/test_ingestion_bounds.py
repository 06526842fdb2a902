"""Every programme file is bounded: size per format, XML inside a DOCX, and reading time."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometre.programmes.ingestion import IngestionError, Limits, extract_document
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
