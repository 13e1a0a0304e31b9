"""The service map: a networkx DiGraph of parts and handoffs behind a small typed API.

Nodes are keyed by the part's name (names are unique on a map, as on a whiteboard) and
carry the part under the ``"part"`` attribute; edges carry a :class:`Handoff` under
``"handoff"``. Teams and segments live beside the graph. Parts are frozen: an edit replaces
a part with an updated copy, and listeners (the editor) hear about it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import networkx as nx

from ..errors import ModelError
from .parts import (
    ChaseRule,
    Decision,
    Delay,
    Entry,
    Exit,
    Handoff,
    Node,
    RunSettings,
    Segment,
    Step,
    Team,
)

N = TypeVar("N", bound=Node)
T = TypeVar("T", Team, Segment)
Listener = Callable[..., None]

#: The segment a map without segments is simulated with.
EVERYONE = Segment(name="Everyone")


class ServiceMap:
    """A service journey: where customers come in, what teams do, where they end up."""

    def __init__(self, *, title: str = "", notes: str = "", sources: tuple[str, ...] = (),
                 run: RunSettings | None = None) -> None:
        self.title = title
        self.notes = notes
        self.sources = tuple(sources)
        self.run = run or RunSettings()
        self.graph = nx.DiGraph()
        self._teams: dict[str, Team] = {}
        self._segments: dict[str, Segment] = {}
        self._listeners: list[Listener] = []

    # -- listening (the editor mirrors the model through these events) -------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(event, *details)`` after every change."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, event: str, *details: Any) -> None:
        for listener in list(self._listeners):
            listener(event, *details)

    # -- parts ---------------------------------------------------------------------------

    def add(self, node: N) -> N:
        """Add a part; its name must be new on this map."""
        if node.name in self.graph:
            raise ModelError(f"There is already a part called '{node.name}' on the map.")
        self.graph.add_node(node.name, part=node)
        self._emit("node_added", node.name)
        return node

    def has(self, name: str) -> bool:
        return name in self.graph

    def node(self, name: str) -> Node:
        try:
            return self.graph.nodes[name]["part"]
        except KeyError:
            raise ModelError(f"There is no part called '{name}' on the map.") from None

    def nodes(self, kind: type[N] | None = None) -> list[N]:
        """All parts in the order they were added, or only those of one type."""
        parts = (data["part"] for _, data in self.graph.nodes(data=True))
        return [p for p in parts if kind is None or isinstance(p, kind)]

    def entries(self) -> list[Entry]:
        return self.nodes(Entry)

    def steps(self) -> list[Step]:
        return self.nodes(Step)

    def decisions(self) -> list[Decision]:
        return self.nodes(Decision)

    def delays(self) -> list[Delay]:
        return self.nodes(Delay)

    def exits(self) -> list[Exit]:
        return self.nodes(Exit)

    def update(self, name: str, /, **changes: Any) -> Node:
        """Replace a part with a copy carrying ``changes``; a new ``name`` renames it.

        ``name`` is positional-only so that ``update("Triage", name="Assessment")`` works.
        """
        old = self.node(name)
        new = dataclasses.replace(old, **changes)
        if new.name != name:
            if new.name in self.graph:
                raise ModelError(f"There is already a part called '{new.name}' on the map.")
            # copy=True keeps the parts in their order (in place would move this one last).
            self.graph = nx.relabel_nodes(self.graph, {name: new.name}, copy=True)
        self.graph.nodes[new.name]["part"] = new
        if new.name != name:
            self._emit("node_renamed", name, new.name)
        self._emit("node_changed", new.name)
        return new

    def remove(self, name: str) -> Node:
        """Remove a part and every handoff into or out of it."""
        part = self.node(name)
        # dict.fromkeys: a loop from the part to itself is both a way in and a way out.
        edges = dict.fromkeys([*self.graph.in_edges(name), *self.graph.out_edges(name)])
        for source, target in edges:
            self.disconnect(source, target)
        self.graph.remove_node(name)
        self._emit("node_removed", name)
        return part

    # -- handoffs ------------------------------------------------------------------------

    def connect(self, source: str, target: str, handoff: Handoff | None = None) -> Handoff:
        """Add the handoff ``source`` -> ``target`` (a plain certain one by default)."""
        for name in (source, target):
            self.node(name)
        if self.graph.has_edge(source, target):
            raise ModelError(f"'{source}' is already handed on to '{target}'.")
        handoff = handoff or Handoff()
        self.graph.add_edge(source, target, handoff=handoff)
        self._emit("handoff_added", source, target)
        return handoff

    def has_handoff(self, source: str, target: str) -> bool:
        return self.graph.has_edge(source, target)

    def handoff(self, source: str, target: str) -> Handoff:
        try:
            return self.graph.edges[source, target]["handoff"]
        except KeyError:
            raise ModelError(f"There is no handoff from '{source}' to '{target}'.") from None

    def handoffs(self) -> list[tuple[str, str, Handoff]]:
        return [(s, t, d["handoff"]) for s, t, d in self.graph.edges(data=True)]

    def ways_out(self, name: str) -> list[tuple[str, Handoff]]:
        self.node(name)
        return [(t, d["handoff"]) for _, t, d in self.graph.out_edges(name, data=True)]

    def ways_in(self, name: str) -> list[tuple[str, Handoff]]:
        self.node(name)
        return [(s, d["handoff"]) for s, _, d in self.graph.in_edges(name, data=True)]

    def update_handoff(self, source: str, target: str, **changes: Any) -> Handoff:
        new = dataclasses.replace(self.handoff(source, target), **changes)
        self.graph.edges[source, target]["handoff"] = new
        self._emit("handoff_changed", source, target)
        return new

    def disconnect(self, source: str, target: str) -> Handoff:
        handoff = self.handoff(source, target)
        self.graph.remove_edge(source, target)
        self._emit("handoff_removed", source, target)
        return handoff

    # -- teams ---------------------------------------------------------------------------

    def add_team(self, team: Team) -> Team:
        if team.name in self._teams:
            raise ModelError(f"There is already a team called '{team.name}'.")
        self._teams[team.name] = team
        self._emit("team_added", team.name)
        return team

    def has_team(self, name: str) -> bool:
        return name in self._teams

    def team(self, name: str) -> Team:
        try:
            return self._teams[name]
        except KeyError:
            raise ModelError(f"There is no team called '{name}'.") from None

    def teams(self) -> list[Team]:
        return list(self._teams.values())

    def steps_of(self, team: str) -> list[Step]:
        """The steps a team does (to warn before removing it)."""
        return [s for s in self.steps() if s.team == team]

    def update_team(self, name: str, /, **changes: Any) -> Team:
        """Change a team; a new ``name`` is carried to its steps and chase rules."""
        self._teams, new = _replaced(self._teams, self.team(name), changes, "team")
        if new.name != name:
            for step in self.steps_of(name):
                self.update(step.name, team=new.name)
            for segment in self.segments():
                if segment.chase and segment.chase.team == name:
                    chase = dataclasses.replace(segment.chase, team=new.name)
                    self.update_segment(segment.name, chase=chase)
            self._emit("team_renamed", name, new.name)
        self._emit("team_changed", new.name)
        return new

    def remove_team(self, name: str) -> Team:
        """Remove a team. Steps that used it are left pointing at it (validation says so)."""
        team = self.team(name)
        del self._teams[name]
        self._emit("team_removed", name)
        return team

    # -- segments ------------------------------------------------------------------------

    def add_segment(self, segment: Segment) -> Segment:
        if segment.name in self._segments:
            raise ModelError(f"There is already a segment called '{segment.name}'.")
        self._segments[segment.name] = segment
        self._emit("segment_added", segment.name)
        return segment

    def has_segment(self, name: str) -> bool:
        return name in self._segments

    def segment(self, name: str) -> Segment:
        try:
            return self._segments[name]
        except KeyError:
            raise ModelError(f"There is no segment called '{name}'.") from None

    def segments(self) -> list[Segment]:
        return list(self._segments.values())

    def effective_segments(self) -> list[Segment]:
        """The segments to simulate: the map's own, or one segment for everyone."""
        return self.segments() or [EVERYONE]

    def update_segment(self, name: str, /, **changes: Any) -> Segment:
        """Change a segment; a new ``name`` is carried to entries' mixes and handoffs."""
        self._segments, new = _replaced(self._segments, self.segment(name), changes, "segment")
        if new.name != name:
            for entry in self.entries():
                if name in entry.segment_mix:
                    mix = {(new.name if k == name else k): v for k, v in entry.segment_mix.items()}
                    self.update(entry.name, segment_mix=mix)
            for source, target, handoff in self.handoffs():
                if name in handoff.by_segment:
                    by = {(new.name if k == name else k): v for k, v in handoff.by_segment.items()}
                    self.update_handoff(source, target, by_segment=by)
            self._emit("segment_renamed", name, new.name)
        self._emit("segment_changed", new.name)
        return new

    def remove_segment(self, name: str) -> Segment:
        segment = self.segment(name)
        del self._segments[name]
        self._emit("segment_removed", name)
        return segment

    def segment_shares(self, entry: str) -> dict[str, float]:
        """The mix of segments arriving at ``entry``, as fractions adding up to 1.

        Empty when the shares are all zero (validation reports that).
        """
        part = self.node(entry)
        assert isinstance(part, Entry)
        raw = dict(part.segment_mix) or {s.name: s.share for s in self.effective_segments()}
        total = sum(raw.values())
        return {k: v / total for k, v in raw.items()} if total > 0 else {}

    # -- whole map -----------------------------------------------------------------------

    def copy(self) -> ServiceMap:
        """An independent copy (parts are frozen, so sharing them is safe); no listeners."""
        clone = ServiceMap(title=self.title, notes=self.notes, sources=self.sources,
                           run=self.run)
        clone.graph = self.graph.copy()
        clone._teams = dict(self._teams)
        clone._segments = dict(self._segments)
        return clone

    def chase_teams(self) -> list[str]:
        return [s.chase.team for s in self.segments() if isinstance(s.chase, ChaseRule)]

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes())

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def _key(self) -> tuple:
        return (self.title, self.notes, self.sources, self.run, self._teams, self._segments,
                {n.name: n for n in self.nodes()},
                {(s, t): h for s, t, h in self.handoffs()})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServiceMap):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # a map is mutable

    def __getstate__(self) -> dict[str, Any]:
        # Listeners are GUI objects; a map sent to a worker process travels without them.
        state = self.__dict__.copy()
        state["_listeners"] = []
        return state

    def __deepcopy__(self, memo: dict[int, Any]) -> ServiceMap:
        clone = self.copy()
        memo[id(self)] = clone
        return clone

    def __repr__(self) -> str:
        return (f"ServiceMap({self.title!r}: {len(self)} parts, "
                f"{self.graph.number_of_edges()} handoffs, {len(self._teams)} teams)")


def _replaced(registry: dict[str, T], old: T, changes: dict[str, Any],
              what: str) -> tuple[dict[str, T], T]:
    """``registry`` with ``old`` replaced by a changed copy, in the same place (a rename
    keeps the order); refuses a new name that is taken."""
    new = dataclasses.replace(old, **changes)
    if new.name != old.name and new.name in registry:
        raise ModelError(f"There is already a {what} called '{new.name}'.")
    return {(new.name if k == old.name else k): (new if k == old.name else v)
            for k, v in registry.items()}, new


__all__ = ["ServiceMap", "EVERYONE"]
