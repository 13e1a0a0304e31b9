"""Pick one simulated person to follow: the median journey, the 90th percentile, the longest,
someone who gave up, someone who chased, or one at random; optionally only among a
segment, an outcome or the people who went through a step.

Only customers who arrived after the warm-up and whose journey ended before the run did are
picked (a story needs an ending). The percentiles are of end-to-end time among journeys
that reached an exit, pooled over the replications given, as in the results.

"The same person" under a redesign (:func:`same_person`): by common random numbers each
entry's arrivals in a replication come from their own stream, so the k-th customer to come
in through an entry arrives at the same moment, in the same segment, in the baseline and in
any scenario that does not change that entry's arrivals; and each person draws their own
times, routes and patience (sim/streams.py, PersonalDraws), so they meet the same luck
wherever the redesign leaves their journey alone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import OutsideInError
from ..sim.compiled import EXIT, STEP, CompiledMap
from ..sim.journey_log import Event, ReplicationOutput
from .journey_calendar import say_minutes

#: The kinds of person to follow, with the words the story and the GUI use.
PICKS: dict[str, str] = {
    "median": "the median journey",
    "p90": "the 90th percentile journey",
    "longest": "the longest journey",
    "gave-up": "someone who gave up",
    "chased": "someone who chased",
    "random": "someone picked at random",
}
_LEVELS = {"median": 0.5, "p90": 0.9}


class NobodyMatches(OutsideInError):
    """No simulated customer fits what was asked for; the message says why."""


@dataclass(frozen=True)
class Pick:
    """The customer picked: ``outputs[index]`` holds them, as customer ``customer``
    (0-based, in arrival order); ``why`` says how they were chosen, for the story."""

    index: int
    replication: int
    customer: int
    why: str


@dataclass(frozen=True)
class Filters:
    """Narrow the people picked from: a segment, an outcome (exit) or a step they went
    through, by name; empty means any."""

    segment: str = ""
    outcome: str = ""
    step: str = ""

    def describe(self) -> str:
        words = [f"in segment '{self.segment}'" if self.segment else "",
                 f"with outcome '{self.outcome}'" if self.outcome else "",
                 f"who went through '{self.step}'" if self.step else ""]
        return " ".join(w for w in words if w)


def find_customer(outputs: ReplicationOutput | Sequence[ReplicationOutput],
                  compiled: CompiledMap, pick: str = "median", *,
                  filters: Filters | None = None, seed: int = 0) -> Pick:
    """The customer of kind ``pick`` (a key of PICKS) among ``outputs``.

    Raises NobodyMatches (saying why) if nobody fits, and OutsideInError for an unknown
    pick, segment, outcome or step name."""
    if pick not in PICKS:
        raise OutsideInError(f"'{pick}' is not a kind of person to follow; choose one of "
                             f"{', '.join(PICKS)}.")
    outputs = [outputs] if isinstance(outputs, ReplicationOutput) else list(outputs)
    filters = filters or Filters()
    index, customer, value = _pool(outputs, compiled, pick, filters)
    who = f"among {len(customer):,} {_whom(pick)}"
    if filters.describe():
        who += f" {filters.describe()}"
    if not len(customer):
        raise NobodyMatches(_nobody(pick, filters))
    if pick == "random":
        chosen = int(np.random.default_rng(seed).integers(len(customer)))
        why = f"picked at random (seed {seed}) {who}"
    elif pick == "longest":
        chosen = int(np.argmax(value))
        why = f"the longest journey {who}"
    else:
        # A person who exists: the observation at the level (not an interpolation).
        level = _LEVELS.get(pick, 0.5)
        target = np.quantile(value, level, method="inverted_cdf")
        chosen = int(np.flatnonzero(value == target)[0])
        words = {"median": "the median journey", "p90": "the 90th percentile journey",
                 "gave-up": "the median time to giving up",
                 "chased": "the median journey"}[pick]
        why = f"{words} ({say_minutes(float(target))}) {who}"
    i = int(index[chosen])
    return Pick(index=i, replication=outputs[i].replication, customer=int(customer[chosen]),
                why=why)


def _whom(pick: str) -> str:
    return {"gave-up": "people who gave up", "chased": "completed journeys with a chase",
            "random": "people whose journey ended"}.get(pick, "completed journeys")


def _nobody(pick: str, filters: Filters) -> str:
    what = {"gave-up": "Nobody gave up waiting", "chased": "Nobody who chased finished "
            "their journey", "random": "Nobody finished their journey"}.get(
                pick, "No journey reached an exit")
    where = f" {filters.describe()}" if filters.describe() else ""
    return (f"{what}{where} after the warm-up in this run, so there is no one to follow. "
            "Try another kind of person, a longer run, or fewer filters.")


def _pool(outputs: list[ReplicationOutput], compiled: CompiledMap, pick: str,
          filters: Filters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(output index, customer, value to rank by) of everyone who may be picked."""
    segment, outcome, step = _filter_indices(compiled, filters)
    parts = []
    for i, output in enumerate(outputs):
        c = output.customers
        e2e = c["end"] - c["arrival"]
        keep = (c["arrival"] >= output.warmup_minutes) & np.isfinite(c["end"])
        if pick == "gave-up":
            keep &= c["gave_up_at"] >= 0
        elif pick != "random":
            keep &= c["outcome"] >= 0
        if pick == "chased":
            keep &= c["chases"] > 0
        if segment is not None:
            keep &= c["segment"] == segment
        if outcome is not None:
            keep &= c["outcome"] == outcome
        if step is not None:
            ev = output.events
            through = np.unique(ev.customer[(ev.event == Event.STARTED) & (ev.node == step)])
            keep &= np.isin(np.arange(len(keep)), through)
        chosen = np.flatnonzero(keep)
        parts.append((np.full(len(chosen), i), chosen, e2e[chosen]))
    if not parts:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))  # type: ignore[return-value]


