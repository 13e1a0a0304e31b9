"""Checks a service map before it is simulated, and says what is wrong in plain words.

Each :class:`Problem` has a severity (an error blocks a run; a warning does not), the
element it concerns (so the editor can select it) and a sentence for a non-programmer.
Graph questions (reachability, loops, traffic) are answered with networkx and numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from .parts import Decision, Exit
from .service_map import ServiceMap

ERROR = "error"
WARNING = "warning"
PROBABILITY_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Element:
    """What a problem is about: ``kind`` is "step", "handoff", "team", "map" ...;
    ``key`` is the part's name, (source, target) for a handoff, or "" for the map."""

    kind: str
    key: str | tuple[str, str] = ""

    def __str__(self) -> str:
        if self.kind == "map":
            return "the map"
        if self.kind == "handoff":
            source, target = self.key
            return f"handoff '{source}' → '{target}'"
        return f"{self.kind} '{self.key}'"


@dataclass(frozen=True)
class Problem:
    severity: str
    element: Element
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.element}: {self.message}"


def _part(service_map: ServiceMap, name: str) -> Element:
    return Element(service_map.node(name).kind, name)


def _names(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def validate(service_map: ServiceMap) -> list[Problem]:
    """Every problem found on the map, errors first."""
    problems: list[Problem] = []
    if len(service_map) == 0:
        return [Problem(ERROR, Element("map"), "The map is empty. Add an entry where customers "
                        "come in, the steps teams do, and an exit.")]
    problems += _check_shape(service_map)
    problems += _check_routing(service_map)
    problems += _check_teams(service_map)
    problems += _check_segments(service_map)
    if not any(p.severity == ERROR for p in problems):
        problems += _check_load(service_map)
    return sorted(problems, key=lambda p: p.severity != ERROR)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def _check_shape(service_map: ServiceMap) -> list[Problem]:
    """Entries, exits, dead ends, unreachable parts and loops with no way out."""
    graph = service_map.graph
    problems: list[Problem] = []
    entries = [e.name for e in service_map.entries()]
    exits = [e.name for e in service_map.exits()]
    if not entries:
        problems.append(Problem(ERROR, Element("map"),
                                "The map has no entry, so no customers ever come in."))
    if not exits:
        problems.append(Problem(ERROR, Element("map"),
                                "The map has no exit, so no customer's journey can end."))
    for name in entries:
        if graph.in_degree(name):
            sources = _names([s for s, _ in graph.in_edges(name)])
            problems.append(Problem(ERROR, _part(service_map, name),
                                    f"Customers are handed back into this entry from {sources}; "
                                    "an entry is only where people come in."))
    for name in exits:
        if graph.out_degree(name):
            problems.append(Problem(ERROR, _part(service_map, name),
                                    "An exit is where a journey ends, but handoffs lead "
                                    "out of it."))

    reached = set(entries).union(*(nx.descendants(graph, e) for e in entries)) if entries else set()
    can_finish = set(exits).union(*(nx.ancestors(graph, e) for e in exits)) if exits else set()
    in_closed_loop: set[str] = set()
    condensed = nx.condensation(graph)
    for component in condensed.nodes:
        members = sorted(condensed.nodes[component]["members"], key=list(graph).index)
        closed = condensed.out_degree(component) == 0
        is_loop = len(members) > 1 or graph.has_edge(members[0], members[0])
        if closed and is_loop and not any(m in exits for m in members):
            in_closed_loop.update(members)
            problems.append(Problem(ERROR, _part(service_map, members[0]),
                                    f"{_names(members)} form a loop with no way out: a customer "
                                    "who gets in can never reach an exit."))
    for part in service_map.nodes():
        name = part.name
        if name not in reached and entries:
            problems.append(Problem(ERROR, _part(service_map, name),
                                    "Nobody can get here: no route leads to it from an entry."))
        if isinstance(part, Exit) or name in in_closed_loop:
            continue
        if graph.out_degree(name) == 0:
            problems.append(Problem(ERROR, _part(service_map, name),
                                    "This has no way out: customers who reach it are stuck. "
                                    "Hand them on to a next step or an exit."))
        elif name not in can_finish and exits:
            problems.append(Problem(ERROR, _part(service_map, name),
                                    "No route leads from here to an exit, so customers who "
                                    "reach it can never finish."))
    problems += _check_timeless_loops(service_map)
    return problems


def _takes_no_time(service_map: ServiceMap, source: str, target: str) -> bool:
    handoff = service_map.handoff(source, target)
    return handoff.delay is None or handoff.delay.quantile(0.999) <= 0


def _check_timeless_loops(service_map: ServiceMap) -> list[Problem]:
    """Loops of decisions joined by instant handoffs would let a customer circle in no time."""
    instant = nx.DiGraph()
    for source, target, _ in service_map.handoffs():
        if (isinstance(service_map.node(source), Decision)
                and isinstance(service_map.node(target), Decision)
                and _takes_no_time(service_map, source, target)):
            instant.add_edge(source, target)
    problems = []
    for component in nx.strongly_connected_components(instant):
        members = sorted(component, key=list(service_map.graph).index)
        if len(members) > 1 or instant.has_edge(members[0], members[0]):
            problems.append(Problem(ERROR, _part(service_map, members[0]),
                                    f"{_names(members)} form a loop of decisions that takes no "
                                    "time: a customer could go round it endlessly. Put a step "
                                    "or a delay in the loop."))
    return problems


def _check_routing(service_map: ServiceMap) -> list[Problem]:
    """The ways out of each part add up to 1, for every segment."""
    problems: list[Problem] = []
    segment_names = [s.name for s in service_map.effective_segments()]
    for source, target, handoff in service_map.handoffs():
        for segment in handoff.by_segment:
            if not service_map.has_segment(segment):
                problems.append(Problem(ERROR, Element("handoff", (source, target)),
                                        f"It gives a probability for segment '{segment}', "
                                        "but there is no such segment."))
    for part in service_map.nodes():
        ways_out = service_map.ways_out(part.name)
        if not ways_out:
            continue
        reported: set[float] = set()
        for segment in segment_names:
            total = sum(h.probability_for(segment) for _, h in ways_out)
            if abs(total - 1.0) <= PROBABILITY_TOLERANCE or round(total, 9) in reported:
                continue
            reported.add(round(total, 9))
            who = "" if len(segment_names) == 1 else f" for segment '{segment}'"
            shares = ", ".join(f"'{t}' {h.probability_for(segment):.0%}" for t, h in ways_out)
            problems.append(Problem(ERROR, _part(service_map, part.name),
                                    f"The ways out{who} add up to {total:.4g} ({total:.1%}), "
                                    f"not 1 (100%): {shares}."))
    return problems + _check_trapped_loops(service_map)


def _check_trapped_loops(service_map: ServiceMap) -> list[Problem]:
    """Loops with a way out on the map, but only ways out with probability 0.

    A customer who gets in goes round for ever (and the traffic equations have no
    solution). Loops with no way out at all are reported by :func:`_check_shape`.
    """
    graph = service_map.graph
    exits = {e.name for e in service_map.exits()}
    segments = service_map.effective_segments()
    problems: list[Problem] = []
    reported: set[tuple[str, ...]] = set()
    for segment in segments:
        taken = nx.DiGraph()
        taken.add_nodes_from(graph)
        taken.add_edges_from((s, t) for s, t, h in service_map.handoffs()
                             if h.probability_for(segment.name) > 0)
        condensed = nx.condensation(taken)
        for component in condensed.nodes:
            members = sorted(condensed.nodes[component]["members"], key=list(graph).index)
            is_loop = len(members) > 1 or taken.has_edge(members[0], members[0])
            has_way_out = any(t not in members for m in members for t in graph.successors(m))
            if (condensed.out_degree(component) or not is_loop or not has_way_out
                    or exits.intersection(members) or tuple(members) in reported):
                continue
            reported.add(tuple(members))
            who = "" if len(segments) == 1 else f" for segment '{segment.name}'"
            problems.append(Problem(ERROR, _part(service_map, members[0]),
                                    f"{_names(members)} form a loop that customers can never "
                                    f"leave{who}: every way out of it has a probability of 0."))
    return problems


def _check_teams(service_map: ServiceMap) -> list[Problem]:
    problems: list[Problem] = []
    for step in service_map.steps():
        element = _part(service_map, step.name)
        if not service_map.has_team(step.team):
            problems.append(Problem(ERROR, element,
                                    f"It is done by team '{step.team}', but there is no team "
                                    "with that name. Add the team or choose another."))
            continue
        team = service_map.team(step.team)
        if team.staff == 0:
            problems.append(Problem(ERROR, Element("team", team.name),
                                    f"It has no working hours, but step '{step.name}' needs it. "
                                    "Give the team at least one shift."))
        elif step.staff_needed > team.staff:
            problems.append(Problem(ERROR, element,
                                    f"It needs {step.staff_needed} staff at once, but team "
                                    f"'{team.name}' never has more than {team.staff} on duty, "
                                    "so it could never start."))
    used = {s.team for s in service_map.steps()} | set(service_map.chase_teams())
    for team in service_map.teams():
        if team.name not in used:
            problems.append(Problem(WARNING, Element("team", team.name),
                                    "No step uses this team."))
    return problems


def _check_segments(service_map: ServiceMap) -> list[Problem]:
    problems: list[Problem] = []
    if service_map.segments() and sum(s.share for s in service_map.segments()) <= 0:
        problems.append(Problem(ERROR, Element("map"),
                                "Every segment has a share of 0, so nobody arrives."))
    for segment in service_map.segments():
        chase = segment.chase
        if chase is None:
            continue
        element = Element("segment", segment.name)
        if not service_map.has_team(chase.team):
            problems.append(Problem(ERROR, element,
                                    f"Its chases go to team '{chase.team}', but there is no "
                                    "team with that name."))
        elif service_map.team(chase.team).staff == 0:
            problems.append(Problem(ERROR, element,
                                    f"Its chases go to team '{chase.team}', which has no "
                                    "working hours."))
    for entry in service_map.entries():
        element = _part(service_map, entry.name)
        for name in entry.segment_mix:
            if not service_map.has_segment(name):
                problems.append(Problem(ERROR, element,
                                        f"Its mix names segment '{name}', but there is no such "
                                        "segment."))
        if entry.segment_mix and sum(entry.segment_mix.values()) <= 0:
            problems.append(Problem(ERROR, element,
                                    "Every segment in its mix has a share of 0, so nobody "
                                    "arrives here."))
        if entry.arrivals.per_day == 0 and not entry.arrivals.schedule:
            problems.append(Problem(WARNING, element, "Nobody comes in here (0 a day)."))
    return problems


def visit_rates(service_map: ServiceMap) -> dict[str, float]:
    """Mean customers per minute passing through each part (the traffic equations).

    Solves lambda = gamma + P^T lambda for each segment, where gamma holds the entries'
    arrival rates and P the routing probabilities, and adds the segments up. Assumes the
    map has no structural errors.
    """
    order = list(service_map.graph)
    index = {name: i for i, name in enumerate(order)}
    total = np.zeros(len(order))
    for segment in service_map.effective_segments():
        gamma = np.zeros(len(order))
        for entry in service_map.entries():
            share = service_map.segment_shares(entry.name).get(segment.name, 0.0)
            gamma[index[entry.name]] = entry.arrivals.mean_per_minute * share
        if not gamma.any():
            continue
        routing = nx.to_numpy_array(service_map.graph, nodelist=order, weight=None)
        for source, target, handoff in service_map.handoffs():
            routing[index[source], index[target]] = handoff.probability_for(segment.name)
        total += np.linalg.solve(np.eye(len(order)) - routing.T, gamma)
    return {name: float(rate) for name, rate in zip(order, total, strict=True)}


def offered_load(service_map: ServiceMap) -> dict[str, tuple[float, float]]:
    """Per team: (staff-minutes of work arriving per minute, mean staff on duty).

    The chasing a team will have to answer is not included: it depends on the waits.
    """
    rates = visit_rates(service_map)
    work = {team.name: 0.0 for team in service_map.teams()}
    for step in service_map.steps():
        if step.team in work:
            work[step.team] += rates[step.name] * step.duration.mean * step.staff_needed
    return {team.name: (work[team.name], team.staff_hours_per_week / 168.0)
            for team in service_map.teams()}


def _check_load(service_map: ServiceMap) -> list[Problem]:
    problems = []
    for team, (work, staff) in offered_load(service_map).items():
        if staff > 0 and work >= staff:
            problems.append(Problem(
                WARNING, Element("team", team),
                f"More work arrives than it can do: about {work * 168:.0f} staff-hours a "
                f"week for {staff * 168:.0f} staffed hours ({work / staff:.0%} of its "
                "capacity). Its queue will grow for as long as the simulation runs."))
    return problems


__all__ = ["Problem", "Element", "validate", "errors", "visit_rates", "offered_load",
           "ERROR", "WARNING"]
