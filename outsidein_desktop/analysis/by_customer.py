"""The journey log regrouped by customer: each customer's events together, in time order.

Several measures follow customers from one event to their next (how long they queued,
where their time went). The log is in time order, with every customer's events
interleaved; one stable sort by customer, shared by those measures, regroups it. On a year
of a busy service that sort and its gathers are most of the analysis's work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TypeVar

import numpy as np

from ..sim.journey_log import Event, ReplicationOutput

T = TypeVar("T")

#: The events the measures follow customers through.
JOURNEY_EVENTS = (Event.ARRIVED, Event.QUEUED, Event.STARTED, Event.FINISHED, Event.GAVE_UP,
                  Event.LEFT)

_PREFIX = "_worked_out_"


def worked_out(output: ReplicationOutput, name: str,
               work_out: Callable[[ReplicationOutput], T]) -> T:
    """``work_out(output)``, kept on ``output`` so that the measures needing it share it;
    :func:`forget_worked_out` lets it go."""
    key = _PREFIX + name
    if key not in output.__dict__:
        output.__dict__[key] = work_out(output)
    return output.__dict__[key]


def forget_worked_out(output: ReplicationOutput) -> None:
    """Drop what was worked out from ``output``'s log: a run keeps its outputs (for the
    exports), and a year's regrouped log is as big again as the log."""
    for key in [k for k in output.__dict__ if k.startswith(_PREFIX)]:
        del output.__dict__[key]


@dataclass
class CustomerEvents:
    """Events grouped by customer (in order of customer number), each customer's in time
    order; ``position`` is each event's index in the journey log."""

    position: np.ndarray
    customer: np.ndarray
    kind: np.ndarray
    time: np.ndarray
    node: np.ndarray
    team: np.ndarray

    def __len__(self) -> int:
        return len(self.position)

    def where(self, keep: np.ndarray) -> CustomerEvents:
        """The events where ``keep`` is true, still grouped and in order."""
        return CustomerEvents(*(getattr(self, f.name)[keep] for f in fields(self)))

    def follows_same_customer(self) -> np.ndarray:
        """True where an event's customer is the previous event's."""
        same = np.zeros(len(self), dtype=bool)
        same[1:] = self.customer[1:] == self.customer[:-1]
        return same


def customer_events(output: ReplicationOutput) -> CustomerEvents:
    """The JOURNEY_EVENTS of ``output``, regrouped by customer (worked out once)."""
    return worked_out(output, "customer_events", _regroup)


def _regroup(output: ReplicationOutput) -> CustomerEvents:
    ev = output.events
    wanted = np.zeros(len(ev), dtype=bool)
    for kind in JOURNEY_EVENTS:
        wanted |= ev.event == kind
    mine = np.flatnonzero(wanted)
    customer = ev.customer[mine]
    # A stable sort keeps each customer's events in log order, which is time order.
    order = np.argsort(customer, kind="stable")
    position = mine[order]
    return CustomerEvents(position=position, customer=customer[order],
                          kind=ev.event[position], time=ev.time[position],
                          node=ev.node[position], team=ev.team[position])
