"""The entry editor: how many customers come in, on which days and hours, and who they are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...domain.calendar import WEEKDAYS, Arrivals
from ...domain.parts import Entry
from ...errors import InvalidParameter
from .part_editors import PartEditor
from .widgets import hint, number_spin, quiet

HOUR_ROWS, HOUR_COLUMNS = 4, 6  # 24 hours as four blocks of six: compact, and readable
OFFICE_HOURS = tuple(1.0 if 9 <= h < 17 else 0.0 for h in range(24))


def weight_spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, 1000)
    spin.setDecimals(2)
    spin.setKeyboardTracking(False)
    spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    # Seven across a narrow dock: narrower than the "1000.00" Qt would make room for.
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0.00") + 10)
    spin.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return spin


class HourTable(QTableWidget):
    """24 relative weights, one cell per hour, in four rows of six hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(HOUR_ROWS, HOUR_COLUMNS, parent)
        self.setHorizontalHeaderLabels([f"+{c}" for c in range(HOUR_COLUMNS)])
        self.setVerticalHeaderLabels([f"{r * HOUR_COLUMNS:02d}:00" for r in range(HOUR_ROWS)])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for hour in range(24):
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            item.setToolTip(f"{hour:02d}:00-{hour + 1:02d}:00")
            self.setItem(*divmod(hour, HOUR_COLUMNS), item)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        self.setFixedHeight(height + sum(self.rowHeight(r) for r in range(HOUR_ROWS)))

    def set_weights(self, weights: tuple[float, ...]) -> None:
        with quiet(self):
            for hour, weight in enumerate(weights):
                self.item(*divmod(hour, HOUR_COLUMNS)).setData(Qt.ItemDataRole.EditRole,
                                                               float(weight))

    def weights(self) -> tuple[float, ...]:
        """The 24 weights; raises InvalidParameter naming the hour of a cell that is not a
        number."""
        values = []
        for hour in range(24):
            data = self.item(*divmod(hour, HOUR_COLUMNS)).data(Qt.ItemDataRole.EditRole)
            try:
                values.append(float(data))
            except (TypeError, ValueError):
                raise InvalidParameter(
                    f"the weight for {hour:02d}:00 must be a number (got '{data}')") from None
        return tuple(values)


