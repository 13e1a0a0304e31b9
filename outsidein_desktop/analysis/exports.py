"""Exports of a run's data: the event log (for process-mining tools), customers, results.

The event log has one row per activity instance with a case id, the activity, the
resource (team) and start and end timestamps as real date-times counted from the run's
start date, which is what process-mining tools (PM4Py, Disco, Celonis) expect.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterator

import numpy as np

from ..sim.compiled import CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .results import Results
from .results_file import save_results

EVENT_LOG_COLUMNS = ["case_id", "activity", "resource", "start_timestamp", "end_timestamp",
                     "segment", "replication", "after_warmup"]


def _timestamps(start: dt.date, minutes: np.ndarray) -> np.ndarray:
    base = np.datetime64(dt.datetime.combine(start, dt.time()), "s")
    finite = np.where(np.isfinite(minutes), minutes, 0.0)
    stamps = (base + np.round(finite * 60).astype("timedelta64[s]")).astype(str)
    return np.where(np.isfinite(minutes), stamps, "")


def _pairs(customer: np.ndarray, time: np.ndarray, starts: np.ndarray,
           ends: np.ndarray) -> np.ndarray:
    """For each start event, the index of its end event (the k-th start of a customer pairs
    with their k-th end), or -1 if it had not ended when the run stopped."""
    def keys(index: np.ndarray) -> np.ndarray:
        order = np.lexsort((time[index], customer[index]))
        ordered = index[order]
        cust = customer[ordered]
        first = np.r_[0, np.flatnonzero(np.diff(cust)) + 1]
        rank = np.arange(len(ordered)) - np.repeat(first, np.diff(np.r_[first, len(ordered)]))
        return ordered, cust.astype(np.int64) * 1_000_000 + rank

    start_idx, start_keys = keys(starts)
    end_idx, end_keys = keys(ends)
    sort = np.argsort(end_keys)
    found = np.searchsorted(end_keys[sort], start_keys)
    found = np.minimum(found, len(end_keys) - 1) if len(end_keys) else found
    match = (np.take(end_keys[sort], found, mode="clip") == start_keys) if len(end_keys) \
        else np.zeros(len(start_keys), dtype=bool)
    paired = np.full(len(time), -1)
    if len(end_keys):
        paired[start_idx[match]] = end_idx[sort][found[match]]
    return paired


def event_log_rows(output: ReplicationOutput, compiled: CompiledMap,
                   start_date: dt.date) -> Iterator[list[str]]:
    """Rows of the process-mining event log for one replication, in time order."""
    ev = output.events
    names = compiled.node_names
    teams = compiled.team_names
    segments = [s.name for s in compiled.segments]
    segment_of = output.customers["segment"]
    arrival = output.customers["arrival"]
    kind = ev.event
    end_of = np.full(len(ev), -1)
    for start_kind, end_kind in ((Event.STARTED, Event.FINISHED),
                                 (Event.DELAY_STARTED, Event.DELAY_ENDED),
                                 (Event.CHASED, Event.CHASE_ANSWERED)):
        starts = np.flatnonzero(kind == start_kind)
        ends = np.flatnonzero(kind == end_kind)
        paired = _pairs(ev.customer, ev.time, starts, ends)
        end_of[starts] = paired[starts]
    shown = {Event.ARRIVED, Event.STARTED, Event.DELAY_STARTED, Event.CHASED, Event.GAVE_UP,
             Event.LEFT, Event.STORY_REPEATED, Event.STOPPED}
    rows = np.flatnonzero(np.isin(kind, list(shown)))
    end_time = np.where(end_of[rows] >= 0, ev.time[np.maximum(end_of[rows], 0)], np.nan)
    start_text = _timestamps(start_date, ev.time[rows])
    end_text = _timestamps(start_date, end_time)
    instant = np.isin(kind[rows], [Event.ARRIVED, Event.GAVE_UP, Event.LEFT,
                                   Event.STORY_REPEATED, Event.STOPPED])
    end_text = np.where(instant, start_text, end_text)
    rep = str(output.replication + 1)
    for i, row in enumerate(rows):
        cid = int(ev.customer[row])
        k = int(kind[row])
        node = names[ev.node[row]]
        team = teams[ev.team[row]] if ev.team[row] >= 0 else ""
        activity = {Event.ARRIVED: f"Arrived: {node}", Event.STARTED: node,
                    Event.DELAY_STARTED: node, Event.CHASED: f"Chased {team}",
                    Event.GAVE_UP: f"Gave up at {node}", Event.LEFT: f"Outcome: {node}",
                    Event.STORY_REPEATED: "Told their story again",
                    Event.STOPPED: "Stopped (endless loop)"}[k]
        yield [f"r{rep}-c{cid + 1}", activity, team, start_text[i], end_text[i],
               segments[segment_of[cid]], rep,
               "yes" if arrival[cid] >= output.warmup_minutes else "no"]


def write_event_log(path: str | os.PathLike[str], outputs: list[ReplicationOutput],
                    compiled: CompiledMap, start_date: dt.date) -> int:
    """Write the event log CSV; returns the number of rows."""
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EVENT_LOG_COLUMNS)
        for output in outputs:
            for row in event_log_rows(output, compiled, start_date):
                writer.writerow(row)
                count += 1
    return count


CUSTOMER_CSV_COLUMNS = ["replication", "customer", "segment", "entry", "arrived", "ended",
                        "outcome", "gave_up_at", "end_to_end_minutes", "touch_minutes",
                        "work_minutes", "queue_minutes", "handoff_delay_minutes",
                        "delay_minutes", "unowned_minutes", "handoffs", "story_repeats",
                        "chases", "steps", "after_warmup"]


def write_customers(path: str | os.PathLike[str], outputs: list[ReplicationOutput],
                    compiled: CompiledMap, start_date: dt.date) -> int:
    """One row per simulated customer (every replication)."""
    names = compiled.node_names
    segments = [s.name for s in compiled.segments]
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CUSTOMER_CSV_COLUMNS)
        for output in outputs:
            c = output.customers
            arrived = _timestamps(start_date, c["arrival"])
            ended = _timestamps(start_date, c["end"])
            e2e = c["end"] - c["arrival"]
            for i in range(len(c["arrival"])):
                writer.writerow([
                    output.replication + 1, i + 1, segments[c["segment"][i]],
                    names[c["entry"][i]], arrived[i], ended[i],
                    names[c["outcome"][i]] if c["outcome"][i] >= 0 else "",
                    names[c["gave_up_at"][i]] if c["gave_up_at"][i] >= 0 else "",
                    "" if np.isnan(e2e[i]) else f"{e2e[i]:.3f}",
                    *(f"{c[k][i]:.3f}" for k in ("touch", "work", "queue", "handoff_delay",
                                                 "delay", "unowned")),
                    *(int(c[k][i]) for k in ("handoffs", "story_repeats", "chases", "steps")),
                    "yes" if c["arrival"][i] >= output.warmup_minutes else "no"])
                count += 1
    return count


def write_results_json(path: str | os.PathLike[str], results: Results) -> None:
    """results.json: every summary with its CIs, the settings and the software version."""
    save_results(results, path)
