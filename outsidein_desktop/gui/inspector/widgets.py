"""Small widgets the editors share: inline messages, notes, percentages, lengths of time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...domain.units import MINUTES_PER, Duration

RED = QColor("#b3261e")
GREEN = QColor("#1e7b34")
MAX_COUNT = 100_000


@contextmanager
def quiet(*widgets: QWidget) -> Iterator[None]:
    """Block the widgets' signals while the model's values are loaded into them."""
    before = [w.blockSignals(True) for w in widgets]
    try:
        yield
    finally:
        for widget, was in zip(widgets, before, strict=True):
            widget.blockSignals(was)


def set_text_colour(label: QLabel, colour: QColor | None) -> None:
    """Colour a label's text (None: back to the normal colour)."""
    label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names are the user's text
    label.setWordWrap(True)
    return label


def hint(text: str) -> QLabel:
    """A short explanation in a smaller, quieter font."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class MessageLabel(QLabel):
    """A sentence in red under a field, saying why an input was refused; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        set_text_colour(self, RED)
        self.hide()

    def show_message(self, text: str) -> None:
        text = text[:1].upper() + text[1:] if text else text
        if text and not text.endswith((".", "?", "!")):
            text += "."
        self.setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:  # noqa: D102 - QLabel.clear, and hide
        super().clear()
        self.hide()


class NotesEdit(QPlainTextEdit):
    """Free text that is committed when the user leaves the field (not per keystroke)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self._loaded = ""

    def set_text(self, text: str) -> None:
        """Load the model's text (no signal)."""
        self._loaded = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        if self.toPlainText() != self._loaded:
            self._loaded = self.toPlainText()
            self.editingFinished.emit()


def percent_spin(parent: QWidget | None = None) -> QDoubleSpinBox:
    """A 0-100 % box that reports a value only when the user has finished typing."""
    spin = QDoubleSpinBox(parent)
    spin.setRange(0, 100)
    spin.setDecimals(1)
    spin.setSuffix(" %")
    spin.setSingleStep(5)
    spin.setKeyboardTracking(False)
    spin.setAccelerated(True)
    return spin


def count_spin(minimum: int = 0, maximum: int = MAX_COUNT,
               parent: QWidget | None = None) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(minimum, maximum)
    spin.setKeyboardTracking(False)
    spin.setAccelerated(True)
    return spin


def number_spin(maximum: float = 1e7, decimals: int = 2,
                parent: QWidget | None = None) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setRange(0, maximum)
    spin.setDecimals(decimals)
    spin.setKeyboardTracking(False)
    spin.setAccelerated(True)
    return spin


class DurationEdit(QWidget):
    """A plain length of time: a number and a unit ("6 weeks")."""

    changed = Signal()  # the user finished changing the number or the unit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value_spin = number_spin(maximum=1e6)
        self.unit_combo = QComboBox()
        self.unit_combo.addItems(list(MINUTES_PER))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.value_spin, 1)
        layout.addWidget(self.unit_combo)
        self.value_spin.valueChanged.connect(self.changed)
        self.unit_combo.activated.connect(self.changed)

    def set_duration(self, duration: Duration | None) -> None:
        duration = duration or Duration(1, "days")
        with quiet(self.value_spin, self.unit_combo):
            self.value_spin.setValue(duration.value)
            self.unit_combo.setCurrentText(duration.unit)

    def duration(self) -> Duration:
        """The length shown; raises InvalidParameter if it is not a length of time."""
        return Duration(self.value_spin.value(), self.unit_combo.currentText())
