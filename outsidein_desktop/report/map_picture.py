"""A picture of a map for a paper, drawn headless (matplotlib and networkx, no Qt), with the
parts a scenario changes picked out.

The journey reads down the page: a map is usually drawn left to right and far wider than
it is tall, and an A4 page is the other way round. The part's own position (from the
editor, or :func:`..domain.layout.left_to_right` when a map has none) gives its place;
the two directions are scaled apart, so a long journey still fills the page.
"""

from __future__ import annotations

import dataclasses
import textwrap
from dataclasses import dataclass, field

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..domain.layout import back_edges, left_to_right
from ..domain.parts import Exit, Node, Step
from ..domain.service_map import ServiceMap
from .drawing import colour, new_figure
from .style import FIGURE_WIDTH, board_style

#: Marker per kind of part (told apart in grey print by shape, not colour).
SHAPES = {"entry": ">", "step": "s", "decision": "D", "delay": "h", "exit": "o"}
KIND_WORDS = {"entry": "Entry", "step": "Step (team's colour)", "decision": "Decision",
              "delay": "Delay (no team working)", "exit": "Outcome"}
#: Rows of the journey per inch of figure height, and the limits of that height.
ROW_HEIGHT = 0.3
MIN_HEIGHT, MAX_HEIGHT = 3.0, 7.6
LABEL_SIZE = 7.0


@dataclass
class PartChanges:
    """What a scenario changed, by comparing its map with the baseline's (positions are
    not changes)."""

    new: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    removed: list[str] = field(default_factory=list)
    handoffs: set[tuple[str, str]] = field(default_factory=set)  # new or changed
    teams: set[str] = field(default_factory=set)  # teams whose staff or hours changed

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed or self.handoffs or self.teams)


def _unplaced(node: Node) -> Node:
    return dataclasses.replace(node, position=(0.0, 0.0))


def changed_parts(baseline: ServiceMap, changed: ServiceMap) -> PartChanges:
    """The parts, handoffs and teams of ``changed`` that differ from ``baseline``. A step
    whose team's staff or hours changed counts as changed."""
    found = PartChanges()
    base_teams = {t.name: t for t in baseline.teams()}
    found.teams = {t.name for t in changed.teams() if base_teams.get(t.name) != t}
    for node in changed:
        if not baseline.has(node.name):
            found.new.add(node.name)
        elif (_unplaced(baseline.node(node.name)) != _unplaced(node)
              or (isinstance(node, Step) and node.team in found.teams)):
            found.changed.add(node.name)
    found.removed = [n.name for n in baseline if not changed.has(n.name)]
    for source, target, handoff in changed.handoffs():
        if (not baseline.has_handoff(source, target)
                or baseline.handoff(source, target) != handoff):
            found.handoffs.add((source, target))
    return found


def page_positions(service_map: ServiceMap) -> dict[str, tuple[float, float]]:
    """Each part's place on the page, journey reading downwards: x across the page from
    the map's y, and y up the page from minus the map's x."""
    positions = {n.name: n.position for n in service_map}
    if len(set(positions.values())) < len(positions):  # parts on top of each other
        positions = left_to_right(service_map)
    return {name: (y, -x) for name, (x, y) in positions.items()}


def _label(node: Node, changes: PartChanges | None, width: int) -> str:
    text = node.name
    if changes is not None and node.name in changes.new:
        text += " (new)"
    elif changes is not None and node.name in changes.changed:
        text += " (changed)"
    return "\n".join(textwrap.wrap(text, width)) or text


