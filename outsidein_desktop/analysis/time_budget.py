"""Where the time goes: each finished journey cut into pieces, attributed to steps.

For every visit to a step: the time getting there (handoff delays and delays since the
last piece of work, or since arriving), the queue, and the work (touch time when the
customer is present, back-office work when not). The time from the last piece of work to
the exit is attributed to the exit. Averaged per finished customer, the pieces of all
steps and exits add up to the mean end-to-end time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sim.compiled import EXIT, STEP, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput

PIECES = ("getting_there", "queue", "touch", "back_office")


@dataclass
class TimeBudget:
    """Mean minutes per finished customer, per place (steps and exits in journey order)."""

    places: list[str]
    minutes: dict[str, np.ndarray]  # piece -> one value per place

    def total(self) -> float:
        return float(sum(v.sum() for v in self.minutes.values()))


def time_budget(outputs: list[ReplicationOutput], compiled: CompiledMap) -> TimeBudget:
    """The time budget pooled over replications (customers who arrived after the warm-up
    and reached an exit)."""
    n_nodes = len(compiled.nodes)
    sums = {piece: np.zeros(n_nodes) for piece in PIECES}
    first_seen = np.zeros(n_nodes)
    seen = np.zeros(n_nodes)
    finished = 0
    present = np.array([n.customer_present for n in compiled.nodes])
    for output in outputs:
        finished += _add_replication(output, sums, present, first_seen, seen)
    places = [i for i, n in enumerate(compiled.nodes) if n.kind in (STEP, EXIT) and seen[i]]
    # Journey order: by the mean time into the journey at which a place is first reached.
    places.sort(key=lambda i: (compiled.nodes[i].kind == EXIT, first_seen[i] / seen[i]))
    scale = 1.0 / finished if finished else 0.0
    return TimeBudget(places=[compiled.nodes[i].name for i in places],
                      minutes={k: v[places] * scale for k, v in sums.items()})


def _add_replication(output: ReplicationOutput, sums: dict[str, np.ndarray],
                     present: np.ndarray, first_seen: np.ndarray, seen: np.ndarray) -> int:
    ev = output.events
    c = output.customers
    keep_customer = (c["arrival"] >= output.warmup_minutes) & (c["outcome"] >= 0)
    kinds = [Event.ARRIVED, Event.QUEUED, Event.STARTED, Event.FINISHED, Event.LEFT]
    mine = np.flatnonzero(np.isin(ev.event, kinds) & keep_customer[ev.customer])
    order = mine[np.lexsort((mine, ev.customer[mine]))]
    customer, kind = ev.customer[order], ev.event[order]
    time, node = ev.time[order], ev.node[order]
    same = np.r_[False, customer[1:] == customer[:-1]]
    previous_time = np.r_[0.0, time[:-1]]
    previous_kind = np.r_[-1, kind[:-1]]
    since_previous = np.where(same, time - previous_time, 0.0)
    # Reaching a place: a QUEUED, a STARTED straight after arriving or finishing, or LEFT.
    reach = ((kind == Event.QUEUED) | (kind == Event.LEFT)
             | ((kind == Event.STARTED) & (previous_kind != Event.QUEUED)))
    np.add.at(sums["getting_there"], node[reach], since_previous[reach])
    queued = (kind == Event.STARTED) & (previous_kind == Event.QUEUED)
    np.add.at(sums["queue"], node[queued], since_previous[queued])
    work = kind == Event.FINISHED
    touch = work & present[node]
    np.add.at(sums["touch"], node[touch], since_previous[touch])
    np.add.at(sums["back_office"], node[work & ~touch], since_previous[work & ~touch])
    # Journey order: how far into the journey each place is first reached.
    arrival = c["arrival"][customer]
    first = reach & ~_repeat_visit(customer, node, reach)
    np.add.at(first_seen, node[first], (time - arrival)[first])
    np.add.at(seen, node[first], 1)
    return int(keep_customer.sum())


def _repeat_visit(customer: np.ndarray, node: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """True where a customer reaches a place they have reached before."""
    repeat = np.zeros(len(customer), dtype=bool)
    index = np.flatnonzero(reach)
    pairs = customer[index].astype(np.int64) * 65536 + node[index]
    _, first = np.unique(pairs, return_index=True)
    mask = np.ones(len(index), dtype=bool)
    mask[first] = False
    repeat[index[mask]] = True
    return repeat
