"""The canvas item of one handoff: an arrow from part to part, with its small labels.

The label shows what matters to the customer's journey: the share of customers taking this
way ("30%", only when below 100%), a handoff delay (a clock and "2 days"), and a speech
bubble when information does not always travel (the customer repeats their story). A
handoff from one team's step to another team's is drawn thicker, dashed and in orange:
that is where journeys go wrong.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ...domain.parts import Handoff, Node, Step
from ...domain.units import format_minutes
from . import geometry, shapes, style
from .items import NodeItem

PICK_WIDTH = 10.0
LABEL_HEIGHT = 17.0


def describe(source: Node, target: Node, handoff: Handoff) -> str:
    """The arrow's tooltip, in plain words: "Handoff: Booking → Clinic" between teams."""
    lines = [f"{source.name} → {target.name}"]
    if isinstance(source, Step) and isinstance(target, Step) and source.team != target.team:
        lines.insert(0, f"Handoff: {source.team} → {target.team}")
    if handoff.probability < 1:
        lines.append(f"{handoff.probability:.0%} of customers go this way")
    if handoff.delay is not None:
        lines.append(f"Takes {handoff.delay.describe()} on the way")
    if handoff.info_travels < 1:
        lines.append(f"Their information travels {handoff.info_travels:.0%} of the time; "
                     "otherwise they repeat their story")
    return "\n".join(lines)


