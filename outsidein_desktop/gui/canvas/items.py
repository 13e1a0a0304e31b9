"""The canvas item of one part: its shape, its name and, small, its essentials.

An item shows a part; it never changes the model. The scene gives it the part (and the
team's colour) whenever the model changes, and reads its position back after a drag.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ...domain.parts import Delay, Entry, Exit, Node, Step
from ...domain.units import format_minutes
from . import shapes, style

if TYPE_CHECKING:
    from .arrows import HandoffItem

HALO = 5.0
BADGE_RADIUS = 8.0
HANDLE_RADIUS = 6.0
TEXT_PADDING = 16.0  # above and below the text, together


def essentials(part: Node) -> str:
    """The small line under a part's name: "Booking · mean 10 min", "40 a day",
    "40 a day + 12 booked a week", "gave up" (an exit that means giving up)."""
    if isinstance(part, Step):
        return f"{part.team or 'no team'} · mean {format_minutes(part.duration.mean)}"
    if isinstance(part, Delay):
        return f"mean {format_minutes(part.duration.mean)}"
    if isinstance(part, Entry):
        return part.arrivals.describe()
    if isinstance(part, Exit):
        said = [part.outcome] if part.outcome and part.outcome != part.name else []
        return " · ".join([*said, "gave up"] if part.gave_up else said)
    return ""


def fit_essentials(text: str, metrics: QFontMetricsF, width: float) -> str:
    """``text`` shortened to ``width``, eliding the team's name before the mean."""
    if metrics.horizontalAdvance(text) <= width or " · " not in text:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    team, rest = text.split(" · ", 1)
    room = width - metrics.horizontalAdvance(f" · {rest}")
    if room < metrics.horizontalAdvance("Wo…"):
        return metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return f"{metrics.elidedText(team, Qt.TextElideMode.ElideRight, room)} · {rest}"


class ConnectHandle(QGraphicsEllipseItem):
    """The small disc on a part's right edge: drag from it to connect to another part."""

    def __init__(self, node: NodeItem) -> None:
        r = HANDLE_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r, node)
        self.node = node
        self.setBrush(QBrush(QColor("white")))
        self.setPen(QPen(style.SELECTION, 1.6))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Drag to another part to connect")
        self.setZValue(1)
        self.setVisible(False)


