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
from .by_customer import customer_events

PIECES = ("getting_there", "queue", "touch", "back_office")


@dataclass
class TimeBudget:
    """Mean minutes per finished customer, per place (steps and exits in journey order)."""

    places: list[str]
    minutes: dict[str, np.ndarray]  # piece -> one value per place

    def total(self) -> float:
        return float(sum(v.sum() for v in self.minutes.values()))


@dataclass
class TimeBudgetParts:
    """One replication's share of the time budget: sums to be pooled with the others'."""

    minutes: np.ndarray  # pieces x nodes: minutes summed over its finished customers
    first_seen: np.ndarray  # per node: minutes into the journey it was first reached, summed
    seen: np.ndarray  # per node: customers who reached it
    finished: int  # customers who arrived after the warm-up and reached an exit


def time_budget(outputs: list[ReplicationOutput], compiled: CompiledMap) -> TimeBudget:
    """The time budget pooled over replications (customers who arrived after the warm-up
    and reached an exit)."""
    return pool_time_budget([time_budget_parts(o, compiled) for o in outputs], compiled)


def pool_time_budget(parts: list[TimeBudgetParts], compiled: CompiledMap) -> TimeBudget:
    """The time budget of the replications whose ``parts`` are given."""
    n_nodes = len(compiled.nodes)
    minutes = sum((p.minutes for p in parts), np.zeros((len(PIECES), n_nodes)))
    first_seen = sum((p.first_seen for p in parts), np.zeros(n_nodes))
    seen = sum((p.seen for p in parts), np.zeros(n_nodes))
    finished = sum(p.finished for p in parts)
    places = [i for i, n in enumerate(compiled.nodes) if n.kind in (STEP, EXIT) and seen[i]]
    # Journey order: by the mean time into the journey at which a place is first reached.
    places.sort(key=lambda i: (compiled.nodes[i].kind == EXIT, first_seen[i] / seen[i]))
    scale = 1.0 / finished if finished else 0.0
    return TimeBudget(places=[compiled.nodes[i].name for i in places],
                      minutes={k: minutes[p][places] * scale for p, k in enumerate(PIECES)})


def time_budget_parts(output: ReplicationOutput, compiled: CompiledMap) -> TimeBudgetParts:
    """``output``'s time budget sums, for :func:`pool_time_budget`."""
    c = output.customers
    n_nodes = len(compiled.nodes)
    present = np.array([n.customer_present for n in compiled.nodes], dtype=bool)
    keep_customer = (c["arrival"] >= output.warmup_minutes) & (c["outcome"] >= 0)
    j = customer_events(output)
    kind, node = j.kind, j.node
    # Everything is worked out for every customer and only kept customers' events count:
    # cheaper than picking their events out first. (Kept customers never gave up, so their
    # events here are exactly those the pieces are cut from.)
    kept = keep_customer[j.customer]
    since_previous = np.where(j.follows_same_customer(), j.time - _previous(j.time, 0.0), 0.0)
    after_queue = _previous(kind, -1) == Event.QUEUED
    # Reaching a place: a QUEUED, a STARTED straight after arriving or finishing, or LEFT.
    started_straight_away = (kind == Event.STARTED) & ~after_queue
    reach = (kind == Event.QUEUED) | (kind == Event.LEFT) | started_straight_away
    queued = (kind == Event.STARTED) & after_queue
    work = kind == Event.FINISHED
    # Each event is at most one piece (the pieces are exclusive), so one weighted count
    # of (piece, node) pairs sums them all; events in no piece weigh nothing.
    piece = np.full(len(kind), PIECES.index("getting_there"))
    piece[queued] = PIECES.index("queue")
    piece[work] = np.where(present[node[work]], PIECES.index("touch"),
                           PIECES.index("back_office"))
    counted = kept & (reach | queued | work)
    minutes = np.bincount(piece * n_nodes + node, weights=np.where(counted, since_previous, 0.0),
                          minlength=len(PIECES) * n_nodes)
    # Journey order: how far into the journey each place is first reached.
    first = _first_visits(j.customer, node, reach & kept, n_nodes)
    first_seen = np.bincount(node[first], weights=j.time[first] - c["arrival"][j.customer[first]],
                             minlength=n_nodes)
    return TimeBudgetParts(minutes=minutes.reshape(len(PIECES), n_nodes), first_seen=first_seen,
                           seen=np.bincount(node[first], minlength=n_nodes).astype(float),
                           finished=int(keep_customer.sum()))


def _previous(column: np.ndarray, first: float) -> np.ndarray:
    """Each event's predecessor's value in ``column``; ``first`` for the first event."""
    result = np.empty_like(column)
    result[:1] = first
    result[1:] = column[:-1]
    return result


def _first_visits(customer: np.ndarray, node: np.ndarray, reach: np.ndarray,
                  n_nodes: int) -> np.ndarray:
    """Positions (among ``reach``) where a customer reaches a place for the first time."""
    index = np.flatnonzero(reach)
    _, first = np.unique(customer[index].astype(np.int64) * n_nodes + node[index],
                         return_index=True)
    is_first = np.zeros(len(index), dtype=bool)
    is_first[first] = True
    return index[is_first]
