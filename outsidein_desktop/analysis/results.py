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
from ..sim.compiled import EXIT, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .estimates import Estimate, estimate
from .replication_measures import (
    customers_after_warmup,
    mean_queue_length,
    queue_length_over_time,
    queue_periods,
    queue_visits,
    staffed_minutes,
    step_indices,
    time_in_system,
)
from .time_budget import TimeBudget, time_budget

QUANTILE_LEVELS = np.linspace(0.0, 1.0, 1001)
#: The capability chart shows at most this many journeys (the last to finish).
CAPABILITY_POINTS = 5000

#: The customer's-view measures, in the order a board reads them.
CUSTOMER_MEASURES: dict[str, str] = {
    "end_to_end_median": "median end-to-end time (minutes)",
    "end_to_end_p90": "90th percentile end-to-end time (minutes)",
    "end_to_end_mean": "mean end-to-end time (minutes)",
    "waiting_mean": "mean time not being served face to face (minutes)",
    "waiting_share": "share of end-to-end time spent waiting",
    "touch_mean": "mean touch time, customer present (minutes)",
    "flow_efficiency": "touch time / end-to-end time",
    "unowned_mean": "mean time between one team's work and the next team's (minutes)",
    "unowned_share": "share of end-to-end time between teams",
    "handoffs_per_customer": "passes from one team to another, per customer",
    "story_repeats_per_customer": "times a customer told their story again",
    "chases_per_100": "chases (failure demand) per 100 customers",
    "gave_up_share": "share of customers who gave up",
    "arrivals_per_day": "customers arriving per day",
    "completed_per_day": "journeys completed (reached an exit) per day",
    "in_system_at_end": "customers still in the journey at the end of the run",
}


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
    gave_up_at: dict[str, Estimate]  # customers per day giving up at each step
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


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom else math.nan


def _customer_measures(output: ReplicationOutput) -> dict[str, float]:
    c = customers_after_warmup(output)
    window_days = (output.run_minutes - output.warmup_minutes) / 1440.0
    done = c["outcome"] >= 0
    e2e = (c["end"] - c["arrival"])[done]
    finished = done | (c["gave_up_at"] >= 0)
    total_e2e = e2e.sum()
    arrived = len(c["arrival"])
    waiting = e2e - c["touch"][done]
    return {
        "end_to_end_median": float(np.median(e2e)) if len(e2e) else math.nan,
        "end_to_end_p90": float(np.percentile(e2e, 90)) if len(e2e) else math.nan,
        "end_to_end_mean": float(e2e.mean()) if len(e2e) else math.nan,
        "waiting_mean": float(waiting.mean()) if len(e2e) else math.nan,
        "waiting_share": _ratio(waiting.sum(), total_e2e),
        "touch_mean": float(c["touch"][done].mean()) if len(e2e) else math.nan,
        "flow_efficiency": _ratio(c["touch"][done].sum(), total_e2e),
        "unowned_mean": float(c["unowned"][done].mean()) if len(e2e) else math.nan,
        "unowned_share": _ratio(c["unowned"][done].sum(), total_e2e),
        "handoffs_per_customer": float(c["handoffs"][done].mean()) if len(e2e) else math.nan,
        "story_repeats_per_customer": (float(c["story_repeats"][done].mean())
                                       if len(e2e) else math.nan),
        "chases_per_100": 100 * _ratio(c["chases"].sum(), arrived),
        "gave_up_share": _ratio((c["gave_up_at"] >= 0).sum(), finished.sum()),
        "arrivals_per_day": arrived / window_days,
        "completed_per_day": done.sum() / window_days,
        "in_system_at_end": float(np.isnan(output.customers["end"]).sum()),
    }


def summarise(outputs: list[ReplicationOutput], compiled: CompiledMap,
              settings: RunSettings, *, title: str = "", scenario: str = "",
              queue_points: int = 200) -> Results:
    """Summarise the replications of one run."""
    outputs = sorted(outputs, key=lambda o: o.replication)
    per_rep = [_customer_measures(o) for o in outputs]
    customer = {k: estimate([m[k] for m in per_rep]) for k in CUSTOMER_MEASURES}
    pooled = np.concatenate([
        (o.customers["end"] - o.customers["arrival"])[
            (o.customers["arrival"] >= o.warmup_minutes) & (o.customers["outcome"] >= 0)]
        for o in outputs])
    end_to_end_pooled = ({f"p{q}": float(np.percentile(pooled, q)) for q in (50, 90, 95)}
                         if len(pooled) else {"p50": math.nan, "p90": math.nan,
                                              "p95": math.nan})
    window_days = (settings.days - settings.warmup_days)
    visits = [queue_visits(o) for o in outputs]
    steps = _step_results(compiled, visits, window_days)
    # Queues averaged over each week (or day, or hour) after the warm-up: sampled at
    # moments, they swing with the time of day and hide the trend.
    edges = queue_periods(settings.warmup_days * 1440.0, settings.days * 1440.0, queue_points)
    n_teams = len(compiled.team_names)
    lengths = np.stack([mean_queue_length(o, n_teams, edges)
                        for o in outputs])  # replications x teams x periods
    at_end = np.stack([queue_length_over_time(o, n_teams, edges[-1:]) for o in outputs])
    teams = _team_results(compiled, outputs, visits, at_end, settings, window_days)
    queue_length = {}
    for t, name in enumerate(compiled.team_names):
        columns = [estimate(lengths[:, t, i]) for i in range(lengths.shape[2])]
        queue_length[name] = (np.array([e.mean for e in columns]),
                              np.array([e.low for e in columns]),
                              np.array([e.high for e in columns]))
    little = [time_in_system(o) for o in outputs]
    quantiles = (np.quantile(pooled, QUANTILE_LEVELS) if len(pooled)
                 else np.full(len(QUANTILE_LEVELS), math.nan))
    results = Results(
        title=title, scenario=scenario, settings=settings, customer=customer,
        end_to_end_pooled=end_to_end_pooled, steps=steps, teams=teams,
        outcomes=_outcome_shares(compiled, outputs),
        gave_up_at={s.name: s.gave_up_per_day for s in steps if s.gave_up_per_day.mean > 0},
        queue_times_days=(edges[:-1] + edges[1:]) / 2 / 1440.0, queue_length=queue_length,
        littles_law={"in_system": estimate([x[0] for x in little]),
                     "arrivals_per_minute": estimate([x[1] for x in little]),
                     "time_in_system": estimate([x[2] for x in little])},
        time_budget=time_budget(outputs, compiled), end_to_end_quantiles=quantiles,
        capability=_capability(outputs[0]) if outputs else _capability(None),
        per_replication={k: np.array([m[k] for m in per_rep], dtype=float)
                         for k in CUSTOMER_MEASURES})
    results.warnings = _warnings(results, outputs)
    return results


