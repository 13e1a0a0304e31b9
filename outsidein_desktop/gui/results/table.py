"""The results tables (per team and per step): sortable by the numbers behind the text, and
copyable: Ctrl+C puts the selected cells, with their column headers, on the clipboard as
tab-separated text that pastes into a spreadsheet."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ...analysis.estimates import Estimate
from ...analysis.results import StepResult, TeamResult
from .format import count_text, share_ci_text, share_text, time_text, wait_text

SORT_ROLE = Qt.ItemDataRole.UserRole
#: A column's title on one line (its header may break it in two): for copying.
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header, the text of a row, the number it sorts by, its tooltip;
    ``heading``: the title as the header shows it, broken over two lines where the title
    would make a column of short numbers wide."""

    title: str
    text: Callable[[Any], str]
    value: Callable[[Any], Any]
    tip: Callable[[Any], str] = lambda row: ""
    number: bool = True
    heading: str = ""


def _mean(e: Estimate) -> float:
    return e.mean if math.isfinite(e.mean) else -math.inf


def _per_day(e: Estimate) -> str:
    return count_text(e.mean, 1)


TEAM_COLUMNS = (
    Column("Team", lambda t: t.name, lambda t: t.name.lower(), number=False),
    Column("Utilisation", lambda t: share_text(t.utilisation.mean),
           lambda t: _mean(t.utilisation), lambda t: share_ci_text(t.utilisation)),
    Column("Mean wait", lambda t: time_text(t.mean_wait.mean), lambda t: _mean(t.mean_wait),
           lambda t: wait_text(t.mean_wait)),
    Column("Queue at end", lambda t: count_text(t.queue_at_end.mean, 0),
           lambda t: _mean(t.queue_at_end), heading="Queue\nat end"),
    Column("Chases a day", lambda t: _per_day(t.chases_per_day),
           lambda t: _mean(t.chases_per_day), heading="Chases\na day"),
)

STEP_COLUMNS = (
    Column("Step", lambda s: s.name, lambda s: s.name.lower(), number=False),
    Column("Team", lambda s: s.team, lambda s: s.team.lower(), number=False),
    Column("Visits a day", lambda s: _per_day(s.visits_per_day),
           lambda s: _mean(s.visits_per_day), heading="Visits\na day"),
    Column("Mean wait", lambda s: time_text(s.mean_wait.mean), lambda s: _mean(s.mean_wait),
           lambda s: wait_text(s.mean_wait)),
    Column("90th % wait", lambda s: time_text(s.p90_wait.mean), lambda s: _mean(s.p90_wait),
           lambda s: wait_text(s.p90_wait), heading="90th %\nwait"),
    Column("Gave up a day", lambda s: count_text(s.gave_up_per_day.mean, 2),
           lambda s: _mean(s.gave_up_per_day), heading="Gave up\na day"),
)


class ResultsTableModel(QAbstractTableModel):
    """Rows (TeamResult or StepResult) under ``columns``; the sort role gives numbers."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[TeamResult | StepResult]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.heading or column.title
        if role in (TITLE_ROLE, Qt.ItemDataRole.ToolTipRole):
            return column.title
        return None


class ResultsTable(QTableView):
    """A sortable, copyable table of one kind of row (teams or steps)."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None, *,
                 whole_width: bool = False) -> None:
        super().__init__(parent)
        #: Never narrower than its columns (a short table beside others: no sideways scroll).
        self.whole_width = whole_width
        self.source = ResultsTableModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # journey order until asked
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # Every column as wide as its widest cell or header; the last one also takes any
        # room to spare, but never less than its contents (Qt's "stretch last section"
        # squeezes it and cuts its text). Too narrow a view scrolls sideways instead.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._fitting = False
        self._last: int | None = None  # the column sized here rather than by Qt
        header.sectionResized.connect(self._section_resized)
        header.geometriesChanged.connect(self.fit_columns)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.source.set_rows(rows)
        self.fit_columns()

    def content_width(self, logical: int) -> int:
        """The width column ``logical`` needs to show its header and every cell whole."""
        return max(self.sizeHintForColumn(logical),
                   self.horizontalHeader().sectionSizeHint(logical))

    def contents_width(self) -> int:
        """The width the whole table needs to show every column whole, with a vertical
        scroll bar."""
        header = self.horizontalHeader()
        columns = sum(self.content_width(c) for c in range(header.count())
                      if not header.isSectionHidden(c))
        return columns + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def fit_columns(self) -> None:
        """Size the last column: its contents' width, or more to fill the view."""
        header = self.horizontalHeader()
        if self._fitting or header.count() == 0:
            return
        self._fitting = True
        try:
            fixed = QHeaderView.ResizeMode.Fixed
            last = header.logicalIndex(header.count() - 1)
            old = self._last
            if old is not None and old != last and old < header.count() \
                    and header.sectionResizeMode(old) == fixed:  # the columns changed
                header.setSectionResizeMode(old, QHeaderView.ResizeMode.ResizeToContents)
            if header.sectionResizeMode(last) != fixed:
                header.setSectionResizeMode(last, fixed)
            self._last = last
            others = sum(header.sectionSize(c) for c in range(header.count())
                         if c != last and not header.isSectionHidden(c))
            width = max(self.content_width(last), self.viewport().width() - others)
            if header.sectionSize(last) != width:
                header.resizeSection(last, width)
            if self.whole_width:
                self.setMinimumWidth(self.contents_width())
        finally:
            self._fitting = False

    def _section_resized(self, logical: int, old: int, new: int) -> None:
        header = self.horizontalHeader()
        if logical != header.logicalIndex(header.count() - 1):
            self.fit_columns()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # The viewport, not the view: it also narrows when a vertical scroll bar appears.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return handled

    # Ctrl+C is also the window's "copy parts" shortcut: while the table has the focus, it
    # takes the key (as a text box does) and copies its cells.
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_text(self) -> str:
        """The selected cells as tab-separated lines, headed by their columns' titles, in
        the order shown. With nothing selected, the whole table."""
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        model = self.proxy
        if indexes:
            rows = sorted({i.row() for i in indexes})
            columns = sorted({i.column() for i in indexes})
            chosen = {(i.row(), i.column()) for i in indexes}
        else:
            rows = list(range(model.rowCount()))
            columns = list(range(model.columnCount()))
            chosen = {(r, c) for r in rows for c in columns}
        lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal, TITLE_ROLE))
                           for c in columns)]
        for r in rows:
            lines.append("\t".join(str(model.index(r, c).data()) if (r, c) in chosen else ""
                                   for c in columns))
        return "\n".join(lines)

    def copy_selection(self) -> str:
        text = self.selected_text()
        QGuiApplication.clipboard().setText(text)
        return text


def team_table(summary: bool = False) -> ResultsTable:
    """The teams; ``summary``: only utilisation and mean wait, for the dashboard."""
    if summary:
        return ResultsTable(TEAM_COLUMNS[:3], whole_width=True)
    return ResultsTable(TEAM_COLUMNS)


def step_table() -> ResultsTable:
    return ResultsTable(STEP_COLUMNS)
