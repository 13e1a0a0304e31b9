"""Wait hot-spots on the map: parts and handoffs coloured by how long customers wait there.

A view over the canvas after a run; it never changes the map. Each heated part gets a
thick coloured ring and a small label under it ("waits 3.2 days"); each heated handoff a
wide coloured band behind its arrow. Colours come from one sequential, colour-blind-safe
scale (ColorBrewer YlOrRd: light yellow for a short wait, dark red for the longest), and a
legend in the corner of the canvas shows the scale in human units.

The overlay items are children of the parts' and arrows' items, so they move with them;
they take no clicks. After an edit the overlay is laid again over whatever parts are left.
"""

from __future__ import annotations

import math

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from ...domain.units import format_minutes
from . import style
from .arrows import HandoffItem
from .items import NodeItem
from .scene import MapScene

#: ColorBrewer YlOrRd (7 classes): sequential and safe for colour-blind readers.
SCALE = ("#FFFFB2", "#FED976", "#FEB24C", "#FD8D3C", "#FC4E2A", "#E31A1C", "#B10026")
RING_WIDTH = 14.0
BAND_WIDTH = 10.0
LABEL_PX = 11


def heat_colour(fraction: float) -> QColor:
    """The scale's colour at ``fraction`` (0: no wait, 1: the longest wait), interpolated."""
    if not math.isfinite(fraction):
        fraction = 0.0
    x = min(max(fraction, 0.0), 1.0) * (len(SCALE) - 1)
    low = min(int(x), len(SCALE) - 2)
    t = x - low
    a, b = QColor(SCALE[low]), QColor(SCALE[low + 1])
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


def _text_colour(fill: QColor) -> QColor:
    return style.INK if fill.lightnessF() > 0.55 else QColor("white")


class _Untouchable(QGraphicsItem):
    """An overlay item that is drawn but never clicked (clicks reach the part below)."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def shape(self) -> QPainterPath:
        return QPainterPath()


class PartRing(_Untouchable):
    """A ring of the heat colour around a part (behind it)."""

    def __init__(self, node: NodeItem) -> None:
        super().__init__(node)
        self.node = node
        self.colour = QColor(SCALE[0])
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        half = RING_WIDTH / 2 + 1
        return self.node.outline().boundingRect().adjusted(-half, -half, half, half)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour, RING_WIDTH, c=Qt.PenCapStyle.RoundCap,
                            j=Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.node.outline())


class WaitLabel(QGraphicsItem):
    """A small pill under a part: "waits 3.2 days", filled with the heat colour."""

    def __init__(self, node: NodeItem) -> None:
        super().__init__(node)
        self.node = node
        self.text = ""
        self.colour = QColor(SCALE[0])
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(2)

    def set_text(self, text: str, colour: QColor) -> None:
        self.prepareGeometryChange()
        self.text, self.colour = text, colour
        self.setPos(0, self.node.size[1] / 2 + RING_WIDTH / 2 + 9)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        metrics = QFontMetricsF(style.font(LABEL_PX, bold=True))
        width = metrics.horizontalAdvance(self.text) + 14
        height = metrics.height() + 4
        return QRectF(-width / 2, -height / 2, width, height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour.darker(130), 1.0))
        painter.setBrush(self.colour)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setFont(style.font(LABEL_PX, bold=True))
        painter.setPen(_text_colour(self.colour))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)


class HandoffBand(_Untouchable):
    """A wide band of the heat colour behind a handoff's arrow."""

    def __init__(self, arrow: HandoffItem) -> None:
        super().__init__(arrow)
        self.arrow = arrow
        self.colour = QColor(SCALE[0])
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.arrow.boundingRect()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.colour)
        colour.setAlphaF(0.85)
        painter.setPen(QPen(colour, BAND_WIDTH, c=Qt.PenCapStyle.RoundCap,
                            j=Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.arrow.path())


class HeatLegend(QWidget):
    """The scale in the canvas's bottom-left corner: what the colours mean, in human units."""

    WIDTH = 290

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.maximum = 0.0
        self.title = "Mean wait"
        self.notes: list[str] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def set_scale(self, maximum: float, notes: list[str]) -> None:
        self.maximum, self.notes = maximum, list(notes)
        self.setFixedSize(self.WIDTH, 74 + 15 * len(self.notes))
        self.update()

    def labels(self) -> list[str]:
        """The scale's tick labels, shortest wait first."""
        return ["0"] + [format_minutes(self.maximum * f) for f in (0.5, 1.0)]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(style.LANE_LINE, 1.0))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(style.INK)
        painter.setFont(style.font(12, bold=True))
        painter.drawText(QRectF(10, 6, self.width() - 20, 18), self.title)
        bar = QRectF(12, 28, self.width() - 24, 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for i, colour in enumerate(SCALE):
            gradient.setColorAt(i / (len(SCALE) - 1), QColor(colour))
        painter.setPen(QPen(style.OUTLINE, 0.8))
        painter.setBrush(gradient)
        painter.drawRect(bar)
        painter.setFont(style.font(11))
        aligns = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignHCenter,
                  Qt.AlignmentFlag.AlignRight)
        for i, (label, align) in enumerate(zip(self.labels(), aligns, strict=True)):
            x = bar.left() + bar.width() * i / 2
            rect = QRectF(x - 60, bar.bottom() + 2, 120, 16)
            if i == 0:
                rect.moveLeft(bar.left())
            elif i == 2:
                rect.moveRight(bar.right())
            painter.drawText(rect, align | Qt.AlignmentFlag.AlignTop, label)
        painter.setPen(style.MUTED)
        painter.setFont(style.font(10))
        for i, note in enumerate(self.notes):
            painter.drawText(QRectF(10, 60 + 15 * i, self.width() - 20, 15),
                             Qt.AlignmentFlag.AlignLeft, note)
        painter.end()


