"""Results of a run: the customer's view first, the teams' view beside it.

Every headline is computed per replication and then summarised as a mean with a 95%
confidence interval across replications; percentiles of end-to-end time are also given
pooled over every customer of every replication. Times are minutes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import __version__
from ..domain.parts import RunSettings
from ..sim.compiled import CompiledMap
from ..sim.journey_log import ReplicationOutput
from .estimates import Estimate, estimate
from .replication_measures import queue_periods, staffed_minutes, step_indices
from .replication_summary import (
    CAPABILITY_POINTS,
    CUSTOMER_MEASURES,
    ReplicationSummary,
    summarise_replication,
)
from .time_budget import TimeBudget, pool_time_budget

__all__ = ["CAPABILITY_POINTS", "CUSTOMER_MEASURES", "QUANTILE_LEVELS", "Results", "StepResult",
           "TeamResult", "summarise", "summarise_replications"]

QUANTILE_LEVELS = np.linspace(0.0, 1.0, 1001)
#: The pooled percentiles of end-to-end time, as quantiles (percentile / 100).
_POOLED = {"p50": 0.5, "p90": 0.9, "p95": 0.95}


@dataclass
class StepResult:
    name: str
    team: str
    visits_per_day: Estimate
    mean_wait: Estimate  # minutes queueing before work started (or they gave up)
    p90_wait: Estimate
    gave_up_per_day: Estimate


@dataclass
class TeamResult:
    name: str
    utilisation: Estimate  # staff-minutes worked / staff-minutes on duty
    mean_wait: Estimate
    queue_at_end: Estimate
    chases_per_day: Estimate  # chases this team answered


@dataclass
class Results:
    title: str
    scenario: str
    settings: RunSettings
    customer: dict[str, Estimate]
    end_to_end_pooled: dict[str, float]  # p50 / p90 / p95 over every completed journey
    steps: list[StepResult]
    teams: list[TeamResult]
    outcomes: dict[str, Estimate]  # share of finished journeys ending at each exit
    gave_up_at: dict[str, Estimate]  # customers per day giving up at each step or delay
    queue_times_days: np.ndarray  # the middle of each period the queues are averaged over
    # per team: time-average queue length in each period; mean, low, high over replications
    queue_length: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]
    littles_law: dict[str, Estimate]
    time_budget: TimeBudget
    end_to_end_quantiles: np.ndarray  # minutes at probabilities QUANTILE_LEVELS, pooled
    capability: dict[str, np.ndarray]  # replication 1: completed (days), end_to_end (minutes)
    # Each customer's-view measure in each replication, in replication order: what paired
    # comparisons between scenarios (common random numbers) are computed from.
    per_replication: dict[str, np.ndarray] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    software_version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """Everything, for results.json (documented in docs/results-json.md)."""
        from .results_file import results_to_dict
        return results_to_dict(self)


def summarise(outputs: list[ReplicationOutput], compiled: CompiledMap,
              settings: RunSettings, *, title: str = "", scenario: str = "",
              queue_points: int = 200) -> Results:
    """Summarise the replications of one run."""
    outputs = sorted(outputs, key=lambda o: o.replication)
    summaries = [summarise_replication(o, compiled, settings, queue_points=queue_points,
                                       with_capability=i == 0)
                 for i, o in enumerate(outputs)]
    return summarise_replications(summaries, compiled, settings, title=title,
                                  scenario=scenario, queue_points=queue_points)


def summarise_replications(summaries: list[ReplicationSummary], compiled: CompiledMap,
                           settings: RunSettings, *, title: str = "", scenario: str = "",
                           queue_points: int = 200) -> Results:
    """The results of replications summarised one by one, in any order, by
    :func:`summarise_replication` with the same ``queue_points``. The capability chart shows
    the lowest-numbered replication: summarise that one ``with_capability``."""
    summaries = sorted(summaries, key=lambda s: s.replication)
    customer = {k: estimate([s.measures[k] for s in summaries]) for k in CUSTOMER_MEASURES}
    # Merging the replications' sorted journeys is quicker than partitioning them afresh;
    # the quantile curve and the percentiles are then read off at once.
    pooled = (np.sort(np.concatenate([s.end_to_end for s in summaries]), kind="stable")
              if summaries else np.zeros(0))
    levels = np.concatenate([QUANTILE_LEVELS, list(_POOLED.values())])
    at = (np.quantile(pooled, levels) if len(pooled)
          else np.full(len(levels), math.nan))
    window_days = (settings.days - settings.warmup_days)
    steps = _step_results(compiled, summaries, window_days)
    # Queues averaged over each week (or day, or hour) after the warm-up: sampled at
    # moments, they swing with the time of day and hide the trend.
    edges = queue_periods(settings.warmup_days * 1440.0, settings.days * 1440.0, queue_points)
    queue_length = {}
    for t, name in enumerate(compiled.team_names):
        columns = [estimate([s.queue_length[t, i] for s in summaries])
                   for i in range(len(edges) - 1)]
        queue_length[name] = (np.array([e.mean for e in columns]),
                              np.array([e.low for e in columns]),
                              np.array([e.high for e in columns]))
    little = [s.littles_law for s in summaries]
    results = Results(
        title=title, scenario=scenario, settings=settings, customer=customer,
        end_to_end_pooled=dict(zip(_POOLED, map(float, at[len(QUANTILE_LEVELS):]),
                                   strict=True)),
        steps=steps, teams=_team_results(compiled, summaries, settings, window_days),
        outcomes={label: estimate([s.outcomes[label] for s in summaries])
                  for label in (summaries[0].outcomes if summaries else {})},
        gave_up_at=_gave_up_at(compiled, summaries, window_days),
        queue_times_days=(edges[:-1] + edges[1:]) / 2 / 1440.0, queue_length=queue_length,
        littles_law={"in_system": estimate([x[0] for x in little]),
                     "arrivals_per_minute": estimate([x[1] for x in little]),
                     "time_in_system": estimate([x[2] for x in little])},
        time_budget=pool_time_budget([s.time_budget for s in summaries], compiled),
        end_to_end_quantiles=at[:len(QUANTILE_LEVELS)],
        capability=_first_capability(summaries),
        per_replication={k: np.array([s.measures[k] for s in summaries], dtype=float)
                         for k in CUSTOMER_MEASURES})
    results.warnings = end_of_run_warnings(results,
                                           sum(s.stopped_by_watchdog for s in summaries))
    return results


def _gave_up_at(compiled: CompiledMap, summaries: list[ReplicationSummary],
                window_days: float) -> dict[str, Estimate]:
    """Customers per day giving up at each place where anyone gave up."""
    found = {}
    for node in compiled.nodes:
        per_day = estimate([s.place_gave_up[node.index] / window_days for s in summaries])
        if per_day.mean > 0:
            found[node.name] = per_day
    return found


def _first_capability(summaries: list[ReplicationSummary]) -> dict[str, np.ndarray]:
    if summaries and summaries[0].capability is not None:
        return summaries[0].capability
    return {"completed_days": np.zeros(0), "end_to_end": np.zeros(0)}


def _step_results(compiled: CompiledMap, summaries: list[ReplicationSummary],
                  window_days: float) -> list[StepResult]:
    results = []
    for i, index in enumerate(step_indices(compiled)):
        node = compiled.nodes[index]
        results.append(StepResult(
            name=node.name, team=compiled.team_names[node.team],
            visits_per_day=estimate([s.step_visits[i] / window_days for s in summaries]),
            mean_wait=estimate([s.step_mean_wait[i] for s in summaries]),
            p90_wait=estimate([s.step_p90_wait[i] for s in summaries]),
            gave_up_per_day=estimate([s.step_gave_up[i] / window_days for s in summaries])))
    return results


def _team_results(compiled: CompiledMap, summaries: list[ReplicationSummary],
                  settings: RunSettings, window_days: float) -> list[TeamResult]:
    staffed = staffed_minutes(compiled, settings.start_date.weekday(),
                              settings.warmup_days * 1440.0, settings.days * 1440.0)
    return [TeamResult(
        name=name,
        utilisation=estimate([s.team_busy_minutes[t] / staffed[t] if staffed[t] else math.nan
                              for s in summaries]),
        mean_wait=estimate([s.team_mean_wait[t] for s in summaries]),
        queue_at_end=estimate([s.queue_at_end[t] for s in summaries]),
        chases_per_day=estimate([s.team_chases_answered[t] / window_days
                                 for s in summaries]))
        for t, name in enumerate(compiled.team_names)]


def end_of_run_warnings(results: Results, stopped: int) -> list[str]:
    """What to warn of, read from the results: a queue still growing, customers stopped by
    the loop watchdog (``stopped``), many still in the journey at the end."""
    notes = []
    for team in results.teams:
        series = results.queue_length[team.name][0]
        quarter = len(series) // 4
        # A queue that ends far above where it started the measured window is growing; a
        # stable queue's daily swings average out over a quarter of the run.
        if quarter and series[-quarter:].mean() > 1.5 * series[:quarter].mean() + 10 \
                and series[-1] > 20:
            notes.append(f"The queue for team '{team.name}' kept growing through the run "
                         f"(about {series[-1]:.0f} waiting at the end): more work arrives "
                         "than it can do, or the run is too short for the journey to "
                         "settle, so its waits depend on how long the run is.")
    if stopped:
        notes.append(f"{stopped} customers went round a loop more than 10,000 times and were "
                     "stopped. Check the loops on the map.")
    if results.customer["in_system_at_end"].mean > results.customer["completed_per_day"].mean \
            * 30:
        notes.append("Many customers were still in the journey at the end of the run; their "
                     "end-to-end times are not in the figures, which understate the longest "
                     "journeys. A longer run would show them.")
    return notes


def start_datetime(settings: RunSettings) -> dt.datetime:
    return dt.datetime.combine(settings.start_date, dt.time())