class EntryEditor(PartEditor):
    kind = "entry"

    def build(self) -> None:
        self.per_day = number_spin(maximum=1e6, decimals=2)
        self.per_day.setSuffix(" a day")
        self.per_day.setToolTip("Customers arriving on an average day")
        self.form.addRow("&Arrivals", self.per_day)
        self.weekdays = [weight_spin() for _ in WEEKDAYS]
        days = QWidget()
        grid = QGridLayout(days)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(3)
        for column, (day, spin) in enumerate(zip(WEEKDAYS, self.weekdays, strict=True)):
            label = QLabel(day)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(label, 0, column)
            grid.addWidget(spin, 1, column)
            spin.setToolTip(f"How busy {day} is compared with the other days")
            spin.valueChanged.connect(self._set_arrivals)
        self.add_section("Busier &days (relative weights)", days)
        self.hours = HourTable()
        self.hours.itemChanged.connect(self._set_arrivals)
        self.add_section("Busier &hours (relative weights, from midnight)", self.hours)
        presets = QHBoxLayout()
        for text, weights in (("All day", (1.0,) * 24), ("9 to 5", OFFICE_HOURS)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, w=weights: self._set_hours(w))
            presets.addWidget(button)
        presets.addStretch()
        self.form.addRow(presets)
        self.own_mix = QCheckBox("Its own mix of customer segments")
        self.own_mix.setToolTip("Unticked: the segments' shares from the Segments panel")
        self.mix = QTableWidget(0, 2)
        self.mix.setHorizontalHeaderLabels(["Segment", "Share"])
        self.mix.verticalHeader().hide()
        self.mix.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.no_segments = hint("No segments: everyone arrives as one kind of customer.")
        self.form.addRow(self.own_mix)
        self.form.addRow(self.mix)
        self.form.addRow(self.no_segments)
        self.per_day.valueChanged.connect(self._set_arrivals)
        self.own_mix.toggled.connect(self._toggle_mix)
        self.mix.itemChanged.connect(self._set_mix)

    def load_part(self, part: Entry) -> None:
        arrivals = part.arrivals
        with quiet(self.per_day, *self.weekdays, self.own_mix, self.mix):
            self.per_day.setValue(arrivals.per_day)
            for spin, weight in zip(self.weekdays, arrivals.by_weekday, strict=True):
                spin.setValue(weight)
            self.own_mix.setChecked(bool(part.segment_mix))
            self._load_mix(part)
        self.hours.set_weights(arrivals.by_hour)

    def _load_mix(self, part: Entry) -> None:
        segments = self.document.service_map.segments()
        names = [s.name for s in segments] + [n for n in part.segment_mix
                                              if not self.document.service_map.has_segment(n)]
        shares = dict(part.segment_mix) or {s.name: s.share for s in segments}
        self.mix.setRowCount(len(names))
        for row, name in enumerate(names):
            label = QTableWidgetItem(name)
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mix.setItem(row, 0, label)
            share = QTableWidgetItem()
            share.setData(Qt.ItemDataRole.EditRole, float(shares.get(name, 0.0)))
            self.mix.setItem(row, 1, share)
        self.mix.setEnabled(bool(part.segment_mix))
        self.form.setRowVisible(self.own_mix, bool(names))
        self.form.setRowVisible(self.mix, bool(names))
        self.form.setRowVisible(self.no_segments, not names)
        if names:
            self.mix.setFixedHeight(self.mix.horizontalHeader().sizeHint().height()
                                    + sum(self.mix.rowHeight(r) for r in range(len(names)))
                                    + 2 * self.mix.frameWidth())

    def _arrivals(self, by_hour: tuple[float, ...] | None = None) -> Arrivals:
        return Arrivals(per_day=self.per_day.value(),
                        by_weekday=tuple(s.value() for s in self.weekdays),
                        by_hour=by_hour if by_hour is not None else self.hours.weights())

    def _set_arrivals(self) -> None:
        old = self.node().arrivals
        try:
            new = self._arrivals()
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        if new.per_day != old.per_day and new.by_weekday == old.by_weekday \
                and new.by_hour == old.by_hour:
            text = f"Set arrivals at '{self.name}' to {new.per_day:g} a day"
        elif new.by_weekday != old.by_weekday and new.by_hour == old.by_hour:
            text = f"Change the busier days at '{self.name}'"
        else:
            text = f"Change the busier hours at '{self.name}'"
        self.update_part({"arrivals": new}, text)

    def _set_hours(self, weights: tuple[float, ...]) -> None:
        self.update_part({"arrivals": self._arrivals(by_hour=weights)},
                         f"Change the busier hours at '{self.name}'")

    def _toggle_mix(self, own: bool) -> None:
        segments = self.document.service_map.segments()
        mix = {s.name: s.share for s in segments} if own else {}
        text = (f"Give '{self.name}' its own segment mix" if own
                else f"Use the segments' shares at '{self.name}'")
        if not self.update_part({"segment_mix": mix}, text):
            self.load(self.name)  # nothing changed (no segments): show the model again

    def _set_mix(self) -> None:
        mix = {}
        for row in range(self.mix.rowCount()):
            name = self.mix.item(row, 0).text()
            value = self.mix.item(row, 1).data(Qt.ItemDataRole.EditRole)
            try:
                mix[name] = float(value)
            except (TypeError, ValueError):
                self.message.show_message(f"The share of '{name}' must be a number")
                return
        self.update_part({"segment_mix": mix}, f"Set segment mix of '{self.name}'")
