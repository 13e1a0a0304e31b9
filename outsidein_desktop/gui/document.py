"""The open map as a Qt document: the ServiceMap, its file, its undo stack.

The domain map calls plain listeners; the document turns those calls into Qt signals, so
that the canvas, the inspector and the problems panel mirror the model without the model
knowing about Qt. Every edit goes through ``undo_stack`` (see commands.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..domain.service_map import ServiceMap
from ..storage import load_map, save_map


class MapDocument(QObject):
    """One open map. ``service_map`` is replaced only by :meth:`replace_map` (open/new)."""

    nodeAdded = Signal(str)
    nodeRemoved = Signal(str)
    nodeChanged = Signal(str)
    nodeRenamed = Signal(str, str)
    handoffAdded = Signal(str, str)
    handoffRemoved = Signal(str, str)
    handoffChanged = Signal(str, str)
    teamsChanged = Signal()
    segmentsChanged = Signal()
    mapChanged = Signal()  # after any edit (for the problems panel, the title bar)
    mapReplaced = Signal()  # a different map was opened or created: rebuild everything
    pathChanged = Signal()
    modifiedChanged = Signal(bool)

    def __init__(self, service_map: ServiceMap | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        # The stack outlives this object by a moment when both are destroyed; silence it so
        # it never signals into a deleted document.
        stack = self.undo_stack
        self.destroyed.connect(lambda *_: stack.blockSignals(True))
        self._map = ServiceMap(title="Untitled journey")
        self.path: Path | None = None
        self.replace_map(service_map or self._map, path)

    @property
    def service_map(self) -> ServiceMap:
        return self._map

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def replace_map(self, service_map: ServiceMap, path: Path | None = None) -> None:
        """Show another map (after New or Open); the undo history starts again."""
        if self._map is not None and self._on_model_event in self._map._listeners:
            self._map.unsubscribe(self._on_model_event)
        self._map = service_map
        self._map.subscribe(self._on_model_event)
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.path = Path(path) if path else None
        self.mapReplaced.emit()
        self.pathChanged.emit()
        self.modifiedChanged.emit(False)

    def open(self, path: str | Path) -> None:
        """Load ``path``; on any error (raised) the current map is left exactly as it was."""
        loaded = load_map(path)
        self.replace_map(loaded, Path(path))

    def save(self, path: str | Path | None = None) -> Path:
        """Save (atomically) to ``path`` or the current file; marks the document clean."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("save() needs a path for a map that has never been saved")
        save_map(self._map, target)
        if target != self.path:
            self.path = target
            self.pathChanged.emit()
        self.undo_stack.setClean()
        return target

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # -- model events to Qt signals ------------------------------------------------------

    def _on_model_event(self, event: str, *details: str) -> None:
        signal = {
            "node_added": self.nodeAdded, "node_removed": self.nodeRemoved,
            "node_changed": self.nodeChanged, "node_renamed": self.nodeRenamed,
            "handoff_added": self.handoffAdded, "handoff_removed": self.handoffRemoved,
            "handoff_changed": self.handoffChanged,
        }.get(event)
        if signal is not None:
            signal.emit(*details)
        elif event.startswith("team_"):
            self.teamsChanged.emit()
        elif event.startswith("segment_"):
            self.segmentsChanged.emit()
        self.mapChanged.emit()
