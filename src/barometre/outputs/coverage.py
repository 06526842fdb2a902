"""What a report says about its coverage: measured cells and communes out of the campaign's.

Every figure of a report is over measured cells (docs/method/SCALE.md, "Reporting conventions");
these sentences say how much was measured, in every format, and in the headline when coverage is
below 100 %.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from barometre.outputs.labels import number, percent
from barometre.scoring import Coverage

UNMEASURED_SHOWN = 200  # communes listed in the HTML report; JSON, CSV and XLSX list them all


def coverage_sentence(coverage: Coverage) -> str:
    """ "4 cellules mesurées sur 9 (44 %), dans 2 communes sur 3" """
    cells = ngettext(
        "%(measured)s cellule mesurée sur %(cells)s (%(share)s)",
        "%(measured)s cellules mesurées sur %(cells)s (%(share)s)",
        coverage.measured_cells,
    ) % {
        "measured": number(coverage.measured_cells, 0),
        "cells": number(coverage.cells, 0),
        "share": percent(coverage.share_of_cells),
    }
    communes = ngettext(
        "dans %(measured)s commune sur %(communes)s",
        "dans %(measured)s communes sur %(communes)s",
        coverage.measured_communes,
    ) % {
        "measured": number(coverage.measured_communes, 0),
        "communes": number(coverage.communes, 0),
    }
    return f"{cells}, {communes}"


def coverage_headline(coverage: Coverage) -> str:
    """The warning shown at the top of a report whose coverage is below 100 %, else ""."""
    if coverage.complete and coverage.cells:
        return ""
    return _(
        "Couverture partielle : %(sentence)s. Tous les chiffres portent sur les seules cellules "
        "mesurées ; une cellule non mesurée ne compte pas 0."
    ) % {"sentence": coverage_sentence(coverage)}
