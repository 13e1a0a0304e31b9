"""The headline cards: the customer's view of a run in eight figures, each with its 95%
confidence interval in small print and a plain-English reading underneath."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...analysis.results import Results
from .format import HEADLINES, Measure, pick_readings

CARD_STYLE = """
QFrame#card { background: white; border: 1px solid #D5DAE1; border-radius: 6px;
              border-left: 4px solid #1F4E79; }
QLabel#cardTitle { color: #4B5563; }
QLabel#cardValue { color: #111827; }
QLabel#cardInterval { color: #6B7280; }
QLabel#cardReading { color: #1F2937; }
"""


def _label(name: str, scale: float, *, bold: bool = False, wrap: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class HeadlineCard(QFrame):
    """One measure: title, big figure, CI, reading."""

    def __init__(self, measure: Measure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = measure
        self.setObjectName("card")
        self.title = _label("cardTitle", 0.95, bold=True)
        self.title.setText(measure.title)
        self.value = _label("cardValue", 1.9, bold=True)
        self.interval = _label("cardInterval", 0.85)
        self.reading = _label("cardReading", 0.92, wrap=True)
        self.reading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.interval)
        layout.addSpacing(3)
        layout.addWidget(self.reading)
        layout.addStretch(1)
        self.text = ""  # the figure as plain text, unit and all

    def show_results(self, results: Results, reading: str) -> None:
        estimate = results.customer.get(self.measure.key)
        if estimate is None:
            self.text = "n/a"
            self.value.setText(self.text)
            self.interval.setText("")
        else:
            self.text = self.measure.value(estimate)
            self.interval.setText(self.measure.interval(estimate))
            number = self.measure.number(estimate)
            if self.text != number:  # the unit after a count, smaller
                self.value.setTextFormat(Qt.TextFormat.RichText)
                self.value.setText(f"{html.escape(number)}<span style='font-size: small; "
                                   f"font-weight: normal;'>&nbsp;"
                                   f"{html.escape(self.text[len(number) + 1:])}</span>")
            else:
                self.value.setTextFormat(Qt.TextFormat.PlainText)
                self.value.setText(self.text)
        self.reading.setText(reading)
        self.reading.setVisible(bool(reading))
        self.setToolTip(f"{self.measure.title}: {self.text} "
                        f"({self.interval.text() or 'no interval'})")


class HeadlineCards(QWidget):
    """The eight cards in a grid, ``columns`` wide."""

    def __init__(self, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.cards = {m.key: HeadlineCard(m) for m in HEADLINES}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // columns, i % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)

    def show_results(self, results: Results, readings: dict[str, str]) -> None:
        chosen = pick_readings(readings)
        for key, card in self.cards.items():
            card.show_results(results, chosen.get(key, ""))

    def values(self) -> dict[str, str]:
        """Each card's figure as shown (for tests and copying)."""
        return {key: card.text for key, card in self.cards.items()}

    def intervals(self) -> dict[str, str]:
        return {key: card.interval.text() for key, card in self.cards.items()}
