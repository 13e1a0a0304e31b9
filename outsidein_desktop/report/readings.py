"""Plain-English readings of a run's results: the headline sentences and chart titles.

Each sentence states a finding in human units (days and weeks, not minutes) and in the
map's own words (its teams, steps and outcomes). Nothing is computed here that the
analysis layer gives: these functions only choose words for its numbers.
"""

from __future__ import annotations

import math

import numpy as np

from ..analysis.process_limits import ProcessLimits
from ..analysis.results import Results
from ..domain.units import format_minutes
from .timescale import TimeUnit, unit_for

#: Above this utilisation, queues grow quickly with every extra bit of work.
BUSY = 0.85

#: What each piece of the time budget is, in words (the legend of "where the time goes").
PIECE_LABELS = {
    "getting_there": "Getting there (handoffs, delays)",
    "queue": "Queueing for the team",
    "touch": "With staff (touch time)",
    "back_office": "Work without the customer",
}
_PIECE_PHRASES = {
    "getting_there": "is getting from one step to the next",
    "queue": "is queueing for a team",
    "touch": "is time with staff",
    "back_office": "is work done without the customer",
}


def percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage that never rounds to a false 0% or 100%."""
    if not math.isfinite(share):
        return "an unknown share"
    value = 100 * share
    if 0 < value < 0.5:
        return "less than 1%"
    if 99.5 <= value < 100:
        return "more than 99%"
    return f"{value:.0f}%"


def number(value: float) -> str:
    """A figure for a sentence: 3.2, 41, 1,250 (two significant digits below 10)."""
    if not math.isfinite(value):
        return "n/a"
    if abs(value) >= 10:
        return f"{value:,.0f}"
    return f"{value:.1f}".removesuffix(".0")


def in_unit(minutes: float, unit: TimeUnit) -> str:
    """``minutes`` as a number of ``unit`` with the unit's name: "61 days"."""
    return f"{number(minutes / unit.minutes)} {unit.name}"


# --- the headline readings ---------------------------------------------------------------


def headline_readings(results: Results, people: str = "customers") -> dict[str, str]:
    """One sentence per headline measure of the customer's view, in the order a board
    reads them. Keys: end_to_end, spread, unowned, handoffs, failure_demand, gave_up,
    outcomes. ``people`` is the word for the people going through ("patients")."""
    c = results.customer
    People = people[:1].upper() + people[1:]
    median = c["end_to_end_median"].mean
    if not math.isfinite(median):
        finished = (f"No {people.rstrip('s')} finished a journey in the run, so there is no "
                    "end-to-end time; try a longer run.")
        return {"end_to_end": finished}
    readings = {
        "end_to_end": (f"Half of {people} wait more than {format_minutes(median)} from first "
                       f"contact to outcome; {percent(c['waiting_share'].mean)} of that time "
                       "is waiting."),
        "spread": (f"One in ten waits more than {format_minutes(c['end_to_end_p90'].mean)}."),
        "unowned": (f"{People} spend {format_minutes(c['unowned_mean'].mean)} between teams "
                    f"({percent(c['unowned_share'].mean)} of the journey): from one team "
                    "finishing to the next starting, in handoff delays, other delays and the "
                    "queue for the next team. No single team owns this time."),
        "handoffs": (f"{People} are passed between teams "
                     f"{c['handoffs_per_customer'].mean:.1f} times and tell their story again "
                     f"{c['story_repeats_per_customer'].mean:.1f} times."),
        "failure_demand": (f"For every 100 {people} there are {number(c['chases_per_100'].mean)}"
                           " chases (failure demand)."),
        "gave_up": _gave_up_reading(results, people),
    }
    outcomes = [(label, e.mean) for label, e in results.outcomes.items()
                if label != "Gave up" and math.isfinite(e.mean) and e.mean > 0]
    if outcomes:
        outcomes.sort(key=lambda item: -item[1])
        shown = [f"{percent(share)} {label}" for label, share in outcomes]
        readings["outcomes"] = "Outcomes: " + ", ".join(shown) + "."
    return readings


def _gave_up_reading(results: Results, people: str) -> str:
    share = results.customer["gave_up_share"].mean
    if not math.isfinite(share):
        return f"No {people.rstrip('s')} finished, so no share gave up."
    if share == 0:
        return f"No {people.rstrip('s')} gave up."
    where = ""
    if results.gave_up_at:
        step = max(results.gave_up_at, key=lambda name: results.gave_up_at[name].mean)
        where = f", most of them at {step}"
    return f"{percent(share)} give up while waiting{where}."


# --- chart titles: each states the chart's finding ---------------------------------------


def chart_title_end_to_end(results: Results, people: str = "customers") -> str:
    p = results.end_to_end_pooled
    if not math.isfinite(p["p50"]):
        return "No journey finished in the run"
    unit = unit_for(p["p95"])
    return (f"Half of {people} wait more than {in_unit(p['p50'], unit)}; "
            f"1 in 20 more than {in_unit(p['p95'], unit)}")


def chart_title_where_time_goes(results: Results, unit: TimeUnit | None = None) -> str:
    """The mean journey's length (in ``unit``, or the unit a person would use) and the
    share of it taken by the largest piece of the time budget."""
    budget = results.time_budget
    total = budget.total()
    if not total:
        return "No journey finished in the run"
    sums = {piece: float(np.sum(minutes)) for piece, minutes in budget.minutes.items()}
    largest = max(sums, key=sums.get)
    length = in_unit(total, unit) if unit else format_minutes(total)
    return (f"A journey takes {length} on average; "
            f"{percent(sums[largest] / total)} of it {_PIECE_PHRASES.get(largest, largest)}")


def chart_title_utilisation(results: Results) -> str:
    teams = [t for t in results.teams if math.isfinite(t.utilisation.mean)]
    if not teams:
        return "No team was on duty in the run"
    over = [t for t in teams if t.utilisation.mean > BUSY]
    if over:
        count = "One team is" if len(over) == 1 else f"{number(len(over))} teams are"
        names = ", ".join(f"{t.name} ({percent(t.utilisation.mean)})" for t in over)
        return f"{count} over {percent(BUSY)} busy, where queues grow fast: {names}"
    busiest = max(teams, key=lambda t: t.utilisation.mean)
    return (f"Every team is under {percent(BUSY)} busy; the busiest: {busiest.name} "
            f"({percent(busiest.utilisation.mean)})")


def chart_title_queue_over_time(results: Results, people: str = "customers") -> str:
    series = {name: mean for name, (mean, _, _) in results.queue_length.items()
              if len(mean) and np.isfinite(mean).any()}
    if not series:
        return "No team had a queue"
    averages = {name: float(np.nanmean(mean)) for name, mean in series.items()}
    longest = max(averages, key=averages.get)
    if averages[longest] < 0.5:
        return f"Queues stay short: under one {people.rstrip('s')} waiting for any team"
    return (f"Longest queue: {longest}, with {number(averages[longest])} {people} "
            "waiting on average")


def chart_title_capability(limits: ProcessLimits, unit: TimeUnit) -> str:
    if not math.isfinite(limits.upper):
        return "Too few journeys finished to show what any one customer can expect"
    upper = in_unit(limits.upper, unit)
    if limits.lower > 0:
        return (f"Any customer could take between {number(limits.lower / unit.minutes)} "
                f"and {upper} (replication 1)")
    return (f"Any customer could take up to {upper} (average {in_unit(limits.mean, unit)} in "
            "replication 1)")
