"""Where each customer was, and when: one replication's journey log as spans of time.

A span is a stretch a customer spent in one place: queueing for a step, being served at
it, waiting at a delay part (a letter in the post, a waiting list at home), or travelling
along a handoff. A customer is always in exactly one span between arriving and leaving:
decisions and entries take no time, and chasing does not move them.

The log does not name the handoff a customer set off along (HANDED_OFF carries the part
they left): it is found from the part of their next logged event, through any decisions
passed on the way. A customer still travelling when the run ended has no next event; their
handoff is the first timed way out of the part they left, and their progress is reckoned
against that handoff's mean delay (``guessed`` counts them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..sim.compiled import DELAY, EXIT, STEP, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput

#: What a span is (``Spans.kind``).
QUEUEING, IN_SERVICE, AT_DELAY, IN_TRANSIT = range(4)

#: The events that say where a customer is (chases and story repeats do not move them).
PLACE_EVENTS = (Event.ARRIVED, Event.QUEUED, Event.STARTED, Event.FINISHED,
                Event.HANDED_OFF, Event.DELAY_STARTED, Event.DELAY_ENDED, Event.GAVE_UP,
                Event.LEFT, Event.STOPPED)
#: The event that opens each kind of span; the customer's next place event closes it.
OPENED_BY = {Event.QUEUED: QUEUEING, Event.STARTED: IN_SERVICE,
             Event.DELAY_STARTED: AT_DELAY, Event.HANDED_OFF: IN_TRANSIT}


@dataclass
class Spans:
    """Every span of one replication (one row per span, in no particular order)."""

    kind: np.ndarray  # QUEUEING, IN_SERVICE, AT_DELAY or IN_TRANSIT
    place: np.ndarray  # the part's index, or the handoff's for IN_TRANSIT
    customer: np.ndarray
    start: np.ndarray  # minutes from the start of the run
    end: np.ndarray  # minutes; inf if they were still there when the run ended
    length: np.ndarray  # end - start; a handoff's mean delay for an open transit
    guessed: int  # transits still under way at the end, whose handoff is assumed


def handoffs_of(compiled: CompiledMap) -> list[tuple[int, int]]:
    """Every handoff as (source part, target part), in the order the parts list them."""
    return [(node.index, way.target) for node in compiled.nodes for way in node.ways]


def _landings(compiled: CompiledMap) -> list[set[int]]:
    """For each part, the parts whose event is logged next by a customer reaching it: the
    part itself if it takes time (or sends them on along a timed handoff), else the parts
    its untimed ways lead to, through any chain of decisions."""
    nodes = compiled.nodes
    memo: dict[int, set[int]] = {}

    def land(index: int, seen: frozenset[int]) -> set[int]:
        if index in memo:
            return memo[index]
        node = nodes[index]
        if node.kind in (STEP, DELAY, EXIT):
            found = {index}
        else:
            found = set()
            for way in node.ways:
                if way.delay is not None:
                    found.add(index)
                elif way.target not in seen:  # validation forbids untimed loops; be safe
                    found |= land(way.target, seen | {index})
        memo[index] = found
        return found

    return [land(i, frozenset()) for i in range(len(nodes))]


def transit_table(compiled: CompiledMap) -> tuple[np.ndarray, np.ndarray]:
    """(table, fallback): ``table[left, next]`` is the handoff a customer took who set off
    from part ``left`` and whose next event was at part ``next`` (-1 if none can be);
    ``fallback[left]`` is the first timed handoff out of ``left`` (-1 if none)."""
    count = len(compiled.nodes)
    table = np.full((count, count), -1, dtype=np.int32)
    fallback = np.full(count, -1, dtype=np.int32)
    landings = _landings(compiled)
    index = 0
    for node in compiled.nodes:
        for way in node.ways:
            if way.delay is not None:
                if fallback[node.index] < 0:
                    fallback[node.index] = index
                # The target itself too: the watchdog logs STOPPED there on arrival.
                for landing in sorted(landings[way.target] | {way.target}):
                    if table[node.index, landing] < 0:
                        table[node.index, landing] = index
            index += 1
    return table, fallback


def spans_of(output: ReplicationOutput, compiled: CompiledMap) -> Spans:
    """The spans of ``output``'s customers, worked out from its journey log at once."""
    ev = output.events
    mine = np.flatnonzero(np.isin(ev.event, PLACE_EVENTS))
    order = mine[np.lexsort((mine, ev.customer[mine]))]  # by customer, then as logged
    customer = ev.customer[order]
    event = ev.event[order]
    node = ev.node[order].astype(np.int32)
    time = ev.time[order]
    opens = np.flatnonzero(np.isin(event, list(OPENED_BY)))
    following = np.minimum(opens + 1, len(order) - 1)
    closed = (opens + 1 < len(order)) & (customer[following] == customer[opens])
    end = np.where(closed, time[following], np.inf)
    kind = np.zeros(len(opens), dtype=np.int8)
    for opening, span_kind in OPENED_BY.items():
        kind[event[opens] == opening] = span_kind
    place = node[opens].copy()
    length = end - time[opens]
    transit = kind == IN_TRANSIT
    guessed = 0
    if transit.any():
        table, fallback = transit_table(compiled)
        left = node[opens][transit]
        found = np.where(closed[transit], table[left, node[following][transit]], -1)
        guess = found < 0
        found[guess] = fallback[left[guess]]
        place[transit] = found
        guessed = int(guess.sum())
        mean_delay = np.array([way.delay.mean if way.delay is not None else 0.0
                               for n in compiled.nodes for way in n.ways] or [0.0])
        open_transit = transit & ~closed
        length[open_transit] = mean_delay[place[open_transit]]
    return Spans(kind=kind, place=place, customer=customer[opens], start=time[opens],
                 end=end, length=length, guessed=guessed)