class HeatOverlay(QObject):
    """The hot-spots of one canvas: lays the rings, labels, bands and legend over it."""

    MARGIN = 12

    def __init__(self, view: QGraphicsView, scene: MapScene) -> None:
        super().__init__(view)
        self.view, self.scene = view, scene
        self.parts: dict[str, float] = {}
        self.handoffs: dict[tuple[str, str], float] = {}
        self.legend = HeatLegend(view.viewport())
        self._items: list[QGraphicsItem] = []
        view.viewport().installEventFilter(self)
        scene.document.mapChanged.connect(self.refresh)
        scene.document.mapReplaced.connect(self.clear)

    @property
    def on(self) -> bool:
        return bool(self.parts or self.handoffs)

    def maximum(self) -> float:
        values = [v for v in [*self.parts.values(), *self.handoffs.values()]
                  if math.isfinite(v)]
        return max(values, default=0.0)

    def set(self, parts: dict[str, float] | None,
            handoffs: dict[tuple[str, str], float] | None) -> None:
        """Colour ``parts`` (name -> minutes) and ``handoffs`` ((source, target) -> minutes)."""
        self.parts = {k: float(v) for k, v in (parts or {}).items() if math.isfinite(v)}
        self.handoffs = {tuple(k): float(v) for k, v in (handoffs or {}).items()
                         if math.isfinite(v)}
        notes = []
        if self.parts:
            notes.append("Parts: waiting in the queue for the step")
        if self.handoffs:
            notes.append("Arrows: getting to the next step, per customer")
        self.legend.set_scale(self.maximum(), notes)
        self.refresh()

    def clear(self) -> None:
        self.set(None, None)

    def refresh(self) -> None:
        """Lay the overlay again over the parts and arrows now on the canvas."""
        for item in self._items:  # gone already if its part was removed or rebuilt
            if shiboken6.isValid(item) and item.scene() is not None:
                self.scene.removeItem(item)
        self._items = []
        top = self.maximum()
        for name, minutes in self.parts.items():
            node = self.scene.nodes.get(name)
            if node is None:
                continue
            colour = heat_colour(minutes / top if top > 0 else 0.0)
            ring, label = PartRing(node), WaitLabel(node)
            ring.colour = colour
            label.set_text(f"waits {format_minutes(minutes)}", colour)
            label.setToolTip(f"{name}: a mean wait of {format_minutes(minutes)} in the queue")
            self._items += [ring, label]
        for key, minutes in self.handoffs.items():
            arrow = self.scene.arrows.get(key)
            if arrow is None:
                continue
            band = HandoffBand(arrow)
            band.colour = heat_colour(minutes / top if top > 0 else 0.0)
            self._items.append(band)
        self.legend.setVisible(self.on)
        self._place_legend()

    def colour_of(self, kind: str, key: object) -> QColor | None:
        """The heat colour shown on a part ("node", name) or handoff ("handoff", key)."""
        owner = self.scene.item_for(kind, key)
        for item in self._items:
            if item.parentItem() is owner and isinstance(item, PartRing | HandoffBand):
                return QColor(item.colour)
        return None

    def _place_legend(self) -> None:
        viewport = self.view.viewport()
        self.legend.move(self.MARGIN, viewport.height() - self.legend.height() - self.MARGIN)
        self.legend.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.legend.isVisible():
            self._place_legend()
        return False
