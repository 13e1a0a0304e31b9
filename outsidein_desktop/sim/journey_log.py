"""The journey log: every event of every customer, kept as compact columns.

During a run events are appended to ``array.array`` columns (a few bytes each, no Python
object per event); :meth:`EventRecorder.freeze` turns them into numpy arrays. Per-customer
facts (arrival, segment, outcome, the totals a person feels) are kept in a second table,
one row per customer. Neither module imports simpy: the analysis layer reads them.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Event(IntEnum):
    """What happened. The names are the activities of the exported event log."""

    ARRIVED = 0
    QUEUED = 1
    STARTED = 2
    FINISHED = 3
    HANDED_OFF = 4  # the customer sets off along a handoff (its delay starts)
    DELAY_STARTED = 5
    DELAY_ENDED = 6
    CHASED = 7  # the customer contacts the service to chase (the team's work starts)
    CHASE_ANSWERED = 8
    GAVE_UP = 9
    LEFT = 10  # reached an exit
    STORY_REPEATED = 11
    STOPPED = 12  # stopped by the engine's watchdog (a loop that never ends)


NO_TEAM = -1

# Per-customer columns: name -> numpy dtype.
CUSTOMER_COLUMNS: dict[str, str] = {
    "arrival": "f8",       # minutes from the start of the run
    "end": "f8",           # when they left (exit or gave up); NaN if still in the system
    "entry": "i2",
    "segment": "i2",
    "outcome": "i2",       # exit node index, or -1 (gave up, stopped, still in the system)
    "gave_up_at": "i2",    # node index where they gave up, or -1
    "touch": "f8",         # minutes of work with the customer present
    "work": "f8",          # minutes of work done for them by any team
    "queue": "f8",         # minutes queueing for teams
    "handoff_delay": "f8",  # minutes in transit between places
    "delay": "f8",         # minutes at delay parts (waiting for a result, the post)
    "unowned": "f8",       # minutes between one team's work and another team's
    "handoffs": "i2",      # passes from one team to another
    "story_repeats": "i2",
    "chases": "i2",
    "steps": "i2",         # pieces of work done for them
}


class EventRecorder:
    """Collects events during one replication. Appending is the hot path: keep it cheap."""

    __slots__ = ("time", "customer", "event", "node", "team")

    def __init__(self) -> None:
        self.time = array("d")
        self.customer = array("i")
        self.event = array("b")
        self.node = array("h")
        self.team = array("h")

    def add(self, time: float, customer: int, event: int, node: int, team: int) -> None:
        self.time.append(time)
        self.customer.append(customer)
        self.event.append(event)
        self.node.append(node)
        self.team.append(team)

    def freeze(self) -> EventColumns:
        # Views on the arrays' own buffers: no copy, so the peak memory stays that of the log.
        return EventColumns(
            time=np.frombuffer(self.time, dtype=np.float64),
            customer=np.frombuffer(self.customer, dtype=np.int32),
            event=np.frombuffer(self.event, dtype=np.int8),
            node=np.frombuffer(self.node, dtype=np.int16),
            team=np.frombuffer(self.team, dtype=np.int16),
        )


@dataclass
class EventColumns:
    """The events of one replication, in time order, as numpy columns."""

    time: np.ndarray
    customer: np.ndarray
    event: np.ndarray
    node: np.ndarray
    team: np.ndarray

    def __len__(self) -> int:
        return len(self.time)

    @property
    def nbytes(self) -> int:
        return sum(getattr(self, c).nbytes for c in ("time", "customer", "event", "node", "team"))


class CustomerRecorder:
    """One row per customer, filled in as they arrive and when they leave."""

    def __init__(self) -> None:
        self.columns = {name: array("d" if dtype == "f8" else "h")
                        for name, dtype in CUSTOMER_COLUMNS.items()}

    def __len__(self) -> int:
        return len(self.columns["arrival"])

    def freeze(self) -> dict[str, np.ndarray]:
        return {name: np.frombuffer(col, dtype=np.float64 if CUSTOMER_COLUMNS[name] == "f8"
                                    else np.int16).astype(CUSTOMER_COLUMNS[name])
                for name, col in self.columns.items()}


@dataclass
class ReplicationOutput:
    """What one replication produced (picklable, no simpy objects)."""

    replication: int
    events: EventColumns
    customers: dict[str, np.ndarray]
    busy_minutes: np.ndarray  # per team, after the warm-up
    run_minutes: float
    warmup_minutes: float
    stopped_by_watchdog: int
