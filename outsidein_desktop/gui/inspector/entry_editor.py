"""The entry editor: how many customers come in, on which days and hours, who comes at
booked times, and who they are."""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
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

from ...domain.calendar import (
    WEEKDAYS,
    Arrivals,
    ScheduledArrivals,
    format_days,
    format_time_of_day,
    parse_days,
    parse_time_of_day,
)
from ...domain.parts import Entry
from ...errors import InvalidParameter
from .part_editors import PartEditor
from .widgets import hint, number_spin, quiet

HOUR_ROWS, HOUR_COLUMNS = 4, 6  # 24 hours as four blocks of six: compact, and readable
OFFICE_HOURS = tuple(1.0 if 9 <= h < 17 else 0.0 for h in range(24))
DAYS, TIME, PEOPLE = range(3)
DAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
             "Sundays")
WORKING_WEEK, WEEKEND = frozenset(range(5)), frozenset({5, 6})


def _people(expected: float) -> str:
    """Expected arrivals in a day: whole people from 10 up, one decimal below."""
    expected = round(expected, 6)  # 12.5 summed from 24 hours is 12.4999...
    if expected <= 1e-9:
        return "none"
    if expected >= 9.95:
        return f"{math.floor(expected + 0.5):,}"  # half up: 52.5 is 53, as people round
    return f"{expected:.1f}" if expected >= 0.05 else "fewer than 0.1"


def weekday_hint(arrivals: Arrivals) -> str:
    """What the average day means day by day, from the domain's :meth:`Arrivals.per_weekday`:
    "An average over all 7 days: about 301 each weekday, none at weekends."

    Days expecting the same (as written) go together: every day, each weekday, at weekends,
    "on Tuesdays"; the largest set of three or more days left over is "other weekdays" (or
    "other days").
    """
    texts = [_people(float(x)) for x in arrivals.per_weekday()]
    groups: dict[str, list[int]] = {}
    for day, text in enumerate(texts):
        groups.setdefault(text, []).append(day)
    named = {frozenset(range(7)), WORKING_WEEK, WEEKEND}
    sizes = sorted((len(days) for days in groups.values()), reverse=True)
    other = next((frozenset(days) for days in groups.values()
                  if len(days) >= 3 and len(days) == sizes[0] and sizes[1:2] != sizes[:1]
                  and frozenset(days) not in named), None) if len(groups) > 1 else None
    weekend_alone = any(set(days) <= WEEKEND for days in groups.values())
    if other is not None and not other <= WORKING_WEEK and weekend_alone:
        other = None  # "other days" must come last: name the days instead

    def where(days: frozenset[int]) -> str:
        if days == frozenset(range(7)):
            return "every day"
        if days == WORKING_WEEK:
            return "each weekday"
        if days == WEEKEND:
            return "at weekends"
        if days == other:
            return "on other weekdays" if days <= WORKING_WEEK else "on other days"
        if len(days) <= 2:
            return "on " + " and ".join(DAY_NAMES[day] for day in sorted(days))
        return f"on {format_days(tuple(sorted(days)))}"

    order = sorted(groups.items(), key=lambda group: (set(group[1]) <= WEEKEND,
                                                      frozenset(group[1]) == other,
                                                      group[1][0]))
    if all(text == "none" for text in texts):
        said = "no one comes in on any day"
    else:
        phrases = [f"{text} {where(frozenset(days))}" for text, days in order]
        first = next(i for i, (text, _) in enumerate(order) if text != "none")
        phrases[first] = f"about {phrases[first]}"
        said = ", ".join(phrases)
    if arrivals.schedule:
        return f"An average over all 7 days. With the booked arrivals: {said}."
    return f"An average over all 7 days: {said}."


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


