"""French labels shown in the human-readable reports (HTML and XLSX)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

LEVEL_NAMES = {
    0: "0 · absent",
    1: "1 · information",
    2: "2 · interaction à sens unique",
    3: "3 · interaction bidirectionnelle",
    4: "4 · transaction",
    5: "5 · personnalisation",
}

DEMO_BANNER = "Données de démonstration — pas une mesure réelle"


def reason_label(reason: str | None) -> str:
    labels = {
        "no_paired_cells": _("aucune cellule comparable"),
        "all_differences_zero": _("aucune ville n'a changé dans ce domaine"),
        "too_few_cities": _("trop peu de villes ont changé (moins de 6) pour conclure"),
    }
    return str(labels.get(reason or "", reason or ""))


def level_names() -> dict[int, str]:
    return {level: _(name) for level, name in LEVEL_NAMES.items()}


def number(value: float | None, digits: int = 2) -> str:
    """A number in French notation ("1,77"); a dash when there is none."""
    return "—" if value is None else str(number_format(value, digits))


def signed(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + str(number_format(value, digits))


def percent(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{number_format(value * 100, digits)} %"


def p_value(value: float | None) -> str:
    if value is None:
        return "—"
    return "< 0,001" if value < 0.001 else str(number_format(value, 3))
