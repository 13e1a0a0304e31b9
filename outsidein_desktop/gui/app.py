"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from outsidein_desktop import __version__
from outsidein_desktop.gui.main_window import MainWindow


def run_app(map_path: str | None = None) -> int:
    """Open the main window (on `map_path` if given) and run until it closes; return the
    exit code. A map that cannot be loaded is reported in a dialog, not raised."""
    # Qt 6 scales for high-DPI screens by default; nothing to switch on.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("OutsideIn")
    app.setOrganizationName("OutsideIn")
    app.setApplicationVersion(__version__)

    window = MainWindow()
    window.show()
    if map_path:
        window.open_map(map_path)
    return app.exec()
