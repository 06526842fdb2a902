"""French typography of the numbers a reader sees: the spaces that must not break.

A figure and its sign or unit stay on one line (« 57 % », « 17,5 Mo »), and so do the groups of
a large number (« 35 000 »): both are joined by a no-break space, U+00A0. It is the separator
Django's French format already puts between thousands (`number_format`), and every font the PDF
reports use has it (Liberation Sans has no narrow U+202F). Machine formats (CSV figures, JSON,
open data, the API) carry plain numbers and never go through these helpers.

Pure: no Django, so that the programme reader's helper processes can use it.
"""

from __future__ import annotations

NBSP = "\u00a0"


def grouped(number: int) -> str:
    """ "5 000 000": thousands separated by a no-break space."""
    return f"{number:,}".replace(",", NBSP)


def with_unit(figure: str | int, unit: str) -> str:
    """ "57 %", "17,5 Mo": a figure and its unit (or sign) joined by a no-break space."""
    return f"{figure}{NBSP}{unit}"
