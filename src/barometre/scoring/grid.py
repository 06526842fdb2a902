"""The input of scoring: one campaign as a matrix of levels (communes x services).

Pure: built by `barometre.assessments.selectors.campaign_grid` from the database, or by hand in
tests. Every commune of the campaign is a row and every service of its catalogue a column. A cell
holds its recorded level (0 to 5; a service looked for and not found is a recorded 0), `NA` when
recorded not applicable, and `UNMEASURED` when nobody recorded it: an unmeasured cell is never
counted as 0, it is left out of every figure (docs/method/SCALE.md, "Reporting conventions").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

NA: Final = -1
"""Marker of a not-applicable cell in `Grid.levels`."""

UNMEASURED: Final = -2
"""Marker of a cell that nobody recorded (neither a level nor not applicable)."""

MAX_LEVEL: Final = 5
TRANSACTIONAL_LEVEL: Final = 4

LevelMatrix = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True, eq=False)
class Grid:
    """One campaign's cells: `levels[i, j]` is commune `codes[i]` for service `service_ids[j]`."""

    campaign: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    brackets: tuple[str, ...]
    service_ids: tuple[str, ...]
    domains: tuple[str, ...]
    max_levels: npt.NDArray[np.int8]
    levels: LevelMatrix
    service_labels: tuple[str, ...] = ()
    domain_labels: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rows, cols = len(self.codes), len(self.service_ids)
        problems = []
        if len(self.names) != rows or len(self.brackets) != rows:
            problems.append("codes, names and brackets differ in length")
        if len(self.domains) != cols or self.max_levels.shape != (cols,):
            problems.append("service_ids, domains and max_levels differ in length")
        if self.service_labels and len(self.service_labels) != cols:
            problems.append("service_labels and service_ids differ in length")
        if self.levels.shape != (rows, cols):
            problems.append(f"levels has shape {self.levels.shape}, expected {(rows, cols)}")
        if len(set(self.codes)) != rows or len(set(self.service_ids)) != cols:
            problems.append("duplicate commune code or service id")
        if self.levels.size and (self.levels.min() < UNMEASURED or self.levels.max() > MAX_LEVEL):
            problems.append("levels outside -2 (unmeasured), -1 (not applicable) .. 5")
        if cols and (self.max_levels.min() < 1 or self.max_levels.max() > MAX_LEVEL):
            problems.append("max_levels outside 1 .. 5")
        if problems:
            raise ValueError("invalid grid: " + "; ".join(problems))
        self.levels.setflags(write=False)
        self.max_levels.setflags(write=False)

    @classmethod
    def from_rows(
        cls,
        *,
        campaign: str,
        communes: Sequence[tuple[str, str, str]],
        services: Sequence[tuple[str, str, int]],
        levels: Sequence[Sequence[int | None]],
        service_labels: Sequence[str] = (),
        domain_labels: Mapping[str, str] | None = None,
    ) -> Grid:
        """Build a grid from plain rows: communes (code, name, bracket), services (id, domain,
        max_level) and one row of levels per commune, `None` meaning not applicable and
        `UNMEASURED` a cell nobody recorded."""
        matrix = np.array(
            [[NA if v is None else v for v in row] for row in levels], dtype=np.int8
        ).reshape(len(communes), len(services))
        return cls(
            campaign=campaign,
            codes=tuple(c[0] for c in communes),
            names=tuple(c[1] for c in communes),
            brackets=tuple(c[2] for c in communes),
            service_ids=tuple(s[0] for s in services),
            domains=tuple(s[1] for s in services),
            max_levels=np.array([s[2] for s in services], dtype=np.int8),
            levels=matrix,
            service_labels=tuple(service_labels),
            domain_labels=dict(domain_labels or {}),
        )

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.codes), len(self.service_ids)

    @property
    def measured(self) -> npt.NDArray[np.bool_]:
        """Cells holding a recorded value: a level or not applicable."""
        return self.levels >= NA

    def with_rows(self, rows: npt.NDArray[np.bool_]) -> Grid:
        """The same grid restricted to the communes selected by `rows`."""
        pick = np.flatnonzero(rows).tolist()
        return Grid(
            campaign=self.campaign,
            codes=tuple(self.codes[i] for i in pick),
            names=tuple(self.names[i] for i in pick),
            brackets=tuple(self.brackets[i] for i in pick),
            service_ids=self.service_ids,
            domains=self.domains,
            max_levels=self.max_levels.copy(),
            levels=self.levels[rows].copy(),
            service_labels=self.service_labels,
            domain_labels=self.domain_labels,
        )

    def domain_order(self) -> tuple[str, ...]:
        """Domains in the order of their first service in the catalogue."""
        return tuple(dict.fromkeys(self.domains))

    def label_of_service(self, index: int) -> str:
        return self.service_labels[index] if self.service_labels else self.service_ids[index]
