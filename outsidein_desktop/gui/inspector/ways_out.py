"""The ways out of a part: where customers go next, with what chance, and the sum shown."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..commands import UpdateHandoff
from ..document import MapDocument
from .widgets import RED, percent_spin, quiet, set_text_colour

TOLERANCE = 1e-6


class WaysOutTable(QWidget):
    """A row per way out of ``source``: the target and the chance (in %) of going there."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.source: str | None = None
        self.targets: list[str] = []
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["To", "Chance"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes from one chance to the next
        self.total_label = QLabel()
        self.even_button = QPushButton("Even split")
        self.even_button.setToolTip("Give every way out the same chance")
        self.even_button.clicked.connect(self.even_split)
        self.empty_label = QLabel("No ways out yet: connect this part to the next ones.")
        self.empty_label.setWordWrap(True)
        footer = QHBoxLayout()
        footer.addWidget(self.total_label, 1)
        footer.addWidget(self.even_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addLayout(footer)

    def spins(self) -> dict[str, object]:
        """The chance boxes by target (for tests and tab order)."""
        return {t: self.table.cellWidget(row, 1) for row, t in enumerate(self.targets)}

    def load(self, source: str) -> None:
        ways_out = self.document.service_map.ways_out(source)
        targets = [t for t, _ in ways_out]
        if source != self.source or targets != self.targets:
            self._rebuild(source, targets)
        for row, (_, handoff) in enumerate(ways_out):
            spin = self.table.cellWidget(row, 1)
            with quiet(spin):
                spin.setValue(handoff.probability * 100)
        total = sum(h.probability for _, h in ways_out)
        self.total_label.setText(f"Total {total * 100:.4g} %"
                                 + ("" if self.sum_is_whole(total) else " (should be 100 %)"))
        set_text_colour(self.total_label, None if self.sum_is_whole(total) else RED)
        self.total_label.setProperty("wrong", not self.sum_is_whole(total))
        has_rows = bool(targets)
        self.empty_label.setVisible(not has_rows)
        self.table.setVisible(has_rows)
        self.total_label.setVisible(has_rows)
        self.even_button.setVisible(has_rows)

    @staticmethod
    def sum_is_whole(total: float) -> bool:
        return abs(total - 1.0) <= TOLERANCE

    def _rebuild(self, source: str, targets: list[str]) -> None:
        self.source, self.targets = source, targets
        self.table.setRowCount(len(targets))
        for row, target in enumerate(targets):
            item = QTableWidgetItem(target)
            item.setToolTip(self.document.service_map.node(target).label)
            self.table.setItem(row, 0, item)
            spin = percent_spin()
            spin.setToolTip(f"The chance that a customer leaving '{source}' goes to '{target}'")
            spin.valueChanged.connect(lambda value, t=target: self._commit(t, value))
            self.table.setCellWidget(row, 1, spin)
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(len(targets)))
        self.table.setFixedHeight(rows + self.table.horizontalHeader().height()
                                  + 2 * self.table.frameWidth() + 2)
        spins = list(self.spins().values())
        for first, second in zip(spins, spins[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if spins:
            QWidget.setTabOrder(spins[-1], self.even_button)

    def _commit(self, target: str, percent: float) -> None:
        if self.source is None:
            return
        probability = percent / 100
        handoff = self.document.service_map.handoff(self.source, target)
        if abs(handoff.probability - probability) < 1e-12:
            return
        self.document.undo_stack.push(UpdateHandoff(
            self.document, self.source, target, {"probability": probability},
            text=f"Set chance of '{self.source}' → '{target}' to {percent:g}%"))

    def even_split(self) -> None:
        """Give each way out 1/n, as one undoable step."""
        if not self.source or not self.targets:
            return
        source, share = self.source, 1 / len(self.targets)
        changing = [t for t in self.targets
                    if self.document.service_map.handoff(source, t).probability != share]
        if not changing:
            return
        stack = self.document.undo_stack
        stack.beginMacro(f"Split the ways out of '{source}' evenly")
        for target in changing:
            stack.push(UpdateHandoff(self.document, source, target, {"probability": share}))
        stack.endMacro()
