"""A chart's tooltip or label reads the figure the table beside it prints. d3 formats the binary
value, as JavaScript's toFixed: a domain mean of 2.775 (the binary 2.77499…) read « 2.77 » in the
tooltip beside the table's 2,78, a share of 0.575 (× 100: 57.4999…) « 57 % » beside 58 %."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import translation

from barometre.outputs.charts import domain_means, ranking
from barometre.outputs.data import report_data
from barometre.outputs.labels import number, percent
from tests.factories import CampaignFactory, CommuneFactory, set_cells

NOW = datetime(2026, 3, 1, tzinfo=UTC)
# 10 services that reach level 4 at most, one of état civil
FOUR = (
    "actes-etat-civil",
    "listes-electorales",
    "recensement-citoyen",
    "paiement-famille",
    "petite-enfance",
    "accueil-loisirs",
    "urbanisme",
    "signalement",
    "encombrants",
    "bibliotheque",
)


def _d3(value: float, fmt: str) -> str:
    """What d3-format writes of `value` (".2f", ".0%"): toFixed, the exact binary value rounded
    (ECMAScript: the nearest n, the larger of two), here with a French decimal comma."""
    digits, kind = re.fullmatch(r"\.(\d)([f%])", fmt).groups()  # type: ignore[union-attr]
    exact = Decimal(value * 100 if kind == "%" else value)
    text = str(exact.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP))
    return text.replace(".", ",") + ("\u00a0%" if kind == "%" else "")


def _tooltip_format(spec: dict[str, Any], field: str) -> str:
    return next(t["format"] for t in spec["encoding"]["tooltip"] if t["field"] == field)


def test_a_chart_reads_the_figures_of_its_table(db) -> None:  # type: ignore[no-untyped-def]
    """État civil: 31 communes at level 3 and 9 at 2, mean 111/40 = 2.775; Ville 00 at 2 or 3 in
    its ten services, 23 of 40 levels attainable: a share of 0.575, first of the ranking."""
    communes = [CommuneFactory(code=f"92{i:03d}", name=f"Ville {i:02d}") for i in range(40)]
    campaign = CampaignFactory(name="2026", communes=communes)
    levels: dict[tuple[str, str], int | str] = {
        (c.code, "actes-etat-civil"): 3 if i < 31 else 2 for i, c in enumerate(communes)
    }
    # Ville 00: 3 in état civil, then 2 2 2 2 2 2 2 3 3 (23 in all), the others 0 elsewhere
    levels |= {("92000", s): 2 for s in FOUR[1:]} | {("92000", s): 3 for s in FOUR[-2:]}
    levels |= {(c.code, s): 0 for c in communes[1:] for s in FOUR[1:]}
    set_cells(campaign, levels)
    data = report_data(campaign=campaign, now=NOW)
    with translation.override("fr"):
        means = domain_means(data)
        civil = next(v for v in means["data"]["values"] if v["domain"] == "État civil")
        assert data.scores.by_domain["etat-civil"].mean_level == 2.775
        assert _d3(civil["mean"], _tooltip_format(means, "mean")) == number(2.775) == "2,78"

        spec = ranking(data)
        first = spec["data"]["values"][0]
        assert first["city"] == "1. Ville 00"
        assert data.scores.by_city[0].share_of_max == 0.575
        # printed by the report's own `percent`, as the ranking's table (a text field)
        assert {"field": "share_label", "title": "part du maximum atteignable"} in spec["encoding"][
            "tooltip"
        ]
        assert first["share_label"] == percent(0.575) == "58\u00a0%"
