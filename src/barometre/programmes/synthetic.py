"""Synthetic electoral programmes for benchmarks, tests and the demo (never real programmes).

`synthetic_pages` composes pages of sentences from `data/synthetic_sentences.yaml` (written for
barometre); `pdf_bytes`, `html_bytes` and `docx_bytes` render them. The PDF writer is a minimal
hand-built one (Helvetica, WinAnsiEncoding) that gives a real text layer in milliseconds, so that
a 500-page file or 200 programmes cost nothing to build; `image_only=True` draws a picture and
no text, like a scanned programme.
"""

from __future__ import annotations

import io
import random
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from typing import Any

import yaml

from barometre.core.typography import grouped

LINES_PER_PAGE = 40
LINE_WIDTH = 92


@dataclass(frozen=True, slots=True)
class SyntheticPage:
    heading: str
    sentences: tuple[str, ...]


@cache
def _bank() -> dict[str, Any]:
    text = resources.files("barometre.programmes").joinpath("data/synthetic_sentences.yaml")
    loaded: dict[str, Any] = yaml.safe_load(text.read_text(encoding="utf-8"))
    return loaded


# One draw of one in seven per sentence, whatever it holds, as when a single list of numbers
# served every placeholder (which gave « un budget participatif de 2027 euros » and « tableaux
# numériques d'ici 50 »): the random sequence, hence every demonstration and benchmark
# programme, is the one it was; only the words filled in changed.
_YEARS = ("2027", "2028", "2029", "2030", "2031", "2032", "2026")
_AMOUNTS = tuple(grouped(n) for n in (50_000, 100_000, 200_000, 500_000, 250_000, 300_000, 10**6))
_COUNTS = tuple(grouped(n) for n in (50, 100, 200, 500, 150, 300, 1_000))


_GROUPS = re.compile("(?<=\\d)\u00a0(?=\\d{3})")


def _fill(sentence: str, rng: random.Random) -> str:
    places = _bank()["places"]
    filled = sentence.replace("{place}", rng.choice(places))
    pick = rng.randrange(len(_YEARS))
    for placeholder, values in (("{year}", _YEARS), ("{amount}", _AMOUNTS), ("{count}", _COUNTS)):
        filled = filled.replace(placeholder, values[pick])
    return filled


def synthetic_pages(
    *,
    seed: int,
    pages: int,
    digital_themes: Sequence[str] = (),
    digital_per_page: float = 0.3,
    distinct: bool = False,
) -> list[SyntheticPage]:
    """Compose `pages` pages; sentences of `digital_themes` are sprinkled among the others.

    `distinct` (the demonstration's programmes): no sentence of the bank is said twice in the
    programme, nor a heading; a digital theme whose sentences are all said leaves its turn to
    the other sentences, and the programme ends, maybe short of `pages`, when those are all
    said too. Without it (benchmarks, hundreds of pages) the bank is drawn from again and again.
    """
    rng = random.Random(seed)
    bank = _bank()
    said: set[str] = set()

    def draw(choices: Sequence[str]) -> str | None:
        if not distinct:
            return str(rng.choice(choices))  # the sequence every benchmark was made with
        left = [choice for choice in choices if choice not in said]
        if not left:
            return None
        chosen = str(rng.choice(left))
        said.add(chosen)
        return chosen

    out: list[SyntheticPage] = []
    for _ in range(pages):
        sentences, spent = _page_sentences(rng, draw, bank, digital_themes, digital_per_page)
        if sentences:
            heading = draw(bank["headings"]) or str(rng.choice(bank["headings"]))
            out.append(SyntheticPage(heading, tuple(sentences)))
        if spent:
            break
    return out


def _page_sentences(
    rng: random.Random,
    draw: Callable[[Sequence[str]], str | None],
    bank: dict[str, Any],
    digital_themes: Sequence[str],
    digital_per_page: float,
) -> tuple[list[str], bool]:
    """One page's sentences, and whether every sentence of the bank is now said."""
    words_budget = 400  # about what a designed programme page holds
    sentences: list[str] = []
    words = 0
    spent = False
    while words < words_budget:
        template = None
        if digital_themes and rng.random() < digital_per_page / 8:
            theme = rng.choice(list(digital_themes))
            template = draw(bank["digital"][theme])
        if template is None:
            template = draw(bank["other"])
        if template is None:
            spent = True  # every sentence is said: the programme ends here
            break
        sentence = _fill(template, rng)
        sentences.append(sentence)
        words += len(_GROUPS.sub("", sentence).split())  # « 500 000 » is one word
    return sentences, spent


def digital_theme_ids() -> list[str]:
    return list(_bank()["digital"])


def page_lines(page: SyntheticPage) -> list[str]:
    """The lines a page prints: its heading, then its sentences as bullets wrapped to width."""
    lines = [page.heading, ""]
    for sentence in page.sentences:
        lines.extend(textwrap.wrap(f"- {sentence}", LINE_WIDTH, subsequent_indent="  "))
    return lines


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _text_stream(page: SyntheticPage) -> bytes:
    parts = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
    for line in page_lines(page):
        parts.append(_pdf_string(line) + b" Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


_IMAGE_STREAM = b"q 495 0 0 700 50 70 cm /Im1 Do Q"


def _image_object() -> bytes:
    pixels = bytes((x * 16 + y * 8) % 256 for y in range(16) for x in range(16))
    head = (
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels)
    )
    return head + pixels + b"\nendstream"


def pdf_bytes(pages: Sequence[SyntheticPage], *, image_only: bool = False) -> bytes:
    """A valid PDF with one page per `SyntheticPage` (or an image per page if `image_only`)."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _image_object(),
    ]
    kids: list[int] = []
    for page in pages:
        content = _IMAGE_STREAM if image_only else _text_stream(page)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % content_id
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kid_refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    return out.getvalue()


def html_bytes(pages: Sequence[SyntheticPage], *, title: str = "Notre programme") -> bytes:
    """A campaign web page: menu, cookie banner and footer around the programme itself."""
    body = []
    for page in pages:
        body.append(f"<section><h2>{escape(page.heading)}</h2><ul>")
        body.extend(f"<li>{escape(s)}</li>" for s in page.sentences)
        body.append("</ul></section>")
    html = (
        "<!DOCTYPE html><html lang='fr'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><script>var tracker = 1;</script></head><body>"
        "<header><nav><a href='/'>Accueil</a> <a href='/equipe'>L'équipe</a> "
        "<a href='/agenda'>Agenda</a> <a href='/contact'>Contact</a></nav></header>"
        "<div class='cookies'>Ce site utilise des cookies de mesure d'audience.</div>"
        f"<main><article><h1>{escape(title)}</h1>{''.join(body)}</article></main>"
        "<footer>Mentions légales - Directeur de publication : le mandataire financier."
        "</footer></body></html>"
    )
    return html.encode("utf-8")


def docx_bytes(pages: Sequence[SyntheticPage]) -> bytes:
    """A DOCX with a heading and one paragraph per sentence for each page."""
    import docx

    document = docx.Document()
    for page in pages:
        document.add_heading(page.heading, level=2)
        for sentence in page.sentences:
            document.add_paragraph(sentence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plain_text(pages: Sequence[SyntheticPage]) -> str:
    return "\n\n".join("\n".join([p.heading, *p.sentences]) for p in pages) + "\n"
