"""Measures of one replication, from its journey log and customer table.

Everything here works on numpy columns: a year of a busy service is millions of events.
Customers who arrived during the warm-up are left out of the customer measures; team
measures cover the time after the warm-up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sim.compiled import STEP, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput


@dataclass
class QueueVisits:
    """Every visit to a step's queue, for customers who arrived after the warm-up."""

    node: np.ndarray  # step index
    team: np.ndarray
    joined: np.ndarray  # minutes
    wait: np.ndarray  # minutes until work started or they gave up
    gave_up: np.ndarray  # bool


def customers_after_warmup(output: ReplicationOutput) -> dict[str, np.ndarray]:
    keep = output.customers["arrival"] >= output.warmup_minutes
    return {name: column[keep] for name, column in output.customers.items()}


def queue_visits(output: ReplicationOutput) -> QueueVisits:
    """Pair each start of work (or giving up) with the queueing that came before it."""
    ev = output.events
    order = np.lexsort((np.arange(len(ev)), ev.customer))  # by customer, then time order
    customer = ev.customer[order]
    kind = ev.event[order]
    time = ev.time[order]
    node = ev.node[order]
    team = ev.team[order]
    ends = np.flatnonzero((kind == Event.STARTED) | (kind == Event.GAVE_UP))
    previous = ends - 1
    queued = np.zeros(len(ends), dtype=bool)
    valid = previous >= 0
    queued[valid] = ((kind[previous[valid]] == Event.QUEUED)
                     & (customer[previous[valid]] == customer[ends[valid]]))
    wait = np.where(queued, time[ends] - time[np.maximum(previous, 0)], 0.0)
    joined = np.where(queued, time[np.maximum(previous, 0)], time[ends])
    arrival = output.customers["arrival"][customer[ends]]
    keep = arrival >= output.warmup_minutes
    return QueueVisits(node=node[ends][keep], team=team[ends][keep], joined=joined[keep],
                       wait=wait[keep], gave_up=(kind[ends] == Event.GAVE_UP)[keep])


def queue_length_over_time(output: ReplicationOutput, teams: int,
                           grid: np.ndarray) -> np.ndarray:
    """Customers queueing for each team at each time of ``grid`` (teams x len(grid))."""
    ev = output.events
    order = np.lexsort((np.arange(len(ev)), ev.customer))
    kind = ev.event[order]
    customer = ev.customer[order]
    leaves = np.flatnonzero((kind == Event.STARTED) | (kind == Event.GAVE_UP))
    prev = leaves - 1
    ok = prev >= 0
    left_queue = leaves[ok][(kind[prev[ok]] == Event.QUEUED)
                            & (customer[prev[ok]] == customer[leaves[ok]])]
    joined = np.flatnonzero(kind == Event.QUEUED)
    times = np.concatenate([ev.time[order][joined], ev.time[order][left_queue]])
    change = np.concatenate([np.ones(len(joined)), -np.ones(len(left_queue))])
    team = np.concatenate([ev.team[order][joined], ev.team[order][left_queue]])
    result = np.zeros((teams, len(grid)))
    for t in range(teams):
        mine = team == t
        if not mine.any():
            continue
        sequence = np.argsort(times[mine], kind="stable")
        # a leave at the same instant as a join is applied after it (side="right" below)
        level = np.cumsum(change[mine][sequence])
        at = np.searchsorted(times[mine][sequence], grid, side="right") - 1
        result[t] = np.where(at >= 0, level[np.maximum(at, 0)], 0.0)
    return result


def staffed_minutes(compiled: CompiledMap, start_weekday: int, start: float,
                    end: float) -> np.ndarray:
    """Staff-minutes on duty per team between ``start`` and ``end`` (minutes)."""
    if not len(compiled.rosters):
        return np.zeros(0)
    by_hour = np.roll(compiled.rosters.reshape(len(compiled.rosters), -1),
                      -start_weekday * 24, axis=1)
    hours = np.arange(np.floor(start / 60), np.ceil(end / 60))
    lower = np.maximum(hours * 60, start)
    upper = np.minimum((hours + 1) * 60, end)
    overlap = np.clip(upper - lower, 0, None)
    staff = by_hour[:, hours.astype(int) % 168]
    return (staff * overlap).sum(axis=1)


def time_in_system(output: ReplicationOutput) -> tuple[float, float, float]:
    """Little's law terms over the window after the warm-up: (L, lambda, W).

    L is the time-average number of customers in the system, lambda the arrival rate per
    minute and W the mean time in the system of those who arrived in the window (those
    still inside at the end count up to the end of the run).
    """
    start, end = output.warmup_minutes, output.run_minutes
    arrival = output.customers["arrival"]
    leave = np.where(np.isnan(output.customers["end"]), end, output.customers["end"])
    overlap = np.clip(np.minimum(leave, end) - np.maximum(arrival, start), 0, None)
    length = end - start
    inside = overlap.sum() / length
    arrived = arrival >= start
    rate = arrived.sum() / length
    mean_stay = float((leave[arrived] - arrival[arrived]).mean()) if arrived.any() else 0.0
    return float(inside), float(rate), mean_stay


def step_indices(compiled: CompiledMap) -> list[int]:
    return [n.index for n in compiled.nodes if n.kind == STEP]
