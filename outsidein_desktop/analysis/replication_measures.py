"""Measures of one replication, from its journey log and customer table.

Everything here works on numpy columns: a year of a busy service is millions of events.
Customers who arrived during the warm-up are left out of the customer measures; team
measures cover the time after the warm-up.
"""

from __future__ import annotations

import math
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


@dataclass
class _QueueEpisodes:
    """Each start of work or giving up, with whether (and since when) the customer queued."""

    customer: np.ndarray
    node: np.ndarray
    team: np.ndarray
    left: np.ndarray  # when work started or they gave up
    joined: np.ndarray  # when they joined the queue (== left if they never queued)
    queued: np.ndarray  # bool
    gave_up: np.ndarray  # bool


def _queue_episodes(output: ReplicationOutput) -> _QueueEpisodes:
    """The queue episodes of ``output``, worked out once (several measures need them)."""
    cached = output.__dict__.get("_queue_episodes")
    if cached is None:
        cached = output.__dict__["_queue_episodes"] = _work_out_queue_episodes(output)
    return cached


def _work_out_queue_episodes(output: ReplicationOutput) -> _QueueEpisodes:
    ev = output.events
    # Only queue events: chases logged while a customer queues must not break the pairs.
    mine = np.flatnonzero(np.isin(ev.event, [Event.QUEUED, Event.STARTED, Event.GAVE_UP]))
    order = mine[np.lexsort((mine, ev.customer[mine]))]  # by customer, then time order
    customer = ev.customer[order]
    kind = ev.event[order]
    time = ev.time[order]
    ends = np.flatnonzero(kind != Event.QUEUED)
    previous = np.maximum(ends - 1, 0)
    queued = ((ends > 0) & (kind[previous] == Event.QUEUED)
              & (customer[previous] == customer[ends]))
    return _QueueEpisodes(customer=customer[ends], node=ev.node[order][ends],
                          team=ev.team[order][ends], left=time[ends],
                          joined=np.where(queued, time[previous], time[ends]), queued=queued,
                          gave_up=kind[ends] == Event.GAVE_UP)


def queue_visits(output: ReplicationOutput) -> QueueVisits:
    """Every visit to a step, with its wait, for customers who arrived after the warm-up."""
    episodes = _queue_episodes(output)
    keep = output.customers["arrival"][episodes.customer] >= output.warmup_minutes
    return QueueVisits(node=episodes.node[keep], team=episodes.team[keep],
                       joined=episodes.joined[keep],
                       wait=(episodes.left - episodes.joined)[keep],
                       gave_up=episodes.gave_up[keep])


def _queue_changes(output: ReplicationOutput) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every join (+1) and leave (-1) of a queue: (times, changes, teams)."""
    ev = output.events
    episodes = _queue_episodes(output)
    joins = ev.event == Event.QUEUED
    times = np.concatenate([ev.time[joins], episodes.left[episodes.queued]])
    change = np.concatenate([np.ones(joins.sum()), -np.ones(episodes.queued.sum())])
    team = np.concatenate([ev.team[joins], episodes.team[episodes.queued]])
    return times, change, team


def _queue_levels(times: np.ndarray, change: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The queue's length after each change, in time order: (times, levels)."""
    sequence = np.lexsort((-change, times))  # joins before leaves at a tie
    return times[sequence], np.cumsum(change[sequence])


def queue_length_over_time(output: ReplicationOutput, teams: int,
                           grid: np.ndarray) -> np.ndarray:
    """Customers queueing for each team at each time of ``grid`` (teams x len(grid)).

    Customers who joined a queue and had not left it by the end of the run are counted
    until the end."""
    times, change, team = _queue_changes(output)
    result = np.zeros((teams, len(grid)))
    for t in range(teams):
        mine = team == t
        if not mine.any():
            continue
        when, level = _queue_levels(times[mine], change[mine])
        at = np.searchsorted(when, grid, side="right") - 1
        result[t] = np.where(at >= 0, level[np.maximum(at, 0)], 0.0)
    return result


def mean_queue_length(output: ReplicationOutput, teams: int, edges: np.ndarray) -> np.ndarray:
    """Time-average customers queueing for each team over each period between consecutive
    ``edges`` (minutes, increasing): teams x (len(edges) - 1).

    Exact: the area under each queue's length over the period, divided by its length. A
    queue sampled at single moments swings with the time of day (work piles up in the
    morning and clears by the evening); its average over a day or a week shows the trend."""
    times, change, team = _queue_changes(output)
    result = np.zeros((teams, len(edges) - 1))
    for t in range(teams):
        mine = team == t
        if not mine.any():
            continue
        when, level = _queue_levels(times[mine], change[mine])
        area = np.concatenate([[0.0], np.cumsum(level[:-1] * np.diff(when))])
        at = np.searchsorted(when, edges, side="right") - 1
        last = np.maximum(at, 0)
        area_at = np.where(at >= 0, area[last] + level[last] * (edges - when[last]), 0.0)
        result[t] = np.diff(area_at) / np.diff(edges)
    return result


def queue_periods(start: float, end: float, most: int = 200, fewest: int = 20) -> np.ndarray:
    """Edges (minutes) of the periods to average queues over, from ``start`` towards
    ``end``: whole weeks, days or hours, the longest that gives at least ``fewest`` periods
    and at most ``most``; otherwise ``most`` equal periods. A remainder shorter than a
    period at the end is left out: part of a week is not like a whole one (no weekend)."""
    for period in (10080.0, 1440.0, 60.0):
        count = math.floor((end - start) / period + 1e-9)
        if fewest <= count <= most:
            return start + period * np.arange(count + 1)
    return np.linspace(start, end, most + 1)


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
    mean_stay = float((leave[arrived] - arrival[arrived]).mean()) if arrived.any() else math.nan
    return float(inside), float(rate), mean_stay


def step_indices(compiled: CompiledMap) -> list[int]:
    return [n.index for n in compiled.nodes if n.kind == STEP]
