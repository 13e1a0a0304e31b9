"""The main window: menus, a status bar and, for now, a read-only summary of the open map.

The map editor (canvas, undo commands) replaces the summary in a later change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from outsidein_desktop import __version__
from outsidein_desktop.errors import OutsideInError

APP_NAME = "OutsideIn"
NO_MAP_TEXT = (
    "No map open. Choose File \N{RIGHTWARDS ARROW} Open\N{HORIZONTAL ELLIPSIS} "
    "to load a journey map (.json)."
)


class MainWindow(QMainWindow):
    """The app's one window. `open_map(path)` loads a map and shows what it contains."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map_path: Path | None = None
        self.service_map = None
        self.setWindowTitle(APP_NAME)
        self.resize(900, 600)
        self._build_actions()
        self._build_menus()
        self._build_central_area()
        self.statusBar().showMessage("Ready")

    # --- building the window ------------------------------------------------------------

    def _build_actions(self) -> None:
        self.open_action = QAction("&Open\N{HORIZONTAL ELLIPSIS}", self)
        self.open_action.setShortcut(QKeySequence("Ctrl+O"))
        self.open_action.setStatusTip("Open a journey map file (.json)")
        self.open_action.triggered.connect(self._choose_and_open_map)

        # Explicit: QKeySequence.StandardKey.Quit has no shortcut on Windows.
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)

        self.about_action = QAction(f"&About {APP_NAME}", self)
        self.about_action.triggered.connect(self._show_about)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_central_area(self) -> None:
        self.title_label = QLabel(NO_MAP_TEXT)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)  # map titles are user text
        self.title_label.setWordWrap(True)
        self._title_font = self.title_label.font()
        self._title_font.setPointSizeF(self._title_font.pointSizeF() * 1.5)
        self._title_font.setBold(True)
        self.node_list = QListWidget()
        self.node_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.node_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only until the editor
        self.node_list.hide()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.title_label)
        layout.addWidget(self.node_list, stretch=1)
        layout.addStretch()
        self.setCentralWidget(central)

    # --- opening a map ------------------------------------------------------------------

    def open_map(self, path: str | Path) -> bool:
        """Load the map at `path` and show it; on a mistake in the file, tell the user in a
        dialog and keep what was shown before. Returns whether the map was opened."""
        # Imported on first use: loading brings in networkx and numpy, which the empty
        # window does not need to start quickly.
        from outsidein_desktop.storage import load_map

        path = Path(path)
        try:
            service_map = load_map(str(path))
        except OutsideInError as error:
            self._warn(f"{path.name} could not be opened", str(error))
            return False
        except OSError as error:
            reason = error.strerror or str(error)
            self._warn(f"{path.name} could not be opened", f"Cannot read {path}: {reason}.")
            return False

        self.map_path = path
        self.service_map = service_map
        self._show_map(service_map)
        self.setWindowTitle(f"{path.name} \N{EM DASH} {APP_NAME}")
        self.statusBar().showMessage(f"Opened {path}")
        return True

    def _show_map(self, service_map) -> None:
        self.title_label.setFont(self._title_font)
        self.title_label.setText(service_map.title)
        self.node_list.clear()
        for node in service_map.nodes():
            self.node_list.addItem(f"{node.name}  \N{EM DASH}  {type(node).__name__}")
        self.node_list.show()

    def _choose_and_open_map(self) -> None:
        start = str(self.map_path.parent) if self.map_path else str(Path.cwd())
        path, _ = QFileDialog.getOpenFileName(
            self, "Open journey map", start, "Journey maps (*.json);;All files (*)"
        )
        if path:
            self.open_map(path)

    # --- dialogs ------------------------------------------------------------------------

    def _warn(self, title: str, message: str) -> None:
        self.statusBar().showMessage(title)
        QMessageBox.warning(self, title, message)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<p>See a service from the outside in: "
            "simulate the whole journey a person goes through, and test redesigns "
            "before spending money.</p>",
        )
