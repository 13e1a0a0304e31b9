"""The scene mirrors the open map: one item per part, one arrow per handoff.

It listens to the document's signals and redraws; it changes the model only by pushing
undo commands (a drag of parts becomes one MoveParts when the mouse is released). The
swimlane view is a view: it moves the items, never the parts' saved positions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from ...domain.parts import Step
from ...domain.validate import ERROR, Problem
from ..commands import MoveParts
from ..document import MapDocument
from .arrows import HandoffItem
from .items import NodeItem
from .routing import Router
from .swimlanes import Swimlanes

NODE_KINDS = {"node", "step", "entry", "decision", "delay", "exit"}


def _from_model(handler: Callable[..., None]) -> Callable[..., None]:
    """A handler of a model signal: arrows it disturbs are routed once, at the end."""
    @functools.wraps(handler)
    def wrapper(self: MapScene, *args: object) -> None:
        with self.router.batch():
            handler(self, *args)
    return wrapper


def key_of(item: object) -> tuple[str, object] | None:
    """The selection key of an item: ("node", name) or ("handoff", (source, target))."""
    if isinstance(item, NodeItem):
        return ("node", item.name)
    if isinstance(item, HandoffItem):
        return ("handoff", item.key)
    return None


class MapScene(QGraphicsScene):
    """The items of ``document.service_map``, kept in step with it."""

    def __init__(self, document: MapDocument, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.document = document
        self.nodes: dict[str, NodeItem] = {}
        self.arrows: dict[tuple[str, str], HandoffItem] = {}
        self.exporting = False
        self.router = Router(self)
        self.lanes = Swimlanes(self)
        self._problems: list[Problem] = []
        d = document
        d.nodeAdded.connect(self._add_node)
        d.nodeRemoved.connect(self._remove_node)
        d.nodeChanged.connect(self._change_node)
        d.nodeRenamed.connect(self._rename_node)
        d.handoffAdded.connect(self._add_arrow)
        d.handoffRemoved.connect(self._remove_arrow)
        d.handoffChanged.connect(self._change_arrow)
        d.teamsChanged.connect(self._refresh_all)
        d.mapReplaced.connect(self.rebuild)
        d.undo_stack.indexChanged.connect(self._after_edit)
        self.rebuild()

    @property
    def service_map(self):  # noqa: ANN201 - the document's ServiceMap
        return self.document.service_map

    # -- building ------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Throw every item away and mirror the current map again."""
        with self.router.batch():
            # Arrows waiting to be routed go with the items (two rebuilds in one event-loop
            # turn, as undoing across scenarios does, left deleted ones waiting).
            for arrow in self.arrows.values():
                self.router.forget(arrow)
            self.lanes.clear()
            self.clear()
            self.nodes.clear()
            self.arrows.clear()
            for part in self.service_map.nodes():
                self._add_node(part.name)
            for source, target, _ in self.service_map.handoffs():
                self._add_arrow(source, target)
            self.set_problems(self._problems)
        self._after_edit()

    def _after_edit(self, *_: object) -> None:
        """After each edit: lay out the lanes (if shown) and route the arrows it disturbed."""
        with self.router.batch():
            self.lanes.refresh()
        self.router.flush()

    def reroute_all(self) -> None:
        """Route every arrow again, now."""
        self.router.add(self.arrows.values())
        self.router.flush()

    def team_colour(self, part: object) -> QColor | None:
        if isinstance(part, Step) and self.service_map.has_team(part.team):
            return QColor(self.service_map.team(part.team).colour)
        return None

    def is_cross_team(self, source: str, target: str) -> bool:
        """A real handoff: from one team's step to another team's step."""
        a, b = self.service_map.node(source), self.service_map.node(target)
        return isinstance(a, Step) and isinstance(b, Step) and a.team != b.team

    @_from_model
    def _add_node(self, name: str) -> None:
        part = self.service_map.node(name)
        item = NodeItem(part, self.team_colour(part))
        item.setPos(QPointF(*part.position))
        item.set_draggable(not self.lanes.on)
        self.addItem(item)
        self.nodes[name] = item
        self.router.area_changed(item.sceneBoundingRect())

    @_from_model
    def _remove_node(self, name: str) -> None:
        item = self.nodes.pop(name, None)
        if item is None:
            return
        for arrow in list(item.arrows):
            self._remove_arrow(*arrow.key)
        self.router.area_changed(item.sceneBoundingRect())
        self.removeItem(item)

    @_from_model
    def _change_node(self, name: str) -> None:
        item = self.nodes.get(name)
        if item is None:
            return
        self.router.area_changed(item.sceneBoundingRect())
        was_at = QPointF(*item.part.position)
        part = self.service_map.node(name)
        item.set_part(part, self.team_colour(part))
        at = QPointF(*part.position)
        if was_at != at:  # where the part was before a drag, too
            self.router.area_changed(item.boundingRect().translated(was_at))
        if not self.lanes.on and item.pos() != at:
            item.setPos(at)
        self.router.area_changed(item.sceneBoundingRect())
        for arrow in item.arrows:
            self._change_arrow(*arrow.key)

    @_from_model
    def _rename_node(self, old: str, new: str) -> None:
        item = self.nodes.pop(old, None)
        if item is None:
            return
        self.nodes[new] = item
        item.set_part(self.service_map.node(new), item._team_colour)
        self.arrows = {arrow.key: arrow for arrow in self.arrows.values()}

    @_from_model
    def _add_arrow(self, source: str, target: str) -> None:
        if (source, target) in self.arrows:
            return
        arrow = HandoffItem(self.nodes[source], self.nodes[target],
                            self.service_map.handoff(source, target),
                            self.is_cross_team(source, target))
        self.addItem(arrow)
        self.arrows[(source, target)] = arrow
        self.router.add([arrow, *self._reverse(source, target)])

    @_from_model
    def _remove_arrow(self, source: str, target: str) -> None:
        arrow = self.arrows.pop((source, target), None)
        if arrow is None:
            return
        arrow.detach()
        self.router.forget(arrow)
        self.removeItem(arrow)
        self.router.add(self._reverse(source, target))

    def _reverse(self, source: str, target: str) -> list[HandoffItem]:
        """The handoff the other way, which bends aside while this one is there."""
        back = self.arrows.get((target, source))
        return [back] if back is not None else []

    @_from_model
    def _change_arrow(self, source: str, target: str) -> None:
        arrow = self.arrows.get((source, target))
        if arrow is not None:
            arrow.set_handoff(self.service_map.handoff(source, target),
                              self.is_cross_team(source, target))
            self.router.add([arrow])

    @_from_model
    def _refresh_all(self) -> None:
        for name in self.nodes:
            self._change_node(name)

    # -- selection and problems ----------------------------------------------------------

    def selected_keys(self) -> list[tuple[str, object]]:
        return [k for k in map(key_of, self.selectedItems()) if k is not None]

    def item_for(self, kind: str, key: object) -> NodeItem | HandoffItem | None:
        """The item of a part (kind "node" or a part's kind) or a handoff, or None."""
        if kind in NODE_KINDS:
            return self.nodes.get(key)  # type: ignore[arg-type]
        if kind == "handoff":
            return self.arrows.get(tuple(key))  # type: ignore[arg-type]
        return None

    def set_problems(self, problems: list[Problem]) -> None:
        """Mark the parts and handoffs that ``problems`` are about (errors win)."""
        self._problems = list(problems)
        found: dict[int, tuple[object, str, list[str]]] = {}
        for problem in self._problems:
            item = self.item_for(problem.element.kind, problem.element.key)
            if item is None:
                continue
            _, severity, messages = found.get(id(item), (item, "", []))
            severity = ERROR if ERROR in (severity, problem.severity) else problem.severity
            found[id(item)] = (item, severity, [*messages, problem.message])
        for item in [*self.nodes.values(), *self.arrows.values()]:
            _, severity, messages = found.get(id(item), (item, None, []))
            prefix = {"error": "Error: ", "warning": "Warning: "}
            item.set_problem(severity, "\n".join(prefix.get(severity, "") + m
                                                 for m in messages))

    # -- moving --------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.commit_moves()

    def commit_moves(self) -> bool:
        """Push one MoveParts for every part whose item was dragged off its position."""
        if self.lanes.on:
            return False
        moves = {}
        for name, item in self.nodes.items():
            old = self.service_map.node(name).position
            new = (round(item.pos().x(), 2), round(item.pos().y(), 2))
            if abs(new[0] - old[0]) > 0.01 or abs(new[1] - old[1]) > 0.01:
                moves[name] = (old, new)
        if moves:
            self.document.undo_stack.push(MoveParts(self.document, moves))
        return bool(moves)

    @contextmanager
    def exporting_view(self) -> Iterator[None]:
        """While rendering an image: no selection halos and no connect handles."""
        self.router.flush()
        self.exporting = True
        for item in self.nodes.values():
            item.handle.setVisible(False)
        try:
            yield
        finally:
            self.exporting = False
            for item in self.nodes.values():
                item.handle.setVisible(item.isSelected() or item.hovered)
