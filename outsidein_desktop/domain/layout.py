"""Automatic placement of a map's parts: left to right, and in swimlanes by team.

Pure networkx and numbers (no Qt): the editor asks for positions and pushes them as one
undoable move. Positions are the centres of the parts, in scene units (about pixels).

The layering is the classic first step of a Sugiyama layout: the loops are broken by
dropping the *back edges* a depth-first search from the entries finds (rework loops), and
each part goes in the layer of its longest path from an entry. Within a layer, parts are
ordered by the mean order of their predecessors and placed as close to them as the spacing
allows (the priority method: first the likeliest way from the busiest entry to an exit,
then the parts most customers pass through), so the main path runs straight and the
branches fan out beside it.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .parts import Step
from .service_map import ServiceMap

#: Distance between the centres of neighbouring layers (x) and rows (y).
LAYER_GAP = 240.0
ROW_GAP = 120.0
#: Space above and below the rows inside a swimlane.
LANE_PADDING = 20.0
#: The lane of entries, exits, delays and decisions not owned by one team.
CUSTOMER = "Customer"
#: How a path that can only loop back counts, against one that reaches an exit.
DEAD_END = 0.05

Position = tuple[float, float]
Lane = tuple[str, float, float]  # (name, y_top, height)


def back_edges(service_map: ServiceMap) -> set[tuple[str, str]]:
    """The handoffs that close a loop (rework), found by a depth-first search.

    The search starts from the entries (in the order they were added), then from any part
    it has not reached. Self-loops are back edges too.
    """
    graph = _ordered_graph(service_map)
    on_path: set[str] = set()
    found: set[tuple[str, str]] = set()
    for source, target, kind in nx.dfs_labeled_edges(graph):
        if kind == "forward":
            on_path.add(target)
        elif kind == "reverse":
            on_path.discard(target)
        elif kind == "nontree" and target in on_path:
            found.add((source, target))
    return found


def layers(service_map: ServiceMap) -> dict[str, int]:
    """Each part's layer: the length of its longest path from an entry, loops ignored."""
    dag = _acyclic(service_map)
    layer: dict[str, int] = {}
    for name in nx.topological_sort(dag):
        layer[name] = max((layer[p] + 1 for p in dag.predecessors(name)), default=0)
    return layer


def left_to_right(service_map: ServiceMap) -> dict[str, Position]:
    """Positions (centres) for every part: x by layer, y so the main path runs straight.

    An empty map gives an empty dict. Returns ``{name: (x, y)}``.
    """
    if len(service_map) == 0:
        return {}
    dag = _acyclic(service_map)
    graph, layer, priority = _with_waypoints(service_map, dag)
    columns = _ordered_columns(graph, layer, _discovery_order(graph, priority))
    y: dict[object, float] = {}
    for column in columns:  # a first guess, refined by the sweeps below
        y.update((name, row * ROW_GAP) for row, name in enumerate(column))
    for neighbours in (graph.predecessors, graph.successors, graph.predecessors):
        ordered = columns if neighbours == graph.predecessors else columns[::-1]
        for column in ordered:
            wanted = [_wanted(name, list(neighbours(name)), y, priority) for name in column]
            placed = _spread(wanted, [priority[n] for n in column], ROW_GAP)
            y.update(zip(column, placed, strict=True))
    top = min(y[name] for name in service_map.graph)
    return {name: (layer[name] * LAYER_GAP, y[name] - top) for name in service_map.graph}


