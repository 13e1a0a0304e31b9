"""The replay drawn over the canvas: a queue bar above each part, dots along the handoffs,
the chosen customer in their own colour, and a panel with the clock and the totals.

A view only, like the wait hot-spots (canvas/heat.py): the items are children of the
parts' and arrows' items, take no clicks and never change the map. Every frame only
changes numbers in existing items and asks them to repaint; nothing is created per frame.
"""

from __future__ import annotations

import math

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from ...analysis.replay import Frame, ReplayIndex, Whereabouts
from ..canvas import style
from ..canvas.arrows import HandoffItem
from ..canvas.items import NodeItem
from ..canvas.scene import MapScene

QUEUE = QColor("#E8590C")  # the queue bar: it should catch the eye
WAITING = QColor("#8D6E63")  # those waiting at a delay part (at home, for a letter)
TRACK = QColor("#E5E7EB")
DOT = QColor("#1D4ED8")
CHOSEN = QColor("#C026D3")  # the followed customer: a colour used nowhere else
BAR_HEIGHT = 7.0
DOT_RADIUS = 3.6
CHOSEN_RADIUS = 6.5


def _count(n: int) -> str:
    return f"{n:,}"


class _Untouchable(QGraphicsItem):
    """Drawn, never clicked: clicks reach the part or arrow below."""

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def shape(self) -> QPainterPath:
        return QPainterPath()


class PartBadge(_Untouchable):
    """Above a part: a bar growing with its queue at a step, or with those waiting at a
    delay (against the most any step, or any delay, had at once in the run), and a line
    of counts ("12 queueing · 3 in service")."""

    WIDTH = 150.0

    def __init__(self, node: NodeItem, peak: int) -> None:
        super().__init__(node)
        self.node = node
        self.peak = max(int(peak), 1)
        self.kind = node.kind
        self.queueing = self.serving = self.waiting = self.done = self.gave_up = 0
        self.setZValue(3)
        self.setPos(0, -node.size[1] / 2 - 24)

    def set_counts(self, queueing: int, serving: int, waiting: int, done: int,
                   gave_up: int) -> None:
        counts = (int(queueing), int(serving), int(waiting), int(done), int(gave_up))
        if counts != (self.queueing, self.serving, self.waiting, self.done, self.gave_up):
            self.queueing, self.serving, self.waiting, self.done, self.gave_up = counts
            self.update()

    def text(self) -> str:
        """The counts in words, as drawn."""
        words = []
        if self.kind == "step":
            words = [f"{_count(self.queueing)} queueing", f"{_count(self.serving)} in service"]
        elif self.kind == "delay":
            words = [f"{_count(self.waiting)} waiting"]
        elif self.kind == "exit":
            words = [f"{_count(self.done)} so far"]
        elif self.kind == "entry":
            words = [f"{_count(self.done)} arrived"]
        if self.gave_up:
            words.append(f"{_count(self.gave_up)} gave up")
        return " · ".join(words)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return QRectF(-self.WIDTH / 2 - 40, -6, self.WIDTH + 80, 28)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.text()
        if not text:
            return
        left = -self.WIDTH / 2
        if self.kind in ("step", "delay"):
            track = QRectF(left, 0, self.WIDTH, BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(track, 3, 3)
            count = self.queueing if self.kind == "step" else self.waiting
            share = min(count / self.peak, 1.0)
            if share > 0:
                painter.setBrush(QUEUE if self.kind == "step" else WAITING)
                painter.drawRoundedRect(QRectF(left, 0, max(self.WIDTH * share, 4),
                                               BAR_HEIGHT), 3, 3)
        font = style.font(11, bold=True)
        metrics = QFontMetricsF(font)
        width = metrics.horizontalAdvance(text) + 12
        pill = QRectF(-width / 2, BAR_HEIGHT + 1, width, 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(pill, 5, 5)
        painter.setFont(font)
        painter.setPen(QUEUE.darker(130) if self.queueing else style.INK)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)


class TravellerDots(_Untouchable):
    """Dots along a handoff's arrow, one per customer travelling (as many as are drawn),
    and "+N" at the middle for those not drawn."""

    def __init__(self, arrow: HandoffItem) -> None:
        super().__init__(arrow)
        self.arrow = arrow
        self.progress: list[float] = []
        self.hidden = 0
        # Behind the arrow: its label (delay, share) stays readable over the dots.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)

    def set_dots(self, progress: list[float], hidden: int) -> None:
        if progress != self.progress or hidden != self.hidden:
            self.progress, self.hidden = progress, int(hidden)
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.arrow.path().boundingRect().adjusted(-30, -20, 30, 20)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        path = self.arrow.path()
        if path.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("white"), 1.0))
        painter.setBrush(DOT)
        for fraction in self.progress:
            painter.drawEllipse(path.pointAtPercent(fraction), DOT_RADIUS, DOT_RADIUS)
        if self.hidden:
            font = style.font(10, bold=True)
            text = f"+{_count(self.hidden)}"
            width = QFontMetricsF(font).horizontalAdvance(text) + 8
            middle = path.pointAtPercent(0.5)
            box = QRectF(middle.x() - width / 2, middle.y() + 10, width, 13)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 225))
            painter.drawRoundedRect(box, 4, 4)
            painter.setFont(font)
            painter.setPen(DOT)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class ChosenMarker(_Untouchable):
    """The followed customer: a large dot on their handoff, or a ring round their part."""

    def __init__(self) -> None:
        super().__init__()
        self.ring: QPainterPath | None = None
        self.label = ""
        self.setZValue(40)

    def show_at(self, point: QPointF, ring: QPainterPath | None, label: str) -> None:
        self.prepareGeometryChange()
        self.setPos(point)
        self.ring, self.label = ring, label
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        rect = QRectF(-CHOSEN_RADIUS - 2, -CHOSEN_RADIUS - 2, 2 * CHOSEN_RADIUS + 4,
                      2 * CHOSEN_RADIUS + 4)
        if self.ring is not None:
            rect = rect.united(self.ring.boundingRect().adjusted(-6, -6, 6, 6))
        return rect.united(self._label_rect())

    def _label_rect(self) -> QRectF:
        width = QFontMetricsF(style.font(11, bold=True)).horizontalAdvance(self.label) + 12
        return QRectF(CHOSEN_RADIUS - 2, -CHOSEN_RADIUS - 22, width, 17)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.ring is not None:
            painter.setPen(QPen(CHOSEN, 4.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.ring)
        painter.setPen(QPen(QColor("white"), 2.0))
        painter.setBrush(CHOSEN)
        painter.drawEllipse(QPointF(0, 0), CHOSEN_RADIUS, CHOSEN_RADIUS)
        if self.label:  # a white pill: readable over arrows and their labels
            box = self._label_rect()
            painter.setPen(QPen(CHOSEN, 1.2))
            painter.setBrush(QColor("white"))
            painter.drawRoundedRect(box, 8, 8)
            painter.setFont(style.font(11, bold=True))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.label)


