"""Numbers as the results view shows them: the same figures, in the same units and to the
same digits, as ``outsidein run`` prints (analysis/summary_text.py), so that a card and the
terminal agree to the last digit.

Times are minutes in, human units out (domain.units.format_minutes); shares are fractions
in, percentages out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...analysis.estimates import Estimate
from ...domain.units import format_minutes, format_share

NOT_AVAILABLE = "n/a"


def time_text(minutes: float, like: float | None = None) -> str:
    """A time; ``like`` (a mean) gives the unit, for a confidence limit beside its mean."""
    return format_minutes(minutes, like=like) if math.isfinite(minutes) else NOT_AVAILABLE


def time_limits(estimate: Estimate) -> tuple[str, str]:
    """A time's 95% confidence limits in its mean's unit. A time is never negative: a
    lower limit below zero (few replications, much spread) is shown as 0."""
    return (time_text(max(estimate.low, 0.0), like=estimate.mean),
            time_text(estimate.high, like=estimate.mean))


def share_text(share: float) -> str:
    return format_share(share) if math.isfinite(share) else NOT_AVAILABLE


def count_text(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}f}" if math.isfinite(value) else NOT_AVAILABLE


@dataclass(frozen=True)
class Measure:
    """How one customer's-view measure is shown: its card title, how its numbers are
    written, and which plain-English reading goes under it."""

    key: str  # the measure in Results.customer
    title: str
    kind: str  # "time", "share" or "count"
    digits: int = 2
    unit: str = ""  # after a count: "per customer"
    readings: tuple[str, ...] = ()  # keys of report.readings.headline_readings, in order
    explain: str = ""  # what the measure is, for a card with no reading of its own

    def value(self, estimate: Estimate) -> str:
        """The headline figure: "18.7 weeks", "78.0%", "5.08 per customer"."""
        text = self.number(estimate)
        return f"{text} {self.unit}" if self.unit and text != NOT_AVAILABLE else text

    def number(self, estimate: Estimate) -> str:
        """The figure without the unit after a count: "5.08"."""
        return self._text(estimate.mean)

    def interval(self, estimate: Estimate) -> str:
        """The 95% confidence interval in small print, or why there is none."""
        if not math.isfinite(estimate.mean):
            return ""
        if not (math.isfinite(estimate.low) and math.isfinite(estimate.high)):
            return "no 95% CI from a single replication"
        if self.kind == "time":
            low, high = time_limits(estimate)
            return f"95% CI {low} to {high}"
        return f"95% CI {self._text(estimate.low)} to {self._text(estimate.high)}"

    def _text(self, x: float) -> str:
        if self.kind == "time":
            return time_text(x)
        if self.kind == "share":
            return share_text(x)
        return count_text(x, self.digits)


#: The headline cards, customer's view, in the order a board reads them.
HEADLINES: tuple[Measure, ...] = (
    Measure("end_to_end_median", "Median end-to-end time", "time",
            readings=("end_to_end_median", "end_to_end")),
    Measure("end_to_end_p90", "90th percentile end-to-end", "time",
            readings=("end_to_end_p90", "spread")),
    Measure("waiting_share", "Time spent waiting", "share", readings=("waiting_share",),
            explain="The share of the end-to-end time when no one is working with the "
                    "customer: queues, handoffs, delays."),
    Measure("unowned_mean", "Unowned time between teams", "time",
            readings=("unowned_mean", "unowned"),
            explain="The time from one team finishing with the customer to the next team "
                    "starting: handoff delays, other delays and the queue for the next "
                    "team. No single team owns this time."),
    Measure("handoffs_per_customer", "Handoffs between teams", "count",
            unit="per customer", readings=("handoffs_per_customer", "handoffs")),
    Measure("story_repeats_per_customer", "Story told again", "count", unit="per customer",
            readings=("story_repeats_per_customer",),
            explain="Times a customer repeats their story because their information did "
                    "not travel with them."),
    Measure("chases_per_100", "Chases (failure demand)", "count", digits=1,
            unit="per 100", readings=("chases_per_100", "failure_demand")),
    Measure("gave_up_share", "Gave up", "share", readings=("gave_up_share", "gave_up")),
)


def pick_readings(readings: dict[str, str]) -> dict[str, str]:
    """The reading for each card: its own key first, then the report's broader sentence;
    a sentence already under an earlier card is not repeated."""
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for measure in HEADLINES:
        for key in measure.readings:
            if key in readings and key not in used:
                chosen[measure.key] = readings[key]
                used.add(key)
                break
        else:
            if measure.explain:
                chosen[measure.key] = measure.explain
    return chosen


def wait_text(estimate: Estimate) -> str:
    """A wait with its CI for a table cell's tooltip."""
    if not math.isfinite(estimate.mean):
        return NOT_AVAILABLE
    if not math.isfinite(estimate.low):
        return time_text(estimate.mean)
    low, high = time_limits(estimate)
    return f"{time_text(estimate.mean)} (95% CI {low} to {high})"


def share_ci_text(estimate: Estimate) -> str:
    if not math.isfinite(estimate.mean):
        return NOT_AVAILABLE
    if not math.isfinite(estimate.low):
        return share_text(estimate.mean)
    return (f"{share_text(estimate.mean)} (95% CI {share_text(estimate.low)} to "
            f"{share_text(estimate.high)})")
