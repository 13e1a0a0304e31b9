"""A team as a SimPy resource whose staff change with its roster.

SimPy's own resources have a fixed capacity; a team's staff change by the hour. A desk
keeps its own priority queue (segment priority, then arrival order) and lets work start
only while enough staff are on duty. Work in progress when a shift ends is finished; no
new work starts until staff are back.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator

import numpy as np
import simpy

MINUTES_PER_WEEK = 7 * 24 * 60


class Ticket:
    """A place in a desk's queue. ``event`` succeeds with True when work can start, or
    with False if the customer gave up first."""

    __slots__ = ("key", "need", "event", "waiting")

    def __init__(self, key: tuple[int, int], need: int, event: simpy.Event) -> None:
        self.key = key
        self.need = need
        self.event = event
        self.waiting = True

    def __lt__(self, other: Ticket) -> bool:
        return self.key < other.key


class Desk:
    """Where a team's work queues. ``capacity`` is the staff on duty now."""

    __slots__ = ("env", "capacity", "busy", "queue", "_seq", "_area", "_since")

    def __init__(self, env: simpy.Environment, roster: np.ndarray, start_weekday: int) -> None:
        self.env = env
        self.busy = 0
        self._area = 0.0  # staff-minutes worked up to ``_since``
        self._since = 0.0
        self.queue: list[Ticket] = []
        self._seq = 0
        by_hour = np.roll(roster.reshape(-1), -start_weekday * 24).tolist()
        self.capacity = by_hour[0]
        if min(by_hour) != max(by_hour):
            env.process(self._follow_roster(by_hour))

    def request(self, priority: int, need: int) -> Ticket | None:
        """None if work can start at once; otherwise a Ticket to wait on."""
        if not self.queue and self.busy + need <= self.capacity:
            self._account()
            self.busy += need
            return None
        self._seq += 1
        ticket = Ticket((priority, self._seq), need, self.env.event())
        heapq.heappush(self.queue, ticket)
        return ticket

    def give_up(self, ticket: Ticket) -> bool:
        """Take a still-waiting ticket out of the queue; False if its work already began."""
        if not ticket.waiting:
            return False
        ticket.waiting = False
        ticket.event.succeed(False)
        self._start_waiting_work()  # the one who gave up may have been blocking the head
        return True

    def busy_minutes(self, now: float) -> float:
        """Staff-minutes of work done from the start of the run to ``now``."""
        return self._area + self.busy * (now - self._since)

    def _account(self) -> None:
        now = self.env.now
        self._area += self.busy * (now - self._since)
        self._since = now

    def release(self, need: int) -> None:
        self._account()
        self.busy -= need
        if self.queue:
            self._start_waiting_work()

    def _start_waiting_work(self) -> None:
        queue = self.queue
        while queue:
            head = queue[0]
            if not head.waiting:
                heapq.heappop(queue)
                continue
            if self.busy + head.need > self.capacity:
                return
            heapq.heappop(queue)
            head.waiting = False
            self._account()
            self.busy += head.need
            head.event.succeed(True)

    def _follow_roster(self, by_hour: list[int]) -> Generator[simpy.Event, None, None]:
        """Change the staff on duty at each hour where the roster changes."""
        changes = [(h * 60.0, by_hour[h]) for h in range(168)
                   if by_hour[h] != by_hour[h - 1]]
        week = 0.0
        while True:
            for minute, staff in changes:
                wait = week + minute - self.env.now
                if wait > 0:
                    yield self.env.timeout(wait)
                self.capacity = staff
                self._start_waiting_work()
            week += MINUTES_PER_WEEK
