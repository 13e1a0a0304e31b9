"""The side-by-side table of a comparison: one row per headline measure, one column per
option, then each redesign's difference to the baseline with its 95% CI and verdict.

The words and numbers are the report layer's (report/comparison_text.py), so the table, the
terminal and the board paper agree to the last digit. A clear difference is coloured (green
better, red worse); Ctrl+C copies the selected cells with their headers, and the table
the panel exports the comparison's CSV.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from ...analysis.compare import Comparison, Verdict
from ...report.comparison_text import MATERIAL, side_by_side_rows, table_cells, table_header
from ..results.table import Column, Index, ResultsTable, ResultsTableModel

#: Background of a difference cell by its verdict.
VERDICT_COLOURS = {Verdict.BETTER: QColor("#DCFCE7"), Verdict.WORSE: QColor("#FEE2E2")}
UNCLEAR_TIP = "No clear difference: the 95% confidence interval of the difference " \
              "includes zero."


class _Row:
    """One measure: its cells (as the report layer writes them) and each redesign's
    verdict."""

    def __init__(self, cells: list[str], verdicts: list[Verdict],
                 negligible: list[bool]) -> None:
        self.cells, self.verdicts, self.negligible = cells, verdicts, negligible


class _ComparisonModel(ResultsTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__([], parent)
        self.first_difference = 0  # the column of the first redesign's difference

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        if comparison is None:
            self.columns, self.rows = [], []
        else:
            header = table_header(comparison)
            rows = side_by_side_rows(comparison)
            self.columns = [Column(title, lambda r, i=i: r.cells[i], lambda r, i=i: r.cells[i],
                                   number=i >= 2)
                            for i, title in enumerate(header)]
            self.rows = [_Row(cells, row.verdicts, row.negligible) for cells, row in
                         zip(table_cells(comparison, rows), rows, strict=True)]
            self.first_difference = 2 + len(comparison.options)
        self.endResetModel()

    def verdict(self, index: Index) -> Verdict | None:
        column = index.column() - self.first_difference
        if not self.rows or column < 0:
            return None
        return self.rows[index.row()].verdicts[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        verdict = self.verdict(index)
        small = verdict is not None and self.rows[index.row()].negligible[
            index.column() - self.first_difference]
        if role == Qt.ItemDataRole.BackgroundRole and verdict in VERDICT_COLOURS and not small:
            return VERDICT_COLOURS[verdict]
        if role == Qt.ItemDataRole.ToolTipRole and verdict is not None:
            if small:
                return (f"Clearly {verdict.value}, but by under {MATERIAL:.0%} of the "
                        "baseline: too small to matter.")
            return UNCLEAR_TIP if verdict is Verdict.UNCLEAR else (
                f"Clearly {verdict.value}: the 95% confidence interval of the difference "
                "excludes zero.")
        return super().data(index, role)


class ComparisonTable(ResultsTable):
    """The table; ``cells()`` gives what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], parent)
        self.source = _ComparisonModel(self)
        self.proxy.setSourceModel(self.source)
        self.setSortingEnabled(False)  # the rows keep the order a board reads them in
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_comparison(self, comparison: Comparison | None) -> None:
        self.source.set_comparison(comparison)

    def header(self) -> list[str]:
        return [column.title for column in self.source.columns]

    def cells(self) -> list[list[str]]:
        return [list(row.cells) for row in self.source.rows]
