"""The inspector: the editor for whatever is selected on the canvas (or the map itself).

It follows the canvas's ``selectionChanged`` keys, ``("node", name)`` and
``("handoff", (source, target))``, and reloads its page whenever the model changes what
it shows (an edit, an undo, a rename), so it never shows stale values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ..document import MapDocument
from .entry_editor import EntryEditor
from .handoff_editor import HandoffEditor
from .map_editor import MapEditor
from .part_editors import DecisionEditor, DelayEditor, ExitEditor, Page, PartEditor, StepEditor
from .widgets import heading, hint

Key = tuple[str, object]


class ManySelected(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = heading()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint("Select one part or handoff to edit it. Drag the selection to "
                              "move it together; Delete removes it; Ctrl+D duplicates it."))
        layout.addStretch()

    def load(self, keys: list[Key]) -> None:
        parts = sum(1 for kind, _ in keys if kind == "node")
        handoffs = len(keys) - parts
        words = [f"{n} {what}{'' if n == 1 else 's'}"
                 for n, what in ((parts, "part"), (handoffs, "handoff")) if n]
        self.title.setText(" and ".join(words) + " selected")


class Inspector(QStackedWidget):
    """A page per kind of thing; :meth:`show_selection` picks the page and loads it."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.key: Key | None = None
        self.keys: list[Key] = []
        self.map_page = MapEditor(document)
        self.handoff_page = HandoffEditor(document)
        self.many_page = ManySelected()
        self.part_pages: dict[str, PartEditor] = {
            cls.kind: cls(document)
            for cls in (EntryEditor, StepEditor, DecisionEditor, DelayEditor, ExitEditor)}
        self._scrolls: dict[int, QScrollArea] = {}
        for page in (self.map_page, self.handoff_page, self.many_page,
                     *self.part_pages.values()):
            self._add(page)
        document.mapReplaced.connect(lambda: self.show_selection([]))
        document.mapChanged.connect(self._map_changed)
        document.nodeChanged.connect(self._node_changed)
        document.nodeRenamed.connect(self._node_renamed)
        document.nodeRemoved.connect(self._node_removed)
        for signal in (document.handoffAdded, document.handoffRemoved,
                       document.handoffChanged):
            signal.connect(self._handoff_event)
        document.teamsChanged.connect(lambda: self._reload_if(StepEditor))
        document.segmentsChanged.connect(lambda: self._reload_if(EntryEditor, HandoffEditor))
        self.show_selection([])

    def _add(self, page: QWidget) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self._scrolls[id(page)] = scroll
        self.addWidget(scroll)

    def page(self) -> QWidget:
        """The page on show."""
        return self.currentWidget().widget()

    def show_selection(self, keys: list[Key]) -> None:
        """Show the editor for the selection (a slot for the canvas's selectionChanged)."""
        self.keys = [tuple(k) for k in keys]
        self.key = self.keys[0] if len(self.keys) == 1 else None
        self.refresh()

    def refresh(self) -> None:
        """Load the page for the current key from the model."""
        service_map = self.document.service_map
        if self.key is not None:
            kind, value = self.key
            exists = (service_map.has(value) if kind == "node"
                      else service_map.has_handoff(*value))
            if not exists:
                self.key, self.keys = None, []
        if len(self.keys) > 1:
            self.many_page.load(self.keys)
            self._show(self.many_page)
        elif self.key is None:
            self.map_page.load()
            self._show(self.map_page)
        elif self.key[0] == "handoff":
            self.handoff_page.load(self.key[1])
            self._show(self.handoff_page)
        else:
            page = self.part_pages[service_map.node(self.key[1]).kind]
            page.load(self.key[1])
            self._show(page)

    def _show(self, page: QWidget) -> None:
        self.setCurrentWidget(self._scrolls[id(page)])

    # -- following the model -------------------------------------------------------------

    def _reload_if(self, *page_types: type[Page]) -> None:
        if isinstance(self.page(), page_types):
            self.refresh()

    def _map_changed(self) -> None:
        if self.page() is self.map_page:
            self.map_page.load()

    def _node_changed(self, name: str) -> None:
        if self.key == ("node", name):
            self.refresh()

    def _node_renamed(self, old: str, new: str) -> None:
        def renamed(key: Key) -> Key:
            kind, value = key
            if kind == "node":
                return (kind, new if value == old else value)
            return (kind, tuple(new if n == old else n for n in value))

        in_handoff = self.key is not None and self.key[0] == "handoff" and old in self.key[1]
        self.keys = [renamed(k) for k in self.keys]
        self.key = renamed(self.key) if self.key is not None else None
        if in_handoff:
            self.refresh()

    def _node_removed(self, name: str) -> None:
        if self.key == ("node", name) or (self.key and self.key[0] == "handoff"
                                          and name in self.key[1]):
            self.refresh()

    def _handoff_event(self, source: str, target: str) -> None:
        if self.key in (("node", source), ("handoff", (source, target))):
            self.refresh()
