"""MapCanvas: the widget where a journey is drawn. The main window's one door to the canvas.

Mouse and keys:

* click a palette part (or call :meth:`MapCanvas.set_tool`), then click on empty canvas to
  add it there; or drag it from the palette and drop it;
* drag parts to move them (one undo entry per drag); drag on empty canvas to select with a
  rubber band; Ctrl+click adds to the selection;
* connect two parts by dragging from one to the other with the right button, with
  Shift+left, or from the small handle on the right edge of a hovered or selected part;
* Delete removes the selection; Ctrl+C, Ctrl+V, Ctrl+D copy, paste and duplicate;
* the wheel zooms around the pointer; Ctrl+= / Ctrl+- zoom, Ctrl+0 fits the map; the
  middle button, or Space with the left button, pans.

The canvas never raises to the user: what it cannot do is said through ``statusMessage``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QPainter,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from ...domain.validate import Problem
from ..document import MapDocument
from . import clipboard, editing, export, style
from .arrows import HandoffItem
from .gestures import CanvasGestures
from .heat import HeatOverlay
from .scene import MapScene

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
FIT_MAX_ZOOM = 1.25
GRID = 20.0
SCENE_MARGIN = 800.0


class MapCanvas(CanvasGestures, QGraphicsView):
    """The canvas of ``document``: mirrors its map and edits it through undo commands.

    Signals: ``selectionChanged(list)`` with the selected keys, each ``("node", name)`` or
    ``("handoff", (source, target))``; ``statusMessage(str)`` with a sentence for the status
    bar (what was done, or why not); ``toolChanged(str)`` with the armed part kind ("" when
    none).
    """

    selectionChanged = Signal(list)
    statusMessage = Signal(str)
    toolChanged = Signal(str)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.map_scene = MapScene(document, self)
        self.setScene(self.map_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._tool: str | None = None
        self._fitted = False
        self._pastes = 0
        self.map_scene.selectionChanged.connect(self._emit_selection)
        self.map_scene.changed.connect(self._grow_scene_rect)
        document.mapReplaced.connect(self._on_map_replaced)
        self._on_map_replaced()
        self.heat = HeatOverlay(self, self.map_scene)

    # -- selection, problems, views ------------------------------------------------------

    def selected(self) -> list:
        """The selected keys: ``("node", name)`` and ``("handoff", (source, target))``."""
        return self.map_scene.selected_keys()

    def select(self, kind: str, key: object) -> bool:
        """Select one part or handoff alone and centre it; False if it is not on the map.

        ``kind`` is "node" (or a part's kind: "step", "entry" ... as in a Problem's Element)
        with the part's name, or "handoff" with (source, target).
        """
        item = self.map_scene.item_for(kind, key)
        if item is None:
            return False
        self.map_scene.clearSelection()
        item.setSelected(True)
        self.centerOn(item.midpoint() if isinstance(item, HandoffItem) else item.pos())
        return True

    def set_problems(self, problems: list[Problem]) -> None:
        """Mark parts and handoffs with an error (red) or a warning (amber); the messages
        become their tooltips. An empty list clears the marks."""
        self.map_scene.set_problems(problems)

    def set_heat(self, part_minutes: dict[str, float] | None,
                 handoff_minutes: dict[tuple[str, str], float] | None) -> None:
        """Show wait hot-spots (see heat.py): parts by name and handoffs by (source, target),
        each with a wait in minutes, coloured on one scale with a legend. A view only."""
        self.heat.set(part_minutes, handoff_minutes)

    def clear_heat(self) -> None:
        """Take the hot-spots and their legend off the map."""
        self.heat.clear()

    def set_swimlanes(self, on: bool) -> None:
        """Show (or hide) one lane per team. A view only: the map is not changed, and parts
        cannot be dragged while lanes are shown."""
        if on == self.swimlanes_on():
            return
        self.map_scene.lanes.set(on)
        self._reset_scene_rect()
        self.statusMessage.emit("Swimlanes: one lane per team; turn them off to move parts."
                                if on else "Swimlanes off.")

    def swimlanes_on(self) -> bool:
        return self.map_scene.lanes.on

    def auto_layout(self) -> None:
        """Arrange the parts left to right (domain.layout) as one undo entry."""
        if editing.arrange(self.document):
            self.statusMessage.emit(f"{editing.ARRANGE_TEXT}: done. Undo puts them back.")
            self.fit()
        else:
            self.statusMessage.emit("The parts are already arranged.")

    # -- zoom ----------------------------------------------------------------------------

    def zoom(self) -> float:
        """The current scale (1.0 is 100%)."""
        return self.transform().m11()

    def fit(self) -> None:
        """Show the whole map, no larger than 125%."""
        self.map_scene.router.flush()
        rect = self.map_scene.itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect.adjusted(-30, -30, 30, 30), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > FIT_MAX_ZOOM:
            self._scale_to(FIT_MAX_ZOOM, rect.center())

    def zoom_in(self) -> None:
        self._zoom_at_centre(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_at_centre(1 / ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Back to 100%, keeping the middle of the view where it is."""
        self._scale_to(1.0, self.mapToScene(self.viewport().rect().center()))

    def _zoom_at_centre(self, factor: float) -> None:
        self._scale_to(self.zoom() * factor, self.mapToScene(self.viewport().rect().center()))

    def _scale_to(self, scale: float, centre: QPointF) -> None:
        scale = min(max(scale, MIN_ZOOM), MAX_ZOOM)
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(centre)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        factor = 1.0015 ** delta
        new = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.scale(new / self.zoom(), new / self.zoom())
        event.accept()

    # -- editing -------------------------------------------------------------------------

    def set_tool(self, kind: str | None) -> None:
        """Arm a part kind ("entry", "step", "decision", "delay", "exit"): the next left
        click on empty canvas adds one there. None (or "") disarms."""
        kind = kind or None
        if kind is not None and kind not in style.KINDS:
            self.statusMessage.emit(f"There is no part called '{kind}'.")
            kind = None
        self._tool = kind
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if kind
                                  else Qt.CursorShape.ArrowCursor)
        if kind:
            self.statusMessage.emit(f"Click on the canvas to add a {kind}; Esc to cancel.")
        self.toolChanged.emit(kind or "")

    def tool(self) -> str | None:
        return self._tool

    def add_part(self, kind: str, scene_pos: QPointF) -> str:
        """Add a new ``kind`` part centred at ``scene_pos`` (one undo entry); its name."""
        name = editing.add_part(self.document, kind, (scene_pos.x(), scene_pos.y()))
        self.map_scene.clearSelection()  # select it where it is: the view must not jump
        self.map_scene.nodes[name].setSelected(True)
        self.statusMessage.emit(f"Added {kind} '{name}'.")
        return name

    def connect_parts(self, source: str, target: str) -> bool:
        """Hand ``source`` on to ``target`` (one Connect command); False, with a status
        message, if that is not allowed (to an entry, to itself, twice)."""
        problem = editing.connect(self.document, source, target)
        self.statusMessage.emit(problem or f"Connected '{source}' to '{target}'.")
        return problem is None

    def delete_selection(self) -> None:
        """Remove the selected parts and handoffs as one undo entry."""
        names = [key for kind, key in self.selected() if kind == "node"]
        handoffs = [key for kind, key in self.selected() if kind == "handoff"]
        if editing.delete(self.document, names, handoffs):
            self.statusMessage.emit(self.document.undo_stack.undoText() + ".")

    def copy_selection(self) -> None:
        """Copy the selected parts (and the handoffs between them) to the clipboard."""
        names = [key for kind, key in self.selected() if kind == "node"]
        count = clipboard.copy(self.document.service_map, names)
        self._pastes = 0
        self.statusMessage.emit(f"Copied {count} part{'s' * (count != 1)}." if count
                                else "Select parts to copy.")

    def paste(self) -> None:
        """Paste copied parts as renamed copies ("Triage (copy)"), offset and selected."""
        piece = clipboard.clipboard_piece()
        if piece is None:
            self.statusMessage.emit("There are no parts on the clipboard.")
            return
        self._pastes += 1
        self._add_copies(piece, clipboard.OFFSET * self._pastes)

    def duplicate_selection(self) -> None:
        """Copy and paste the selected parts in one go (the clipboard is left alone)."""
        names = [key for kind, key in self.selected() if kind == "node"]
        if not names:
            self.statusMessage.emit("Select parts to duplicate.")
            return
        self._add_copies(clipboard.extract(self.document.service_map, names), clipboard.OFFSET)

    def _add_copies(self, piece, offset: float) -> None:  # noqa: ANN001 - a ServiceMap
        names = clipboard.paste(self.document, piece, offset)
        self.map_scene.clearSelection()
        for name in names:
            self.map_scene.nodes[name].setSelected(True)
        self.statusMessage.emit(self.document.undo_stack.undoText() + ".")

    def select_all(self) -> None:
        """Select every part and handoff."""
        for item in [*self.map_scene.nodes.values(), *self.map_scene.arrows.values()]:
            item.setSelected(True)

    # -- export --------------------------------------------------------------------------

    def export_image(self, path: str | Path) -> Path:
        """Save the map as SVG (if ``path`` ends in .svg) or as a PNG at twice the size, on
        white, without the canvas background or selection. Raises OSError if unwritable."""
        return export.export_image(self.map_scene, path, self.document.service_map.title)

    def render_png(self, path: str | Path, scale: float = 2.0) -> Path:
        """Save the whole map as a PNG at ``scale`` pixels per unit, whatever the suffix."""
        return export.render_png(self.map_scene, path, scale)

    # -- background and bookkeeping ------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, style.CANVAS_BACKGROUND)
        if self.zoom() < 0.5 or self.swimlanes_on():
            return
        pen = QPen(style.GRID_DOT, 1.6)
        pen.setCosmetic(True)
        painter.setPen(pen)
        left, top = int(rect.left() // GRID), int(rect.top() // GRID)
        points = [QPointF(x * GRID, y * GRID)
                  for x in range(left, int(rect.right() // GRID) + 1)
                  for y in range(top, int(rect.bottom() // GRID) + 1)]
        painter.drawPoints(points)

    def _emit_selection(self) -> None:
        self.selectionChanged.emit(self.selected())

    def _grow_scene_rect(self, *_: object) -> None:
        wanted = self.map_scene.itemsBoundingRect().adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        if not self.sceneRect().contains(wanted):
            self.setSceneRect(self.sceneRect().united(wanted))

    def _reset_scene_rect(self) -> None:
        self.setSceneRect(self.map_scene.itemsBoundingRect().adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))

    def _on_map_replaced(self) -> None:
        self._reset_scene_rect()
        self._fitted = self.isVisible()
        self.fit()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's name
        super().showEvent(event)
        if not self._fitted:  # a map given before the canvas had a size: fit it now
            self._fitted = True
            self.fit()
