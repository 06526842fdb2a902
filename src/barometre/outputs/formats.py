"""The report formats and defaults, light enough for `barometre report --help` to import."""

from __future__ import annotations

FORMATS = ("html", "json", "csv", "xlsx")
DEFAULT_SEED = 2026