def _filter_indices(compiled: CompiledMap,
                    filters: Filters) -> tuple[int | None, int | None, int | None]:
    def find(name: str, options: list[str], what: str) -> int | None:
        if not name:
            return None
        if name not in options:
            raise OutsideInError(f"There is no {what} called '{name}' in this map; its "
                                 f"{what}s are: {', '.join(options) or 'none'}.")
        return options.index(name)

    segments = [s.name for s in compiled.segments]
    exits = {n.name: n.index for n in compiled.nodes if n.kind == EXIT and not n.gave_up}
    if any(n.gave_up and n.name == filters.outcome for n in compiled.nodes):
        raise OutsideInError(f"'{filters.outcome}' is an exit that means giving up, not an "
                             "outcome: follow the people who gave up (--pick gave-up) instead.")
    steps = {n.name: n.index for n in compiled.nodes if n.kind == STEP}
    segment = find(filters.segment, segments, "segment")
    outcome = find(filters.outcome, list(exits), "outcome")
    step = find(filters.step, list(steps), "step")
    return (segment, None if outcome is None else exits[filters.outcome],
            None if step is None else steps[filters.step])


# --- the same person in another scenario ----------------------------------------------------


@dataclass(frozen=True)
class SamePerson:
    """Customer ``customer`` of the other run is the same person: the ``order``-th (1 for
    the first) to come in through ``entry``. ``same_arrival`` is False if the redesign
    changed that entry's arrivals, so they came at another time."""

    customer: int
    entry: str
    order: int
    same_arrival: bool


def same_person(output: ReplicationOutput, compiled: CompiledMap, customer: int,
                other: ReplicationOutput, other_compiled: CompiledMap) -> SamePerson:
    """The customer of ``other`` (the same replication under another scenario) who is the
    same person as ``customer`` of ``output``: matched on (replication, entry, arrival
    order at that entry). Raises NobodyMatches if the other run has no such person."""
    if output.replication != other.replication:
        raise NobodyMatches(f"Replication {output.replication + 1} and replication "
                            f"{other.replication + 1} are different runs: the same person is "
                            "only found in the same replication of each scenario.")
    c, o = output.customers, other.customers
    entry = compiled.node_names[int(c["entry"][customer])]
    order = int(np.count_nonzero(c["entry"][:customer] == c["entry"][customer]))
    if entry not in other_compiled.node_names:
        raise NobodyMatches(f"The redesign has no entry '{entry}', where customer "
                            f"{customer + 1:,} came in, so nobody there is the same person.")
    there = np.flatnonzero(o["entry"] == other_compiled.node_names.index(entry))
    if order >= len(there):
        raise NobodyMatches(f"Under the redesign only {len(there):,} people came in through "
                            f"'{entry}'; customer {customer + 1:,} was number {order + 1:,}.")
    match = int(there[order])
    same = math.isclose(float(o["arrival"][match]), float(c["arrival"][customer]),
                        rel_tol=0, abs_tol=1e-6)
    return SamePerson(customer=match, entry=entry, order=order + 1, same_arrival=same)
