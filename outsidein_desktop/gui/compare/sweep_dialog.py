"""Run ▸ Sweep…: what to vary (from the map's own teams, steps, entries, segments and
handoffs), over which range, optionally a second parameter, and the measure to chart.

The choices become an :class:`~outsidein_desktop.analysis.sweep_parameters.Parameter`
through the analysis layer's ``make_parameter``, which tries every value on a copy of the
map: a value the map refuses (0 staff, a segment that never chases) is a message here,
before anything runs.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...analysis.results import CUSTOMER_MEASURES
from ...analysis.sweep import DEFAULT_MEASURE
from ...analysis.sweep_parameters import (
    FIELDS,
    Parameter,
    SweepSpecError,
    make_parameter,
    read_values,
    sweepable_names,
)
from ...domain.service_map import ServiceMap
from ...domain.units import MINUTES_PER
from ...errors import OutsideInError
from ...report.comparison_text import measure_label
from ...report.timescale import unit_for
from ..inspector.widgets import MessageLabel, hint
from .cluster_settings import RunPlace

#: The kinds of part, as the user reads them.
KIND_WORDS = {"team": "Team", "step": "Step", "delay": "Delay", "entry": "Entry",
              "segment": "Segment", "handoff": "Handoff"}
TIME_UNITS = ("minutes", "hours", "days", "weeks")
ARROW = " \N{RIGHTWARDS ARROW} "


def current_value(service_map: ServiceMap, kind: str, name: str, field: str) -> float | None:
    """The map's value of the field now, in the engine's units (minutes for times), or None
    where it has none (a segment that never chases)."""
    try:
        if kind == "team":
            return float(service_map.team(name).staff)
        if kind == "segment":
            segment = service_map.segment(name)
            if field == "chase_after":
                return segment.chase.after.minutes if segment.chase else None
            return segment.patience.mean if segment.patience else None
        if kind == "handoff":
            source, _, target = name.partition("->")
            handoff = service_map.handoff(source, target)
            if field == "info_travels":
                return float(handoff.info_travels)
            return handoff.delay.mean if handoff.delay else None
        node = service_map.node(name)
        return float(node.arrivals.per_day) if kind == "entry" else float(node.duration.mean)
    except (AttributeError, KeyError, OutsideInError, TypeError, ValueError):
        return None


def default_range(value: float | None, unit: str) -> tuple[float, float, float]:
    """(from, to, step) around the value now, in ``unit``; sensible ones if there is none."""
    if unit == "staff":
        now = int(value or 2)
        return 1.0, float(max(now * 2, now + 3)), 1.0
    if unit == "share":
        return 0.0, 1.0, 0.25
    if value is None or not value > 0 or not math.isfinite(value):
        return 1.0, 10.0, 1.0
    step = 10 ** math.floor(math.log10(value / 2))  # five or so points either side
    low = max(step, math.floor(value / 2 / step) * step)
    return low, math.ceil(value * 1.5 / step) * step, step


class ParameterPicker(QGroupBox):
    """One parameter: the kind of field, the part, from, to and step (and the unit of a
    time)."""

    def __init__(self, title: str, service_map: ServiceMap,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.service_map = service_map
        self.field = QComboBox()
        for kind, fields in FIELDS.items():
            for field, info in fields.items():
                if sweepable_names(service_map, kind):
                    self.field.addItem(f"{KIND_WORDS.get(kind, kind)} {info.words}",
                                       f"{kind}.{field}")
                    self.field.setItemData(self.field.count() - 1, info.help[:1].upper()
                                           + info.help[1:], Qt.ItemDataRole.ToolTipRole)
        self.part = QComboBox()
        self.low, self.high, self.step = (self._spin() for _ in range(3))
        self.unit = QComboBox()
        self.unit_label = QLabel()
        self.field.currentIndexChanged.connect(self._field_changed)
        self.part.currentIndexChanged.connect(self._part_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("&Vary"), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.field)
        grid.addWidget(self.field, 0, 1, 1, 3)
        grid.addWidget(QLabel("&Of"), 1, 0)
        grid.itemAtPosition(1, 0).widget().setBuddy(self.part)
        grid.addWidget(self.part, 1, 1, 1, 3)
        row = QHBoxLayout()
        for text, spin in (("From", self.low), ("to", self.high), ("step", self.step)):
            row.addWidget(QLabel(text))
            row.addWidget(spin, 1)
        row.addWidget(self.unit)
        row.addWidget(self.unit_label)
        grid.addLayout(row, 2, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        self._field_changed()

    @staticmethod
    def _spin() -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0, 1e7)
        spin.setDecimals(2)
        return spin

    def kind_field(self) -> tuple[str, str]:
        kind, _, field = str(self.field.currentData() or "team.staff").partition(".")
        return kind, field

    def _field_changed(self) -> None:
        kind, field = self.kind_field()
        self.part.blockSignals(True)
        self.part.clear()
        for name in sweepable_names(self.service_map, kind):
            self.part.addItem(name.replace("->", ARROW), name)
        self.part.blockSignals(False)
        self.field.setToolTip(self.field.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        self._part_changed()

    def _part_changed(self) -> None:
        kind, field = self.kind_field()
        info = FIELDS[kind][field]
        value = current_value(self.service_map, kind, self.part.currentData() or "", field)
        self.unit.blockSignals(True)
        self.unit.clear()
        if info.timed:
            self.unit.addItems(TIME_UNITS)
            unit = unit_for(value).name if value else info.unit
            self.unit.setCurrentText(unit)
        self.unit.blockSignals(False)
        self.unit.setVisible(info.timed)
        self.unit_label.setVisible(not info.timed)
        self.unit_label.setText({"a day": "a day", "share": "(0 to 1)"}.get(info.unit,
                                                                             info.unit))
        whole = info.unit == "staff"
        for spin in (self.low, self.high, self.step):
            spin.setDecimals(0 if whole else 2)
        self._set_range(value)

    def _unit_changed(self) -> None:
        kind, field = self.kind_field()
        self._set_range(current_value(self.service_map, kind, self.part.currentData() or "",
                                      field))

    def unit_name(self) -> str:
        kind, field = self.kind_field()
        info = FIELDS[kind][field]
        return self.unit.currentText() if info.timed else info.unit

    def _set_range(self, value: float | None) -> None:
        kind, field = self.kind_field()
        unit = self.unit_name()
        if value is not None and FIELDS[kind][field].timed:
            value = value / MINUTES_PER[unit]
        low, high, step = default_range(value, unit)
        self.low.setValue(low)
        self.high.setValue(high)
        self.step.setValue(step)
        now = "" if value is None else f" The map has {value:g} now."
        self.setToolTip(f"The values from {low:g} to {high:g} in steps of {step:g}.{now}")

    def set_values(self, low: float, high: float, step: float) -> None:
        self.low.setValue(low)
        self.high.setValue(high)
        self.step.setValue(step)

    def choose(self, kind: str, field: str, name: str) -> None:
        """Pick the field and the part (for tests and for starting off)."""
        self.field.setCurrentIndex(self.field.findData(f"{kind}.{field}"))
        self.part.setCurrentIndex(self.part.findData(name))

    def parameter(self) -> Parameter:
        """The parameter chosen, checked on the map; raises SweepSpecError saying why not."""
        kind, field = self.kind_field()
        name = self.part.currentData()
        if not name:
            raise SweepSpecError(f"Choose which {kind} to vary: the map has none.")
        info, unit = FIELDS[kind][field], self.unit_name()
        text = f"{self.low.value():g}..{self.high.value():g}/{self.step.value():g}"
        values, _ = read_values(text, timed=info.timed, default_unit=unit)
        spec = f"{kind}:{name}.{field}={text}{unit if info.timed else ''}"
        return make_parameter(self.service_map, kind, name, field, values,
                              unit if info.timed else None, text=spec)


class SweepDialog(QDialog):
    """Choose one or two parameters and the measure; ``parameters()`` and ``measure()``
    after OK (OK is refused, with the reason shown, while the choice does not fit)."""

    def __init__(self, service_map: ServiceMap, place: RunPlace,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service_map = service_map
        self.chosen: list[Parameter] = []
        self.setWindowTitle("Sweep")
        self.first = ParameterPicker("What to vary", service_map)
        self.use_second = QCheckBox("Also vary a &second parameter (every pair is run)")
        self.second = ParameterPicker("Second parameter", service_map)
        self.second.setVisible(False)
        self.use_second.toggled.connect(self.second.setVisible)
        self.use_second.toggled.connect(lambda *_: self.adjustSize())
        self.measure_box = QComboBox()
        for key in CUSTOMER_MEASURES:
            self.measure_box.addItem(measure_label(key), key)
        self.measure_box.setCurrentIndex(self.measure_box.findData(DEFAULT_MEASURE))
        measure_row = QHBoxLayout()
        measure_row.addWidget(QLabel("&Chart"))
        measure_row.itemAt(0).widget().setBuddy(self.measure_box)
        measure_row.addWidget(self.measure_box, 1)
        self.message = MessageLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Sweep")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        run = service_map.run
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Each value is simulated with the same settings and seed "
                              f"({run.replications} replications of {run.days:g} days, "
                              f"{place.describe()}), so the curve's shape is the parameter's "
                              "doing. The chart marks the knee: where more stops paying."))
        layout.addWidget(self.first)
        layout.addWidget(self.use_second)
        layout.addWidget(self.second)
        layout.addLayout(measure_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def parameters(self) -> list[Parameter]:
        """The parameters chosen; raises SweepSpecError (or another OutsideInError)."""
        chosen = [self.first.parameter()]
        if self.use_second.isChecked():
            chosen.append(self.second.parameter())
            if chosen[0].target == chosen[1].target:
                raise SweepSpecError("Both parameters vary the same thing; choose another "
                                     "second parameter, or untick it.")
        return chosen

    def measure(self) -> str:
        return str(self.measure_box.currentData())

    def accept(self) -> None:
        try:
            self.chosen = self.parameters()
        except OutsideInError as error:
            self.message.show_message(str(error))
            return
        self.message.clear()
        super().accept()
