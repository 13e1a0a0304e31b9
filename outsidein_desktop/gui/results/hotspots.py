"""Which figure of a run colours which part of the map (the wait hot-spots).

Nothing is computed here that the analysis did not: a step shows its mean wait in the
queue (``StepResult.mean_wait``, per visit). The handoffs leading to a step or outcome,
back through any decisions and delays since the last piece of work, show the time
budget's "getting there" for that place (mean minutes per finished customer, as in the
"where the time goes" chart); the way out of the place itself, on a loop back to it, is
not a way in. A handoff on the way to several places shows the largest.
"""

from __future__ import annotations

import math

from ...analysis.results import Results
from ...domain.parts import Decision, Delay
from ...domain.service_map import ServiceMap

#: Getting-there times shorter than this (minutes) are not worth colouring.
SHORTEST = 1.0


def step_waits(results: Results, service_map: ServiceMap) -> dict[str, float]:
    """Mean wait in the queue (minutes) for each step of the run still on the map."""
    return {s.name: s.mean_wait.mean for s in results.steps
            if service_map.has(s.name) and math.isfinite(s.mean_wait.mean)}


def handoff_waits(results: Results, service_map: ServiceMap) -> dict[tuple[str, str], float]:
    """For each handoff on the way to a step or outcome, the time getting there (minutes)."""
    budget = results.time_budget
    getting = dict(zip(budget.places, budget.minutes.get("getting_there", []), strict=False))
    waits: dict[tuple[str, str], float] = {}
    for place, minutes in getting.items():
        minutes = float(minutes)
        if not service_map.has(place) or not math.isfinite(minutes) or minutes < SHORTEST:
            continue
        for handoff in _ways_in(service_map, place):
            waits[handoff] = max(minutes, waits.get(handoff, 0.0))
    return waits


def _ways_in(service_map: ServiceMap, place: str) -> set[tuple[str, str]]:
    """The handoffs into ``place`` and, back through decisions and delays, the ones before."""
    found: set[tuple[str, str]] = set()
    todo, seen = [place], {place}
    graph = service_map.graph
    while todo:
        target = todo.pop()
        for source in graph.predecessors(target):
            if source == place:  # a loop back: that is the way out of the place, not in
                continue
            found.add((source, target))
            passing = isinstance(service_map.node(source), Decision | Delay)
            if passing and source not in seen:
                seen.add(source)
                todo.append(source)
    return found


def hotspots(results: Results, service_map: ServiceMap, *, between_steps: bool = True
             ) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """(part waits, handoff waits) for ``MapCanvas.set_heat``."""
    handoffs = handoff_waits(results, service_map) if between_steps else {}
    return step_waits(results, service_map), handoffs