def _capability(output: ReplicationOutput | None) -> dict[str, np.ndarray]:
    """One replication's journeys that finished after the warm-up, in the order they
    finished (for an XmR chart).

    Chosen by when they finished, not when they arrived: journeys that finish soon after
    the warm-up and arrived after it are short by force, which would draw a false trend."""
    if output is None:
        return {"completed_days": np.zeros(0), "end_to_end": np.zeros(0)}
    c = output.customers
    done = (c["end"] >= output.warmup_minutes) & (c["outcome"] >= 0)
    order = np.argsort(c["end"][done], kind="stable")[-CAPABILITY_POINTS:]
    return {"completed_days": c["end"][done][order] / 1440.0,
            "end_to_end": (c["end"] - c["arrival"])[done][order]}


def _step_results(compiled: CompiledMap, visits: list, window_days: float) -> list[StepResult]:
    results = []
    for index in step_indices(compiled):
        node = compiled.nodes[index]
        per_rep_waits = [v.wait[v.node == index] for v in visits]
        results.append(StepResult(
            name=node.name, team=compiled.team_names[node.team],
            visits_per_day=estimate([len(w) / window_days for w in per_rep_waits]),
            mean_wait=estimate([w.mean() if len(w) else math.nan for w in per_rep_waits]),
            p90_wait=estimate([np.percentile(w, 90) if len(w) else math.nan
                               for w in per_rep_waits]),
            gave_up_per_day=estimate([v.gave_up[v.node == index].sum() / window_days
                                      for v in visits])))
    return results


def _team_results(compiled: CompiledMap, outputs: list[ReplicationOutput], visits: list,
                  lengths: np.ndarray, settings: RunSettings,
                  window_days: float) -> list[TeamResult]:
    staffed = staffed_minutes(compiled, settings.start_date.weekday(),
                              settings.warmup_days * 1440.0, settings.days * 1440.0)
    results = []
    for t, name in enumerate(compiled.team_names):
        util = [(o.busy_minutes[t] / staffed[t]) if staffed[t] else math.nan for o in outputs]
        waits = [v.wait[v.team == t] for v in visits]
        chases = []
        for o in outputs:
            ev = o.events
            answered = ((ev.event == Event.CHASE_ANSWERED) & (ev.team == t)
                        & (ev.time >= o.warmup_minutes))
            chases.append(answered.sum() / window_days)
        results.append(TeamResult(
            name=name, utilisation=estimate(util),
            mean_wait=estimate([w.mean() if len(w) else math.nan for w in waits]),
            queue_at_end=estimate(lengths[:, t, -1]),
            chases_per_day=estimate(chases)))
    return results


def _outcome_shares(compiled: CompiledMap, outputs: list[ReplicationOutput]) -> dict:
    """Share of finished journeys per outcome label (exits with one label count together)."""
    labels: dict[str, list[int]] = {}
    for node in compiled.nodes:
        if node.kind == EXIT:
            labels.setdefault(node.outcome or node.name, []).append(node.index)
    shares: dict[str, list[float]] = {label: [] for label in labels}
    shares["Gave up"] = []
    for o in outputs:
        c = customers_after_warmup(o)
        finished = (c["outcome"] >= 0) | (c["gave_up_at"] >= 0)
        total = finished.sum()
        for label, indices in labels.items():
            shares[label].append(_ratio(np.isin(c["outcome"], indices).sum(), total))
        shares["Gave up"].append(_ratio((c["gave_up_at"] >= 0).sum(), total))
    return {k: estimate(v) for k, v in shares.items()}


def _warnings(results: Results, outputs: list[ReplicationOutput]) -> list[str]:
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
                         "than it can do, so its waits depend on how long the run is.")
    stopped = sum(o.stopped_by_watchdog for o in outputs)
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
