"""Replay a run: where everyone is at any moment, for drawing the run back on the map.

Built once from one replication's journey log (see replay_spans.py), a ReplayIndex answers
"what does the map look like at minute t" with a handful of binary searches, so a frame
costs the same early or late in a year-long run: per part, the customers queueing, being
served and waiting at a delay; per handoff, the customers travelling along it with how far
they have gone (for dots moving along the arrow); and the arrivals, exits and give-ups so
far. At most ``max_dots`` dots are drawn per handoff; the rest are counted as hidden. Which
ones are drawn is fixed per journey (a hash of the customer), so dots do not flicker from
frame to frame. One chosen customer can be followed with :meth:`ReplayIndex.where`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sim.compiled import EXIT, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .replay_spans import (
    AT_DELAY,
    IN_SERVICE,
    IN_TRANSIT,
    QUEUEING,
    Spans,
    handoffs_of,
    spans_of,
)

MAX_DOTS = 30
#: Counted per part, after the three span kinds: what has happened there by now.
ARRIVED_HERE, LEFT_HERE, GAVE_UP_HERE, STOPPED_HERE = range(3, 7)
_MILESTONES = {Event.ARRIVED: ARRIVED_HERE, Event.LEFT: LEFT_HERE,
               Event.GAVE_UP: GAVE_UP_HERE, Event.STOPPED: STOPPED_HERE}
_PER_PART = 7


@dataclass(frozen=True)
class Frame:
    """The map at one moment. Per-part arrays are indexed like ``CompiledMap.nodes``;
    per-handoff ones like ``ReplayIndex.handoffs``."""

    minute: float
    queueing: np.ndarray
    in_service: np.ndarray
    at_delay: np.ndarray
    in_transit: np.ndarray
    dots: list[np.ndarray]  # per handoff: the progress (0 at the source, 1 at the target)
    dot_customers: list[np.ndarray]  # per handoff: whose dot each is
    hidden: np.ndarray  # per handoff: travelling but not drawn
    arrived: np.ndarray  # per part (entries): customers who came in by now
    left: np.ndarray  # per part (exits): customers who reached it by now
    gave_up: np.ndarray  # per part: customers who gave up there by now
    stopped: int  # journeys stopped by the engine's watchdog by now

    @property
    def in_system(self) -> int:
        return int(self.arrived.sum() - self.left.sum() - self.gave_up.sum() - self.stopped)


@dataclass(frozen=True)
class Whereabouts:
    """Where one customer is at one moment."""

    customer: int  # their row in the customer table (counted from 0)
    state: str  # one of STATES
    part: int = -1  # the part they are at (or left from, or ended at)
    handoff: int = -1  # the handoff they travel along
    progress: float = 0.0  # along that handoff, 0 to 1


STATES = ("not arrived yet", "queueing", "being served", "waiting", "travelling",
          "moving on", "left", "gave up", "stopped")
_SPAN_STATE = {QUEUEING: "queueing", IN_SERVICE: "being served", AT_DELAY: "waiting",
               IN_TRANSIT: "travelling"}


class _ActiveCounts:
    """How many intervals [start, end) of each key contain a time, all keys in one go.

    Times become ranks in the sorted list of every start and end, so (key, rank) packs
    exactly into one int64 and one sorted array answers for every key at once."""

    def __init__(self, key: np.ndarray, start: np.ndarray, end: np.ndarray,
                 keys: int) -> None:
        self.grid = np.unique(np.concatenate([start, end[np.isfinite(end)]]))
        stride = len(self.grid) + 2
        end_rank = np.where(np.isfinite(end), np.searchsorted(self.grid, end), len(self.grid))
        key = key.astype(np.int64) * stride
        self.starts = np.sort(key + np.searchsorted(self.grid, start))
        self.ends = np.sort(key + end_rank)
        self.base = np.arange(keys, dtype=np.int64) * stride

    def at(self, minute: float) -> np.ndarray:
        upto = np.searchsorted(self.grid, minute, side="right")  # times <= minute
        probes = np.concatenate([self.base, self.base + upto])
        keys = len(self.base)
        started = np.searchsorted(self.starts, probes)
        ended = np.searchsorted(self.ends, probes)
        return (started[keys:] - started[:keys]) - (ended[keys:] - ended[:keys])


class _Handoff:
    """The trips along one handoff, to find those under way at a time without a scan.

    Most trips are short: those are found among the ones that started within the longest
    short trip before the time. The long tail (and trips still under way at the end) is
    few enough to check one by one, vectorised."""

    def __init__(self, start: np.ndarray, end: np.ndarray, length: np.ndarray,
                 customer: np.ndarray) -> None:
        order = np.argsort(start, kind="stable")
        start, end, length, customer = start[order], end[order], length[order], customer[order]
        finite = np.isfinite(end)
        self.reach = float(np.quantile(length[finite], 0.9)) if finite.any() else 0.0
        short = finite & (length <= self.reach)
        self.short = (start[short], end[short], length[short], customer[short])
        self.long = (start[~short], end[~short], length[~short], customer[~short])

    def under_way(self, minute: float) -> tuple[np.ndarray, np.ndarray]:
        """(progress, customer) of every trip under way at ``minute``."""
        start, end, length, customer = self.short
        lo = np.searchsorted(start, minute - self.reach, side="left")
        hi = np.searchsorted(start, minute, side="right")
        parts = [(start[lo:hi], end[lo:hi], length[lo:hi], customer[lo:hi]), self.long]
        progress, who = [], []
        for s, e, n, c in parts:
            on = (s <= minute) & (minute < e)
            gone = minute - s[on]
            progress.append(np.clip(np.divide(gone, n[on], out=np.ones_like(gone),
                                              where=n[on] > 0), 0.0, 1.0))
            who.append(c[on])
        return np.concatenate(progress), np.concatenate(who)


def _drawn_first(customer: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random rank per customer (Knuth's multiplicative hash)."""
    return (customer.astype(np.uint64) * np.uint64(2654435761)) % np.uint64(2**32)


