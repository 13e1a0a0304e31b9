"""Where comparisons and sweeps run: worker processes on this computer, or a Dask
distributed cluster (Run ▸ Where to Run…).

This belongs to the computer, not to the map, so it is kept in QSettings beside the number
of worker processes (which the run settings dialog also edits). Nothing connects to the
cluster until a job starts, or until the user presses Check; a scheduler that does not
answer is then a sentence in a message box.
"""

from __future__ import annotations

import re
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...sim.cluster import ClusterError, cluster_executor
from ..inspector.widgets import MessageLabel, count_spin, hint
from ..results.background import BackgroundTask
from ..run.settings import MAX_JOBS, set_worker_processes, worker_processes

CLUSTER_KEY = "run/cluster"
USE_CLUSTER_KEY = "run/use_cluster"
#: How long the Check button waits for a worker to run a test task.
CHECK_TIMEOUT_S = 20

#: tcp://host:port, tls://host:port, or host:port (Dask's own forms of an address).
_ADDRESS = re.compile(r"^((tcp|tls|ucx|inproc)://)?[A-Za-z0-9._\-\[\]:]+(:\d{1,5})?/?$")


@dataclass(frozen=True)
class RunPlace:
    """Where a job runs: ``jobs`` local processes, or the scheduler at ``cluster``."""

    jobs: int
    cluster: str | None = None

    def describe(self) -> str:
        if self.cluster:
            return f"on the Dask cluster at {self.cluster}"
        return f"in {self.jobs} worker process{'es' * (self.jobs != 1)} on this computer"


def address_problem(address: str) -> str:
    """Why ``address`` cannot be a scheduler's address, or "" if it can be."""
    address = address.strip()
    if not address:
        return "Type the Dask scheduler's address, for example tcp://10.0.0.5:8786."
    if not _ADDRESS.match(address):
        return (f"'{address}' is not a scheduler address: write it as tcp://host:port, "
                "for example tcp://10.0.0.5:8786.")
    return ""


def run_place(settings: QSettings) -> RunPlace:
    """Where comparisons and sweeps run on this computer, as the user last chose."""
    jobs = worker_processes(settings)
    use = str(settings.value(USE_CLUSTER_KEY, "false")).lower() == "true"
    address = str(settings.value(CLUSTER_KEY, "") or "").strip()
    if use and address and not address_problem(address):
        return RunPlace(jobs, address)
    return RunPlace(jobs)


def set_run_place(settings: QSettings, place: RunPlace, address: str = "") -> None:
    """Keep ``place``; ``address`` is remembered even when the cluster is not used."""
    set_worker_processes(settings, place.jobs)
    settings.setValue(USE_CLUSTER_KEY, "true" if place.cluster else "false")
    settings.setValue(CLUSTER_KEY, place.cluster or address.strip())


def check_cluster(address: str) -> str:
    """Connect to the scheduler, run one tiny task there and close again; a sentence
    saying so. Raises ClusterError if the scheduler or its workers do not answer."""
    with cluster_executor(address) as executor:
        try:
            executor.submit(sum, (1, 2)).result(timeout=CHECK_TIMEOUT_S)
        except FutureTimeout as error:
            raise ClusterError(f"The scheduler at {address} answered, but no worker ran a "
                               f"test task within {CHECK_TIMEOUT_S} s: does it have "
                               "workers?") from error
    return f"The scheduler at {address} answered and its workers ran a test task."


class WhereToRunDialog(QDialog):
    """Run ▸ Where to Run…: local processes (how many) or a Dask scheduler's address."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.check_task: BackgroundTask | None = None
        self.setWindowTitle("Where to run")
        place = run_place(settings)
        self.local = QRadioButton("Worker &processes on this computer")
        self.cluster = QRadioButton("A Dask &cluster")
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.cluster)
        self.jobs = count_spin(1, MAX_JOBS)
        self.jobs.setValue(place.jobs)
        self.jobs.setToolTip("Replications run side by side in this many processes. The "
                             "results are the same whatever the number.")
        self.address = QLineEdit(str(settings.value(CLUSTER_KEY, "") or ""))
        self.address.setPlaceholderText("tcp://10.0.0.5:8786")
        self.address.setToolTip("The Dask scheduler's address. Its workers need the same "
                                "version of OutsideIn installed.")
        self.check_button = QPushButton("Check")
        self.check_button.setToolTip("Connect to the scheduler now and say whether it "
                                     "answers")
        self.check_button.clicked.connect(self.check)
        (self.cluster if place.cluster else self.local).setChecked(True)
        self.local.toggled.connect(self._enable)
        grid = QGridLayout()
        grid.addWidget(self.local, 0, 0, 1, 3)
        grid.addWidget(QLabel("Processes"), 1, 1)
        grid.addWidget(self.jobs, 1, 2)
        grid.addWidget(self.cluster, 2, 0, 1, 3)
        grid.addWidget(QLabel("Scheduler"), 3, 1)
        grid.addWidget(self.address, 3, 2)
        grid.addWidget(self.check_button, 3, 3)
        grid.setColumnMinimumWidth(0, 16)
        grid.setColumnStretch(2, 1)
        self.message = MessageLabel()
        self.answer = hint("")
        self.answer.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Where comparisons and sweeps run. The results are the same "
                              "either way: each replication's random numbers depend only on "
                              "the seed and its number. Kept on this computer, not in the "
                              "map."))
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.answer)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())
        self._enable()

    def _enable(self) -> None:
        local = self.local.isChecked()
        self.jobs.setEnabled(local)
        self.address.setEnabled(not local)
        self.check_button.setEnabled(not local and self.check_task is None)

    def place(self) -> RunPlace | str:
        """The chosen place, or the sentence saying why it cannot be used."""
        if self.local.isChecked():
            return RunPlace(self.jobs.value())
        problem = address_problem(self.address.text())
        return problem or RunPlace(self.jobs.value(), self.address.text().strip())

    def check(self) -> None:
        """Try the scheduler in the background (it may take seconds to time out)."""
        problem = address_problem(self.address.text())
        if problem:
            self.message.show_message(problem)
            return
        self.message.clear()
        address = self.address.text().strip()
        self.answer.setText(f"Connecting to {address}\N{HORIZONTAL ELLIPSIS}")
        self.answer.show()
        task = BackgroundTask(lambda: check_cluster(address), self)
        task.done.connect(self._checked)
        task.failed.connect(lambda error: self._checked("", str(error)))
        self.check_task = task
        self._enable()
        task.start()

    def _checked(self, answer: str, problem: str = "") -> None:
        self.check_task = None
        self._enable()
        self.answer.setText(answer)
        self.answer.setVisible(bool(answer))
        self.message.show_message(problem)

    def accept(self) -> None:
        place = self.place()
        if isinstance(place, str):
            self.message.show_message(place)
            return
        set_run_place(self.settings, place, self.address.text())
        super().accept()

    def done(self, result: int) -> None:  # noqa: D102 - wait for a check still going
        if self.check_task is not None:
            self.check_task.wait(15_000)
        super().done(result)
