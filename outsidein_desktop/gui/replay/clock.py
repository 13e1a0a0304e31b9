"""The replay's clock: simulated time moving at a chosen speed, driven by a QTimer.

Each tick moves the clock by the real time that has passed (not by the timer's interval),
so the speed holds even when a frame is late. Speeds run from one simulated minute to
one week per second of real time.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

FRAME_MS = 40  # 25 frames a second
#: (label, simulated minutes per real second)
SPEEDS: tuple[tuple[str, float], ...] = (
    ("1 minute a second", 1.0),
    ("10 minutes a second", 10.0),
    ("1 hour a second", 60.0),
    ("6 hours a second", 360.0),
    ("1 day a second", 1440.0),
    ("1 week a second", 10080.0),
)
DEFAULT_SPEED = 4  # a day a second: a year-long run plays in six minutes


def moment(start: dt.date, minute: float) -> dt.datetime:
    """The date and time of ``minute`` (minutes from midnight at the start of the run)."""
    return dt.datetime.combine(start, dt.time()) + dt.timedelta(minutes=float(minute))


def clock_text(start: dt.date, minute: float) -> str:
    """"Tue 14 Apr 2026, 09:30": the weekday, date and time of ``minute``."""
    when = moment(start, minute)
    return f"{when:%a} {when.day} {when:%b %Y, %H:%M}"


def minute_of(start: dt.date, when: dt.datetime) -> float:
    """The run's minute at ``when`` (the inverse of :func:`moment`)."""
    return (when - dt.datetime.combine(start, dt.time())).total_seconds() / 60.0


class ReplayClock(QObject):
    """Where the replay is (``minute``), whether it plays, and how fast.

    Signals: ``moved(float)`` whenever the minute shown changes; ``playingChanged(bool)``;
    ``reachedEnd()`` when playing stops at the end of the run."""

    moved = Signal(float)
    playingChanged = Signal(bool)
    reachedEnd = Signal()

    def __init__(self, end_minute: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.end = float(end_minute)
        self.minute = 0.0
        self.speed = SPEEDS[DEFAULT_SPEED][1]
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def step_minutes(self) -> float:
        """One step: what a second of play covers at this speed."""
        return self.speed

    def set_speed(self, minutes_per_second: float) -> None:
        self.speed = max(float(minutes_per_second), 1e-6)

    def play(self) -> None:
        if self.playing:
            return
        if self.minute >= self.end:  # play again from the start
            self.seek(0.0)
        self._elapsed.start()
        self._timer.start()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self._timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, steps: int) -> None:
        """Pause and move ``steps`` steps (negative: back)."""
        self.pause()
        self.seek(self.minute + steps * self.step_minutes)

    def seek(self, minute: float) -> None:
        """Show ``minute`` (clamped to the run)."""
        self.minute = min(max(float(minute), 0.0), self.end)
        self.moved.emit(self.minute)

    def _tick(self) -> None:
        seconds = self._elapsed.restart() / 1000.0
        self.seek(self.minute + self.speed * seconds)
        if self.minute >= self.end:
            self.pause()
            self.reachedEnd.emit()