class BookedTable(QTableWidget):
    """The booked arrivals, one row each: days and time as text ("Mon-Fri", "09:30"),
    people as a whole number. Reading the cells back is the editor's job."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Days", "Time", "People"])
        for column, tip in ((DAYS, "Days like 'Tue', 'Mon-Fri' or 'Sat,Sun'"),
                            (TIME, "The time they arrive, like '09:30'"),
                            (PEOPLE, "How many people arrive together at that time")):
            self.horizontalHeaderItem(column).setToolTip(tip)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # As wide as its columns, not the dock: three short columns spread over the whole
        # width left the people far from their days.
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab moves on through the form, not cell by cell
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802 - Qt's name
        # Contents or titles alone leave "Mon-Fri" and "People" touching the grid lines.
        widest = max(super().sizeHintForColumn(column),
                     self.horizontalHeader().sectionSizeHint(column))
        return widest + self.fontMetrics().horizontalAdvance("00")

    def set_schedule(self, schedule: tuple[ScheduledArrivals, ...]) -> None:
        with quiet(self):
            self.setRowCount(len(schedule))
            for row, booked in enumerate(schedule):
                # The cells are updated in place, not replaced: this runs inside the
                # itemChanged of the very cell that was edited.
                for column, value in ((DAYS, format_days(booked.days)),
                                      (TIME, format_time_of_day(booked.at)),
                                      (PEOPLE, booked.count)):
                    item = self.item(row, column)
                    if item is None:
                        item = QTableWidgetItem()
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter
                                              if column == PEOPLE
                                              else Qt.AlignmentFlag.AlignCenter)
                        self.setItem(row, column, item)
                    item.setData(Qt.ItemDataRole.EditRole, value)
        self.setFixedHeight(self.horizontalHeader().sizeHint().height()
                            + sum(self.rowHeight(r) for r in range(len(schedule)))
                            + 2 * self.frameWidth())


class EntryEditor(PartEditor):
    kind = "entry"

    def build(self) -> None:
        self.per_day = number_spin(maximum=1e6, decimals=2)
        self.per_day.setSuffix(" a day")
        self.per_day.setToolTip("Customers arriving on an average day")
        self.form.addRow("&Arrivals", self.per_day)
        # A team may type its weekday figure where the average over the week is wanted:
        # say what the average means on each day.
        self.per_day_hint = hint("")
        self.form.addRow(self.per_day_hint)
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
        self.booked = BookedTable()
        booked_label = QLabel("&Booked arrivals")
        booked_label.setBuddy(self.booked)
        self.form.addRow(booked_label)
        self.form.addRow(hint("People who come at set times every week, on top of those "
                              "arriving at random: a clinic list, the post opened at nine."))
        self.form.addRow(self.booked)
        self.add_booked_button = QPushButton("Add")
        self.add_booked_button.setToolTip("Add people who arrive at a set time each week")
        self.remove_booked_button = QPushButton("Remove")
        self.remove_booked_button.setToolTip("Remove the selected row of booked arrivals")
        booked_buttons = QHBoxLayout()
        booked_buttons.addWidget(self.add_booked_button)
        booked_buttons.addWidget(self.remove_booked_button)
        booked_buttons.addStretch()
        self.form.addRow(booked_buttons)
        self.booked.itemChanged.connect(self._edit_booked)
        self.booked.itemSelectionChanged.connect(self._enable_remove)
        self.add_booked_button.clicked.connect(self._add_booked)
        self.remove_booked_button.clicked.connect(self._remove_booked)
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
        self._load_booked(arrivals.schedule)
        self.per_day_hint.setText(weekday_hint(arrivals))

    def _load_booked(self, schedule: tuple[ScheduledArrivals, ...]) -> None:
        self.booked.set_schedule(schedule)
        # An empty table is only a header: the hint and the Add button say enough.
        self.form.setRowVisible(self.booked, bool(schedule))
        self._enable_remove()

    def _enable_remove(self) -> None:
        self.remove_booked_button.setEnabled(bool(self.booked.selectedItems()))

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
        # replace, not a new Arrivals: the booked arrivals are not in these fields and
        # must survive an edit of the random ones.
        return dataclasses.replace(
            self.node().arrivals, per_day=self.per_day.value(),
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

    def _set_schedule(self, schedule: tuple[ScheduledArrivals, ...], text: str) -> bool:
        arrivals = dataclasses.replace(self.node().arrivals, schedule=schedule)
        return self.update_part({"arrivals": arrivals}, text)

    def _edit_booked(self, item: QTableWidgetItem) -> None:
        schedule = self.node().arrivals.schedule
        row, column = item.row(), item.column()
        if not 0 <= row < len(schedule):
            return
        value = item.data(Qt.ItemDataRole.EditRole)
        text = "" if value is None else str(value)
        try:
            if column == DAYS:
                new = dataclasses.replace(schedule[row], days=parse_days(text))
            elif column == TIME:
                new = dataclasses.replace(schedule[row], at=parse_time_of_day(text))
            else:
                new = dataclasses.replace(schedule[row], count=_number(value))
        except InvalidParameter as error:
            self.message.show_message(str(error))
            self._load_booked(schedule)  # the cell shows the model's value again
            return
        if new == schedule[row]:
            self.message.clear()
            self._load_booked(schedule)  # "mon-fri" reads back as "Mon-Fri"
            return
        self._set_schedule(schedule[:row] + (new,) + schedule[row + 1:],
                           f"Set booked arrivals at '{self.name}' to {new.describe()}")

    def _add_booked(self) -> None:
        schedule = self.node().arrivals.schedule
        if self._set_schedule((*schedule, ScheduledArrivals()),
                              f"Add booked arrivals at '{self.name}'"):
            self.booked.selectRow(len(schedule))

    def _remove_booked(self) -> None:
        schedule = self.node().arrivals.schedule
        row = self.booked.currentRow()
        if not 0 <= row < len(schedule) or not self.booked.selectedItems():
            return
        self._set_schedule(schedule[:row] + schedule[row + 1:],
                           f"Remove booked arrivals at '{self.name}' "
                           f"({schedule[row].describe()})")

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


def _number(value: object) -> object:
    """A cell's people as a number when it holds one as text (pasted, or set by code);
    anything else goes to the domain as it is, to be refused with its own words."""
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value
