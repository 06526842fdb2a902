"""The farm's own commands (`python -m barometre.farm`, `.evaluate`, `.loadtest`) speak French
in their help and their errors, as `barometre` does (core/argparse_fr.py)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

COMMANDS = ("barometre.farm", "barometre.farm.evaluate", "barometre.farm.loadtest")
ENGLISH = ("usage:", "options:", "show this help", "error:", "invalid int value", "print the")


def _run(module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The command in its own process, as an operator runs it (argparse is set up per process)."""
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("module", COMMANDS)
def test_the_help_of_each_farm_command_is_french(module: str) -> None:
    shown = _run(module, "--help")
    text = shown.stdout
    assert shown.returncode == 0, shown.stderr
    assert text.startswith(f"usage\u00a0: python -m {module} "), text
    assert not [e for e in ENGLISH if e in text], text
    headings = [line for line in text.splitlines() if line.endswith(":") and line[:1] != " "]
    assert headings and all(line.endswith("\u00a0:") for line in headings), headings
    # every option says what it does, with a French placeholder (« --sites N », not « SITES »)
    lines = text.splitlines()
    options = [
        (line, after)
        for line, after in zip(lines, lines[1:], strict=False)
        if line.startswith("  -")
    ]
    silent = [
        line
        for line, after in options
        if not re.search(r"\S  +\S", line) and not after.startswith(" " * 20)
    ]
    assert options and not silent, silent
    english = [
        m[0]
        for m in re.finditer(r"--([a-z][a-z-]*) ([A-Z_]+)\b", text)
        if m[2] == m[1].upper().replace("-", "_") and m[2] != "PORT"
    ]
    assert not english, english
    assert "--help" in text and "Afficher cette aide et quitter" in text


@pytest.mark.parametrize("module", COMMANDS)
def test_a_farm_command_refuses_a_bad_number_in_french(module: str) -> None:
    refused = _run(module, "--sites", "x")
    assert refused.returncode == 2
    assert (
        f"python -m {module}\u00a0: erreur\u00a0: argument --sites\u00a0: valeur invalide"
        "\u00a0: «\u00a0x\u00a0» (nombre entier attendu)" in refused.stderr
    ), refused.stderr


@pytest.mark.parametrize(
    ("module", "arguments", "said"),
    [
        # a farm of no site failed with a traceback (ZeroDivisionError)
        (
            "barometre.farm.loadtest",
            ["--sites", "0"],
            "--sites\u00a0: valeur invalide\u00a0: «\u00a00\u00a0»",
        ),
        # no client, or no time: « 0 requête en 0,0 s », a measure of nothing
        (
            "barometre.farm.loadtest",
            ["--clients", "0"],
            "«\u00a00\u00a0» (nombre entier d'au moins 1 attendu)",
        ),
        (
            "barometre.farm.loadtest",
            ["--seconds", "0"],
            "«\u00a00\u00a0» (nombre d'au moins 0,1 attendu)",
        ),
        (
            "barometre.farm.loadtest",
            ["--seconds", "-1"],
            "«\u00a0-1\u00a0» (nombre d'au moins 0,1 attendu)",
        ),
        # float() takes other digits, underscores and exponents: « ١ » measured one second
        (
            "barometre.farm.loadtest",
            ["--seconds", "\u0661"],
            "«\u00a0\u0661\u00a0» (nombre attendu)",
        ),
        ("barometre.farm.loadtest", ["--seconds", "1_0"], "«\u00a01_0\u00a0» (nombre attendu)"),
        ("barometre.farm.loadtest", ["--seconds", "1e3"], "«\u00a01e3\u00a0» (nombre attendu)"),
        (
            "barometre.farm.evaluate",
            ["--misses", "-1"],
            "«\u00a0-1\u00a0» (nombre entier d'au moins 0 attendu)",
        ),
        (
            "barometre.farm.evaluate",
            ["--sites", "0"],
            "«\u00a00\u00a0» (nombre entier d'au moins 1 attendu)",
        ),
        ("barometre.farm", ["--slow-delay", " 2 "], "«\u00a0 2 \u00a0» (nombre attendu)"),
    ],
)
def test_a_farm_command_refuses_a_number_out_of_its_range_in_french(
    module: str, arguments: list[str], said: str
) -> None:
    refused = _run(module, *arguments)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "Traceback" not in refused.stderr, refused.stderr
    assert f"argument {arguments[0]}\u00a0: valeur invalide\u00a0: " in refused.stderr
    assert said in refused.stderr, refused.stderr


def test_a_farm_number_option_takes_a_french_decimal_comma() -> None:
    shown = _run("barometre.farm.loadtest", "--sites", "1", "--pages", "1", "--seconds", "0,2")
    assert shown.returncode == 0, shown.stderr
    # measured for 0.2 s (the time taken, a little more under load), not refused nor 2 s
    assert re.search(r" en 0,\d\u00a0s\u00a0: ", shown.stdout), shown.stdout
