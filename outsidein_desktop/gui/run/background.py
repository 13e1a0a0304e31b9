"""Long work in the background, one job at a time: a QThread calls a function with a
progress callback and a ``threading.Event`` to cancel, and tells the GUI thread through Qt
signals how far it has got, what came out, or why it stopped.

A run (gui/run/controller.py) and a comparison or a sweep (gui/compare/job.py) are both
such jobs; each controller only says what work to start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from ...errors import OutsideInError
from ...sim.engine import Cancelled
from ...sim.runner import Progress, ProgressCallback

log = logging.getLogger(__name__)

#: At most this many progress reports a second reach the GUI (the engine reports daily).
REPORTS_PER_SECOND = 10
#: How long closing the window waits for a cancelled job to stop.
STOP_TIMEOUT_MS = 10_000

FAILED_MESSAGE = ("Something went wrong inside OutsideIn while simulating, so there are no "
                  "results. Your map is unchanged. The details are in the log file; if it "
                  "happens again, please report it.")

Work = Callable[[ProgressCallback, threading.Event], Any]

_STILL_STOPPING: list[QThread] = []


@dataclass(frozen=True)
class RunStatus:
    """How far a run has got: replications done, the fraction of simulated days, and the
    seconds since it started."""

    replications_done: int
    replications: int
    fraction: float
    elapsed: float

    @property
    def seconds_left(self) -> float | None:
        """An estimate from the pace so far, or None until there is a pace to go by."""
        if self.fraction <= 0.02 or self.elapsed < 0.5:
            return None
        return self.elapsed * (1 - self.fraction) / self.fraction

    def describe(self) -> str:
        """ "3 of 10 replications, about 12 s left"."""
        text = f"{self.replications_done} of {self.replications} replications"
        left = self.seconds_left
        if left is not None:
            text += f", about {duration_text(left)} left"
        return text


def duration_text(seconds: float) -> str:
    """A short length of time for a progress bar: "12 s", "3 min", "1 h 5 min"."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


class _JobThread(QThread):
    """One job. When it ends, ``outcome`` is ("finished", result), ("cancelled", None) or
    ("failed", a sentence for the user)."""

    progressed = Signal(object)  # RunStatus

    def __init__(self, work: Work, name: str,
                 user_errors: tuple[type[Exception], ...]) -> None:
        super().__init__()
        self.work, self.name, self.user_errors = work, name, user_errors
        self.cancel_event = threading.Event()
        self.outcome: tuple[str, object] = ("failed", FAILED_MESSAGE)
        self.started_at = time.perf_counter()
        self.last_replication_at: float | None = None
        self._last_report = 0.0
        self._last_done = -1

    def run(self) -> None:  # noqa: D102 - QThread's name; runs in the thread
        self.started_at = time.perf_counter()
        try:
            result = self.work(self._progress, self.cancel_event)
        except Cancelled:
            self.outcome = ("cancelled", None)
        except self.user_errors as error:  # a mistake the user can fix, said in a sentence
            log.info("the %s stopped: %s", self.name, error)
            self.outcome = ("failed", str(error))
        except Exception:
            log.exception("the %s failed", self.name)
            self.outcome = ("failed", FAILED_MESSAGE)
        else:
            # Cancelled after the last replication: the user asked for no results.
            cancelled = self.cancel_event.is_set()
            self.outcome = ("cancelled", None) if cancelled else ("finished", result)

    def _progress(self, progress: Progress) -> None:
        now = time.perf_counter()
        if progress.replications_done == progress.replications:
            self.last_replication_at = self.last_replication_at or now
        new_done = progress.replications_done != self._last_done
        if not new_done and now - self._last_report < 1 / REPORTS_PER_SECOND:
            return
        self._last_report, self._last_done = now, progress.replications_done
        self.progressed.emit(RunStatus(progress.replications_done, progress.replications,
                                       progress.fraction, now - self.started_at))


class BackgroundController(QObject):
    """Starts, follows and cancels jobs, one at a time; subclasses say what to start.

    Signals: ``started(RunStatus)``; ``progressed(RunStatus)``; ``finished(object)`` with
    what the work returned; ``cancelled()``; ``failed(str)`` with a sentence for the user
    (the traceback is in the log); ``stopped()`` after any of the three.
    """

    started = Signal(object)
    progressed = Signal(object)
    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(str)
    stopped = Signal()

    #: Errors whose message is shown to the user as it is; any other is a bug.
    user_errors: tuple[type[Exception], ...] = (OutsideInError,)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _JobThread | None = None
        #: perf_counter() when the last replication of the last job finished (for timing).
        self.last_replication_at: float | None = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def is_cancelling(self) -> bool:
        return self._thread is not None and self._thread.cancel_event.is_set()

    def _start_work(self, work: Work, name: str, replications: int) -> bool:
        """Run ``work(progress, cancel)`` in a thread; False if a job is already going.
        ``replications`` is the total the progress counts up to."""
        if self._thread is not None:
            return False
        thread = _JobThread(work, name, self.user_errors)
        thread.progressed.connect(self._progressed)
        thread.finished.connect(self._thread_finished)
        self._thread = thread
        self.last_replication_at = None
        thread.start()
        self.started.emit(RunStatus(0, replications, 0.0, 0.0))
        return True

    def cancel(self) -> None:
        """Ask the job to stop; ``cancelled`` follows within about a second."""
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

    # -- from the thread (queued to the GUI thread) --------------------------------------

    def _progressed(self, status: RunStatus) -> None:
        if self.sender() is self._thread:  # not a late report from a cancelled job
            self.progressed.emit(status)

    def _thread_finished(self) -> None:
        thread = self._thread
        if thread is None or self.sender() not in (thread, None):
            return
        thread.wait()  # "finished" comes just before the thread itself ends
        self._thread = None
        kind, payload = thread.outcome
        if kind == "finished":
            self.last_replication_at = thread.last_replication_at
            self.finished.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(str(payload))
        self.stopped.emit()
