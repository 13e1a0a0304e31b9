"""Dragging a new handoff: a rubber line from a part to the pointer, and the part under it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from . import style
from .items import ConnectHandle, NodeItem


def node_at(scene: QGraphicsScene, pos: QPointF) -> NodeItem | None:
    """The part under ``pos`` (its connect handle counts as the part)."""
    for item in scene.items(pos):
        if isinstance(item, ConnectHandle):
            return item.node
        if isinstance(item, NodeItem):
            return item
    return None


class ConnectDrag:
    """One connecting gesture, from pressing on ``source`` to releasing somewhere."""

    def __init__(self, scene: QGraphicsScene, source: NodeItem) -> None:
        self.scene = scene
        self.source = source
        self.target: NodeItem | None = None
        self.line = QGraphicsPathItem()
        pen = QPen(style.SELECTION, 1.6, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.line.setPen(pen)
        self.line.setZValue(50)
        scene.addItem(self.line)
        self.move(source.pos())

    def move(self, pos: QPointF) -> None:
        """Follow the pointer; the part under it (other than the source) is highlighted."""
        target = node_at(self.scene, pos)
        if target is self.source:
            target = None
        if target is not self.target:
            for node in (self.target, target):
                if node is not None:
                    node.drop_target = node is target
                    node.update()
            self.target = target
        start = self._border_point(pos)
        path = QPainterPath(start)
        path.lineTo(pos)
        self.line.setPath(path)

    def finish(self, pos: QPointF) -> NodeItem | None:
        """End the gesture; the part released over (it may be the source), or None."""
        self.move(pos)
        under = node_at(self.scene, pos)
        self.cancel()
        return under

    def cancel(self) -> None:
        if self.target is not None:
            self.target.drop_target = False
            self.target.update()
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)

    def _border_point(self, towards: QPointF) -> QPointF:
        """Where the straight line from the source's centre to ``towards`` leaves it."""
        centre = self.source.pos()
        outline = self.source.outline()
        inside, outside = 0.0, 1.0
        if outline.contains(towards - centre):
            return centre
        for _ in range(14):
            mid = (inside + outside) / 2
            if outline.contains((towards - centre) * mid):
                inside = mid
            else:
                outside = mid
        return centre + (towards - centre) * outside
