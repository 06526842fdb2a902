"""A programme whose PDF glyph map gives a lone surrogate ("\\ud800", which pypdf keeps and no
database can store) was refused with « UnicodeEncodeError : 'utf-8' codec can't encode… »; a
file whose name is not UTF-8 could not be recorded."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from barometre.programmes.ingestion import extract_document
from barometre.programmes.models import Programme
from barometre.programmes.outcomes import IMPORTED
from barometre.programmes.services import programme_import_file
from barometre.programmes.synthetic import pdf_bytes
from tests.programmes.conftest import DIGITAL_PAGE, PLAIN_PAGE
from tests.programmes.test_import import META

# The font's glyph for "g" (0x67) maps to U+D800, which is not a character.
CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def "
    b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <67> <D800> endbfchar "
    b"endcmap CMapName currentdict /CMap defineresource pop end end"
)


def _pdf_with_a_lone_surrogate() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([DIGITAL_PAGE, PLAIN_PAGE]))))
    stream = DecodedStreamObject()
    stream.set_data(CMAP)
    reference = writer._add_object(stream)
    for page in writer.pages:
        font = page["/Resources"]["/Font"]["/F1"].get_object()
        font[NameObject("/ToUnicode")] = reference
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert "\ud800" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    return data


def test_a_lone_surrogate_of_a_pdf_becomes_a_replacement_character() -> None:
    extracted = extract_document(_pdf_with_a_lone_surrogate(), filename="p.pdf")
    assert extracted.status == "ok"
    assert "\ufffduichet unique en li\ufffdne" in extracted.text
    extracted.text.encode("utf-8")  # storable


@pytest.mark.database
def test_such_a_pdf_is_imported_with_the_rest_of_its_text(
    communes: object, write_file: Callable[..., Path]
) -> None:
    path = write_file("ensemble.pdf", data=_pdf_with_a_lone_surrogate())
    outcome = programme_import_file(path=path, meta=META)
    assert outcome.status == IMPORTED, outcome
    programme = Programme.objects.get(pk=outcome.programme_id)
    assert "piscine municipale" in programme.text and "\ufffd" in programme.text


@pytest.mark.database
def test_a_file_named_in_another_encoding_is_imported(
    communes: object, write_file: Callable[..., Path], tmp_path: Path
) -> None:
    named = tmp_path / os.fsdecode(b"programme-\xe9t\xe9.pdf")  # Latin-1 name: "\udce9"
    write_file("ensemble.pdf").rename(named)
    outcome = programme_import_file(path=named, meta=META)
    assert outcome.status == IMPORTED, outcome
    assert Programme.objects.get().source_name == "programme-\ufffdt\ufffd.pdf"
