"""A long job (writing a big CSV) off the GUI thread, with a busy cursor meanwhile."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


@contextmanager
def busy_cursor():  # noqa: ANN201 - a context manager
    """The wait cursor for the length of a block (for short jobs on the GUI thread)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class _Worker(QThread):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:  # noqa: D102 - QThread's name; runs in the thread
        try:
            self.result = self.work()
        except Exception as error:  # told to the user by the owner of the task
            log.exception("a background export failed")
            self.error = error


class BackgroundTask(QObject):
    """Runs ``work()`` in a thread; ``done(result)`` or ``failed(exception)`` follow on the
    GUI thread, after which the task is over. The wait cursor shows meanwhile."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = _Worker(work)
        self._worker.finished.connect(self._finished)
        self.running = False

    def start(self) -> None:
        self.running = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._worker.start()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        return self._worker.wait(timeout_ms)

    def _finished(self) -> None:
        if not self.running:
            return
        self._worker.wait()
        self.running = False
        QGuiApplication.restoreOverrideCursor()
        if self._worker.error is not None:
            self.failed.emit(self._worker.error)
        else:
            self.done.emit(self._worker.result)