class ReplayPanel(QWidget):
    """The canvas's top-left corner: the simulated clock and the totals so far.

    As wide as its longest line, within the view; a line longer than the view allows is
    wrapped onto more rows, never cut.
    """

    MARGIN = 12  # from the view's edges
    PAD = 10  # inside the panel, left and right
    CLOCK_ROW, ROW = 24, 16  # row heights of the clock and of the other lines

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.lines: list[str] = []
        #: What is drawn: (row of text, the line's index) - the lines wrapped to the width.
        self.rows: list[tuple[str, int]] = []
        self._widest = 0.0  # the widest the text has been: the panel never shrinks below it
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFixedWidth(330)

    @staticmethod
    def clock_font() -> QFont:
        return style.font(16, bold=True)

    @staticmethod
    def text_font() -> QFont:
        return style.font(11)

    def set_lines(self, lines: list[str]) -> None:
        """The first line is the clock (drawn large), the others the totals."""
        if lines != self.lines:
            self.lines = list(lines)
            big, small = QFontMetricsF(self.clock_font()), QFontMetricsF(self.text_font())
            wanted = max([big.horizontalAdvance(lines[0]) if lines else 0.0]
                         + [small.horizontalAdvance(line) for line in lines[1:]])
            # Grows with the text, never shrinks while playing (no jitter).
            self._widest = max(self._widest, wanted)
            self.fit()

    def fit(self) -> None:
        """Size the panel to its text within the view (again when the view is resized)."""
        room = max(self.parentWidget().width() - 2 * self.MARGIN, 200)
        width = int(min(math.ceil(self._widest) + 2 * self.PAD + 4, room))
        text_width = width - 2 * self.PAD
        rows: list[tuple[str, int]] = []
        for i, line in enumerate(self.lines):
            font = self.clock_font() if i == 0 else self.text_font()
            rows.extend((row, i) for row in style.wrap(line, font, text_width, 8))
        self.rows = rows
        clock_rows = sum(1 for _, i in rows if i == 0)
        height = 8 + self.CLOCK_ROW * clock_rows + self.ROW * (len(rows) - clock_rows) + 8
        self.setFixedSize(width, max(height, 40))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.LANE_LINE, 1.0))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        y = 6.0
        width = self.width() - 2 * self.PAD
        for row, i in self.rows:
            if i == 0:
                painter.setPen(style.INK)
                painter.setFont(self.clock_font())
                height = self.CLOCK_ROW
            else:
                painter.setPen(CHOSEN if self.lines[i].startswith("Customer") else style.MUTED)
                painter.setFont(self.text_font())
                height = self.ROW
            painter.drawText(QRectF(self.PAD, y, width, height), Qt.AlignmentFlag.AlignLeft,
                             row)
            y += height + (2 if i == 0 else 0)
        painter.end()


