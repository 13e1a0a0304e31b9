"""Routing arrows in batches, so that a big edit routes each arrow once, not once per change.

While the scene follows the model (a command is being done or undone, a map is opened),
arrows that need a new route are only noted; they are routed when the command is over (the
undo stack's index changes) or, for a change made outside the undo stack, on the next turn
of the event loop. Arrows near a part that moved are routed again too, since the part may
now be in their way. While the user drags a part, its own arrows follow it at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, QTimer

from . import geometry, shapes
from .arrows import HandoffItem

if TYPE_CHECKING:
    from .items import NodeItem
    from .scene import MapScene


#: Clearance an arrow keeps from the parts it passes (scene units).
CLEARANCE = 6.0
#: Past this many changed areas in one edit, every arrow is routed again.
MANY_AREAS = 24


class Obstacles:
    """The parts' rectangles as one array, for asking quickly which a curve may touch."""

    def __init__(self, nodes: list[NodeItem]) -> None:
        self.index = {id(item): i for i, item in enumerate(nodes)}
        rows = []
        for item in nodes:
            rect = shapes.box(*item.size).translated(item.pos())
            rows.append((rect.left() - CLEARANCE, rect.top() - CLEARANCE,
                         rect.right() + CLEARANCE, rect.bottom() + CLEARANCE))
        self.rects = np.array(rows, dtype=float).reshape(-1, 4)

    def boxes(self, curve: geometry.Cubic, *ends: NodeItem) -> np.ndarray:
        """The rectangles near ``curve``, except those of the parts it joins."""
        left, top, right, bottom = geometry.control_box(curve)
        r = self.rects
        near = (r[:, 0] < right) & (r[:, 2] > left) & (r[:, 1] < bottom) & (r[:, 3] > top)
        for item in ends:
            i = self.index.get(id(item))
            if i is not None:
                near[i] = False
        return r[near]


class Router:
    """Keeps the arrows of ``scene`` routed."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self._batching = 0
        self._dirty: set[HandoffItem] = set()
        self._areas: list[QRectF] = []
        self._obstacles: Obstacles | None = None
        self._timer = QTimer(scene)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Note, but do not yet route, the arrows that change inside this block."""
        self._batching += 1
        try:
            yield
        finally:
            self._batching -= 1
            if self._batching == 0 and (self._dirty or self._areas):
                self._timer.start(0)

    def obstacles(self) -> Obstacles:
        """Where the parts are now (kept until one moves)."""
        if self._obstacles is None:
            self._obstacles = Obstacles(list(self.scene.nodes.values()))
        return self._obstacles

    def node_moved(self, item: NodeItem) -> None:
        """``item`` was moved: route its arrows now (a drag) or later (a batch)."""
        self._obstacles = None
        if self._batching:
            self._dirty.update(item.arrows)
        else:
            for arrow in item.arrows:
                arrow.update_path()

    def area_changed(self, rect: QRectF) -> None:
        """Something appeared in or left ``rect``: route the arrows crossing it again."""
        self._obstacles = None
        self._areas.append(rect)

    def add(self, arrows: Iterable[HandoffItem]) -> None:
        self._dirty.update(arrows)

    def forget(self, arrow: HandoffItem) -> None:
        self._dirty.discard(arrow)

    def flush(self) -> None:
        """Route every arrow noted so far."""
        self._timer.stop()
        if len(self._areas) > MANY_AREAS:
            self._dirty.update(self.scene.arrows.values())
        elif self._areas:
            for arrow in self.scene.arrows.values():
                bounds = arrow.sceneBoundingRect()
                if any(bounds.intersects(rect) for rect in self._areas):
                    self._dirty.add(arrow)
        self._areas = []
        dirty, self._dirty = self._dirty, set()
        for arrow in dirty:
            if arrow.scene() is self.scene:
                arrow.update_path()
