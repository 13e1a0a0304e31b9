"""The run's progress in the status bar: a bar, "3 of 10 replications, about 12 s left",
and a Cancel button. Shown while a run goes, hidden otherwise."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from .controller import RunStatus


class RunProgress(QWidget):
    """``cancelRequested`` when the user presses Cancel."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(180)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the run (Esc)")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self, status: RunStatus) -> None:
        self.cancel_button.setEnabled(True)
        self.show_status(status)
        self.show()

    def show_status(self, status: RunStatus) -> None:
        self.bar.setValue(round(1000 * status.fraction))
        self.label.setText("Simulating: " + status.describe())

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Stopping the run\N{HORIZONTAL ELLIPSIS}")

    def end(self) -> None:
        self.hide()
