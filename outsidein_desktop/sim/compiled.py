"""A service map turned into indexed, engine-ready data (the specification stays apart).

The engine never reads the ServiceMap while it runs: it reads this, built once per run.
Parts, teams and segments become small integers; each part's ways out become cumulative
probabilities per segment, so routing is one uniform draw and a bisect.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..domain.calendar import Arrivals
from ..domain.distributions import Distribution
from ..domain.parts import Decision, Delay, Entry, Exit, Segment, Step
from ..domain.service_map import ServiceMap
from ..domain.validate import errors, validate
from ..errors import OutsideInError

ENTRY, STEP, DECISION, DELAY, EXIT = range(5)
_KIND = {Entry: ENTRY, Step: STEP, Decision: DECISION, Delay: DELAY, Exit: EXIT}


class MapNotRunnable(OutsideInError):
    """The map has errors; the message lists them."""


@dataclass(frozen=True)
class Way:
    """One way out of a part."""

    target: int
    delay: Distribution | None
    info_travels: float
    name: str  # "A → B", for naming its random stream


@dataclass
class CompiledNode:
    index: int
    name: str
    kind: int
    team: int = -1
    duration: Distribution | None = None
    staff_needed: int = 1
    customer_present: bool = True
    repeat_story_time: Distribution | None = None
    patience: Distribution | None = None  # the step's own; else the segment's applies
    outcome: str = ""  # an exit's outcome label
    gave_up: bool = False  # an exit that means the customer gave up
    ways: list[Way] = field(default_factory=list)
    # cumulative probabilities of ``ways``, one list per segment index
    cumulative: list[list[float]] = field(default_factory=list)


@dataclass(frozen=True)
class CompiledEntry:
    node: int
    rates: np.ndarray  # random (Poisson) arrivals per minute, weekday x hour
    mix: list[float]  # cumulative segment probabilities: one uniform draw picks a segment
    arrivals: Arrivals  # for the scheduled arrivals, placed on the run's own calendar


def cumulative(weights: np.ndarray) -> list[float]:
    """Cumulative shares of ``weights`` ([] for none), the last exactly 1: a draw of
    0.9999999 must never fall off the end."""
    shares = np.cumsum(weights / weights.sum()).tolist() if len(weights) else []
    if shares:
        shares[-1] = 1.0
    return shares


@dataclass
class CompiledMap:
    nodes: list[CompiledNode]
    team_names: list[str]
    rosters: np.ndarray  # teams x 7 x 24, staff on duty
    segments: list[Segment]
    entries: list[CompiledEntry]
    chase_team: list[int]  # per segment, -1 if they never chase

    @property
    def node_names(self) -> list[str]:
        return [n.name for n in self.nodes]


def compile_map(service_map: ServiceMap) -> CompiledMap:
    """Index the map for the engine. Raises MapNotRunnable if validation finds errors."""
    found = errors(validate(service_map))
    if found:
        listed = "\n".join(f"  - {p.element}: {p.message}" for p in found)
        raise MapNotRunnable(f"The map cannot be simulated until these are fixed:\n{listed}")
    parts = service_map.nodes()
    index = {p.name: i for i, p in enumerate(parts)}
    teams = service_map.teams()
    team_index = {t.name: i for i, t in enumerate(teams)}
    segments = service_map.effective_segments()
    nodes = []
    for i, part in enumerate(parts):
        node = CompiledNode(index=i, name=part.name, kind=_KIND[type(part)])
        if isinstance(part, Step):
            node.team = team_index[part.team]
            node.duration = part.duration
            node.staff_needed = part.staff_needed
            node.customer_present = part.customer_present
            node.repeat_story_time = part.repeat_story_time
            node.patience = part.patience
        elif isinstance(part, Delay):
            node.duration = part.duration
        elif isinstance(part, Exit):
            node.outcome = part.outcome_label
            node.gave_up = part.gave_up
        ways_out = service_map.ways_out(part.name)
        node.ways = [Way(index[t], h.delay, h.info_travels, f"{part.name} → {t}")
                     for t, h in ways_out]
        for segment in segments:
            probs = np.array([h.probability_for(segment.name) for _, h in ways_out])
            node.cumulative.append(cumulative(probs))
        nodes.append(node)
    segment_names = [s.name for s in segments]
    entries = []
    for entry in service_map.entries():
        shares = service_map.segment_shares(entry.name)
        probs = np.array([shares.get(name, 0.0) for name in segment_names])
        entries.append(CompiledEntry(index[entry.name], entry.arrivals.random_rate_table(),
                                     cumulative(probs), entry.arrivals))
    rosters = (np.stack([t.roster() for t in teams]) if teams
               else np.zeros((0, 7, 24), dtype=int))
    chase_team = [team_index[s.chase.team] if s.chase else -1 for s in segments]
    return CompiledMap(nodes=nodes, team_names=[t.name for t in teams], rosters=rosters,
                       segments=segments, entries=entries, chase_team=chase_team)