def swimlanes(service_map: ServiceMap) -> tuple[dict[str, Position], list[Lane]]:
    """Positions in lanes, one lane per team, plus "Customer" for parts without a team.

    Each step sits in its team's lane; a decision sits in the lane of the team whose steps
    lead into it (if they are all one team's), otherwise in "Customer" with the entries,
    exits and delays. x is the left-to-right layer; parts of one lane in one layer are
    stacked in rows. Returns ``(positions, lanes)`` where ``lanes`` is a top-to-bottom list
    of ``(name, y_top, height)``; only lanes with parts in them are listed, "Customer" first.
    """
    if len(service_map) == 0:
        return {}, []
    flat = left_to_right(service_map)
    lane_of = _lane_of_each_part(service_map)
    team_order = [t.name for t in service_map.teams()]
    used = list(dict.fromkeys(lane_of.values()))
    names = sorted(used, key=lambda lane: (lane != CUSTOMER, _index(team_order, lane),
                                           used.index(lane)))
    rows: dict[str, int] = {}
    for lane in names:
        cells: dict[float, list[str]] = {}
        for part, part_lane in lane_of.items():
            if part_lane == lane:
                cells.setdefault(flat[part][0], []).append(part)
        for cell in cells.values():
            for row, part in enumerate(sorted(cell, key=lambda n: flat[n][1])):
                rows[part] = row
    positions: dict[str, Position] = {}
    lanes: list[Lane] = []
    top = 0.0
    for lane in names:
        members = [p for p, part_lane in lane_of.items() if part_lane == lane]
        height = (max(rows[p] for p in members) + 1) * ROW_GAP + 2 * LANE_PADDING
        for part in members:
            y = top + LANE_PADDING + (rows[part] + 0.5) * ROW_GAP
            positions[part] = (flat[part][0], y)
        lanes.append((lane, top, height))
        top += height
    return positions, lanes


# -- helpers -------------------------------------------------------------------------------


def _ordered_graph(service_map: ServiceMap) -> nx.DiGraph:
    """The map's graph with the entries first, so that searches start from them."""
    entries = [e.name for e in service_map.entries()]
    graph = nx.DiGraph()
    graph.add_nodes_from(entries)
    graph.add_nodes_from(service_map.graph.nodes)
    graph.add_edges_from(service_map.graph.edges)
    return graph


def _acyclic(service_map: ServiceMap) -> nx.DiGraph:
    dag = _ordered_graph(service_map)
    dag.remove_edges_from(back_edges(service_map))
    return dag


def _with_waypoints(service_map: ServiceMap, dag: nx.DiGraph) -> tuple[
        nx.DiGraph, dict, dict]:
    """The loop-free graph with a waypoint in each layer a handoff jumps over.

    Waypoints (tuples, never a part's name) hold a row for the long handoff, so no part
    is placed across it. Returns the graph, the layer and the priority of every node.
    """
    layer: dict[object, int] = {}
    for name in nx.topological_sort(dag):
        layer[name] = max((layer[p] + 1 for p in dag.predecessors(name)), default=0)
    priority: dict[object, tuple[float, ...]] = dict(_priority(service_map, dag))
    graph = nx.DiGraph()
    graph.add_nodes_from(dag.nodes)
    for source, target in dag.edges:
        span = layer[target] - layer[source]
        if span <= 1:
            graph.add_edge(source, target)
            continue
        (main_s, traffic, length_s), (main_t, _, length_t) = priority[source], priority[target]
        share = service_map.handoff(source, target).probability
        previous = source
        for k in range(1, span):
            waypoint = (source, target, k)
            graph.add_edge(previous, waypoint)
            layer[waypoint] = layer[source] + k
            priority[waypoint] = (min(main_s, main_t), traffic * share, max(length_s, length_t))
            previous = waypoint
        graph.add_edge(previous, target)
    return graph, layer, priority


def _discovery_order(dag: nx.DiGraph, priority: dict) -> dict[object, int]:
    """The order a depth-first search meets the parts, taking the main way on first."""
    first = nx.DiGraph()
    first.add_nodes_from(dag.nodes)
    for name in dag:
        successors = sorted(dag.successors(name),
                            key=lambda s: tuple(-v for v in priority[s]))
        first.add_edges_from((name, s) for s in successors)
    return {n: i for i, n in enumerate(nx.dfs_preorder_nodes(first))}


def _ordered_columns(dag: nx.DiGraph, layer: dict, found: dict) -> list[list]:
    """Parts per layer, ordered by the mean order of their predecessors (two sweeps)."""
    columns: list[list[str]] = [[] for _ in range(max(layer.values()) + 1)]
    for name in sorted(layer, key=found.__getitem__):
        columns[layer[name]].append(name)
    for _ in range(2):
        rank = {n: i for column in columns for i, n in enumerate(column)}
        for column in columns[1:]:
            column.sort(key=lambda n: (_mean([rank[p] for p in dag.predecessors(n)],
                                             rank[n]), found[n]))
            rank.update({n: i for i, n in enumerate(column)})
    return columns


