"""French number labels: rounded half away from zero, never cut."""

from __future__ import annotations

import pytest
from django.utils import translation

from barometre.outputs.labels import number, percent, separating_digits, signed


@pytest.fixture(autouse=True)
def _french():  # type: ignore[no-untyped-def]
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (2.7778, 2, "2,78"),
        (2.775, 2, "2,78"),  # half away from zero, as printed (2.775 is 2.77499... in binary)
        (-2.775, 2, "\u22122,78"),
        (0.125, 2, "0,13"),
        (2.0588, 3, "2,059"),
        (1.0, 2, "1,00"),
        (None, 2, "—"),
    ],
)
def test_number_rounds_half_away_from_zero(value: float | None, digits: int, shown: str) -> None:
    assert number(value, digits) == shown


def test_percent_and_signed_round() -> None:
    assert percent(0.695) == "70\u00a0%"
    assert percent(0.6949) == "69\u00a0%"
    assert signed(0.005) == "+0,01"
    assert signed(-0.004) == "0,00"  # rounds to zero: no sign


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (0.575, 0, "58\u00a0%"),
        (0.145, 0, "15\u00a0%"),
        (0.525, 0, "53\u00a0%"),
        (0.12345, 2, "12,35\u00a0%"),
    ],
)
def test_percent_rounds_the_printed_half_up(value: float, digits: int, shown: str) -> None:
    # 0.575 * 100 is 57.49999999999999 in binary floating point: the percentage is not
    # computed in float
    assert percent(value, digits) == shown
    assert percent(-value, digits) == "\u2212" + shown


def test_ranked_means_get_enough_digits_to_differ() -> None:
    montpellier, toulouse = 2.0588, 2.0556
    digits = separating_digits([3.1, montpellier, toulouse, toulouse])
    assert digits == 3
    assert number(montpellier, digits) != number(toulouse, digits)
    assert separating_digits([2.5, 1.25]) == 2


def test_p_values_and_the_web_pages_numbers_round_too() -> None:
    from barometre.outputs.labels import p_value
    from barometre.web.templatetags.web_tags import fr_number

    assert p_value(0.0456) == "0,046"  # was cut to 0,045
    assert p_value(0.0004) == "<\u00a00,001"  # the sign never wraps apart from its figure
    assert fr_number(1.8377) == "1,84"  # was cut to 1,83
    assert fr_number(0.587) == "0,59"
    assert fr_number(34969.5, 0) == "34\u00a0970"  # grouped, rounded
    assert fr_number(None) == "—"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")], ids=repr)
def test_a_percent_that_is_no_number_is_a_dash(value: float) -> None:
    """A NaN or ±inf read from the database (a float column may hold one) is missing, as None
    is; it raised decimal.InvalidOperation, a 500 on the page that showed it."""
    assert percent(value) == "—"


def test_a_p_value_in_a_sentence_is_never_zero() -> None:
    from barometre.outputs.labels import p_equals

    assert p_equals(0.4375) == "p\u00a0=\u00a00,438"
    assert p_equals(0.00048828125) == "p\u00a0<\u00a00,001"  # not « p = 0,000 »
    assert p_equals(0.001) == "p\u00a0=\u00a00,001"


def test_a_p_value_in_a_sentence_holds_to_its_sign() -> None:
    """« p = 0,438 » had ordinary spaces around « = » (and after « p » before « < »), where
    the significance sentences write « p < 0,05 » with no-break spaces: a line could break
    between « p » and its value."""
    from barometre.outputs.labels import p_equals

    for value in (0.4375, 0.0001):
        assert " " not in p_equals(value) and p_equals(value).count("\u00a0") == 2


def test_the_first_of_the_month_has_its_ordinal_raised_in_html_only() -> None:
    """« 1er mars 2014 » was printed plain on the pages and in the HTML reports, where French
    typography raises the ordinal's letters (as « 1<sup>er</sup> tour » already was); the
    commands, CSV and JSON keep the plain « 1er »."""
    from datetime import date

    from barometre.outputs.labels import date_label, ordinals_html
    from barometre.web.templatetags.web_tags import fr_date

    assert date_label(date(2014, 3, 1)) == "1er mars 2014"
    assert fr_date(date(2014, 3, 1)) == "1<sup>er</sup> mars 2014"
    assert fr_date(date(2014, 3, 11)) == "11 mars 2014"
    assert ordinals_html("du 1er au 11 mai, <b>21er</b>") == (
        "du 1<sup>er</sup> au 11 mai, &lt;b&gt;21er&lt;/b&gt;"  # escaped, and only « 1er »
    )
