"""The labels the result panels (Results, Compare, Sweep) are made of, and the page they
stand on, so that the three read alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def heading_label(text: str, scale: float = 1.15) -> QLabel:
    """Bold, ``scale`` times the usual size."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def small_label(text: str = "", colour: str = "#4B5563") -> QLabel:
    """Quiet, wrapped, selectable plain text."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {colour};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def title_label() -> QLabel:
    """A panel's title: large, and plain text because it holds the user's map title."""
    label = heading_label("", 1.35)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def empty_label(text: str) -> QLabel:
    """What a panel says before there is anything to show."""
    label = small_label(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def titled_page(*top: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """A page with the panels' margins and the ``top`` widgets (title, what was run, …)
    first; the caller adds the rest to the layout."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.setSpacing(4)
    for widget in top:
        layout.addWidget(widget)
    return page, layout
