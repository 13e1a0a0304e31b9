"""Run settings: the dialog (Run ▸ Settings…), the compact boxes of the run tool bar, and
the number of worker processes.

Days, warm-up, replications, seed and start date are the map's ``run`` settings: saved
with the map, and each change is one SetMapInfo undo command. The number of worker
processes belongs to this computer, not to the map, so it is kept in QSettings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...domain.parts import RunSettings
from ...errors import InvalidParameter
from ...sim.runner import default_jobs
from ..commands import SetMapInfo
from ..document import MapDocument
from ..inspector.widgets import MessageLabel, count_spin, hint, number_spin, quiet

JOBS_KEY = "run/jobs"
MAX_SEED = 2**31 - 1  # what a QSpinBox holds
MAX_JOBS = 64


def worker_processes(settings: QSettings) -> int:
    """How many worker processes runs use on this computer (default: one per core, up to
    eight, as ``sim.runner.default_jobs``)."""
    try:
        value = int(settings.value(JOBS_KEY, default_jobs()))
    except (TypeError, ValueError):
        value = default_jobs()
    return min(max(1, value), MAX_JOBS)


def set_worker_processes(settings: QSettings, jobs: int) -> None:
    settings.setValue(JOBS_KEY, int(jobs))


def change_run(document: MapDocument, changes: dict[str, Any]) -> str:
    """Change the map's run settings as one undo command; "" if done (or nothing changed),
    else the sentence saying why not (a warm-up as long as the run, say)."""
    run = document.service_map.run
    changes = {k: v for k, v in changes.items() if getattr(run, k) != v}
    if not changes:
        return ""
    try:
        new = dataclasses.replace(run, **changes)
    except InvalidParameter as error:
        return str(error)[:1].upper() + str(error)[1:] + "."
    document.undo_stack.push(SetMapInfo(document, {"run": new}, text=_describe(changes)))
    return ""


def _describe(changes: dict[str, Any]) -> str:
    if len(changes) > 1:
        return "Change the run settings"
    key, value = next(iter(changes.items()))
    return {
        "days": lambda: f"Set run length to {value:g} days",
        "warmup_days": lambda: f"Set warm-up to {value:g} days",
        "replications": lambda: f"Set replications to {value}",
        "seed": lambda: f"Set seed to {value}",
        "start_date": lambda: f"Set start date to {value:%a %d %b %Y}",
    }[key]()


def _days_spin() -> Any:
    spin = number_spin(maximum=100_000, decimals=1)
    spin.setSuffix(" days")
    return spin


class RunSettingsDialog(QDialog):
    """Run ▸ Settings…: every run setting in one form; OK makes one undo command."""

    def __init__(self, document: MapDocument, settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.settings = document, settings
        self.setWindowTitle("Run settings")
        run = document.service_map.run
        self.days = _days_spin()
        self.days.setValue(run.days)
        self.days.setToolTip("How long each replication simulates")
        self.warmup = _days_spin()
        self.warmup.setValue(run.warmup_days)
        self.warmup.setToolTip("The first days are left out of the figures, so that they "
                               "describe a service already in its usual state")
        self.replications = count_spin(1, 10_000)
        self.replications.setValue(run.replications)
        self.replications.setToolTip("Independent runs; more give narrower 95% confidence "
                                     "intervals")
        self.seed = count_spin(0, MAX_SEED)
        self.seed.setValue(min(run.seed, MAX_SEED))
        self.seed.setToolTip("The same seed gives the same results")
        self.start = QDateEdit(QDate(run.start_date.year, run.start_date.month,
                                     run.start_date.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.jobs = count_spin(1, MAX_JOBS)
        self.jobs.setValue(worker_processes(settings))
        self.jobs.setToolTip("Replications run side by side in this many processes. The "
                             "results are the same whatever the number.")
        form = QFormLayout()
        form.addRow("&Length", self.days)
        form.addRow("&Warm-up", self.warmup)
        form.addRow("&Replications", self.replications)
        form.addRow("S&eed", self.seed)
        form.addRow("&Start date", self.start)
        form.addRow("Worker &processes", self.jobs)
        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Saved with the map (except the worker processes, which belong "
                              "to this computer)."))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, Any]:
        date = self.start.date()
        return {"days": self.days.value(), "warmup_days": self.warmup.value(),
                "replications": self.replications.value(), "seed": self.seed.value(),
                "start_date": dt.date(date.year(), date.month(), date.day())}

    def accept(self) -> None:
        problem = change_run(self.document, self.changes())
        if problem:
            self.message.show_message(problem)
            return
        set_worker_processes(self.settings, self.jobs.value())
        super().accept()


class RunToolBar(QToolBar):
    """Run, Cancel and compact boxes for the run length, warm-up, replications and seed.

    Each box changes the map's run settings as one undo command when the user has finished
    typing; a refused value (a warm-up as long as the run) goes back, and ``refused`` says
    why in a sentence.
    """

    refused = Signal(str)

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__("Run", parent)
        self.setObjectName("runToolBar")
        self.document = document
        self.days = self._box(_days_spin(), "Length", "days", "How long each replication "
                              "simulates")
        self.warmup = self._box(_days_spin(), "Warm-up", "warmup_days", "Days left out of "
                                "the figures at the start")
        self.replications = self._box(count_spin(1, 10_000), "Replications", "replications",
                                      "Independent runs, for 95% confidence intervals")
        self.seed = self._box(count_spin(0, MAX_SEED), "Seed", "seed",
                              "The same seed gives the same results")
        self.seed.setMaximumWidth(110)
        document.mapChanged.connect(self.load)
        document.mapReplaced.connect(self.load)
        self.load()

    def _box(self, spin: QSpinBox, label: str, field: str, tip: str) -> QSpinBox:
        text = QLabel(f" {label} ")
        text.setToolTip(tip)
        spin.setToolTip(tip)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setMaximumWidth(120)
        spin.valueChanged.connect(lambda value, f=field: self._changed(f, value))
        self.addWidget(text)
        self.addWidget(spin)
        return spin

    def load(self) -> None:
        run: RunSettings = self.document.service_map.run
        boxes = (self.days, self.warmup, self.replications, self.seed)
        with quiet(*boxes):
            self.days.setValue(run.days)
            self.warmup.setValue(run.warmup_days)
            self.replications.setValue(run.replications)
            self.seed.setValue(min(run.seed, MAX_SEED))

    def _changed(self, field: str, value: Any) -> None:
        problem = change_run(self.document, {field: value})
        if problem:
            self.load()
            self.refused.emit(problem)