class NodeItem(QGraphicsItem):
    """One part on the canvas, centred on the part's ``position``."""

    def __init__(self, part: Node, team_colour: QColor | None = None) -> None:
        super().__init__()
        self.part = part
        self.arrows: list[HandoffItem] = []
        self.problem: str | None = None  # "error", "warning" or None
        self.problem_text = ""
        self.hovered = False
        self.drop_target = False
        self._team_colour = team_colour
        self._size = style.NODE_SIZE["step"]
        self._lines: list[str] = []
        self._detail = ""
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)
        self.handle = ConnectHandle(self)
        self.set_part(part, team_colour)

    # -- what it shows -----------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.part.name

    @property
    def kind(self) -> str:
        return self.part.kind

    @property
    def size(self) -> tuple[float, float]:
        """Width and height: the kind's size, taller if a long name needs three lines."""
        return self._size

    def set_part(self, part: Node, team_colour: QColor | None = None) -> None:
        """Show ``part`` (after an edit); the position is the scene's business."""
        self.prepareGeometryChange()
        self.part = part
        self._team_colour = team_colour
        width, height = style.NODE_SIZE.get(self.kind, style.NODE_SIZE["step"])
        box = shapes.text_box(self.kind, width, height)
        self._detail = essentials(part)
        name_font = style.font(style.NAME_PX, bold=True)
        self._lines = style.wrap(part.name, name_font, box.width(),
                                 2 if self.kind == "decision" else 3)
        needed = QFontMetricsF(name_font).lineSpacing() * len(self._lines) + TEXT_PADDING
        if self._detail:
            needed += QFontMetricsF(style.font(style.DETAIL_PX)).lineSpacing() + 2
        self._size = (width, max(height, needed) if self.kind != "decision" else height)
        margin = HALO + 2
        self._bounds = shapes.box(*self._size).adjusted(
            -margin, -margin - BADGE_RADIUS / 2, margin + BADGE_RADIUS / 2, margin)
        self.handle.setPos(width / 2, 0)
        self._update_tooltip()
        self.update()

    def set_problem(self, severity: str | None, text: str = "") -> None:
        """Mark the part with an error (red) or a warning (amber), or clear the mark."""
        self.problem, self.problem_text = severity, text
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        lines = [f"{self.kind.capitalize()}: {self.part.name}"]
        if self._detail:
            lines.append(self._detail)
        if self.problem_text:
            lines.append(self.problem_text)
        self.setToolTip("\n".join(lines))

    def set_draggable(self, on: bool) -> None:
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, on)

    # -- geometry ------------------------------------------------------------------------

    def outline(self) -> QPainterPath:
        """The shape's border in item coordinates (arrows end on it)."""
        return shapes.outline(self.kind, *self.size)

    def shape(self) -> QPainterPath:
        return self.outline()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._bounds

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            router = getattr(self.scene(), "router", None)
            if router is not None:
                router.node_moved(self)
            else:
                for arrow in self.arrows:
                    arrow.update_path()
        elif change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._update_handle()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802, ANN001
        self.hovered = True
        self._update_handle()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802, ANN001
        self.hovered = False
        self._update_handle()
        super().hoverLeaveEvent(event)

    def _update_handle(self) -> None:
        exporting = getattr(self.scene(), "exporting", False)
        self.handle.setVisible((self.hovered or self.isSelected()) and not exporting)

    # -- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        width, height = self.size
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = self._halo_colour()
        if halo is not None:
            painter.setPen(QPen(halo, HALO, c=Qt.PenCapStyle.RoundCap,
                                j=Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.outline())
        shapes.paint_body(painter, self.kind, width, height, self._team_colour)
        self._paint_text(painter, shapes.text_box(self.kind, width, height))
        if self.problem:
            self._paint_badge(painter)

    def _halo_colour(self) -> QColor | None:
        if self.isSelected() and not getattr(self.scene(), "exporting", False):
            return style.tint(style.SELECTION, 0.45)
        if self.drop_target:
            return style.tint(style.SELECTION, 0.6)
        if self.problem:
            colour = QColor(style.ERROR if self.problem == "error" else style.WARNING)
            colour.setAlphaF(0.55)
            return colour
        return None

    def _paint_text(self, painter: QPainter, box: QRectF) -> None:
        name_font = style.font(style.NAME_PX, bold=True)
        detail_font = style.font(style.DETAIL_PX)
        name_height = QFontMetricsF(name_font).lineSpacing()
        detail_height = QFontMetricsF(detail_font).lineSpacing() if self._detail else 0.0
        total = name_height * len(self._lines) + detail_height + (2 if self._detail else 0)
        y = box.center().y() - total / 2
        painter.setPen(style.INK)
        painter.setFont(name_font)
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        for line in self._lines:
            painter.drawText(QRectF(box.left(), y, box.width(), name_height), centre, line)
            y += name_height
        if self._detail:
            painter.setPen(style.MUTED)
            painter.setFont(detail_font)
            text = fit_essentials(self._detail, QFontMetricsF(detail_font), box.width())
            painter.drawText(QRectF(box.left(), y + 2, box.width(), detail_height), centre, text)

    def _paint_badge(self, painter: QPainter) -> None:
        width, height = self.size
        corner = QPointF(width / 2 - 4, -height / 2 + 2)
        if self.kind == "decision":
            corner = QPointF(width / 4 + 6, -height / 4 - 6)
        colour = style.ERROR if self.problem == "error" else style.WARNING
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(corner, BADGE_RADIUS, BADGE_RADIUS)
        painter.setFont(style.font(11, bold=True))
        painter.drawText(QRectF(corner.x() - BADGE_RADIUS, corner.y() - BADGE_RADIUS,
                                2 * BADGE_RADIUS, 2 * BADGE_RADIUS),
                         Qt.AlignmentFlag.AlignCenter, "!")
