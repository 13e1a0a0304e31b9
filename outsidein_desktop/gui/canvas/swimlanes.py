"""The swimlane view: one horizontal lane per team, and a "Customer" lane, behind the parts.

A view, not an edit: the parts' items move to the lanes (domain.layout.swimlanes), the
map's saved positions stay as they were, and dragging is off while the lanes are shown.
Turning the view off puts every item back at its part's position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...domain.layout import CUSTOMER, swimlanes
from . import style

if TYPE_CHECKING:
    from .scene import MapScene

#: Room between the header and the first part, and after the last part.
LANE_MARGIN = 40.0
CUSTOMER_COLOUR = QColor("#2F855A")


class LaneItem(QGraphicsItem):
    """One lane: a band across the map with the team's name in a header on the left."""

    def __init__(self, name: str, rect: QRectF, fill: QColor, colour: QColor) -> None:
        super().__init__()
        self.name, self.rect, self.fill, self.colour = name, rect, fill, colour
        self.setZValue(-100)
        self.setToolTip("The customer's own time: entries, exits and waits"
                        if name == CUSTOMER else f"Team: {name}")

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.rect.adjusted(-1, -1, 1, 1)

    def header(self) -> QRectF:
        return QRectF(self.rect.left(), self.rect.top(), style.LANE_HEADER_WIDTH,
                      self.rect.height())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.fillRect(self.rect, self.fill)
        header = self.header()
        painter.fillRect(header, style.tint(self.colour, 0.88))
        painter.fillRect(QRectF(header.left(), header.top(), 5, header.height()), self.colour)
        painter.setPen(QPen(style.LANE_LINE, 1.0))
        painter.drawLine(header.topRight(), header.bottomRight())
        painter.drawLine(self.rect.topLeft(), self.rect.topRight())
        painter.drawLine(self.rect.bottomLeft(), self.rect.bottomRight())
        painter.setPen(style.INK)
        painter.setFont(style.font(style.NAME_PX + 1, bold=True))
        box = header.adjusted(14, 6, -8, -6)
        lines = style.wrap(self.name, painter.font(), box.width(), 3)
        painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         "\n".join(lines))


class Swimlanes:
    """Turns the lane view on and off for a scene, and keeps it up to date after edits."""

    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.on = False
        self.items: list[LaneItem] = []

    def set(self, on: bool) -> None:
        self.on = on
        with self.scene.router.batch():
            for item in self.scene.nodes.values():
                item.set_draggable(not on)
            if on:
                self.refresh()
            else:
                self._remove_lanes()
                for name, item in self.scene.nodes.items():
                    item.setPos(QPointF(*self.scene.service_map.node(name).position))
        self.scene.reroute_all()

    def refresh(self, *_: object) -> None:
        """Lay the lanes out again (after any edit) if the view is on."""
        if not self.on:
            return
        self._remove_lanes()
        positions, lanes = swimlanes(self.scene.service_map)
        for name, (x, y) in positions.items():
            item = self.scene.nodes.get(name)
            if item is not None:
                item.setPos(QPointF(x, y))
        if not positions:
            return
        widths = [style.NODE_SIZE["step"][0] / 2] * 2
        left = min(x for x, _ in positions.values()) - widths[0] - LANE_MARGIN
        right = max(x for x, _ in positions.values()) + widths[1] + LANE_MARGIN
        left -= style.LANE_HEADER_WIDTH
        for index, (name, top, height) in enumerate(lanes):
            rect = QRectF(left, top, right - left, height)
            item = LaneItem(name, rect, style.LANE_FILLS[index % 2], self._colour(name))
            self.scene.addItem(item)
            self.items.append(item)

    def clear(self) -> None:
        """Forget the lane items (the scene is about to delete every item)."""
        self.items = []

    def lane_rect(self, name: str) -> QRectF | None:
        """The rectangle of a lane in scene coordinates (None if it is not shown)."""
        return next((item.rect for item in self.items if item.name == name), None)

    def _colour(self, name: str) -> QColor:
        service_map = self.scene.service_map
        if name != CUSTOMER and service_map.has_team(name):
            return QColor(service_map.team(name).colour)
        return CUSTOMER_COLOUR if name == CUSTOMER else style.UNKNOWN_TEAM

    def _remove_lanes(self) -> None:
        for item in self.items:
            self.scene.removeItem(item)
        self.items = []