def draw_map(service_map: ServiceMap, ax: Axes, changes: PartChanges | None = None) -> Axes:
    """Draw ``service_map`` on ``ax``: parts by kind (steps in their team's colour),
    handoffs as arrows (rework loops curved), and the parts and handoffs in ``changes``
    ringed and drawn heavier, their labels in bold."""
    graph = service_map.graph
    pos = page_positions(service_map)
    xs = sorted({x for x, _ in pos.values()})
    gaps = [b - a for a, b in zip(xs, xs[1:], strict=False) if b - a > 1e-9]
    column = min(gaps) if gaps else 1.0
    span = (xs[-1] - xs[0]) + column if xs else 1.0
    label_inches = FIGURE_WIDTH * column / span - 0.35
    width = max(12, int(label_inches * 72 / (LABEL_SIZE * 0.56)))
    marked = changes or PartChanges()
    highlight = marked.new | marked.changed
    if highlight:
        nx.draw_networkx_nodes(graph, pos, nodelist=sorted(highlight), ax=ax, node_size=420,
                               node_color=colour(3), edgecolors="0.05", linewidths=1.4,
                               node_shape="o")
    teams = {t.name: t.colour for t in service_map.teams()}
    for kind, shape in SHAPES.items():
        nodes = [n for n in service_map if n.kind == kind and not _gave_up(n)]
        if not nodes:
            continue
        fill = [teams.get(n.team, "#BBBBBB") if isinstance(n, Step)
                else ("0.15" if kind in ("entry", "exit") else "white") for n in nodes]
        nx.draw_networkx_nodes(graph, pos, nodelist=[n.name for n in nodes], ax=ax,
                               node_shape=shape, node_color=fill, node_size=110,
                               edgecolors="0.1", linewidths=0.8)
    gave_up = [n.name for n in service_map if _gave_up(n)]
    if gave_up:  # hollow: an exit nobody would choose, told apart in grey print too
        nx.draw_networkx_nodes(graph, pos, nodelist=gave_up, ax=ax, node_shape="o",
                               node_color="white", node_size=110, edgecolors="0.1",
                               linewidths=1.4)
    loops = back_edges(service_map)
    for heavy in (False, True):
        edges = [e for e in graph.edges if (e in marked.handoffs) == heavy]
        for curved in (False, True):
            chosen = [e for e in edges if (e in loops) == curved]
            if chosen:
                nx.draw_networkx_edges(
                    graph, pos, edgelist=chosen, ax=ax, node_size=160, arrowsize=7,
                    width=2.2 if heavy else 0.8, edge_color="0.05" if heavy else "0.45",
                    style="--" if heavy else "-",
                    connectionstyle="arc3,rad=0.35" if curved else "arc3")
    for node in service_map:
        x, y = pos[node.name]
        ax.annotate(_label(node, changes, width), (x, y), xytext=(7, 0),
                    textcoords="offset points", va="center", ha="left",
                    fontsize=LABEL_SIZE, color="0.05", zorder=4,
                    fontweight="bold" if node.name in highlight else "normal",
                    # A white ground keeps a label readable where a handoff passes.
                    bbox={"facecolor": "white", "alpha": 0.85, "pad": 0.6, "linewidth": 0})
    xs_all = [p[0] for p in pos.values()] or [0.0]
    ys_all = [p[1] for p in pos.values()] or [0.0]
    ax.set_xlim(min(xs_all) - column * 0.15, max(xs_all) + column * 0.85)
    pad = max(1.0, (max(ys_all) - min(ys_all)) * 0.03)
    ax.set_ylim(min(ys_all) - pad, max(ys_all) + pad)
    ax.set_axis_off()
    return ax


def _gave_up(node: object) -> bool:
    return isinstance(node, Exit) and node.gave_up


def _key(service_map: ServiceMap, changes: PartChanges | None) -> list[Line2D]:
    # Steps are keyed by their teams' colours below, one entry a team.
    kinds = {n.kind for n in service_map if not _gave_up(n)} - {"step"}
    handles = [Line2D([], [], marker=SHAPES[k], linestyle="", markersize=6,
                      markerfacecolor="0.15" if k in ("entry", "exit") else "white",
                      markeredgecolor="0.1", label=KIND_WORDS[k])
               for k in SHAPES if k in kinds]
    if any(_gave_up(n) for n in service_map):
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=6,
                              markerfacecolor="white", markeredgecolor="0.1",
                              markeredgewidth=1.4, label="Gave up"))
    used = {n.team for n in service_map if isinstance(n, Step)}
    handles += [Line2D([], [], marker="s", linestyle="", markersize=6,
                       markerfacecolor=team.colour, markeredgecolor="0.1",
                       label=f"Step: {team.name}")
                for team in service_map.teams() if team.name in used]
    if changes:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=10,
                              markerfacecolor=colour(3), markeredgecolor="0.05",
                              label="Changed by the scenario"))
        if changes.handoffs:
            handles.append(Line2D([], [], color="0.05", linewidth=2.2, linestyle="--",
                                  label="New or changed handoff"))
    return handles


def map_figure(service_map: ServiceMap, baseline: ServiceMap | None = None,
               title: str = "") -> Figure:
    """A figure of ``service_map`` for a paper, in the board style; with ``baseline``,
    the parts the scenario changed are picked out. Height follows the journey's length."""
    changes = changed_parts(baseline, service_map) if baseline is not None else None
    rows = len({round(p[1], 6) for p in page_positions(service_map).values()})
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, 1.2 + ROW_HEIGHT * rows))
    with board_style():
        fig = new_figure(FIGURE_WIDTH, height)
        ax = fig.add_subplot()
        if len(service_map) == 0:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "The map is empty.", ha="center", va="center",
                    transform=ax.transAxes, color="0.35")
        else:
            draw_map(service_map, ax, changes)
            ax.legend(handles=_key(service_map, changes), loc="upper left",
                      bbox_to_anchor=(0.0, 0.0), ncol=4, fontsize=7, frameon=False,
                      borderaxespad=0.2)
        if title:
            ax.set_title(title, loc="left")
    return fig


def changes_in_words(changes: PartChanges) -> list[str]:
    """Short notes of what the picture picks out, for under it."""
    notes = []
    if changes.removed:
        notes.append("Removed from the map: " + ", ".join(changes.removed) + ".")
    if changes.teams:
        notes.append("Teams whose staff or hours change: " + ", ".join(sorted(changes.teams))
                     + ".")
    return notes


__all__ = ["PartChanges", "changed_parts", "draw_map", "map_figure", "page_positions",
           "changes_in_words"]
