"""A short outside-in summary of a run, in words and human units, for the terminal."""

from __future__ import annotations

import math

from ..domain.units import counted, format_minutes, format_share
from .estimates import Estimate
from .results import Results


def _time(e: Estimate) -> str:
    if not math.isfinite(e.mean):
        return "n/a"
    if not math.isfinite(e.low):
        return format_minutes(e.mean)
    # A time is never negative: a lower limit below zero (few replications) reads as 0.
    return (f"{format_minutes(e.mean)}  (95% CI {format_minutes(max(e.low, 0.0), like=e.mean)}"
            f" to {format_minutes(e.high, like=e.mean)})")


def _share(e: Estimate) -> str:
    if not math.isfinite(e.mean):
        return "n/a"
    if not math.isfinite(e.low):
        return format_share(e.mean)
    return f"{format_share(e.mean)}  (95% CI {format_share(e.low)} to {format_share(e.high)})"


def _count(e: Estimate, digits: int = 2) -> str:
    if not math.isfinite(e.mean):
        return "n/a"
    if not math.isfinite(e.low):
        return f"{e.mean:.{digits}f}"
    return f"{e.mean:.{digits}f}  (95% CI {e.low:.{digits}f} to {e.high:.{digits}f})"


def format_summary(results: Results) -> str:
    c = results.customer
    s = results.settings
    name = results.title + (f" — scenario: {results.scenario}" if results.scenario else "")
    lines = [
        name,
        f"{counted(s.replications, 'replication')} of {s.days:g} days "
        f"(first {s.warmup_days:g} days "
        f"warm-up), seed {s.seed}",
        "",
        "The customer's view (outside in)",
        f"  End-to-end time, median            {_time(c['end_to_end_median'])}",
        f"  End-to-end time, 90th percentile   {_time(c['end_to_end_p90'])}",
        f"  Share of the journey spent waiting {_share(c['waiting_share'])}",
        f"  Time between teams (unowned)       {_time(c['unowned_mean'])}",
        f"  Handoffs between teams             {_count(c['handoffs_per_customer'])} per customer",
        f"  Story told again                   {_count(c['story_repeats_per_customer'])} "
        "times per customer",
        f"  Chasing (failure demand)           {_count(c['chases_per_100'], 1)} per 100 customers",
        f"  Gave up                            {_share(c['gave_up_share'])}",
        f"  Still in the journey at the end    {_count(c['in_system_at_end'], 0)}",
        "",
        "The teams' view (inside out)",
        f"  {'Team':<28}{'Utilisation':<34}Mean wait for the team",
    ]
    for team in results.teams:
        lines.append(f"  {team.name:<28}{_share(team.utilisation):<34}{_time(team.mean_wait)}")
    if results.warnings:
        lines += ["", "Warnings"] + [f"  - {w}" for w in results.warnings]
    return "\n".join(lines)
