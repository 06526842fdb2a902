"""Tiny but valid downloadable forms: a hand-built PDF writer and a minimal ODT package."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def _pdf_text(value: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252 covers the French we write)."""
    raw = value.encode("cp1252", "replace")
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + raw + b")"


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with the title and lines in Helvetica, readable by any PDF reader."""
    stream = [b"BT /F1 14 Tf 50 790 Td ", _pdf_text(title), b" Tj /F1 10 Tf"]
    for line in lines:
        stream += [b" 0 -16 Td ", _pdf_text(line), b" Tj"]
    stream.append(b" ET")
    content = b"".join(stream)
    info = b"<< /Title " + _pdf_text(title) + b" /Producer (barometre farm) >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        info,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" \
manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text>{paragraphs}</office:text></office:body>
</office:document-content>
"""


def odt_bytes(title: str, lines: list[str]) -> bytes:
    """A minimal OpenDocument text file (mimetype first and stored, as the format requires)."""
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in [title, *lines])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            _entry("mimetype", zipfile.ZIP_STORED), "application/vnd.oasis.opendocument.text"
        )
        archive.writestr(_entry("META-INF/manifest.xml"), _MANIFEST)
        archive.writestr(_entry("content.xml"), _CONTENT.format(paragraphs=paragraphs))
    return out.getvalue()


def _entry(name: str, compression: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so that the same seed gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = compression
    return info
