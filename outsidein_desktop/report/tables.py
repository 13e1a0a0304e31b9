"""The results as tables for people: human-readable column names, units in the headers,
95% confidence intervals beside each figure. The CSV and Excel exports write these."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..analysis.estimates import Estimate
from ..analysis.results import CUSTOMER_MEASURES, Results
from .readings import PIECE_LABELS, headline_readings
from .timescale import TimeUnit, unit_for

#: Excel number formats for the kinds of figure.
FORMATS = {"time": "0.0#", "percent": "0.0#", "count": "0.00", "rate": "0.0", "whole": "0",
           "text": "@"}


@dataclass
class Table:
    """Rows of values under named columns. ``formats`` gives each column's kind (a key of
    :data:`FORMATS`); ``row_formats``, if set, overrides it for each row's numbers."""

    name: str
    columns: list[str]
    formats: list[str]
    rows: list[list[object]] = field(default_factory=list)
    row_formats: list[str] | None = None


# --- the customer's view -----------------------------------------------------------------

#: Label and kind of each customer measure, in the order a board reads them, with the key
#: of its plain-English reading.
_CUSTOMER_ROWS: dict[str, tuple[str, str, str]] = {
    "end_to_end_median": ("Median end-to-end time", "time", "end_to_end"),
    "end_to_end_p90": ("90th percentile end-to-end time", "time", "spread"),
    "end_to_end_mean": ("Mean end-to-end time", "time", ""),
    "waiting_share": ("Share of the journey spent waiting", "percent", ""),
    "waiting_mean": ("Mean time waiting (not with staff)", "time", ""),
    "touch_mean": ("Mean time with staff (touch time)", "time", ""),
    "flow_efficiency": ("Flow efficiency (touch time / end-to-end time)", "percent", ""),
    "unowned_mean": ("Mean time between teams (unowned)", "time", "unowned"),
    "unowned_share": ("Share of the journey between teams", "percent", ""),
    "handoffs_per_customer": ("Handoffs between teams, per customer", "count", "handoffs"),
    "story_repeats_per_customer": ("Times the story was told again, per customer", "count",
                                   ""),
    "chases_per_100": ("Chases (failure demand), per 100 customers", "rate",
                       "failure_demand"),
    "gave_up_share": ("Share of customers who gave up", "percent", "gave_up"),
    "arrivals_per_day": ("Customers arriving, per day", "rate", ""),
    "completed_per_day": ("Journeys completed, per day", "rate", ""),
    "in_system_at_end": ("Customers still in the journey at the end of the run", "whole", ""),
}
_COUNT_UNITS = {"handoffs_per_customer": "per customer",
                "story_repeats_per_customer": "per customer",
                "chases_per_100": "per 100 customers", "arrivals_per_day": "per day",
                "completed_per_day": "per day", "in_system_at_end": "customers"}

CUSTOMER_COLUMNS = ["Measure", "Mean", "95% CI low", "95% CI high", "Unit", "Replications",
                    "Reading"]


def _scaled(e: Estimate, factor: float) -> list[float]:
    return [e.mean * factor, e.low * factor, e.high * factor]


def customer_table(results: Results) -> Table:
    """The customer's view: each headline with its 95% CI, in a human unit per row, and
    its plain-English reading."""
    readings = headline_readings(results)
    table = Table("Customer view", CUSTOMER_COLUMNS,
                  ["text", "count", "count", "count", "text", "whole", "text"], row_formats=[])
    keys = [k for k in _CUSTOMER_ROWS if k in results.customer]
    keys += [k for k in results.customer if k not in _CUSTOMER_ROWS]
    for key in keys:
        label, kind, reading = _CUSTOMER_ROWS.get(key, (CUSTOMER_MEASURES.get(key, key),
                                                        "count", ""))
        e = results.customer[key]
        if kind == "time":
            unit = unit_for(e.mean)
            values, unit_name = _scaled(e, 1 / unit.minutes), unit.name
        elif kind == "percent":
            values, unit_name = _scaled(e, 100), "%"
        else:
            values, unit_name = _scaled(e, 1), _COUNT_UNITS.get(key, "")
        table.rows.append([label, *values, unit_name, e.n, readings.get(reading, "")])
        table.row_formats.append(kind)
    p95 = results.end_to_end_pooled.get("p95", math.nan)
    unit = unit_for(p95)
    table.rows.append(["95th percentile end-to-end time (all journeys pooled)",
                       p95 / unit.minutes, math.nan, math.nan, unit.name,
                       results.settings.replications, ""])
    table.row_formats.append("time")
    if "outcomes" in readings:
        table.rows.append(["Outcomes", math.nan, math.nan, math.nan, "", "",
                           readings["outcomes"]])
        table.row_formats.append("text")
    return table


