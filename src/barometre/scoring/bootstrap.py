"""Bootstrap confidence intervals on headline means, resampling cities (vectorised, seeded).

Both statistics are built from per-city sums: with `total[c]` the sum of a city's values and
`count[c]` its number of cells, the cell-weighted mean is sum(total) / sum(count) and the mean of
city means is mean(total / count). A resample draws cities with replacement.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from barometre.scoring.results import Interval

DEFAULT_RESAMPLES = 1000
CONFIDENCE = 0.95
_CHUNK_VALUES = 262_144  # resample indices per chunk: small enough for the gathers to stay in cache

FloatArray = npt.NDArray[np.float64]


def bootstrap_means(
    total: FloatArray,
    count: FloatArray,
    *,
    rng: np.random.Generator,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = CONFIDENCE,
) -> tuple[Interval | None, Interval | None]:
    """Percentile intervals of (cell-weighted mean, mean of city means).

    Only cities with at least one cell (count > 0) are resampled. None when fewer than 2 cities.
    """
    keep = count > 0
    total, count = total[keep], count[keep]
    cities = int(total.size)
    if cities < 2 or resamples < 1:
        return None, None
    city_means = total / count
    # total + i*count: one gather gives both sums of a resample (real and imaginary parts).
    paired = total + 1j * count
    pooled = np.empty(resamples, dtype=np.float64)
    of_cities = np.empty(resamples, dtype=np.float64)
    chunk = max(1, _CHUNK_VALUES // cities)
    for start in range(0, resamples, chunk):
        stop = min(resamples, start + chunk)
        picks = rng.integers(0, cities, size=(stop - start, cities), dtype=np.int32)
        sums = paired[picks].sum(axis=1)
        pooled[start:stop] = sums.real / sums.imag
        of_cities[start:stop] = city_means[picks].mean(axis=1)
    return _interval(pooled, confidence), _interval(of_cities, confidence)


def _interval(samples: FloatArray, confidence: float) -> Interval:
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(samples, [tail, 1.0 - tail])
    return Interval(float(low), float(high), confidence, int(samples.size))
