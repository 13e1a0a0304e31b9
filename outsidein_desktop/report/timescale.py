"""The time unit a chart's axis is drawn in, chosen from the scale of its data.

The engine counts minutes; people read hours, days and weeks. The thresholds match
:func:`outsidein_desktop.domain.units.format_minutes`, so a chart and its reading agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..domain.units import MINUTES_PER


@dataclass(frozen=True)
class TimeUnit:
    """A unit for an axis: its plural name ("days") and its length in minutes."""

    name: str
    minutes: float

    def label(self, what: str) -> str:
        """An axis label with the unit stated: "End-to-end time (days)"."""
        return f"{what} ({self.name})"


def unit_for(minutes: float) -> TimeUnit:
    """The unit in which ``minutes`` (a typical large value on the axis) reads best."""
    if not math.isfinite(minutes) or minutes < 90:
        name = "minutes"
    elif minutes < 48 * 60:
        name = "hours"
    elif minutes < 10 * MINUTES_PER["weeks"]:
        name = "days"
    else:
        name = "weeks"
    return TimeUnit(name, MINUTES_PER[name])
