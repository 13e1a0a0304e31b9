"""The knee of a curve: the value where more of a parameter stops paying (or starts to
cost), found as in Kneedle (Satopää et al., 2011): scale both axes to 0..1 and take the
point farthest from the chord joining the first point to the last.

Simulated curves are noisy: a blip of chance (a point a little above its neighbour on a
falling curve) would otherwise be the point farthest from the chord. So the chord
distance is measured on the curve's isotonic regression (scipy), the nearest curve that
only falls (or only rises), which pools such blips with their neighbours.

A flat curve (its rise no larger than the noise in it) and a straight one (no point
farther from the chord than :data:`LEAST_BEND`) have no knee.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import isotonic_regression

#: The least distance from the chord (measured along y, as a share of the curve's rise)
#: that counts as a bend. A quarter circle bends by 0.41 and 1/x over 1..6 by 0.4; a
#: straight line with a little noise by a few hundredths.
LEAST_BEND = 0.1


@dataclass(frozen=True)
class Knee:
    """Where a curve bends most."""

    index: int  # of the point, among the points given
    value: float  # the parameter's value there
    flattens: bool  # True: beyond the knee the measure changes less (returns diminish)
    bend: float  # the distance from the chord, as a share of the rise (0 to 1)


def is_flat(y: np.ndarray | list[float], noise: float = 0.0) -> bool:
    """True if the values ``y`` (missing ones left out) rise or fall by no more than
    ``noise`` from the lowest to the highest: nothing to read from them."""
    y = np.asarray(y, dtype=float)
    y = y[np.isfinite(y)]
    if len(y) < 2:
        return True
    rise = float(y.max() - y.min())
    return rise <= max(noise, 1e-12 * float(np.abs(y).max()))


def find_knee(x: np.ndarray | list[float], y: np.ndarray | list[float],
              noise: float = 0.0) -> Knee | None:
    """The knee of the curve through points (x, y), x rising; points with a missing y are
    left out. ``noise`` is how far the y values could move by chance (the half-width of
    their confidence intervals, say): a rise or a bend smaller than it is not a knee.
    None when there is no knee: fewer than three points, a flat curve or a straight one."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    index = np.flatnonzero(keep)
    x, y = x[keep], y[keep]
    if len(x) < 3 or np.any(np.diff(x) <= 0):
        return None
    if is_flat(y, noise):
        return None
    rising = bool(np.polyfit(x, y, 1)[0] > 0)
    trend = isotonic_regression(y, increasing=rising).x
    rise = float(trend.max() - trend.min())
    if rise <= 0:
        return None
    xn = (x - x[0]) / (x[-1] - x[0])
    yn = (trend - trend.min()) / rise
    distance = yn - (yn[0] + (yn[-1] - yn[0]) * xn)
    at = int(np.argmax(np.abs(distance)))
    bend = float(abs(distance[at]))
    if at in (0, len(x) - 1) or bend < LEAST_BEND or bend * rise <= noise:
        return None
    # A rising curve above its chord, or a falling one below it, levels off after the knee.
    return Knee(int(index[at]), float(x[at]), bool((distance[at] > 0) == rising), bend)
