"""The problems panel: the map is checked as the user edits, and what is wrong is listed
in plain words, errors first. Double-clicking a problem asks for its element to be shown.

Checking is debounced: it runs :data:`DEBOUNCE_MS` after the last change, so a burst of
edits (a drag, an undo of ten steps) costs one check.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.validate import ERROR, Element, Problem, validate
from .document import MapDocument

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400


def count_text(problems: list[Problem]) -> str:
    """ "2 errors, 1 warning", or "No problems"."""
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    if not problems:
        return "No problems"
    return (f"{errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}")


class ProblemsPanel(QWidget):
    """Lists ``validate(map)``; ``problemsFound`` after each check, ``elementActivated`` on a
    double-click."""

    problemsFound = Signal(list)
    elementActivated = Signal(object)  # an Element

    def __init__(self, document: MapDocument, parent: QWidget | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.document = document
        self.problems: list[Problem] = []
        self.enabled = True
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Where", "Problem"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 260)
        self.tree.itemActivated.connect(self._activated)
        self.all_clear = QLabel("No problems: the map can be simulated.")
        self.all_clear.setContentsMargins(8, 8, 8, 8)
        self.all_clear.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.all_clear)
        self.tree.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.check_now)
        document.mapChanged.connect(self.schedule)
        document.mapReplaced.connect(self.schedule)
        style = self.style()
        self._icons = {ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}

    def schedule(self) -> None:
        """Check again once the edits pause (restarts the wait on every change)."""
        if self.enabled:
            self.timer.start()

    def check_now(self) -> list[Problem]:
        self.timer.stop()
        try:
            problems = validate(self.document.service_map)
        except Exception:  # a half-drawn map must never take the editor down
            log.exception("checking the map failed")
            problems = [Problem(ERROR, Element("map"), "OutsideIn could not check this map; "
                                "the details are in the log file.")]
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.severity != ERROR)
        self.tree.clear()
        for problem in self.problems:
            where = str(problem.element)
            item = QTreeWidgetItem([where[:1].upper() + where[1:], problem.message])
            item.setIcon(0, self._icons.get(problem.severity, self._icons["warning"]))
            item.setToolTip(0, problem.severity.capitalize())
            item.setToolTip(1, problem.message)
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(self.problems))
        self.all_clear.setVisible(not self.problems)
        self.problemsFound.emit(self.problems)

    def clear(self) -> None:
        self.timer.stop()
        self.show_problems([])

    def _activated(self, item: QTreeWidgetItem) -> None:
        row = self.tree.indexOfTopLevelItem(item)
        if 0 <= row < len(self.problems):
            self.elementActivated.emit(self.problems[row].element)
