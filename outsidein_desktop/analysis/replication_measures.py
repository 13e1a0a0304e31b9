"""Measures of one replication, from its journey log and customer table.

Everything here works on numpy columns: a year of a busy service is millions of events.
Customers who arrived during the warm-up are left out of the customer measures; team
measures cover the time after the warm-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..sim.compiled import STEP, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .by_customer import customer_events, worked_out


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
    position: np.ndarray  # index in the journey log of the start of work or giving up


def _queue_episodes(output: ReplicationOutput) -> _QueueEpisodes:
    return worked_out(output, "queue_episodes", _work_out_queue_episodes)


def _work_out_queue_episodes(output: ReplicationOutput) -> _QueueEpisodes:
    j = customer_events(output)
    # A customer's queueing is a QUEUED followed by their STARTED or GAVE_UP: none of their
    # other journey events comes between (chases, which may, are not among them).
    ends = np.flatnonzero((j.kind == Event.STARTED) | (j.kind == Event.GAVE_UP))
    previous = np.maximum(ends - 1, 0)
    queued = (ends > 0) & (j.kind[previous] == Event.QUEUED) & j.follows_same_customer()[ends]
    left = j.time[ends]
    return _QueueEpisodes(customer=j.customer[ends], node=j.node[ends], team=j.team[ends],
                          left=left, joined=np.where(queued, j.time[previous], left),
                          queued=queued, gave_up=j.kind[ends] == Event.GAVE_UP,
                          position=j.position[ends])


def queue_visits(output: ReplicationOutput) -> QueueVisits:
    """Every visit to a step, with its wait, for customers who arrived after the warm-up."""
    episodes = _queue_episodes(output)
    keep = output.customers["arrival"][episodes.customer] >= output.warmup_minutes
    return QueueVisits(node=episodes.node[keep], team=episodes.team[keep],
                       joined=episodes.joined[keep],
                       wait=(episodes.left - episodes.joined)[keep],
                       gave_up=episodes.gave_up[keep])


def _queue_levels(output: ReplicationOutput) -> list[tuple[np.ndarray, np.ndarray]]:
    return worked_out(output, "queue_levels", _work_out_queue_levels)


def _work_out_queue_levels(output: ReplicationOutput) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per team (by index): the times its queue changed, in time order, and its length
    after each change. Several changes at one moment may come in any order: only the
    length after the last of them is ever read."""
    ev = output.events
    episodes = _queue_episodes(output)
    joins = ev.event == Event.QUEUED
    leaves = np.zeros(len(ev), dtype=bool)
    leaves[episodes.position[episodes.queued]] = True
    changes = np.flatnonzero(joins | leaves)  # in time order, as the log is
    team = ev.team[changes]
    by_team = np.argsort(team, kind="stable")  # each team's changes stay in time order
    bounds = np.searchsorted(team[by_team], np.arange(team.max(initial=-1) + 2))
    when = ev.time[changes][by_team]
    step = np.where(joins[changes][by_team], 1.0, -1.0)
    levels = []
    for t in range(len(bounds) - 1):
        mine = slice(bounds[t], bounds[t + 1])
        levels.append((when[mine], np.cumsum(step[mine])))
    return levels


def _team_levels(output: ReplicationOutput,
                 teams: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(team index, change times, lengths) for each team whose queue ever changed."""
    for t, (when, level) in enumerate(_queue_levels(output)[:teams]):
        if len(when):
            yield t, when, level


def queue_length_over_time(output: ReplicationOutput, teams: int,
                           grid: np.ndarray) -> np.ndarray:
    """Customers queueing for each team at each time of ``grid`` (teams x len(grid)).

    Customers who joined a queue and had not left it by the end of the run are counted
    until the end."""
    result = np.zeros((teams, len(grid)))
    for t, when, level in _team_levels(output, teams):
        at = np.searchsorted(when, grid, side="right") - 1
        result[t] = np.where(at >= 0, level[np.maximum(at, 0)], 0.0)
    return result


def mean_queue_length(output: ReplicationOutput, teams: int, edges: np.ndarray) -> np.ndarray:
    """Time-average customers queueing for each team over each period between consecutive
    ``edges`` (minutes, increasing): teams x (len(edges) - 1).

    Exact: the area under each queue's length over the period, divided by its length. A
    queue sampled at single moments swings with the time of day (work piles up in the
    morning and clears by the evening); its average over a day or a week shows the trend."""
    result = np.zeros((teams, len(edges) - 1))
    for t, when, level in _team_levels(output, teams):
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