class ReplayIndex:
    """Where everyone is at any minute of one replication. Build once, then ask
    :meth:`frame` and :meth:`where` as often as needed (each is a few binary searches)."""

    def __init__(self, output: ReplicationOutput, compiled: CompiledMap,
                 max_dots: int = MAX_DOTS) -> None:
        self.replication = output.replication
        self.run_minutes = float(output.run_minutes)
        self.max_dots = max_dots
        self.part_names = compiled.node_names
        self.handoffs = handoffs_of(compiled)
        self.customers = len(output.customers["arrival"])
        self._table = output.customers
        spans = spans_of(output, compiled)
        self.guessed = spans.guessed
        parts, handoffs = len(self.part_names), len(self.handoffs)
        ev = output.events
        happened = np.flatnonzero(np.isin(ev.event, list(_MILESTONES)))
        milestone = np.zeros(len(happened), dtype=np.int64)
        for event, kind in _MILESTONES.items():
            milestone[ev.event[happened] == event] = kind
        # Reaching an exit that means giving up (hung up, went private) is giving up.
        gave_up_exits = [n.index for n in compiled.nodes if n.kind == EXIT and n.gave_up]
        milestone[(milestone == LEFT_HERE) & np.isin(ev.node[happened], gave_up_exits)] = \
            GAVE_UP_HERE
        node_span = spans.kind != IN_TRANSIT
        key = np.concatenate([
            spans.kind[node_span].astype(np.int64) * parts + spans.place[node_span],
            milestone * parts + ev.node[happened],
            _PER_PART * parts + spans.place[~node_span]])
        start = np.concatenate([spans.start[node_span], ev.time[happened],
                                spans.start[~node_span]])
        end = np.concatenate([spans.end[node_span], np.full(len(happened), np.inf),
                              spans.end[~node_span]])
        self._counts = _ActiveCounts(key, start, end, _PER_PART * parts + handoffs)
        self._trips = []
        for h in range(handoffs):
            on = ~node_span & (spans.place == h)
            self._trips.append(_Handoff(spans.start[on], spans.end[on], spans.length[on],
                                        spans.customer[on]) if on.any() else None)
        self._by_customer = self._customer_spans(spans)
        #: The most customers each part held at once during the run, queueing for it (a
        #: step) or waiting at it (a delay): for scaling bars.
        self.peak_queue = self._peaks(spans, parts, QUEUEING)
        self.peak_waiting = self._peaks(spans, parts, AT_DELAY)

    @staticmethod
    def _customer_spans(spans: Spans) -> tuple[np.ndarray, ...]:
        order = np.lexsort((spans.start, spans.customer))
        return (spans.customer[order], spans.start[order], spans.end[order],
                spans.kind[order], spans.place[order], spans.length[order])

    @staticmethod
    def _peaks(spans: Spans, parts: int, kind: int) -> np.ndarray:
        """The most spans of ``kind`` each part had at once during the run."""
        peak = np.zeros(parts, dtype=np.int64)
        queue = spans.kind == kind
        for part in np.unique(spans.place[queue]):
            mine = queue & (spans.place == part)
            ends = spans.end[mine][np.isfinite(spans.end[mine])]
            times = np.concatenate([spans.start[mine], ends])
            change = np.concatenate([np.ones(mine.sum(), np.int64),
                                     -np.ones(len(ends), np.int64)])
            order = np.lexsort((change, times))  # leaves before joins at a tie
            peak[part] = np.cumsum(change[order]).max()
        return peak

    # -- asking ----------------------------------------------------------------------------

    def frame(self, minute: float, max_dots: int | None = None) -> Frame:
        """The map at ``minute`` (clamped to the run). Counts are exact; at most
        ``max_dots`` (default: the index's) dots per handoff are listed."""
        minute = min(max(float(minute), 0.0), self.run_minutes)
        most = self.max_dots if max_dots is None else max_dots
        parts = len(self.part_names)
        counts = self._counts.at(minute)
        per_part = counts[:_PER_PART * parts].reshape(_PER_PART, parts)
        dots, whose = [], []
        hidden = np.zeros(len(self.handoffs), dtype=np.int64)
        for h, trips in enumerate(self._trips):
            if trips is None:
                dots.append(np.zeros(0))
                whose.append(np.zeros(0, dtype=np.int32))
                continue
            progress, customer = trips.under_way(minute)
            if len(progress) > most:
                keep = np.argpartition(_drawn_first(customer), most)[:most]
                hidden[h] = len(progress) - most
                progress, customer = progress[keep], customer[keep]
            dots.append(progress)
            whose.append(customer)
        return Frame(minute=minute, queueing=per_part[QUEUEING],
                     in_service=per_part[IN_SERVICE], at_delay=per_part[AT_DELAY],
                     in_transit=counts[_PER_PART * parts:], dots=dots,
                     dot_customers=whose, hidden=hidden, arrived=per_part[ARRIVED_HERE],
                     left=per_part[LEFT_HERE], gave_up=per_part[GAVE_UP_HERE],
                     stopped=int(per_part[STOPPED_HERE].sum()))

    def where(self, customer: int, minute: float) -> Whereabouts:
        """Where ``customer`` (their number in the customer table) is at ``minute``."""
        if not 0 <= customer < self.customers:
            raise ValueError(f"There is no customer number {customer} (counted from 0): "
                             f"this replication has {self.customers:,}.")
        table = self._table
        if minute < table["arrival"][customer]:
            return Whereabouts(customer, "not arrived yet", int(table["entry"][customer]))
        ended = table["end"][customer]
        if np.isfinite(ended) and minute >= ended:
            if table["outcome"][customer] >= 0:
                return Whereabouts(customer, "left", int(table["outcome"][customer]))
            if table["gave_up_at"][customer] >= 0:
                return Whereabouts(customer, "gave up", int(table["gave_up_at"][customer]))
            return Whereabouts(customer, "stopped")
        who, start, end, kind, place, length = self._by_customer
        lo, hi = np.searchsorted(who, [customer, customer + 1])
        at = lo + np.searchsorted(start[lo:hi], minute, side="right") - 1
        if at < lo:  # between arriving and their first span: at the entry, this instant
            return Whereabouts(customer, "moving on", int(table["entry"][customer]))
        if minute >= end[at]:  # passing a decision at this very minute
            return Whereabouts(customer, "moving on", -1)
        state = _SPAN_STATE[int(kind[at])]
        if kind[at] == IN_TRANSIT:
            handoff = int(place[at])
            progress = (minute - start[at]) / length[at] if length[at] > 0 else 1.0
            return Whereabouts(customer, state, self.handoffs[handoff][0], handoff,
                               float(min(max(progress, 0.0), 1.0)))
        return Whereabouts(customer, state, int(place[at]))

    def describe(self, where: Whereabouts) -> str:
        """``where`` in words: "Customer 12: queueing at Consultant triage". People count
        from 1: customer 0 of the table is "Customer 1", as in the journey window."""
        name = self.part_names[where.part] if where.part >= 0 else ""
        text = {
            "not arrived yet": f"not arrived yet (comes in at {name})",
            "queueing": f"queueing at {name}",
            "being served": f"being served at {name}",
            "waiting": f"waiting at {name}",
            "left": f"left at {name}",
            "gave up": f"gave up at {name}",
            "stopped": "stopped by the engine (a journey that never ended)",
            "moving on": "moving on",
        }.get(where.state)
        if where.state == "travelling":
            source, target = self.handoffs[where.handoff]
            text = (f"on the way from {self.part_names[source]} to "
                    f"{self.part_names[target]} ({where.progress:.0%} of the way)")
        return f"Customer {where.customer + 1:,}: {text}"
