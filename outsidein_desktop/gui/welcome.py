"""The welcome page shown when no map is open: start a new map, open one, or try an example."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .examples import Example
from .recent_files import RecentFiles

PAGE_WIDTH = 760


def _font(widget: QWidget, scale: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class WelcomePage(QScrollArea):
    """Buttons for New and Open, the example journeys and the recent maps."""

    newRequested = Signal()
    openRequested = Signal()
    exampleChosen = Signal(Path)
    recentChosen = Signal(Path)

    def __init__(self, examples: list[Example], recent: RecentFiles,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recent = recent
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.example_buttons: list[QCommandLinkButton] = []
        self.recent_buttons: list[QPushButton] = []
        page = QWidget()
        page.setObjectName("welcome")
        column = QWidget()
        column.setMaximumWidth(PAGE_WIDTH)
        self.column_layout = QVBoxLayout(column)
        self.column_layout.setSpacing(10)
        outer = QHBoxLayout(page)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        self.setWidget(page)

        title = QLabel("OutsideIn")
        title.setFont(_font(title, 2.2, bold=True))
        tagline = QLabel("See a service from the outside in: draw the journey a person goes "
                         "through, simulate it, and try a redesign before you spend money.")
        tagline.setWordWrap(True)
        tagline.setFont(_font(tagline, 1.1))
        self.new_button = QPushButton("New map")
        self.open_button = QPushButton("Open a map\N{HORIZONTAL ELLIPSIS}")
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.setMinimumWidth(150)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button.clicked.connect(self.openRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch()

        self.column_layout.addSpacing(24)
        self.column_layout.addWidget(title)
        self.column_layout.addWidget(tagline)
        self.column_layout.addSpacing(8)
        self.column_layout.addLayout(buttons)
        self.column_layout.addSpacing(16)
        self.column_layout.addWidget(self._section("Example journeys"))
        if not examples:
            self.column_layout.addWidget(QLabel("No example maps were found."))
        for example in examples:
            button = QCommandLinkButton(example.title, example.summary)
            button.setToolTip(str(example.path))
            button.clicked.connect(lambda _=False, p=example.path: self.exampleChosen.emit(p))
            self.example_buttons.append(button)
            self.column_layout.addWidget(button)
        self.column_layout.addSpacing(16)
        self.recent_heading = self._section("Recent maps")
        self.column_layout.addWidget(self.recent_heading)
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(2)
        self.column_layout.addLayout(self.recent_box)
        self.column_layout.addStretch()
        recent.changed.connect(self.show_recent)
        self.show_recent()

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setFont(_font(label, 1.25, bold=True))
        return label

    def show_recent(self) -> None:
        for button in self.recent_buttons:
            self.recent_box.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        paths = self.recent.paths()
        self.recent_heading.setVisible(bool(paths))
        for path in paths:
            button = QPushButton(f"{path.name}   \N{EM DASH}   {path.parent}")
            button.setFlat(True)
            button.setStyleSheet("text-align: left; padding: 3px 6px;")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(str(path))
            button.clicked.connect(lambda _=False, p=path: self.recentChosen.emit(p))
            self.recent_buttons.append(button)
            self.recent_box.addWidget(button)
