"""A comparison's or a sweep's progress in the status bar: the run's own progress widget,
saying what it is doing ("Comparing: 3 of 9 replications, about 12 s left")."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..run.controller import RunStatus
from ..run.progress import RunProgress

VERBS = {"compare": "Comparing", "sweep": "Sweeping"}


class JobProgress(RunProgress):
    """``verb`` is set when a job starts; Cancel asks the job to stop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verb = "Simulating"
        self.cancel_button.setToolTip("Stop it; nothing already shown changes")

    def begin_job(self, kind: str, status: RunStatus) -> None:
        self.verb = VERBS.get(kind, "Simulating")
        self.begin(status)

    def show_status(self, status: RunStatus) -> None:
        self.bar.setValue(round(1000 * status.fraction))
        self.label.setText(f"{self.verb}: {status.describe()}")

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Stopping\N{HORIZONTAL ELLIPSIS}")