def _priority(service_map: ServiceMap, dag: nx.DiGraph) -> dict[str, tuple[float, ...]]:
    """Which parts are placed first in their layer: the main path, then the parts most
    customers pass through (arrivals carried along the handoffs' probabilities, loops left
    out), then those on the longest paths."""
    order = list(nx.topological_sort(dag))
    traffic = dict.fromkeys(order, 0.0)
    for entry in service_map.entries():
        traffic[entry.name] = entry.arrivals.per_day
    before = dict.fromkeys(order, 0)
    after = dict.fromkeys(order, 0)
    for name in order:
        before[name] = max((before[p] + 1 for p in dag.predecessors(name)), default=0)
        for target in dag.successors(name):
            traffic[target] += traffic[name] * service_map.handoff(name, target).probability
    for name in reversed(order):
        after[name] = max((after[s] + 1 for s in dag.successors(name)), default=0)
    main = _main_path(service_map, dag, order, after)
    return {n: (float(n in main), round(traffic[n], 9), before[n] + after[n]) for n in order}


def _main_path(service_map: ServiceMap, dag: nx.DiGraph, order: list[str],
               after: dict[str, int]) -> set[str]:
    """The most likely way from the busiest entry to an exit (loops left out)."""
    exits = {e.name for e in service_map.exits()}
    chance: dict[str, float] = {}  # of reaching an exit from here, taking the likeliest way
    for name in reversed(order):
        ways = [service_map.handoff(name, s).probability * chance[s]
                for s in dag.successors(name)]
        chance[name] = max(ways, default=1.0 if name in exits else DEAD_END)
    entries = sorted(service_map.entries(), key=lambda e: -e.arrivals.per_day)
    here = entries[0].name if entries else (order[0] if order else None)
    path: set[str] = set()
    while here is not None and here not in path:
        path.add(here)
        here = max(dag.successors(here), default=None, key=lambda s: (
            service_map.handoff(here, s).probability * chance[s], after[s]))
    return path


def _spread(wanted: list[float], priority: list[tuple[float, ...]],
            gap: float) -> list[float]:
    """Positions in the given order, at least ``gap`` apart (the priority method).

    The part with the highest priority takes its wanted place; each next one goes as near
    its own as the parts already placed allow, keeping the order and room for the parts
    between them.
    """
    placed: dict[int, float] = {}
    for i in sorted(range(len(wanted)), key=lambda k: (tuple(-v for v in priority[k]), k)):
        low = max((y + (i - j) * gap for j, y in placed.items() if j < i), default=-1e300)
        high = min((y - (j - i) * gap for j, y in placed.items() if j > i), default=1e300)
        placed[i] = min(max(wanted[i], low), high)
    return [placed[i] for i in range(len(wanted))]


def _lane_of_each_part(service_map: ServiceMap) -> dict[str, str]:
    lane: dict[str, str] = {}
    for part in service_map.nodes():
        lane[part.name] = part.team if isinstance(part, Step) and part.team else CUSTOMER
    for decision in service_map.decisions():
        sources = [service_map.node(s) for s, _ in service_map.ways_in(decision.name)]
        teams = {lane[s.name] for s in sources}
        if sources and all(isinstance(s, Step) for s in sources) and len(teams) == 1:
            lane[decision.name] = teams.pop()
    return lane


def _wanted(name: object, neighbours: list, y: dict, priority: dict) -> float:
    """Where a part would like to be: level with its neighbours in the next layer (only
    those on the main path, if it is on the main path itself)."""
    if priority[name][0]:
        main = [n for n in neighbours if priority[n][0]]
        neighbours = main or neighbours
    return _mean([y[n] for n in neighbours], y[name])


def _mean(values: Iterable[float], default: float) -> float:
    values = list(values)
    return sum(values) / len(values) if values else default


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


__all__ = ["left_to_right", "swimlanes", "back_edges", "layers", "LAYER_GAP", "ROW_GAP",
           "CUSTOMER"]
