"""A long analysis (a comparison, a sweep) in the background, with progress and cancel.

The same kind of job as a run (gui/run/background.py); what it runs is a function
``work(progress, cancel)``, so that a comparison and a sweep share it.
"""

from __future__ import annotations

from ...errors import OutsideInError
from ..run.background import BackgroundController, Work


class JobController(BackgroundController):
    """Starts, follows and cancels analysis jobs, one at a time.

    Signals: ``started(RunStatus)``; ``progressed(RunStatus)``; ``finished(object)`` with
    what the work returned; ``cancelled()``; ``failed(str)`` with a sentence for the user;
    ``stopped()`` after any of the three. ``kind`` names the job running ("compare",
    "sweep"), so that the window knows what to show.
    """

    # A scenario that no longer fits, two options with one name, a cluster that does not
    # answer: the analysis layers say so in a sentence for the user.
    user_errors = (OutsideInError, ValueError)

    kind = ""

    def start(self, work: Work, kind: str, replications: int) -> bool:
        """Run ``work(progress, cancel)`` in a thread; False if a job is already going.
        ``replications`` is the total the progress counts up to."""
        if self.is_running:
            return False
        self.kind = kind  # before ``started``, which the window reads it in
        return self._start_work(work, kind, replications)
