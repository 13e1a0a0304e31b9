"""Run ▸ Compare…: choose the redesigns to compare with the baseline.

The list holds the map's own scenarios (from the Scenarios panel, when the document keeps
them) and scenario files the user adds. A file that cannot be read, or a redesign that no
longer fits the open map, is refused with a message naming the file and what is wrong,
before anything runs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.parts import RunSettings
from ...domain.scenario import Scenario
from ...domain.service_map import ServiceMap
from ...errors import OutsideInError
from ...storage.files import load_scenario
from ..inspector.widgets import MessageLabel, heading, hint
from .cluster_settings import RunPlace

SCENARIO_FILTER = "OutsideIn scenario (*.json)"
SCENARIO_ROLE = Qt.ItemDataRole.UserRole


def settings_sentence(settings: RunSettings, place: RunPlace) -> str:
    """ "3 replications of 60 days (10 days warm-up), seed 7, in 4 worker processes…"."""
    return (f"Each option runs {settings.replications} replication"
            f"{'s' * (settings.replications != 1)} of {settings.days:g} days "
            f"({settings.warmup_days:g} days warm-up), seed {settings.seed}, "
            f"{place.describe()}. Every option meets the same people, each with the same "
            "luck (common random numbers), so a difference is the redesign, not chance. "
            "Change these in Run "
            "\N{BLACK RIGHT-POINTING SMALL TRIANGLE} Settings and Where to Run.")


class CompareDialog(QDialog):
    """Tick the scenarios to compare with the baseline; ``chosen()`` after OK."""

    def __init__(self, baseline: ServiceMap, scenarios: list[Scenario], place: RunPlace,
                 start_folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.baseline = baseline
        self.start_folder = start_folder
        self.setWindowTitle("Compare redesigns")
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.itemChanged.connect(lambda *_: self._enable())
        self.add_button = QPushButton("Add Scenario &File\N{HORIZONTAL ELLIPSIS}")
        self.add_button.setToolTip("Add a redesign saved as a scenario file (.json)")
        self.add_button.clicked.connect(self.choose_scenario_file)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Compare")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Compare with the baseline: {baseline.title or 'this map'}"))
        layout.addWidget(hint("Tick the redesigns to run beside the map as it is."))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(hint(settings_sentence(baseline.run, place)))
        layout.addWidget(self.buttons)
        for scenario in scenarios:
            self.add_scenario(scenario, "in this map")
        self.resize(520, 420)
        self._enable()

    def add_scenario(self, scenario: Scenario, source: str, checked: bool = True) -> str:
        """Add ``scenario`` to the list; "" if added, else why not (it is not added)."""
        if self._names().count(scenario.name) or scenario.name == "Baseline":
            return (f"{source}: a redesign called '{scenario.name}' is already in the list; "
                    "give each redesign its own name to compare them.")
        try:
            scenario.apply(self.baseline)
            changes = scenario.describe(self.baseline)
        except (OutsideInError, KeyError) as error:
            return f"{source}: '{scenario.name}' does not fit this map. {error}"
        item = QListWidgetItem(scenario.name)
        item.setData(SCENARIO_ROLE, scenario)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        lines = [f"From {source}"] + [f"\N{BULLET} {change}" for change in changes]
        if scenario.description:
            lines.insert(1, scenario.description)
        item.setToolTip("\n".join(lines))
        self.list.addItem(item)
        self._enable()
        return ""

    def add_scenario_file(self, path: str | Path) -> bool:
        """Read the scenario file at ``path`` and add it; a message says why if not."""
        path = Path(path)
        try:
            scenario = load_scenario(path)
        except OutsideInError as error:
            self._refuse(f"The scenario file could not be read. {error}")
            return False
        problem = self.add_scenario(scenario, str(path))
        if problem:
            self._refuse(problem)
            return False
        self.message.clear()
        return True

    def choose_scenario_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, "Add a scenario file", self.start_folder,
                                              f"{SCENARIO_FILTER};;All files (*)")
        return bool(path) and self.add_scenario_file(path)

    def _refuse(self, text: str) -> None:
        self.message.show_message(text)
        QMessageBox.warning(self, "This scenario cannot be compared", text)

    def _names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def chosen(self) -> list[Scenario]:
        """The ticked scenarios, in the list's order."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.data(SCENARIO_ROLE) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def _enable(self) -> None:
        self.ok.setEnabled(bool(self.chosen()))
        self.ok.setToolTip("" if self.chosen() else "Tick at least one redesign")
