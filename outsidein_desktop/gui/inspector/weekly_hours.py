"""A team's weekly hours: the list of shifts, and a 7 x 24 picture of the staff on duty."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...domain.calendar import WEEKDAYS, Shift, format_days, parse_days
from ...domain.parts import Team
from ...errors import InvalidParameter
from .widgets import MessageLabel, count_spin, quiet

DAYS, FROM, TO, STAFF = range(4)


def hour_spin(minimum: int, maximum: int) -> QSpinBox:
    spin = count_spin(minimum, maximum)
    spin.setSuffix(":00")
    return spin


class RosterGrid(QWidget):
    """Read-only: one row per weekday, one column per hour, shaded by staff on duty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.roster = np.zeros((7, 24), dtype=int)
        self.colour = QColor("#4477AA")
        self.setMinimumHeight(self.sizeHint().height())

    def set_roster(self, roster: np.ndarray, colour: str) -> None:
        self.roster = np.asarray(roster, dtype=int)
        self.colour = QColor(colour)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("Mon ") + 24 * 12, (metrics.height() + 3) * 8)

    def _geometry(self) -> tuple[float, float, float, float]:
        """Left edge of the cells, top edge, cell width, cell height."""
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("Mon") + 6.0
        top = metrics.height() + 2.0
        return left, top, (self.width() - left - 1) / 24, (self.height() - top - 1) / 7

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        left, top, width, height = self._geometry()
        day, hour = int((point.y() - top) // height), int((point.x() - left) // width)
        return (day, hour) if 0 <= day < 7 and 0 <= hour < 24 else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                day, hour = cell
                staff = int(self.roster[day, hour])
                QToolTip.showText(event.globalPos(), f"{WEEKDAYS[day]} {hour:02d}:00-"
                                  f"{hour + 1:02d}:00: {staff} staff on duty", self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        palette = self.palette()
        left, top, width, height = self._geometry()
        most = max(int(self.roster.max()), 1)
        text = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text)
        for hour in range(0, 24, 6):
            painter.drawText(QRectF(left + hour * width, 0, width * 6, top),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{hour:02d}")
        show_numbers = width >= self.fontMetrics().horizontalAdvance("99") + 2
        for day in range(7):
            painter.setPen(text)
            painter.drawText(QRectF(0, top + day * height, left - 4, height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             WEEKDAYS[day])
            for hour in range(24):
                staff = int(self.roster[day, hour])
                cell = QRectF(left + hour * width, top + day * height, width, height)
                fill = QColor(self.colour)
                fill.setAlphaF(0.15 + 0.85 * staff / most if staff else 0.0)
                painter.fillRect(cell, fill if staff else palette.color(QPalette.ColorRole.Base))
                painter.setPen(palette.color(QPalette.ColorRole.Midlight))
                painter.drawRect(cell)
                if staff and show_numbers:
                    painter.setPen(Qt.GlobalColor.white if staff / most > 0.5 else text)
                    painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(staff))
        painter.end()


class ShiftsEditor(QWidget):
    """The shifts of one team; each edit is reported as (new shifts, command name)."""

    shiftsEdited = Signal(tuple, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team = ""
        self.shifts: tuple[Shift, ...] = ()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Days", "From", "To", "Staff"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(DAYS, QHeaderView.ResizeMode.Stretch)
        for column in (FROM, TO, STAFF):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.add_button = QPushButton("Add shift")
        self.remove_button = QPushButton("Remove shift")
        self.message = MessageLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(self.add_shift)
        self.remove_button.clicked.connect(self.remove_shift)

    def load(self, team: Team) -> None:
        self.team, self.shifts = team.name, tuple(team.shifts)
        if self.table.rowCount() != len(self.shifts):
            self._rebuild()
        for row, shift in enumerate(self.shifts):
            days, start, end, staff = (self.table.cellWidget(row, c) for c in range(4))
            with quiet(days, start, end, staff):
                days.setText(format_days(shift.days))
                start.setValue(shift.start)
                end.setValue(shift.end)
                staff.setValue(shift.staff)
        self.remove_button.setEnabled(bool(self.shifts))
        self.message.clear()
        height = sum(self.table.rowHeight(r) for r in range(len(self.shifts)))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + height
                                  + 2 * self.table.frameWidth() + 2)

    def _rebuild(self) -> None:
        self.table.setRowCount(len(self.shifts))
        for row in range(len(self.shifts)):
            days = QLineEdit()
            days.setToolTip("Days like 'Mon-Fri', 'Sat,Sun' or 'every day'")
            days.editingFinished.connect(lambda r=row: self._edit(r, DAYS))
            start, end, staff = hour_spin(0, 23), hour_spin(1, 24), count_spin(1, 9999)
            start.valueChanged.connect(lambda _, r=row: self._edit(r, FROM))
            end.valueChanged.connect(lambda _, r=row: self._edit(r, TO))
            staff.valueChanged.connect(lambda _, r=row: self._edit(r, STAFF))
            for column, widget in enumerate((days, start, end, staff)):
                self.table.setCellWidget(row, column, widget)
        self.table.resizeRowsToContents()

    def _edit(self, row: int, column: int) -> None:
        days, start, end, staff = (self.table.cellWidget(row, c) for c in range(4))
        old = self.shifts[row]
        try:
            new = Shift(days=parse_days(days.text()), start=start.value(), end=end.value(),
                        staff=staff.value())
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self.message.clear()
        if new == old:
            return
        if column == STAFF:
            where = "" if len(self.shifts) == 1 else f" on {format_days(new.days)} " \
                f"{new.start:02d}:00-{new.end:02d}:00"
            text = f"Set staff of {self.team}{where} to {new.staff}"
        elif column == DAYS:
            text = f"Set days of a {self.team} shift to {format_days(new.days)}"
        else:
            text = f"Set hours of a {self.team} shift to {new.start:02d}:00-{new.end:02d}:00"
        shifts = list(self.shifts)
        shifts[row] = new
        self.shiftsEdited.emit(tuple(shifts), text)

    def add_shift(self) -> None:
        self.shiftsEdited.emit((*self.shifts, Shift()), f"Add a shift to {self.team}")

    def remove_shift(self) -> None:
        if not self.shifts:
            return
        row = self.table.currentRow()
        row = row if 0 <= row < len(self.shifts) else len(self.shifts) - 1
        shifts = self.shifts[:row] + self.shifts[row + 1:]
        self.shiftsEdited.emit(shifts, f"Remove a shift from {self.team}")
