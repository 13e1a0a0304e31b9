"""Running a map in the background: a QThread calls ``analysis.run.simulate`` and tells the
GUI thread how far it has got, what came out, or why it stopped, through Qt signals.

The thread simulates a copy of the map taken when the run starts, so the editor stays
usable: edits apply to the next run. Cancel sets a ``threading.Event`` that the engine
checks every simulated week (worker processes are told through the runner's own event),
so a run stops within about a second and leaves no worker process behind.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, Signal

from ...analysis import run as analysis_run
from ...domain.parts import RunSettings
from ...domain.scenario import Scenario
from ...domain.service_map import ServiceMap
from ...errors import OutsideInError
from ...sim.engine import Cancelled
from ...sim.runner import Progress

log = logging.getLogger(__name__)

#: At most this many progress reports a second reach the GUI (the engine reports daily).
REPORTS_PER_SECOND = 10
#: How long closing the window waits for a cancelled run to stop.
STOP_TIMEOUT_MS = 10_000

_STILL_STOPPING: list[QThread] = []

FAILED_MESSAGE = ("Something went wrong inside OutsideIn while simulating, so there are no "
                  "results. Your map is unchanged. The details are in the log file; if it "
                  "happens again, please report it.")


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


class _RunThread(QThread):
    """One run. When it ends, ``outcome`` is ("finished", Run), ("cancelled", None) or
    ("failed", a sentence for the user)."""

    progressed = Signal(object)  # RunStatus

    def __init__(self, service_map: ServiceMap, settings: RunSettings, jobs: int,
                 scenario: Scenario | None = None) -> None:
        super().__init__()
        self.service_map, self.settings, self.jobs = service_map, settings, jobs
        self.scenario = scenario
        self.cancel_event = threading.Event()
        self.outcome: tuple[str, object] = ("failed", FAILED_MESSAGE)
        self.started_at = time.perf_counter()
        self.last_replication_at: float | None = None
        self._last_report = 0.0
        self._last_done = -1

    def run(self) -> None:  # noqa: D102 - QThread's name; runs in the thread
        self.started_at = time.perf_counter()
        try:
            result = analysis_run.simulate(self.service_map, self.settings, jobs=self.jobs,
                                           scenario=self.scenario, progress=self._progress,
                                           cancel=self.cancel_event)
        except Cancelled:
            self.outcome = ("cancelled", None)
        except OutsideInError as error:  # a mistake in the map: the user can fix it
            self.outcome = ("failed", str(error))
        except Exception:
            log.exception("the run of '%s' failed", self.service_map.title)
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


class RunController(QObject):
    """Starts, follows and cancels runs, one at a time.

    Signals: ``started(RunStatus)``; ``progressed(RunStatus)``; ``finished(Run)`` with the
    finished run; ``cancelled()``; ``failed(str)`` with a sentence for the user (the
    traceback is in the log); ``stopped()`` after any of the three.
    """

    started = Signal(object)
    progressed = Signal(object)
    finished = Signal(object)
    cancelled = Signal()
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: _RunThread | None = None
        #: perf_counter() when the last replication of the last run finished (for timing).
        self.last_replication_at: float | None = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def is_cancelling(self) -> bool:
        return self._thread is not None and self._thread.cancel_event.is_set()

    def start(self, service_map: ServiceMap, settings: RunSettings | None = None,
              jobs: int = 1, scenario: Scenario | None = None) -> bool:
        """Simulate a copy of ``service_map`` (as ``scenario`` changes it, if given) with
        ``settings`` (default: the map's) in ``jobs`` worker processes; False if a run is
        already going."""
        if self._thread is not None:
            return False
        snapshot = service_map.copy()
        thread = _RunThread(snapshot, settings or snapshot.run, max(1, int(jobs)), scenario)
        thread.progressed.connect(self._progressed)
        thread.finished.connect(self._thread_finished)
        self._thread = thread
        self.last_replication_at = None
        thread.start()
        self.started.emit(RunStatus(0, thread.settings.replications, 0.0, 0.0))
        return True

    def cancel(self) -> None:
        """Ask the run to stop; ``cancelled`` follows within about a second."""
        if self._thread is not None:
            self._thread.cancel_event.set()

    def shutdown(self, timeout_ms: int = STOP_TIMEOUT_MS) -> None:
        """Cancel any run and wait for it to stop (before the window closes)."""
        thread = self._thread
        if thread is None:
            return
        thread.cancel_event.set()
        if not thread.wait(timeout_ms):
            log.warning("a cancelled run did not stop within %d ms", timeout_ms)
            _STILL_STOPPING.append(thread)  # a QThread must not be deleted while it runs
            return
        self._thread_finished()

    # -- from the thread (queued to the GUI thread) --------------------------------------

    def _progressed(self, status: RunStatus) -> None:
        if self.sender() is self._thread:  # not a late report from a cancelled run
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