class HandoffItem(QGraphicsItem):
    """An arrow between two :class:`NodeItem`; follows them when they move."""

    def __init__(self, source: NodeItem, target: NodeItem, handoff: Handoff,
                 cross_team: bool = False) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.handoff = handoff
        self.cross_team = cross_team
        self.problem: str | None = None
        self.problem_text = ""
        self._curve: geometry.Cubic | None = None
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._label_rect = QRectF()
        self._shape: QPainterPath | None = None
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(5)
        source.arrows.append(self)
        if target is not source:
            target.arrows.append(self)
        self.set_handoff(handoff, cross_team)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source.name, self.target.name)

    def detach(self) -> None:
        """Forget the parts (before the arrow is removed from the scene)."""
        for node in (self.source, self.target):
            if self in node.arrows:
                node.arrows.remove(self)

    def set_handoff(self, handoff: Handoff, cross_team: bool) -> None:
        """Show a changed handoff; call :meth:`update_path` after (its label may grow)."""
        self.handoff, self.cross_team = handoff, cross_team
        self._update_tooltip()
        self.update()

    def set_problem(self, severity: str | None, text: str = "") -> None:
        self.problem, self.problem_text = severity, text
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        text = describe(self.source.part, self.target.part, self.handoff)
        self.setToolTip(f"{text}\n{self.problem_text}" if self.problem_text else text)

    def _label_parts(self) -> list[tuple[str, str]]:
        parts = []
        if self.handoff.probability < 1:
            parts.append(("text", f"{self.handoff.probability * 100:.0f}%"))
        if self.handoff.delay is not None:
            parts.append(("clock", format_minutes(self.handoff.delay.mean)))
        if self.handoff.info_travels < 1:
            parts.append(("story", ""))
        return parts

    # -- geometry ------------------------------------------------------------------------

    def update_path(self) -> None:
        """Re-route after either part moved (or the handoff changed)."""
        a, b = self.source, self.target
        paired = a is not b and any(x.target is a and x.source is b for x in b.arrows)
        # Route first: the scene's index must not be asked while the geometry is changing.
        curve = self._around_parts(geometry.route(a.pos(), b.pos(), a.size, b.size,
                                                  paired=paired))
        span = geometry.clip(curve, lambda p: a.outline().contains(p - a.pos()),
                             lambda p: b.outline().contains(p - b.pos()))
        self.prepareGeometryChange()
        self._shape = None
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._label_rect = QRectF()
        self._curve = geometry.split(curve, *span) if span else None
        if self._curve is None:
            self._update_bounds()
            return
        visible = self._curve
        end = visible[3]
        direction = geometry.tangent(visible, 1.0)
        unit = direction / (math.hypot(direction.x(), direction.y()) or 1.0)
        normal = QPointF(-unit.y(), unit.x())
        base = end - unit * style.ARROW_HEAD
        self._head = QPolygonF([end, base + normal * (style.ARROW_HEAD * 0.42),
                                base - normal * (style.ARROW_HEAD * 0.42)])
        line = geometry.split(visible, 0.0, geometry.trim_end(visible, style.ARROW_HEAD * 0.8))
        self._path.moveTo(line[0])
        self._path.cubicTo(line[1], line[2], line[3])
        self._place_label(visible)
        self._update_bounds()

    def _around_parts(self, curve: geometry.Cubic) -> geometry.Cubic:
        """``curve``, or the first detour that runs through no other part."""
        router = getattr(self.scene(), "router", None)
        if router is None or self.source is self.target:
            return curve
        parts = router.obstacles()
        if not geometry.runs_through(curve, parts.boxes(curve, self.source, self.target)):
            return curve
        for detour in geometry.detours(curve):
            if not geometry.runs_through(detour, parts.boxes(detour, self.source, self.target)):
                return detour
        return curve

    def _place_label(self, curve: geometry.Cubic) -> None:
        parts = self._label_parts()
        if not parts:
            return
        metrics = QFontMetricsF(style.font(style.LABEL_PX, bold=True))
        width = 8.0 + sum(_part_width(kind, text, metrics) for kind, text in parts)
        width += 4.0 * (len(parts) - 1)
        centre = geometry.point(curve, 0.5)
        chord = curve[3] - curve[0]
        if math.hypot(chord.x(), chord.y()) < width + 56:
            centre += _beside(geometry.tangent(curve, 0.5), width / 2 + 3, LABEL_HEIGHT / 2 + 3)
        self._label_rect = QRectF(centre.x() - width / 2, centre.y() - LABEL_HEIGHT / 2,
                                  width, LABEL_HEIGHT)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def _update_bounds(self) -> None:
        pad = PICK_WIDTH
        rect = self._path.boundingRect().united(self._head.boundingRect())
        self._bounds = rect.united(self._label_rect).adjusted(-pad, -pad, pad, pad)

    def shape(self) -> QPainterPath:
        if self._shape is None:  # made once per route: hit tests ask for it often
            stroker = QPainterPathStroker()
            stroker.setWidth(PICK_WIDTH)
            self._shape = stroker.createStroke(self._path)
            self._shape.addPolygon(self._head)
            if not self._label_rect.isNull():
                self._shape.addRect(self._label_rect)
        return self._shape

    def path(self) -> QPainterPath:
        """The arrow's line (without its head), in item coordinates."""
        return self._path

    def midpoint(self) -> QPointF:
        return geometry.point(self._curve, 0.5) if self._curve else self.source.pos()

    # -- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._curve is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = self._halo_colour()
        if halo is not None:
            painter.setPen(QPen(halo, 7, c=Qt.PenCapStyle.RoundCap))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._path)
        colour = style.CROSS_TEAM if self.cross_team else style.ARROW
        pen = QPen(colour, style.CROSS_TEAM_WIDTH if self.cross_team else style.ARROW_WIDTH,
                   c=Qt.PenCapStyle.FlatCap, j=Qt.PenJoinStyle.RoundJoin)
        if self.cross_team:
            pen.setDashPattern([4.0, 2.0])
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(QPen(colour, 1.0, j=Qt.PenJoinStyle.MiterJoin))
        painter.setBrush(colour)
        painter.drawPolygon(self._head)
        if not self._label_rect.isNull():
            self._paint_label(painter, colour)

    def _halo_colour(self) -> QColor | None:
        if self.isSelected() and not getattr(self.scene(), "exporting", False):
            return style.tint(style.SELECTION, 0.45)
        if self.problem:
            colour = QColor(style.ERROR if self.problem == "error" else style.WARNING)
            colour.setAlphaF(0.5)
            return colour
        return None

    def _paint_label(self, painter: QPainter, colour: QColor) -> None:
        rect = self._label_rect
        border = colour
        if self.problem:
            border = style.ERROR if self.problem == "error" else style.WARNING
        painter.setPen(QPen(style.tint(border, 0.35), 1.0))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        label_font = style.font(style.LABEL_PX, bold=True)
        metrics = QFontMetricsF(label_font)
        painter.setFont(label_font)
        x = rect.left() + 4
        for kind, text in self._label_parts():
            width = _part_width(kind, text, metrics)
            cell = QRectF(x, rect.top(), width, rect.height())
            if kind == "clock":
                shapes.paint_clock(painter, QPointF(x + 5, rect.center().y()), 4.2, style.MUTED)
                cell = cell.adjusted(12, 0, 0, 0)
            if kind == "story":
                shapes.paint_speech(painter, QRectF(x, rect.top() + 3, 14, 11), style.STORY)
            else:
                painter.setPen(style.INK if kind == "text" else style.MUTED)
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, text)
            x += width + 4


def _part_width(kind: str, text: str, metrics: QFontMetricsF) -> float:
    if kind == "story":
        return 14.0
    width = metrics.horizontalAdvance(text) + 2
    return width + 12 if kind == "clock" else width


def _beside(direction: QPointF, half_width: float, half_height: float) -> QPointF:
    """How far to move a label off a short arrow so the arrow stays visible: up for a
    flat arrow, right for a steep one."""
    if abs(direction.x()) >= abs(direction.y()):
        return QPointF(0, -half_height)
    return QPointF(half_width, 0)
