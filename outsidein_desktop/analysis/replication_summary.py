"""What the results need from one replication, worked out from its journey log.

A summary is small (a few numbers per step, team and period, and the end-to-end times of
its finished journeys), so replications can be summarised one by one, as each finishes,
and only the pooling across replications is left for the end. Times are minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..domain.parts import RunSettings
from ..sim.compiled import EXIT, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .by_customer import forget_worked_out
from .replication_measures import (
    QueueVisits,
    mean_queue_length,
    queue_length_over_time,
    queue_periods,
    queue_visits,
    step_indices,
    time_in_system,
)
from .time_budget import TimeBudgetParts, time_budget_parts

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

#: The label of the outcome share of customers who gave up.
GAVE_UP = "Gave up"


@dataclass
class ReplicationSummary:
    """What the results need from one replication (times in minutes): made by
    :func:`summarise_replication`, pooled by ``results.summarise_replications``."""

    replication: int
    measures: dict[str, float]  # CUSTOMER_MEASURES
    # Finished journeys of customers who arrived after the warm-up, shortest first (sorted
    # runs merge quickly into the pooled, sorted list the quantiles are read from).
    end_to_end: np.ndarray
    # Per step, in the order of step_indices(compiled), over visits after the warm-up:
    step_visits: np.ndarray
    step_mean_wait: np.ndarray  # NaN where no visits
    step_p90_wait: np.ndarray
    step_gave_up: np.ndarray
    # Per part (every kind, by index): customers who gave up there, after the warm-up.
    place_gave_up: np.ndarray
    # Per team:
    team_busy_minutes: np.ndarray
    team_mean_wait: np.ndarray  # NaN where no visits
    team_chases_answered: np.ndarray
    queue_length: np.ndarray  # teams x periods of queue_periods: time-average length
    queue_at_end: np.ndarray  # customers queueing when the run stopped
    outcomes: dict[str, float]  # share of finished journeys per outcome label, and GAVE_UP
    littles_law: tuple[float, float, float]  # L, lambda (per minute), W
    time_budget: TimeBudgetParts
    stopped_by_watchdog: int
    capability: dict[str, np.ndarray] | None  # when asked for: see capability()


def summarise_replication(output: ReplicationOutput, compiled: CompiledMap,
                          settings: RunSettings, *, queue_points: int = 200,
                          with_capability: bool = False) -> ReplicationSummary:
    """Everything the results need from ``output``; ``with_capability`` adds its journeys
    for the capability chart (which shows one replication)."""
    customers = _after_warmup(output)
    n_teams = len(compiled.team_names)
    edges = queue_periods(settings.warmup_days * 1440.0, settings.days * 1440.0, queue_points)
    visits = queue_visits(output)
    step_visits, step_mean_wait, step_p90_wait = _step_waits(visits, compiled)
    # From the customer table, not the queues: people also give up by an exit that says
    # so (hung up after redialling, went private), at the last step or delay they were at.
    gave_up_at = customers["gave_up_at"]
    place_gave_up = np.bincount(gave_up_at[gave_up_at >= 0],
                                minlength=len(compiled.nodes)).astype(float)
    summary = ReplicationSummary(
        replication=output.replication, measures=_customer_measures(output, customers),
        end_to_end=np.sort((customers["end"] - customers["arrival"])[customers["outcome"] >= 0]),
        step_visits=step_visits, step_mean_wait=step_mean_wait, step_p90_wait=step_p90_wait,
        step_gave_up=place_gave_up[step_indices(compiled)], place_gave_up=place_gave_up,
        team_busy_minutes=np.asarray(output.busy_minutes, dtype=float),
        team_mean_wait=_team_waits(visits, n_teams),
        team_chases_answered=_chases_answered(output, n_teams),
        queue_length=mean_queue_length(output, n_teams, edges),
        queue_at_end=queue_length_over_time(output, n_teams, edges[-1:])[:, 0],
        outcomes=_outcome_shares(compiled, customers), littles_law=time_in_system(output),
        time_budget=time_budget_parts(output, compiled),
        stopped_by_watchdog=output.stopped_by_watchdog,
        capability=capability(output) if with_capability else None)
    forget_worked_out(output)
    return summary


_COLUMNS = ("arrival", "end", "outcome", "gave_up_at", "touch", "unowned", "handoffs",
            "story_repeats", "chases")


def _after_warmup(output: ReplicationOutput) -> dict[str, np.ndarray]:
    """The columns the measures read, for customers who arrived after the warm-up."""
    keep = output.customers["arrival"] >= output.warmup_minutes
    return {name: output.customers[name][keep] for name in _COLUMNS}


def _ratio(top: float, bottom: float) -> float:
    return top / bottom if bottom else math.nan


def _customer_measures(output: ReplicationOutput,
                       c: dict[str, np.ndarray]) -> dict[str, float]:
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


def _grouped(keys: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """A stable order of ``keys`` (small non-negative integers) and where each group
    0..groups-1 starts in it (groups + 1 bounds): each group keeps its original order."""
    order = np.argsort(keys, kind="stable")
    return order, np.searchsorted(keys[order], np.arange(groups + 1))


def _step_waits(visits: QueueVisits, compiled: CompiledMap) -> tuple[np.ndarray, ...]:
    """Per step: visits, mean wait and 90th percentile wait."""
    order, bounds = _grouped(visits.node, len(compiled.nodes))
    wait = visits.wait[order]
    counts, means, p90s = [], [], []
    for index in step_indices(compiled):
        w = wait[bounds[index]:bounds[index + 1]]
        counts.append(len(w))
        means.append(w.mean() if len(w) else math.nan)
        p90s.append(np.percentile(w, 90) if len(w) else math.nan)
    return (np.array(counts, dtype=float), np.array(means, dtype=float),
            np.array(p90s, dtype=float))


def _team_waits(visits: QueueVisits, n_teams: int) -> np.ndarray:
    order, bounds = _grouped(visits.team, n_teams)
    wait = visits.wait[order]
    return np.array([wait[bounds[t]:bounds[t + 1]].mean() if bounds[t + 1] > bounds[t]
                     else math.nan for t in range(n_teams)], dtype=float)


def _chases_answered(output: ReplicationOutput, n_teams: int) -> np.ndarray:
    """Chases each team answered after the warm-up."""
    ev = output.events
    answered = ((ev.event == Event.CHASE_ANSWERED) & (ev.time >= output.warmup_minutes)
                & (ev.team >= 0))
    return np.bincount(ev.team[answered], minlength=n_teams)[:n_teams].astype(float)


def _outcome_shares(compiled: CompiledMap, c: dict[str, np.ndarray]) -> dict[str, float]:
    """Share of finished journeys per outcome label (exits with one label count together)."""
    labels: dict[str, list[int]] = {}
    for node in compiled.nodes:
        if node.kind == EXIT and not node.gave_up:  # those count under GAVE_UP
            labels.setdefault(node.outcome or node.name, []).append(node.index)
    total = ((c["outcome"] >= 0) | (c["gave_up_at"] >= 0)).sum()
    reached = np.bincount(c["outcome"][c["outcome"] >= 0], minlength=len(compiled.nodes))
    shares = {label: _ratio(reached[indices].sum(), total) for label, indices in labels.items()}
    shares[GAVE_UP] = _ratio((c["gave_up_at"] >= 0).sum(), total)
    return shares


def capability(output: ReplicationOutput) -> dict[str, np.ndarray]:
    """One replication's journeys that finished after the warm-up, in the order they
    finished (for an XmR chart): completed (days) and end_to_end (minutes).

    Chosen by when they finished, not when they arrived: journeys that finish soon after
    the warm-up and arrived after it are short by force, which would draw a false trend."""
    c = output.customers
    done = (c["end"] >= output.warmup_minutes) & (c["outcome"] >= 0)
    order = np.argsort(c["end"][done], kind="stable")[-CAPABILITY_POINTS:]
    return {"completed_days": c["end"][done][order] / 1440.0,
            "end_to_end": (c["end"] - c["arrival"])[done][order]}
