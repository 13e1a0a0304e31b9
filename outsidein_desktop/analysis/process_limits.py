"""Process limits for an XmR (individuals and moving range) chart.

The limits of NHS England's "Making Data Count" SPC charts and of the Vanguard capability
chart: the mean of the values, plus and minus 2.66 times the mean moving range (the mean
absolute difference between one value and the next, in the order they happened). A value
outside the limits is a signal of special cause; inside them is what the process, as it
stands, can be expected to do for any one customer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: 3 / d2, with d2 = 1.128 for moving ranges of two values.
XMR_FACTOR = 2.66


@dataclass(frozen=True)
class ProcessLimits:
    """Mean and natural process limits of a series, in the series' units."""

    mean: float
    lower: float  # never below the floor (0 for times)
    upper: float
    mean_moving_range: float
    n: int


def process_limits(values: np.ndarray, *, floor: float | None = 0.0) -> ProcessLimits:
    """XmR limits of ``values`` taken in the order they happened (NaNs dropped).

    The lower limit is raised to ``floor`` (a time cannot be negative); pass None to keep
    it. Fewer than two values give NaN limits."""
    data = np.asarray(values, dtype=float)
    data = data[np.isfinite(data)]
    if len(data) < 2:
        mean = float(data.mean()) if len(data) else math.nan
        return ProcessLimits(mean, math.nan, math.nan, math.nan, len(data))
    mean = float(data.mean())
    moving_range = float(np.abs(np.diff(data)).mean())
    lower = mean - XMR_FACTOR * moving_range
    if floor is not None:
        lower = max(lower, floor)
    return ProcessLimits(mean, lower, mean + XMR_FACTOR * moving_range, moving_range,
                         len(data))
