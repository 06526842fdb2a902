"""The farm's commands (`python -m barometre.farm`, `.evaluate`, `.loadtest`) in French: their
help and errors as `barometre`'s own (core/argparse_fr.py), without Django."""

from __future__ import annotations

import argparse

from barometre.core.argparse_fr import argparse_install, french_metavars


def french_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """A parser whose headings, help and errors are French (argparse is set up for the process)."""
    argparse_install()
    return argparse.ArgumentParser(prog=prog, description=description)


def parse_french(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse `argv` once every option has a French placeholder (« --sites N »)."""
    french_metavars(parser)
    return parser.parse_args(argv)