class ReplayOverlay(QObject):
    """Lays a replay over one canvas and shows frames of it; :meth:`remove` takes it off."""

    MARGIN = 12

    def __init__(self, view: QGraphicsView, scene: MapScene, index: ReplayIndex) -> None:
        super().__init__(view)
        self.view, self.scene, self.index = view, scene, index
        # The map does not change during a replay, but the dots and bars over it repaint
        # it 25 times a second: keep each part and arrow (and what the hot-spots lay on
        # them) as a picture meanwhile. Not the swimlanes: a lane can be wider than the view.
        drawn_map = (NodeItem, HandoffItem)
        self._cached = [item for item in scene.items()
                        if item.cacheMode() == QGraphicsItem.CacheMode.NoCache
                        and (isinstance(item, drawn_map)
                             or isinstance(item.parentItem(), drawn_map))]
        for item in self._cached:
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.badges: dict[int, PartBadge] = {}
        self.dots: dict[int, TravellerDots] = {}
        self.missing = 0  # parts and handoffs of the run that are not on the canvas
        names = index.part_names
        for part, name in enumerate(names):
            node = scene.nodes.get(name)
            if node is None:
                self.missing += 1
            elif node.kind != "decision":
                peaks = index.peak_waiting if node.kind == "delay" else index.peak_queue
                self.badges[part] = PartBadge(node, peaks.max())
        for h, (source, target) in enumerate(index.handoffs):
            arrow = scene.arrows.get((names[source], names[target]))
            if arrow is None:
                self.missing += 1
            else:
                self.dots[h] = TravellerDots(arrow)
        self.chosen = ChosenMarker()
        self.chosen.setVisible(False)
        scene.addItem(self.chosen)
        self.panel = ReplayPanel(view.viewport())
        self.panel.move(self.MARGIN, self.MARGIN)
        self.panel.show()
        view.viewport().installEventFilter(self)

    def items(self) -> list[QGraphicsItem]:
        return [*self.badges.values(), *self.dots.values(), self.chosen]

    def show_frame(self, frame: Frame, panel: list[str],
                   where: Whereabouts | None = None) -> None:
        """Draw ``frame``; ``panel`` gives the panel's lines (the clock first)."""
        for part, badge in self.badges.items():
            if shiboken6.isValid(badge):
                badge.set_counts(frame.queueing[part], frame.in_service[part],
                                 frame.at_delay[part], frame.left[part] + frame.arrived[part],
                                 frame.gave_up[part])
        for h, dots in self.dots.items():
            if shiboken6.isValid(dots):
                dots.set_dots(frame.dots[h].tolist(), frame.hidden[h])
        self._show_chosen(where)
        self.panel.set_lines(panel)

    def _show_chosen(self, where: Whereabouts | None) -> None:
        if not shiboken6.isValid(self.chosen):
            return
        names = self.index.part_names
        label = f"Customer {where.customer + 1:,}" if where is not None else ""
        if where is not None and where.handoff >= 0:
            source, target = self.index.handoffs[where.handoff]
            arrow = self.scene.arrows.get((names[source], names[target]))
            if arrow is not None and not arrow.path().isEmpty():
                point = arrow.mapToScene(arrow.path().pointAtPercent(where.progress))
                self.chosen.show_at(point, None, label)
                return
        node = self.scene.nodes.get(names[where.part]) if where and where.part >= 0 else None
        if node is None or where.state == "not arrived yet":
            self.chosen.setVisible(False)
            return
        corner = QPointF(node.size[0] / 2, -node.size[1] / 2)
        self.chosen.show_at(node.pos() + corner, node.outline().translated(-corner), label)

    def follow_moves(self) -> None:
        """Parts were moved: the dots' areas follow their arrows' new paths."""
        for dots in self.dots.values():
            dots.prepareGeometryChange()

    def remove(self) -> None:
        """Take every item and the panel off the canvas."""
        for item in self.items():
            if shiboken6.isValid(item) and item.scene() is not None:
                self.scene.removeItem(item)
        self.badges, self.dots = {}, {}
        for item in self._cached:
            if shiboken6.isValid(item):
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self._cached = []
        if shiboken6.isValid(self.panel):
            self.panel.hide()
            self.panel.deleteLater()
        self.view.viewport().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and shiboken6.isValid(self.panel):
            self.panel.move(self.MARGIN, self.MARGIN)
            self.panel.fit()
        return False
