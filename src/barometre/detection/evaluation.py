"""Scoring detection against labelled pages: exact agreement, quadratic weighted kappa, confusion.

Pure (numpy only). A "cell" is one (page, service) pair that is labelled on the page or that
the detector proposed there; a missing side counts as level 0. Cells where both sides say 0 are
not counted, so that agreement is not inflated by the many services a page is not about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from barometre.detection.analyse import analyse_page
from barometre.detection.model import Page
from barometre.detection.platforms import PlatformRegistry
from barometre.referential.catalogue import CatalogueSpec

LEVELS = 6


@dataclass(frozen=True, slots=True)
class Cell:
    page: str
    service: str
    truth: int
    predicted: int


@dataclass(frozen=True, slots=True)
class Quality:
    cells: int
    exact: float
    kappa: float
    service_found: float
    labelled_services: int
    false_services: int
    confusion: tuple[tuple[int, ...], ...]  # rows: truth 0..5, columns: predicted 0..5

    def confusion_table(self) -> str:
        head = "vrai\\détecté " + " ".join(f"{p:>5}" for p in range(LEVELS))
        rows = [
            f"{t:>12} " + " ".join(f"{n:>5}" for n in row) for t, row in enumerate(self.confusion)
        ]
        return "\n".join([head, *rows])


def cells_of(page: str, truth: Mapping[str, int], predicted: Mapping[str, int]) -> list[Cell]:
    services = sorted(set(truth) | set(predicted))
    return [Cell(page, s, truth.get(s, 0), predicted.get(s, 0)) for s in services]


def quadratic_weighted_kappa(truth: Iterable[int], predicted: Iterable[int]) -> float:
    """Cohen's kappa with quadratic weights over levels 0..5 (1.0 = perfect agreement)."""
    t = np.fromiter(truth, dtype=np.int64)
    p = np.fromiter(predicted, dtype=np.int64)
    if t.size == 0:
        return 1.0
    observed = _confusion(t, p).astype(np.float64)
    idx = np.arange(LEVELS, dtype=np.float64)
    weights = (idx[:, None] - idx[None, :]) ** 2 / (LEVELS - 1) ** 2
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    denominator = float((weights * expected).sum())
    if denominator == 0.0:
        return 1.0
    return 1.0 - float((weights * observed).sum()) / denominator


def _confusion(t: npt.NDArray[np.int64], p: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    matrix = np.zeros((LEVELS, LEVELS), dtype=np.int64)
    np.add.at(matrix, (np.clip(t, 0, LEVELS - 1), np.clip(p, 0, LEVELS - 1)), 1)
    return matrix


def quality(cells: list[Cell]) -> Quality:
    t = np.array([c.truth for c in cells], dtype=np.int64)
    p = np.array([c.predicted for c in cells], dtype=np.int64)
    labelled = int((t > 0).sum())
    found = int(((t > 0) & (p > 0)).sum())
    matrix = _confusion(t, p)
    return Quality(
        cells=len(cells),
        exact=float((t == p).mean()) if len(cells) else 1.0,
        kappa=quadratic_weighted_kappa(t.tolist(), p.tolist()),
        service_found=found / labelled if labelled else 1.0,
        labelled_services=labelled,
        false_services=int(((t == 0) & (p > 0)).sum()),
        confusion=tuple(tuple(int(n) for n in row) for row in matrix),
    )


def labelled_page(record: Mapping[str, Any]) -> tuple[Page, frozenset[str]]:
    """The page of a labelled record (`id`, `url`, `html` or `text`, `status`, `dead_urls`)."""
    page = Page(
        url=str(record["url"]),
        html=record.get("html"),
        text=record.get("text"),
        status=int(record.get("status", 200)),
    )
    return page, frozenset(record.get("dead_urls", ()))


def labelled_cells(
    records: Iterable[Mapping[str, Any]],
    *,
    catalogue: CatalogueSpec,
    platforms: PlatformRegistry,
) -> list[Cell]:
    """Detect every labelled page and compare with its `labels` ({service: level})."""
    cells: list[Cell] = []
    for record in records:
        page, dead = labelled_page(record)
        analysis = analyse_page(page, catalogue=catalogue, platforms=platforms, dead_urls=dead)
        predicted = {m.service: m.level for m in analysis.services}
        cells.extend(cells_of(str(record["id"]), record["labels"], predicted))
    return cells


def wilson_interval(successes: int, total: int, *, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95 % by default); (0, 1) when total is 0."""
    if total <= 0:
        return 0.0, 1.0
    share = successes / total
    denominator = 1 + z * z / total
    centre = (share + z * z / (2 * total)) / denominator
    half = z * float(np.sqrt(share * (1 - share) / total + z * z / (4 * total * total)))
    return max(0.0, centre - half / denominator), min(1.0, centre + half / denominator)


def kappa_interval(
    cells: list[Cell], *, draws: int = 2000, seed: int = 2026
) -> tuple[float, float]:
    """A 95 % percentile bootstrap interval of the weighted kappa, resampling whole pages."""
    pages = sorted({c.page for c in cells})
    if not pages:
        return 0.0, 1.0
    by_page = {p: [(c.truth, c.predicted) for c in cells if c.page == p] for p in pages}
    rng = np.random.default_rng(seed)
    values = np.empty(draws, dtype=np.float64)
    for i in range(draws):
        drawn = rng.integers(0, len(pages), size=len(pages))
        pairs = [pair for k in drawn for pair in by_page[pages[int(k)]]]
        values[i] = quadratic_weighted_kappa((t for t, _ in pairs), (p for _, p in pairs))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


@dataclass(frozen=True, slots=True)
class CalibrationScores:
    """How well confidences state the chance that a level is right (proper scores).

    `brier` and `log_loss`: lower is better; a constant confidence at the share right scores
    `base_brier`, so a confidence that is worse than that constant misleads. `auc`: the chance that
    a right cell has more confidence than a wrong one (0.5: the confidence does not order them).
    """

    cells: int
    share_right: float
    mean_confidence: float
    brier: float
    base_brier: float
    log_loss: float
    auc: float


def calibration_scores(pairs: Iterable[tuple[float, bool]]) -> CalibrationScores:
    """Scores of (confidence, right) pairs; confidences are clipped to [0.01, 0.99]."""
    data = [(min(0.99, max(0.01, float(p))), bool(r)) for p, r in pairs]
    if not data:
        raise ValueError("no cell to score")
    p = np.array([c for c, _ in data])
    y = np.array([1.0 if r else 0.0 for _, r in data])
    share = float(y.mean())
    right, wrong = p[y == 1], p[y == 0]
    if len(right) and len(wrong):
        higher = (right[:, None] > wrong[None, :]).sum()
        ties = (right[:, None] == wrong[None, :]).sum()
        auc = float(higher + 0.5 * ties) / (len(right) * len(wrong))
    else:
        auc = 0.5
    return CalibrationScores(
        cells=len(data),
        share_right=share,
        mean_confidence=float(p.mean()),
        brier=float(((p - y) ** 2).mean()),
        base_brier=share * (1 - share),
        log_loss=float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean()),
        auc=auc,
    )


def calibration_line(scores: CalibrationScores) -> str:
    s = scores
    return (
        f"{s.cells} cells: right {s.share_right:.3f}, mean confidence {s.mean_confidence:.3f}; "
        f"Brier {s.brier:.3f} (constant at the share right: {s.base_brier:.3f}), "
        f"log-loss {s.log_loss:.3f}, AUC {s.auc:.3f}"
    )
