"""French typography of the numbers a reader sees: the spaces that must not break.

A figure and its sign or unit stay on one line (« 57 % », « 17,5 Mo »), and so do the groups of
a large number (« 35 000 »): both are joined by a no-break space, U+00A0. It is the separator
Django's French format already puts between thousands (`number_format`), and every font the PDF
reports use has it (Liberation Sans has no narrow U+202F). Machine formats (CSV figures, JSON,
open data, the API) carry plain numbers and never go through these helpers.

Pure: no Django, so that the programme reader's helper processes can use it. `one_line` puts a
quoted sentence (a programme's evidence) on one line; `held_groups` keeps the numbers of a text
the data carry with plain spaces (a population bracket) on one line where a page prints it.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
# The minus sign of a negative figure a reader sees: « −0,15 », not the hyphen « -0,15 »,
# as French typography writes it, as screen readers read it (« moins »), and as the charts'
# d3-format writes its axes and labels. Machine formats keep the ASCII hyphen-minus.
MINUS = "\u2212"
# A line break inside a quoted sentence (a programme's line wrapped before a capital or a figure,
# which the text clean-up cannot tell from a heading). After a word's hyphen the hyphen stays and
# no space is added ("Saint-\nDenis" -> "Saint-Denis"), as the clean-up does before a lower-case
# word (programmes.ingestion.normalize).
_BREAK_AFTER_HYPHEN = re.compile(r"(?<=\w-)[ \t]*\n\s*(?=\w)")
_BREAK = re.compile(r"[ \t]*\n\s*")
# A plain space between two groups of a number written for a reader (« 20 000 à 199 999 »): one
# to three digits before it, three after (« en 2026 123 réponses » keeps its space)
_GROUP_SPACE = re.compile(r"(?<=\d)(?<!\d{4}) (?=\d{3}(?!\d))")


def grouped(number: int) -> str:
    """ "5 000 000": thousands separated by a no-break space."""
    return f"{number:,}".replace(",", NBSP)


def decimal(number: float, places: int) -> str:
    """ "0,8123", "1 234,5", "−0,5": a decimal number as French writes it (comma, grouped
    thousands, the minus sign)."""
    return with_minus(f"{number:,.{places}f}".replace(",", NBSP).replace(".", ","))


def with_minus(figure: str) -> str:
    """A printed figure's leading hyphen-minus as the minus sign, U+2212: "-0,15" gives
    "−0,15"; any other text is kept."""
    return MINUS + figure[1:] if figure[:1] == "-" else figure


def ascii_minus(figure: str) -> str:
    """The reverse, for a figure going into a machine format (a CSV a spreadsheet reads as a
    number): "−0,15" gives "-0,15"."""
    return "-" + figure[1:] if figure[:1] == MINUS else figure


def with_unit(figure: str | int, unit: str) -> str:
    """ "57 %", "17,5 Mo": a figure and its unit (or sign) joined by a no-break space."""
    return f"{figure}{NBSP}{unit}"


def held_groups(text: str) -> str:
    """Text whose numbers the data write with plain spaces (a population bracket, a quoted
    sentence), each number's digit groups joined by a no-break space for display: "200 000
    habitants" gives "200\u00a0000 habitants", so that a label that wraps (a table cell, a
    chart's legend) breaks between words, never inside a number. Every other character is
    kept; labels stored or exported keep their plain spaces."""
    return _GROUP_SPACE.sub(NBSP, text)


# A plain space before a high mark (: ; ! ?) or a closing guillemet, or after an opening one,
# in a text the data write so (the shipped questionnaire, versioned as written)
_MARK_SPACE = re.compile(r" (?=[:;!?\u00bb])|(?<=\u00ab) ")


def held_marks(text: str) -> str:
    """Text the data write with plain spaces around their marks, each such space a no-break one
    for display: "Gouvernance : un élu" gives "Gouvernance\u00a0: un élu", so that a line never
    begins with the colon (« : travailler… ») nor ends on an opening guillemet. Every other
    character is kept; the data stored or exported keep their plain spaces."""
    return _MARK_SPACE.sub(NBSP, text)


def one_line(quote: str) -> str:
    """A quoted sentence on one line: each line break inside it (with the spaces around it)
    becomes one space; the words, their hyphens and every other character are kept."""
    if "\n" not in quote:  # most sentences: both patterns need a line break
        return quote.strip()
    return _BREAK.sub(" ", _BREAK_AFTER_HYPHEN.sub("", quote)).strip()
