"""The distribution picker: choose a kind of distribution, type its parameters, see its shape.

Reusable wherever the map holds a duration (a step's work, a delay, a handoff's time in
transit, a segment's patience). The mean and the preview follow the typing; the value is
reported (``distributionChanged``) only when the user finishes a field, and never while a
parameter is invalid: the reason is shown under the fields instead.
"""

from __future__ import annotations

import re
from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from ...domain.distributions import (
    DISTRIBUTIONS,
    Distribution,
    Exponential,
    file_params,
    make_distribution,
    param_file_name,
)
from ...domain.units import MINUTES_PER, format_minutes
from ...errors import InvalidParameter
from .preview import DistributionPreview
from .widgets import MessageLabel, hint, quiet

MAX_PARAMS = 3
PARAM_LABELS = {
    "value": "time", "mean": "mean", "sd": "spread (sd)", "low": "shortest",
    "mode": "most likely", "high": "longest", "shape": "shape", "scale": "scale",
    "values": "observed times",
}
PARAM_TIPS = {
    "sd": "The standard deviation: about two in three times fall within this of the mean.",
    "shape": "Below 1: most times short, a few very long; 1: exponential; above 3: bell-like.",
    "scale": "About the 63rd percentile: 63% of times are shorter than this.",
    "values": "Times you have observed, separated by commas or spaces; each is equally likely.",
}


def param_names(kind: str) -> list[str]:
    """The parameters of a kind of distribution, as files and this editor name them."""
    return [param_file_name(f) for f in fields(DISTRIBUTIONS[kind]) if f.name != "unit"]


def suggested_params(kind: str, mean: float) -> dict[str, object]:
    """Parameters of ``kind`` with about the given mean (in the distribution's unit), so that
    switching kinds keeps the time roughly where it was."""
    m = float(f"{mean:.3g}") or 1.0

    def r(x: float) -> float:
        return float(f"{x:.3g}")

    return {
        "fixed": {"value": m}, "exponential": {"mean": m},
        "uniform": {"low": r(m / 2), "high": r(m * 1.5)},
        "triangular": {"low": r(m / 2), "mode": r(m * 0.8), "high": r(m * 1.7)},
        "normal": {"mean": m, "sd": r(m / 4)},
        "lognormal": {"mean": m, "sd": r(m / 2)}, "gamma": {"mean": m, "sd": r(m / 2)},
        "weibull": {"shape": 1.5, "scale": r(m * 1.1)},
        "empirical": {"values": [r(m / 2), m, r(m * 1.5)]},
    }[kind]


def _format(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_format(v) for v in value)
    return f"{value:.10g}" if isinstance(value, int | float) else str(value)


