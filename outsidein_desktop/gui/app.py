"""Start the desktop app: logging, a last-resort error handler, recovery, the first window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir
from PySide6.QtWidgets import QApplication, QMessageBox

from outsidein_desktop import __version__
from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.gui.main_window import MainWindow
from outsidein_desktop.gui.recent_files import APPLICATION, ORGANISATION

LOG_NAME = "outsidein.log"
log = logging.getLogger("outsidein_desktop")

_windows: list[MainWindow] = []  # the app's windows live as long as the app


def log_file_path(folder: Path | None = None) -> Path:
    """The log file (the command line writes its crash reports to the same one)."""
    folder = Path(folder) if folder is not None else Path(user_log_dir("OutsideIn",
                                                                       appauthor=False))
    return folder / LOG_NAME


def configure_logging(folder: Path | None = None) -> Path | None:
    """Send the app's log (warnings and errors, with tracebacks) to the log file."""
    path = log_file_path(folder)
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None  # no log is no reason not to start
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


class ExceptionHandler:
    """``sys.excepthook`` for the app: an error that escapes a slot is logged with its
    traceback and told to the user in a short message; the app carries on."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False

    def __call__(self, kind: type[BaseException], error: BaseException,
                 traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        log.error("unexpected error", exc_info=(kind, error, traceback))
        if self._showing:  # an error while the last one is on screen: logged is enough
            return
        if isinstance(error, OutsideInError):
            message = str(error)
        else:
            where = f"The details are in {self.log_path}." if self.log_path else ""
            message = ("Something went wrong inside OutsideIn, and what you just did may not "
                       "have worked. Your map is still open: save it, and if this happens "
                       f"again please report it. {where}")
        self._showing = True
        try:
            QMessageBox.warning(QApplication.activeWindow(), "Something went wrong", message)
        finally:
            self._showing = False


def run_app(map_path: str | None = None) -> int:
    """Open the main window (on ``map_path`` if given, else the welcome page) and run until
    it closes; return the exit code. A map that cannot be loaded is reported in a dialog."""
    # Qt 6 scales for high-DPI screens by default; nothing to switch on.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    sys.excepthook = ExceptionHandler(configure_logging())

    window = MainWindow()
    _windows.append(window)
    window.show()
    recovered = window.offer_recovery()
    if map_path:
        target = window.new_window() if recovered else window
        target.open_map(map_path, ask=False)
    # Qt frees the clipboard's data after Python has gone; parts copied from OutsideIn
    # would crash the exit, so they do not outlive the app.
    app.aboutToQuit.connect(_forget_copied_parts)
    return app.exec()


def _forget_copied_parts() -> None:
    from .canvas.clipboard import MIME_TYPE

    clipboard = QApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(MIME_TYPE):
        clipboard.clear()
