"""Running a map in the background: a job (gui/run/background.py) that calls
``analysis.run.simulate`` and tells the GUI thread how far it has got, what came out, or
why it stopped.

The thread simulates a copy of the map taken when the run starts, so the editor stays
usable: edits apply to the next run. Cancel sets a ``threading.Event`` that the engine
checks every simulated week (worker processes are told through the runner's own event),
so a run stops within about a second and leaves no worker process behind.
"""

from __future__ import annotations

import threading

from ...analysis import run as analysis_run
from ...domain.parts import RunSettings
from ...domain.scenario import Scenario
from ...domain.service_map import ServiceMap
from ...sim.runner import ProgressCallback
from .background import (
    FAILED_MESSAGE,
    REPORTS_PER_SECOND,
    STOP_TIMEOUT_MS,
    BackgroundController,
    RunStatus,
    duration_text,
)

__all__ = ["FAILED_MESSAGE", "REPORTS_PER_SECOND", "STOP_TIMEOUT_MS", "RunController",
           "RunStatus", "duration_text"]


class RunController(BackgroundController):
    """Starts, follows and cancels runs, one at a time.

    Signals: ``started(RunStatus)``; ``progressed(RunStatus)``; ``finished(Run)`` with the
    finished run; ``cancelled()``; ``failed(str)`` with a sentence for the user (the
    traceback is in the log); ``stopped()`` after any of the three.
    """

    def start(self, service_map: ServiceMap, settings: RunSettings | None = None,
              jobs: int = 1, scenario: Scenario | None = None) -> bool:
        """Simulate a copy of ``service_map`` (as ``scenario`` changes it, if given) with
        ``settings`` (default: the map's) in ``jobs`` worker processes; False if a run is
        already going."""
        if self.is_running:
            return False
        snapshot = service_map.copy()
        settings = settings or snapshot.run
        jobs = max(1, int(jobs))

        def work(progress: ProgressCallback, cancel: threading.Event) -> analysis_run.Run:
            return analysis_run.simulate(snapshot, settings, jobs=jobs, scenario=scenario,
                                         progress=progress, cancel=cancel)

        return self._start_work(work, f"run of '{snapshot.title}'", settings.replications)
