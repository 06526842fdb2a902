"""The command line's number options in French: ASCII digits only, finite numbers, a French
decimal comma, bounds said and long values cut (core/argparse_fr.py)."""

from __future__ import annotations

import argparse

import pytest

from barometre.cli import main


def test_a_value_that_is_not_a_number_is_said_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """argparse names the type it expected by its Python name (« valeur invalide (int) »)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--campaign", "x", "--out", "x.html", "--seed", "abc"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --seed : valeur invalide : «\u00a0abc\u00a0» (nombre entier attendu)" in err, (
        err
    )
    with pytest.raises(SystemExit):
        main(["programmes", "import", "f.pdf", "--max-seconds", "vite"])
    assert "valeur invalide : «\u00a0vite\u00a0» (nombre attendu)" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e999", "1,5,0"])
def test_a_number_option_refuses_what_is_no_finite_number(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """float() takes "nan" and "inf": a NaN limit compares false to every bound (the worker's
    --lease < 1 check let it through)."""
    with pytest.raises(SystemExit):
        main(["worker", "--campaign", "x", f"--lease={text}"])
    assert (
        f"valeur invalide\u00a0: «\u00a0{text}\u00a0» (nombre attendu)" in capsys.readouterr().err
    )


def test_a_number_option_takes_a_french_decimal_comma() -> None:
    from barometre.core.argparse_fr import TYPES

    assert TYPES[float]("1,5") == TYPES[float]("1.5") == 1.5


@pytest.mark.parametrize(
    "text",
    [
        "1_0",
        " 2 ",
        "+3",
        "\u0661",
        "\u0661\u066b\u0665",
        "\uff11",
        "1e3",
        "0x1",
        "",
        ",",
        "9" * 400,
    ],
)
def test_a_number_option_takes_ascii_digits_only(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """float() takes "1_0", " 2 ", Arabic-Indic or fullwidth digits and exponents: a --lease or a
    --max-seconds of « ١ » ran as if 1 had been typed (and 400 nines are an infinity)."""
    from barometre.core.argparse_fr import TYPES, argparse_install

    argparse_install()
    parser = argparse.ArgumentParser(prog="barometre")
    parser.add_argument("--lease", type=TYPES[float])
    with pytest.raises(SystemExit):
        parser.parse_args([f"--lease={text}"])
    shown = f"«\u00a0{text if len(text) <= 40 else text[:39] + '…'}\u00a0»"
    said = f"argument --lease\u00a0: valeur invalide\u00a0: {shown} (nombre attendu)"
    if not text:  # nothing to quote: « » with nothing inside read as a misprint
        said = "argument --lease\u00a0: valeur vide (nombre attendu)"
    assert said in capsys.readouterr().err


def test_a_number_option_says_its_bounds_in_french() -> None:
    from barometre.core.argparse_fr import number

    seconds = number(minimum=0.5, maximum=10)
    assert seconds("0,5") == 0.5 and seconds("10") == 10.0 and number()("-,5") == -0.5
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        seconds("0,25")
    assert (
        str(refused.value)
        == "valeur invalide\u00a0: «\u00a00,25\u00a0» (nombre de 0,5 à 10 attendu)"
    )
    with pytest.raises(argparse.ArgumentTypeError, match="nombre d'au moins 0 attendu"):
        number(minimum=0)("-1")


@pytest.mark.parametrize("text", ["1_000", " 12 ", "+3", "\u0661\u0662", "\uff11\uff12", "1.0"])
def test_an_integer_option_takes_ascii_digits_only(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """int() takes "1_000", " 12 " and Arabic-Indic or fullwidth digits: an --seed of « ١٢ »
    ran a report as if 12 had been typed."""
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--campaign", "x", "--out", "x.html", "--seed", text])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    said = f"--seed\u00a0: valeur invalide\u00a0: «\u00a0{text}\u00a0» (nombre entier attendu)"
    assert said in err


def test_an_integer_option_quotes_a_long_value_cut_and_says_its_bounds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--campaign", "x", "--out", "x.html", "--seed", "9" * 500 + "\x00"])
    err = capsys.readouterr().err
    assert "9" * 41 not in err and "«\u00a0" + "9" * 39 + "…\u00a0»" in err, err
    with pytest.raises(SystemExit):
        main(["report", "--campaign", "x", "--out", "x.html", "--seed", "-1"])
    assert "«\u00a0-1\u00a0» (nombre entier d'au moins 0 attendu)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--campaign", "x", "--out", "x.html", "--seed", "x" * 60])
    assert "«\u00a0" + "x" * 39 + "…\u00a0» (nombre entier attendu)" in capsys.readouterr().err


def test_an_integer_option_still_takes_plain_digits() -> None:
    from barometre.core.argparse_fr import TYPES, integer

    assert TYPES[int]("12") == 12 and TYPES[int]("-3") == -3
    assert integer(minimum=1, maximum=3)("3") == 3


@pytest.mark.parametrize("text", ["0", "-1", "0,05"])
def test_a_reading_time_of_zero_or_less_is_refused_not_read_as_no_limit(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`programmes import --max-seconds 0` (or -1) read every file with no time limit at all
    (`reading.time_limit` takes 0 or less as none), the opposite of what was typed."""
    with pytest.raises(SystemExit) as exit_info:
        main(["programmes", "import", "f.pdf", f"--max-seconds={text}"])
    assert exit_info.value.code == 2
    said = (
        f"--max-seconds\u00a0: valeur invalide\u00a0: «\u00a0{text}\u00a0» (nombre d'au moins 0,1"
    )
    assert said in capsys.readouterr().err
