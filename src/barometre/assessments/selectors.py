"""Reads of assessments for scoring and reports. Nothing here writes."""

from __future__ import annotations

import numpy as np
from django.db.models import IntegerField, Value
from django.db.models.functions import Coalesce

from barometre.assessments.models import Cell
from barometre.referential.models import Campaign
from barometre.scoring import NA, Grid

_CHUNK = 20_000


def campaign_grid(campaign: Campaign) -> Grid:
    """The campaign as a scoring grid: its communes (largest first) x its catalogue's services.

    A commune with no cell for a service holds level 0 (a service not found counts as 0). Cells
    of communes no longer in the campaign, or of services not in its catalogue, are left out.
    """
    services = list(
        campaign.catalogue.services.order_by("position", "pk").values_list(
            "pk", "slug", "label", "domain", "max_level"
        )
    )
    communes = list(
        campaign.communes.order_by("-population", "code").values_list("code", "name", "bracket")
    )
    row_of = {code: i for i, (code, _, _) in enumerate(communes)}
    column_of = {pk: j for j, (pk, *_) in enumerate(services)}
    levels = np.zeros((len(communes), len(services)), dtype=np.int8)
    cells = (
        Cell.objects.filter(campaign=campaign)
        .annotate(value=Coalesce("level", Value(NA), output_field=IntegerField()))
        .values_list("commune_id", "service_id", "value")
        .iterator(chunk_size=_CHUNK)
    )
    rows, columns, values = [], [], []
    for commune_id, service_id, value in cells:
        rows.append(row_of.get(commune_id, -1))
        columns.append(column_of.get(service_id, -1))
        values.append(value)
    row_index = np.array(rows, dtype=np.int64)
    column_index = np.array(columns, dtype=np.int64)
    known = (row_index >= 0) & (column_index >= 0)
    levels[row_index[known], column_index[known]] = np.array(values, dtype=np.int8)[known]
    return Grid(
        campaign=campaign.name,
        codes=tuple(c[0] for c in communes),
        names=tuple(c[1] for c in communes),
        brackets=tuple(c[2] for c in communes),
        service_ids=tuple(s[1] for s in services),
        domains=tuple(s[3] for s in services),
        max_levels=np.array([s[4] for s in services], dtype=np.int8),
        levels=levels,
        service_labels=tuple(s[2] for s in services),
        domain_labels=dict(campaign.catalogue.domains),
    )