# --- the teams' view ---------------------------------------------------------------------


def _with_ci(what: str, unit: str) -> list[str]:
    suffix = f" ({unit})" if unit else ""
    return [f"{what}{suffix}", f"{what}, 95% CI low", f"{what}, 95% CI high"]


def wait_unit(results: Results) -> TimeUnit:
    """One unit for every wait in the team and step tables, from the longest mean wait."""
    waits = [t.mean_wait.mean for t in results.teams] + [s.mean_wait.mean for s in results.steps]
    finite = [w for w in waits if math.isfinite(w)]
    return unit_for(max(finite) if finite else math.nan)


def teams_table(results: Results) -> Table:
    unit = wait_unit(results)
    columns = ["Team", *_with_ci("Utilisation", "%"), *_with_ci("Mean wait", unit.name),
               *_with_ci("Queue at the end of the run", "customers"),
               *_with_ci("Chases answered", "per day")]
    formats = ["text"] + ["percent"] * 3 + ["time"] * 3 + ["rate"] * 3 + ["count"] * 3
    table = Table("Teams", columns, formats)
    for t in results.teams:
        table.rows.append([t.name, *_scaled(t.utilisation, 100),
                           *_scaled(t.mean_wait, 1 / unit.minutes), *_scaled(t.queue_at_end, 1),
                           *_scaled(t.chases_per_day, 1)])
    return table


def steps_table(results: Results) -> Table:
    unit = wait_unit(results)
    columns = ["Step", "Team", *_with_ci("Visits", "per day"),
               *_with_ci("Mean wait", unit.name), *_with_ci("90th percentile wait", unit.name),
               *_with_ci("Gave up", "per day")]
    formats = ["text", "text"] + ["rate"] * 3 + ["time"] * 6 + ["count"] * 3
    table = Table("Steps", columns, formats)
    for s in results.steps:
        table.rows.append([s.name, s.team, *_scaled(s.visits_per_day, 1),
                           *_scaled(s.mean_wait, 1 / unit.minutes),
                           *_scaled(s.p90_wait, 1 / unit.minutes),
                           *_scaled(s.gave_up_per_day, 1)])
    return table


def time_budget_table(results: Results) -> Table:
    """Where the time goes, per place in journey order; the last row is the whole journey
    (the mean end-to-end time)."""
    budget = results.time_budget
    totals = sum((np.asarray(v, dtype=float) for v in budget.minutes.values()),
                 np.zeros(len(budget.places)))
    unit = unit_for(float(totals.max()) if len(totals) else math.nan)
    pieces = list(budget.minutes)
    columns = ["Step or outcome", "Kind",
               *[f"{PIECE_LABELS.get(p, p)} ({unit.name})" for p in pieces],
               f"Total ({unit.name})"]
    table = Table("Time budget", columns, ["text", "text"] + ["time"] * (len(pieces) + 1))
    steps = {s.name for s in results.steps}
    for i, place in enumerate(budget.places):
        values = [float(budget.minutes[p][i]) / unit.minutes for p in pieces]
        table.rows.append([place, "step" if place in steps else "outcome", *values,
                           float(totals[i]) / unit.minutes])
    table.rows.append(["Whole journey (mean end-to-end time)", "",
                       *[float(np.sum(budget.minutes[p])) / unit.minutes for p in pieces],
                       budget.total() / unit.minutes])
    return table


def settings_table(results: Results) -> Table:
    s = results.settings
    rows = [
        ["Map", results.title],
        ["Scenario", results.scenario or "none (the map as drawn)"],
        ["Run length (days, including the warm-up)", s.days],
        ["Warm-up (days, left out of the figures)", s.warmup_days],
        ["Replications", s.replications],
        ["Seed", s.seed],
        ["Start date", s.start_date.isoformat()],
        ["Confidence intervals", "95%, Student t over the replications"],
        ["Software", f"OutsideIn {results.software_version}"],
    ]
    rows += [["Warning", w] for w in results.warnings]
    return Table("Settings", ["Setting", "Value"], ["text", "text"], rows)


def all_tables(results: Results) -> list[Table]:
    """Every table, in the order of the Excel workbook's sheets (after the Summary)."""
    return [teams_table(results), steps_table(results), time_budget_table(results),
            settings_table(results)]
