"""The outline and body of each kind of part, drawn with QPainter.

Shared by the canvas items and the palette's icons, so a part looks the same in both.
Every shape is centred on (0, 0) within a ``width`` x ``height`` box.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from . import style

STEP_RADIUS = 8.0
DELAY_RADIUS = 12.0
STEP_BAR = 7.0
GLYPH = 18.0


def box(width: float, height: float) -> QRectF:
    return QRectF(-width / 2, -height / 2, width, height)


@functools.cache
def outline(kind: str, width: float, height: float) -> QPainterPath:
    """The part's border as a closed path (also what arrows stop at and clicks hit).

    Cached: arrows ask for it many times while they route. Do not change the path returned.
    """
    rect = box(width, height)
    path = QPainterPath()
    if kind in ("entry", "exit"):
        path.addRoundedRect(rect, height / 2, height / 2)
    elif kind == "decision":
        path.addPolygon(QPolygonF([QPointF(0, rect.top()), QPointF(rect.right(), 0),
                                   QPointF(0, rect.bottom()), QPointF(rect.left(), 0),
                                   QPointF(0, rect.top())]))
        path.closeSubpath()
    elif kind == "delay":
        path.addRoundedRect(rect, DELAY_RADIUS, DELAY_RADIUS)
    else:
        path.addRoundedRect(rect, STEP_RADIUS, STEP_RADIUS)
    return path


def text_box(kind: str, width: float, height: float) -> QRectF:
    """Where the name and the essentials go inside the shape."""
    rect = box(width, height)
    if kind == "entry":
        return rect.adjusted(34, 4, -16, -4)
    if kind == "delay":
        return rect.adjusted(34, 4, -10, -4)
    if kind == "decision":
        return QRectF(-width * 0.34, -height * 0.34, width * 0.68, height * 0.68)
    if kind == "exit":
        return rect.adjusted(18, 4, -18, -4)
    return rect.adjusted(STEP_BAR + 8, 4, -8, -4)


def colours(kind: str, team_colour: QColor | None) -> tuple[QColor, QColor]:
    """(fill, border) of a part; a step takes a light tint of its team's colour."""
    if kind == "step":
        base = team_colour or style.UNKNOWN_TEAM
        return style.tint(base, 0.86), base.darker(135)
    return style.FILL[kind], style.BORDER[kind]


def paint_body(painter: QPainter, kind: str, width: float, height: float,
               team_colour: QColor | None = None, line: float = 1.4) -> None:
    """The shape filled and outlined, with its kind's marks (bar, glyph, double border)."""
    fill, border = colours(kind, team_colour)
    path = outline(kind, width, height)
    rect = box(width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(fill)
    pen = QPen(border, line)
    if kind == "delay":
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setDashPattern([4.0, 2.5])
    painter.setPen(pen)
    painter.drawPath(path)
    if kind == "step":
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRectF(rect.left(), rect.top(), STEP_BAR, height),
                         team_colour or style.UNKNOWN_TEAM)
        painter.restore()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind == "exit":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inner = rect.adjusted(3.5, 3.5, -3.5, -3.5)
        painter.drawRoundedRect(inner, inner.height() / 2, inner.height() / 2)
    elif kind == "entry":
        _arrow_in(painter, QPointF(rect.left() + 8 + GLYPH / 2, 0), border)
    elif kind == "delay":
        _clock(painter, QPointF(rect.left() + 8 + GLYPH / 2, 0), border)
    painter.restore()


def _arrow_in(painter: QPainter, centre: QPointF, colour: QColor) -> None:
    """A filled disc with a white arrow pointing in: where customers come in."""
    r = GLYPH / 2
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(centre, r, r)
    painter.setPen(QPen(QColor("white"), 1.8, c=Qt.PenCapStyle.RoundCap,
                        j=Qt.PenJoinStyle.RoundJoin))
    x, y = centre.x(), centre.y()
    painter.drawLine(QPointF(x - r * 0.5, y), QPointF(x + r * 0.45, y))
    painter.drawPolyline(QPolygonF([QPointF(x + r * 0.05, y - r * 0.4),
                                    QPointF(x + r * 0.45, y),
                                    QPointF(x + r * 0.05, y + r * 0.4)]))


def _clock(painter: QPainter, centre: QPointF, colour: QColor) -> None:
    """A clock face: time passing with no team working."""
    r = GLYPH / 2
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(QBrush(QColor("white")))
    painter.drawEllipse(centre, r, r)
    painter.setPen(QPen(colour, 1.5, c=Qt.PenCapStyle.RoundCap))
    painter.drawLine(centre, centre + QPointF(0, -r * 0.6))
    painter.drawLine(centre, centre + QPointF(r * 0.45, r * 0.2))


def paint_clock(painter: QPainter, centre: QPointF, radius: float, colour: QColor) -> None:
    """A small clock glyph (for a handoff's delay label)."""
    painter.save()
    painter.setPen(QPen(colour, 1.1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)
    painter.drawLine(centre, centre + QPointF(0, -radius * 0.65))
    painter.drawLine(centre, centre + QPointF(radius * 0.5, radius * 0.15))
    painter.restore()


def paint_speech(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """A speech bubble with a repeat mark: the customer tells their story again."""
    painter.save()
    painter.setPen(QPen(colour, 1.1))
    painter.setBrush(style.tint(colour, 0.8))
    body = rect.adjusted(0, 0, 0, -rect.height() * 0.28)
    bubble = QPainterPath()
    bubble.addRoundedRect(body, 2.5, 2.5)
    tail = QPainterPath()
    tail.moveTo(body.left() + body.width() * 0.25, body.bottom() - 0.5)
    tail.lineTo(body.left() + body.width() * 0.2, rect.bottom())
    tail.lineTo(body.left() + body.width() * 0.5, body.bottom() - 0.5)
    tail.closeSubpath()
    painter.drawPath(bubble.united(tail))
    painter.setPen(QPen(colour, 1.0))
    y = body.center().y()
    for dx in (-0.22, 0.0, 0.22):
        painter.drawPoint(QPointF(body.center().x() + dx * body.width(), y))
    painter.restore()
