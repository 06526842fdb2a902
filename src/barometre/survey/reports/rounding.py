"""How a survey score is rounded: one rule, once, for every output.

A score has one published value, to one decimal, a half rounded up as a reader rounds by hand
(56.25 -> 56.3; `outputs.labels.rounded`): the machine formats (JSON, CSV) give it as is. The
formats read by people (the HTML file and page, the PDF, the commune page) print that same value
as a whole number, a half rounded up again (62.46 -> 62.5 -> 63): a printed score is always what
a reader gets by rounding the JSON's or the CSV's figure, never one less. Gaps and changes are
differences of the values printed beside them (whole numbers in HTML and PDF, one decimal in
JSON and CSV), so that they add up.
"""

from __future__ import annotations

from decimal import Decimal

from barometre.outputs.labels import rounded
from barometre.survey.intervals import Interval


def one_decimal(score: float) -> Decimal:
    """The published value of a score: one decimal, a half rounded up (56.25 -> 56.3)."""
    return rounded(score, 1)


def whole(score: float) -> int:
    """A score as printed for people: its published value (`one_decimal`) rounded to a whole
    number, a half up (62.46 -> 62.5 -> 63; 62.5 -> 63)."""
    return int(rounded(float(one_decimal(score)), 0))


def one_decimal_change(before: float, after: float) -> Decimal:
    """after - before as the machine formats give them (one decimal each), so that a gap or a
    change adds up with the two scores beside it (56.25 -> 60.04: 60.0 - 56.3 = 3.7)."""
    return one_decimal(after) - one_decimal(before)


SIGNIFICANCE = 0.05  # a difference is beyond chance where its Holm-corrected p-value is under


def beyond_chance(difference: Interval | None) -> bool:
    """Whether a gap is more than the chance of who answered: its 95 % interval excludes 0
    once its bounds are rounded as printed (`whole`), and, where it is one of the axes compared
    at once, its p-value corrected by Holm's method is under 0.05 (`insights.holm_corrected`).
    A low bound of 0.3 prints a 0 (0 to 23) and does not count: the words beside an interval
    never contradict it, at the cost of a test a little stricter than the exact one (the bound
    must reach 0.5). An interval that cannot be estimated (a group without spread) is never
    beyond chance. Every output (HTML, PDF, JSON, CSV) says the same."""
    return chance_reading(difference) == "beyond"


def chance_reading(difference: Interval | None) -> str:
    """How a difference reads against chance: "" without an interval, "unestimable" (a group
    without spread: `Interval.estimable`), "beyond" (`beyond_chance`), "alone" (its own
    interval excludes 0, but not once the axes compared at once are corrected for: Holm) or
    "chance"."""
    if difference is None:
        return ""
    if not difference.estimable:
        return "unestimable"
    if not (whole(difference.low) > 0 or whole(difference.high) < 0):
        return "chance"
    corrected = difference.holm_p_value
    return "alone" if corrected is not None and corrected >= SIGNIFICANCE else "beyond"
