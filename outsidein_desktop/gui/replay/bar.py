"""The replay's tool bar: play, pause, step, speed, jump to a date, which replication, whom
to follow, and close. It only holds the controls; the session (session.py) wires them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QProgressBar,
    QSpinBox,
    QStyle,
    QToolBar,
    QWidget,
)

from .clock import DEFAULT_SPEED, SPEEDS

SP = QStyle.StandardPixmap


def to_qt(when: dt.datetime) -> QDateTime:
    return QDateTime(QDate(when.year, when.month, when.day),
                     QTime(when.hour, when.minute, when.second))


def from_qt(when: QDateTime) -> dt.datetime:
    date, time = when.date(), when.time()
    return dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(),
                       time.second())


class ReplayBar(QToolBar):
    """The controls of a replay, in a tool bar that cannot be hidden apart from the replay
    (Close ends the replay and removes the bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Replay", parent)
        self.setObjectName("replayToolBar")
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()

        def action(text: str, icon: SP, tip: str) -> QAction:
            made = QAction(style.standardIcon(icon), text, self)
            made.setToolTip(tip)
            made.setStatusTip(tip)
            return made

        self.title = QLabel("<b>Replay</b>")
        self.addWidget(self.title)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy, with no end known
        self.busy.setMaximumWidth(120)
        self.busy_label = QLabel("Preparing the replay\N{HORIZONTAL ELLIPSIS}")
        self.busy_actions = [self.addWidget(self.busy), self.addWidget(self.busy_label)]
        self.back = action("Back", SP.SP_MediaSkipBackward,
                           "Step back (by a second of play at this speed)")
        self.play = action("Play", SP.SP_MediaPlay, "Play the run on the map")
        self.forward = action("Forward", SP.SP_MediaSkipForward,
                              "Step forward (by a second of play at this speed)")
        self.addActions([self.back, self.play, self.forward])
        self.speed = QComboBox()
        self.speed.setToolTip("How much simulated time passes in a second")
        for label, minutes in SPEEDS:
            self.speed.addItem(label, minutes)
        self.speed.setCurrentIndex(DEFAULT_SPEED)
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("ddd d MMM yyyy HH:mm")
        self.when.setToolTip("The simulated date and time shown; change it to jump there")
        self.day = QLabel()
        self.replication = QComboBox()
        self.replication.setToolTip("Which replication of the run to replay")
        self.follow = QSpinBox()  # customers are counted from 1; 0 is nobody
        self.follow.setRange(0, 0)
        self.follow.setSpecialValueText("nobody")
        self.follow.setToolTip("Follow one customer (by number, counted from 1 in order of "
                               "arrival): they are drawn in magenta")
        self.controls = [self.addWidget(w) for w in (
            self.speed, self.when, self.day, QLabel(" Replication "), self.replication,
            QLabel(" Follow customer "), self.follow)]
        self.controls += [self.back, self.play, self.forward]
        self.addSeparator()
        self.close_action = action("Close Replay", SP.SP_DialogCloseButton,
                                   "End the replay and take it off the map")
        self.addAction(self.close_action)
        self.set_busy(True)

    def set_busy(self, busy: bool) -> None:
        """While the replay is prepared: a busy bar instead of the controls."""
        for made in self.busy_actions:
            made.setVisible(busy)
        for made in self.controls:
            made.setEnabled(not busy)

    def set_playing(self, playing: bool) -> None:
        icon = SP.SP_MediaPause if playing else SP.SP_MediaPlay
        self.play.setIcon(self.style().standardIcon(icon))
        self.play.setText("Pause" if playing else "Play")

    def show_moment(self, when: dt.datetime, day_text: str) -> None:
        """Show the clock without it counting as the user's jump."""
        if not self.when.hasFocus():  # never overwrite what the user is typing
            self.when.blockSignals(True)
            self.when.setDateTime(to_qt(when))
            self.when.blockSignals(False)
        self.day.setText(f" {day_text} ")