class DistributionPicker(QWidget):
    """Kind, parameters and unit of a duration; with ``optional`` the kind may be "none"."""

    distributionChanged = Signal(object)  # a Distribution, or None (optional pickers only)

    def __init__(self, optional: bool = False, none_text: str = "none",
                 default: Distribution | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self._default = default or Exponential(mean_value=10, unit="minutes")
        self._value: Distribution | None = None if optional else self._default
        self.kind_combo = QComboBox()
        if optional:
            self.kind_combo.addItem(none_text, None)
        for kind, cls in DISTRIBUTIONS.items():
            self.kind_combo.addItem(cls.label, kind)
        self.kind_combo.setToolTip("The kind of distribution: the shape of the times")
        self.unit_combo = QComboBox()
        self.unit_combo.addItems(list(MINUTES_PER))
        self.unit_combo.setToolTip("The unit the numbers are written in")
        self.param_labels = [QLabel() for _ in range(MAX_PARAMS)]
        self.param_edits = [QLineEdit() for _ in range(MAX_PARAMS)]
        self.mean_label = hint("")
        self.preview = DistributionPreview()
        self.message = MessageLabel()
        self._layout()
        self.kind_combo.activated.connect(self._kind_chosen)
        self.unit_combo.activated.connect(self._commit)
        for edit in self.param_edits:
            edit.textEdited.connect(self._show_typed)
            edit.editingFinished.connect(self._commit)
        self.set_distribution(self._value)

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.kind_combo, 0, 0, 1, 2)
        grid.addWidget(self.unit_combo, 0, 2)
        for row, (label, edit) in enumerate(zip(self.param_labels, self.param_edits,
                                                strict=True), start=1):
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1, 1, 2)
        grid.addWidget(self.mean_label, MAX_PARAMS + 1, 0, 1, 3)
        grid.addWidget(self.preview, MAX_PARAMS + 2, 0, 1, 3)
        grid.addWidget(self.message, MAX_PARAMS + 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    # -- the value -----------------------------------------------------------------------

    def distribution(self) -> Distribution | None:
        """The last valid distribution (what the model holds after a commit)."""
        return self._value

    def set_distribution(self, dist: Distribution | None) -> None:
        """Show ``dist`` (from the model); emits nothing."""
        if dist is None and not self.optional:
            dist = self._default
        self._value = dist
        with quiet(self.kind_combo, self.unit_combo, *self.param_edits):
            kind = dist.kind if dist is not None else None
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
            if dist is not None:
                self.unit_combo.setCurrentText(dist.unit)
                self._fill(file_params(dist))
        self.message.clear()
        self._show(dist)

    def _fill(self, params: dict[str, object]) -> None:
        names = list(params)
        for i, (label, edit) in enumerate(zip(self.param_labels, self.param_edits, strict=True)):
            used = i < len(names)
            label.setVisible(used)
            edit.setVisible(used)
            if used:
                label.setText(PARAM_LABELS.get(names[i], names[i]))
                edit.setToolTip(PARAM_TIPS.get(names[i], ""))
                edit.setText(_format(params[names[i]]))
                edit.setProperty("param", names[i])

    def _show(self, dist: Distribution | None) -> None:
        present = dist is not None
        for widget in (self.unit_combo, self.mean_label, self.preview):
            widget.setVisible(present)
        if not present:
            for label, edit in zip(self.param_labels, self.param_edits, strict=True):
                label.hide()
                edit.hide()
        self.mean_label.setText(self.describe_mean(dist) if present else "")
        self.preview.set_distribution(dist)

    @staticmethod
    def describe_mean(dist: Distribution) -> str:
        if dist.kind == "fixed":
            return f"always {format_minutes(dist.mean)}"
        return f"mean {format_minutes(dist.mean)}"

    # -- reading what the user typed -----------------------------------------------------

    def read(self) -> Distribution | None:
        """The distribution the fields describe; raises InvalidParameter if they do not."""
        kind = self.kind_combo.currentData()
        if kind is None:
            return None
        params: dict[str, object] = {}
        for name, label, edit in zip(param_names(kind), self.param_labels, self.param_edits,
                                     strict=False):
            text = edit.text().strip()
            if name == "values":
                words = [w for w in re.split(r"[,;\s]+", text) if w]
                params[name] = [self._number(w, "each observed time") for w in words]
            else:
                params[name] = self._number(text, f"the {label.text()}")
        return make_distribution(kind, self.unit_combo.currentText(), **params)

    @staticmethod
    def _number(text: str, what: str) -> float:
        try:
            return float(text)
        except ValueError:
            shown = f"'{text}'" if text else "nothing"
            raise InvalidParameter(f"{what} must be a number (you typed {shown})") from None

    def _show_typed(self) -> None:
        """As the user types: the mean and the shape follow, the model does not."""
        try:
            dist = self.read()
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self.message.clear()
        self._show(dist)

    def _commit(self) -> None:
        try:
            dist = self.read()
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self.message.clear()
        self._show(dist)
        if dist != self._value:
            self._value = dist
            self.distributionChanged.emit(dist)

    def _kind_chosen(self) -> None:
        kind = self.kind_combo.currentData()
        if kind is not None:
            base = self._value or self._default
            unit = base.unit
            with quiet(self.unit_combo):
                self.unit_combo.setCurrentText(unit)
            self._fill(suggested_params(kind, base.mean / MINUTES_PER[unit]))
        self._commit()
