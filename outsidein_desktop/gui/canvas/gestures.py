"""Mouse, keys and drops on the canvas: the gestures of :class:`~.view.MapCanvas`.

A mixin, so that the view keeps its public methods and this module the event handlers:
left drag moves parts or draws a rubber band (Qt's own), a click with a tool armed adds a
part, right drag / Shift+left drag / a drag from a part's handle connects, the middle
button or Space+left pans, and palette parts are dropped where they are released.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent

from . import style
from .arrows import HandoffItem
from .connector import ConnectDrag, node_at
from .items import ConnectHandle, NodeItem
from .palette import PART_MIME_TYPE


class CanvasGestures:
    """Event handlers for a MapCanvas (which provides the methods they call)."""

    _connect: ConnectDrag | None = None
    _pan_from: QPointF | None = None
    _space = False

    # -- mouse ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        view_pos = event.position()
        scene_pos = self.mapToScene(view_pos.toPoint())
        button, shift = event.button(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        left = button == Qt.MouseButton.LeftButton
        if button == Qt.MouseButton.MiddleButton or (left and self._space):
            self._pan_from = view_pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        under = self.itemAt(view_pos.toPoint())
        node = node_at(self.map_scene, scene_pos)
        if node is not None and (isinstance(under, ConnectHandle)
                                 or button == Qt.MouseButton.RightButton or (left and shift)):
            self._connect = ConnectDrag(self.map_scene, node)
            event.accept()
            return
        if left and self._tool and not isinstance(under, NodeItem | HandoffItem | ConnectHandle):
            kind = self._tool
            self.set_tool(None)
            self.add_part(kind, scene_pos)
            event.accept()
            return
        super().mousePressEvent(event)  # type: ignore[misc]

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - round(delta.x()))
            v.setValue(v.value() - round(delta.y()))
            event.accept()
            return
        if self._connect is not None:
            self._connect.move(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)  # type: ignore[misc]

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self._space
                                      else Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        if self._connect is not None:
            drag, self._connect = self._connect, None
            target = drag.finish(self.mapToScene(event.position().toPoint()))
            if target is not None and target is not drag.source:
                self.connect_parts(drag.source.name, target.name)
            event.accept()
            return
        super().mouseReleaseEvent(event)  # type: ignore[misc]

    # -- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        actions = {
            QKeySequence.StandardKey.Copy: self.copy_selection,
            QKeySequence.StandardKey.Paste: self.paste,
            QKeySequence.StandardKey.ZoomIn: self.zoom_in,
            QKeySequence.StandardKey.ZoomOut: self.zoom_out,
            QKeySequence.StandardKey.SelectAll: self.select_all,
        }
        for sequence, action in actions.items():
            if event.matches(sequence):
                action()
                return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
        elif ctrl and key == Qt.Key.Key_D:
            self.duplicate_selection()
        elif ctrl and key == Qt.Key.Key_0:
            self.fit()
        elif ctrl and key == Qt.Key.Key_Equal:
            self.zoom_in()
        elif key == Qt.Key.Key_Escape:
            self._escape()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)  # type: ignore[misc]

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(Qt.CursorShape.CrossCursor if self._tool
                                      else Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)  # type: ignore[misc]

    def _escape(self) -> None:
        if self._connect is not None:
            self._connect.cancel()
            self._connect = None
        elif self._tool:
            self.set_tool(None)
        else:
            self.map_scene.clearSelection()

    # -- drops from the palette ----------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        if event.mimeData().hasFormat(PART_MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)  # type: ignore[misc]

    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.mimeData().hasFormat(PART_MIME_TYPE):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)  # type: ignore[misc]

    def dropEvent(self, event) -> None:  # noqa: N802, ANN001
        mime = event.mimeData()
        if not mime.hasFormat(PART_MIME_TYPE):
            super().dropEvent(event)  # type: ignore[misc]
            return
        kind = bytes(mime.data(PART_MIME_TYPE)).decode("utf-8")
        if kind in style.KINDS:
            self.add_part(kind, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
            self.setFocus()
