"""Commune codes as people type them, and what a campaign may be named: pure, no ORM.

A spreadsheet stores `06088` (Nice) as the number 6088 and writes it back without its leading
zero; every place that reads a commune code accepts both forms.
"""

from __future__ import annotations

import re

# a campaign name: what `campaign create` accepts, and what the API takes as one
CAMPAIGN_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
COMMUNE_CODE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$")


def commune_code_normalise(raw: str) -> str:
    """Strip, upper-case, and restore the leading zero a spreadsheet drops ("6088" -> "06088")."""
    code = raw.strip().upper()
    if code.endswith(".0") and code[:-2].isascii() and code[:-2].isdigit():
        code = code[:-2]  # a spreadsheet number written as a float
    return code.zfill(5) if code.isascii() and code.isdigit() and len(code) == 4 else code


def is_commune_code(code: str) -> bool:
    """True for a well-formed code (after normalisation): 5 digits, or 2A/2B and 3 digits."""
    return bool(COMMUNE_CODE.match(code))
