"""A long analysis (a comparison, a sweep) in the background, with progress and cancel.

The same pattern as the run controller (gui/run/controller.py): a QThread calls the
analysis with a progress callback and a ``threading.Event`` to cancel, and tells the GUI
thread through Qt signals how far it has got, what came out, or why it stopped. What it
runs is a function ``work(progress, cancel)``, so that a comparison and a sweep share it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ...errors import OutsideInError
from ...sim.engine import Cancelled
from ...sim.runner import Progress, ProgressCallback
from ..run.controller import REPORTS_PER_SECOND, STOP_TIMEOUT_MS, RunStatus

log = logging.getLogger(__name__)

Work = Callable[[ProgressCallback, threading.Event], Any]

FAILED_MESSAGE = ("Something went wrong inside OutsideIn while simulating, so there are no "
                  "results. Your map is unchanged. The details are in the log file; if it "
                  "happens again, please report it.")

_STILL_STOPPING: list[QThread] = []


class _JobThread(QThread):
    """One job. When it ends, ``outcome`` is ("finished", result), ("cancelled", None) or
    ("failed", a sentence for the user)."""

    progressed = Signal(object)  # RunStatus

    def __init__(self, work: Work, name: str) -> None:
        super().__init__()
        self.work, self.name = work, name
        self.cancel_event = threading.Event()
        self.outcome: tuple[str, object] = ("failed", FAILED_MESSAGE)
        self.started_at = time.perf_counter()
        self._last_report = 0.0
        self._last_done = -1

    def run(self) -> None:  # noqa: D102 - QThread's name; runs in the thread
        self.started_at = time.perf_counter()
        try:
            result = self.work(self._progress, self.cancel_event)
        except Cancelled:
            self.outcome = ("cancelled", None)
        except (OutsideInError, ValueError) as error:
            # A scenario that no longer fits, two options with one name, a cluster that
            # does not answer: the analysis layers say so in a sentence for the user.
            log.info("the %s stopped: %s", self.name, error)
            self.outcome = ("failed", str(error))
        except Exception:
            log.exception("the %s failed", self.name)
            self.outcome = ("failed", FAILED_MESSAGE)
        else:
            cancelled = self.cancel_event.is_set()
            self.outcome = ("cancelled", None) if cancelled else ("finished", result)

    def _progress(self, progress: Progress) -> None:
        now = time.perf_counter()
        new_done = progress.replications_done != self._last_done
        if not new_done and now - self._last_report < 1 / REPORTS_PER_SECOND:
            return
        self._last_report, self._last_done = now, progress.replications_done
        self.progressed.emit(RunStatus(progress.replications_done, progress.replications,
                                       progress.fraction, now - self.started_at))


class JobController(QObject):
    """Starts, follows and cancels analysis jobs, one at a time.

    Signals: ``started(RunStatus)``; ``progressed(RunStatus)``; ``finished(object)`` with
    what the work returned; ``cancelled()``; ``failed(str)`` with a sentence for the user;
    ``stopped()`` after any of the three. ``kind`` names the job running ("compare",
    "sweep"), so that the window knows what to show.
    """

    started = Signal(object)
    progressed = Signal(object)
    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _JobThread | None = None
        self.kind = ""

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def is_cancelling(self) -> bool:
        return self._thread is not None and self._thread.cancel_event.is_set()

    def start(self, work: Work, kind: str, replications: int) -> bool:
        """Run ``work(progress, cancel)`` in a thread; False if a job is already going.
        ``replications`` is the total the progress counts up to."""
        if self._thread is not None:
            return False
        thread = _JobThread(work, kind)
        thread.progressed.connect(self._progressed)
        thread.finished.connect(self._thread_finished)
        self._thread, self.kind = thread, kind
        thread.start()
        self.started.emit(RunStatus(0, replications, 0.0, 0.0))
        return True

    def cancel(self) -> None:
        if self._thread is not None:
            self._thread.cancel_event.set()

    def shutdown(self, timeout_ms: int = STOP_TIMEOUT_MS) -> None:
        """Cancel any job and wait for it to stop (before the window closes)."""
        thread = self._thread
        if thread is None:
            return
        thread.cancel_event.set()
        if not thread.wait(timeout_ms):
            log.warning("a cancelled %s did not stop within %d ms", thread.name, timeout_ms)
            _STILL_STOPPING.append(thread)  # a QThread must not be deleted while it runs
            return
        self._thread_finished()

    def _progressed(self, status: RunStatus) -> None:
        if self.sender() is self._thread:
            self.progressed.emit(status)

    def _thread_finished(self) -> None:
        thread = self._thread
        if thread is None or self.sender() not in (thread, None):
            return
        thread.wait()
        self._thread = None
        kind, payload = thread.outcome
        if kind == "finished":
            self.finished.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(payload))
        self.stopped.emit()
