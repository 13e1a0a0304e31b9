"""The palette of parts: click one to add it with the next click on the canvas, or drag it
onto the canvas to drop it where it is released.

The palette knows nothing of the canvas: it says ``toolChosen(kind)`` and offers a drag
with the mime type ``application/x-outsidein-part`` (the kind, in UTF-8). :meth:`bind` wires
it to a canvas both ways.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from . import shapes, style

PART_MIME_TYPE = "application/x-outsidein-part"
ICON_SIZE = QSize(44, 28)
HINTS = {
    "entry": "Entry: where customers come in (a referral, a call, a form)",
    "step": "Step: work one team does for the customer",
    "decision": "Decision: a branch; the ways out carry the chances",
    "delay": "Delay: time passing with no team working (a letter, a test result)",
    "exit": "Exit: an outcome (treated, resolved, referred elsewhere)",
}


def part_icon(kind: str, size: QSize = ICON_SIZE, ratio: float = 2.0) -> QIcon:
    """A small picture of a part, drawn with the canvas's own shapes."""
    pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width, height = style.NODE_SIZE[kind]
    scale = min((size.width() - 2) / width, (size.height() - 2) / height)
    painter.translate(size.width() / 2, size.height() / 2)
    painter.scale(scale, scale)
    team = QColor("#4477AA") if kind == "step" else None
    shapes.paint_body(painter, kind, width, height, team, line=1.4 / scale)
    painter.end()
    return QIcon(pixmap)


class _PartList(QListWidget):
    """The list of kinds; starts a drag with the part's kind as mime data."""

    def startDrag(self, actions: Qt.DropAction) -> None:  # noqa: N802 - Qt's name
        item = self.currentItem()
        if item is None:
            return
        kind = item.data(Qt.ItemDataRole.UserRole)
        mime = QMimeData()
        mime.setData(PART_MIME_TYPE, kind.encode("utf-8"))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(part_icon(kind, QSize(88, 56)).pixmap(QSize(88, 56)))
        drag.exec(Qt.DropAction.CopyAction)


class PartPalette(QWidget):
    """Entry, step, decision, delay and exit, each with its icon.

    Signal ``toolChosen(str)``: the kind clicked ("" when the same kind is clicked again,
    to disarm it).
    """

    toolChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _PartList(self)
        self.list.setIconSize(ICON_SIZE)
        self.list.setDragEnabled(True)
        self.list.setSpacing(2)
        self.list.setUniformItemSizes(True)
        for kind in style.KINDS:
            item = QListWidgetItem(part_icon(kind), style.KIND_LABELS[kind])
            item.setData(Qt.ItemDataRole.UserRole, kind)
            item.setToolTip(HINTS[kind])
            self.list.addItem(item)
        self.list.itemClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self._armed = ""

    def kinds(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]

    def choose(self, kind: str) -> None:
        """As if the user clicked ``kind`` ("" disarms)."""
        self._armed = kind
        self.show_tool(kind)
        self.toolChosen.emit(kind)

    def show_tool(self, kind: str) -> None:
        """Highlight the armed kind (or none) without saying so again."""
        self._armed = kind
        self.list.blockSignals(True)
        self.list.clearSelection()
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == kind:
                self.list.item(i).setSelected(True)
        self.list.blockSignals(False)

    def bind(self, canvas) -> None:  # noqa: ANN001 - a MapCanvas
        """Clicking arms ``canvas``'s tool; the canvas's tool shows here."""
        self.toolChosen.connect(canvas.set_tool)
        canvas.toolChanged.connect(self.show_tool)

    def _clicked(self, item: QListWidgetItem) -> None:
        kind = item.data(Qt.ItemDataRole.UserRole)
        self.choose("" if kind == self._armed else kind)
