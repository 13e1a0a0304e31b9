"""A replay of the last run on the main window's map (Run ▸ Replay…).

The session owns the replay's tool bar, its clock and the overlay on the canvas. The index
(analysis/replay.py) is built in a background thread while the bar shows it is busy; after
that each frame is a few lookups, so playing never blocks the window. The replay ends, and
leaves nothing on the map, when the user closes it, the journey is edited or another map
is opened (the run would no longer match what is drawn), or other results take the run's
place. Moving parts around is not an edit of the journey: the replay follows them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ...analysis.replay import Frame, ReplayIndex
from ...analysis.run import Run
from ...domain.scenario_diff import changes_between
from ..results.background import BackgroundTask
from .bar import ReplayBar, from_qt, to_qt
from .clock import ReplayClock, clock_text, minute_of, moment
from .overlay import ReplayOverlay

if TYPE_CHECKING:
    from ..canvas.view import MapCanvas

log = logging.getLogger(__name__)
MINUTES_PER_DAY = 1440.0


def totals_text(frame: Frame) -> str:
    """"In the system 3,019 · arrived 7,249 · finished 4,100 · gave up 130"."""
    return (f"In the system {frame.in_system:,} · arrived {int(frame.arrived.sum()):,} · "
            f"finished {int(frame.left.sum()):,} · gave up {int(frame.gave_up.sum()):,}")


def dots_text(frame: Frame) -> str:
    travelling = int(frame.in_transit.sum())
    hidden = int(frame.hidden.sum())
    text = f"Each dot is a customer on the way ({travelling:,} travelling"
    return text + (f"; {hidden:,} not drawn, shown as +N)" if hidden else ")")


class ReplaySession(QObject):
    """At most one replay in ``window`` at a time. Signals: ``ready()`` when the first
    frame of a replication is drawn, ``closed()`` when the replay has ended."""

    ready = Signal()
    closed = Signal()

    def __init__(self, window: QMainWindow, canvas: MapCanvas) -> None:
        super().__init__(window)
        self.window, self.canvas = window, canvas
        self.run: Run | None = None
        self.index: ReplayIndex | None = None
        self.bar: ReplayBar | None = None
        self.clock: ReplayClock | None = None
        self.overlay: ReplayOverlay | None = None
        self.frame: Frame | None = None
        self.customer = -1
        self._task: BackgroundTask | None = None
        self._pending = -1  # a customer to follow from their arrival once the index is ready
        document = canvas.document
        document.mapChanged.connect(self._map_changed)
        document.mapReplaced.connect(lambda: self.close("another map is shown"))

    @property
    def active(self) -> bool:
        return self.bar is not None

    # -- opening ---------------------------------------------------------------------------

    def open(self, run: Run, replication: int = 0) -> bool:
        """Replay ``run``'s replication (0-based) on the map. False if it cannot."""
        if not run.outputs or len(run.outputs[0].events) == 0:
            self._say("This run kept no journey log to replay: run the map again.")
            return False
        self.close()
        self.run = run
        self.bar = bar = ReplayBar(self.window)
        self.window.addToolBarBreak()
        self.window.addToolBar(bar)
        start = run.settings.start_date
        bar.show_moment(moment(start, 0), "")  # the run's first day, while it is prepared
        for number in range(len(run.outputs)):
            bar.replication.addItem(f"{number + 1} of {len(run.outputs)}", number)
        bar.replication.setCurrentIndex(min(max(replication, 0), len(run.outputs) - 1))
        bar.replication.currentIndexChanged.connect(lambda i: self._prepare(i))
        bar.play.triggered.connect(lambda: self.clock and self.clock.toggle())
        bar.back.triggered.connect(lambda: self.clock and self.clock.step(-1))
        bar.forward.triggered.connect(lambda: self.clock and self.clock.step(1))
        bar.speed.currentIndexChanged.connect(
            lambda i: self.clock and self.clock.set_speed(bar.speed.itemData(i)))
        bar.when.dateTimeChanged.connect(lambda when: self.jump_to(from_qt(when)))
        bar.follow.valueChanged.connect(lambda number: self.follow(number - 1))
        bar.close_action.triggered.connect(lambda: self.close())
        self._prepare(bar.replication.currentIndex())
        return True

    def show_customer(self, run: Run, replication: int, customer: int) -> bool:
        """Replay ``run``'s ``replication`` (0-based) from when ``customer`` (their row in its
        customer table) arrived, following them: "show this person on the map"."""
        if not 0 <= replication < len(run.outputs) or not (
                0 <= customer < len(run.outputs[replication].customers["arrival"])):
            self._say(f"There is no customer {customer + 1:,} in replication "
                      f"{replication + 1} of this run.")
            return False
        if self.run is run and self.index is not None and self.index.replication == replication:
            self._follow_from_arrival(customer)
            return True
        if self.run is run and self.bar is not None:
            self.bar.replication.setCurrentIndex(replication)  # builds its index
        elif not self.open(run, replication):
            return False
        self._pending = customer
        return True

    def _follow_from_arrival(self, customer: int) -> None:
        self.follow(customer)
        if self.clock is not None and self.index is not None:
            self.clock.pause()
            self.clock.seek(self.run.outputs[self.index.replication].customers["arrival"][customer])

    def _prepare(self, replication: int) -> None:
        """Build the index of ``replication`` in the background, the bar showing it busy."""
        if self.run is None or self.bar is None:
            return
        if self.clock is not None:
            self.clock.pause()
        self.bar.set_busy(True)
        output, compiled = self.run.outputs[replication], self.run.compiled
        task = BackgroundTask(lambda: ReplayIndex(output, compiled), self)
        task.done.connect(lambda index, t=task: self._ready(index, t))
        task.failed.connect(lambda error, t=task: self._failed(error, t))
        self._task = task
        task.start()

    def _ready(self, index: ReplayIndex, task: BackgroundTask) -> None:
        if task is not self._task or self.bar is None:
            return  # closed, or another replication chosen, meanwhile
        self._task = None
        minute = self.clock.minute if self.clock is not None else 0.0
        self._remove_overlay()
        self.index = index
        self.overlay = ReplayOverlay(self.canvas, self.canvas.map_scene, index)
        if self.clock is None:
            self.clock = ReplayClock(index.run_minutes, self)
            self.clock.moved.connect(self._show)
            self.clock.playingChanged.connect(lambda on: self.bar and self.bar.set_playing(on))
            self.clock.reachedEnd.connect(lambda: self._say("The replay reached the end of "
                                                            "the run."))
            self.clock.set_speed(self.bar.speed.currentData())
        start = self.run.settings.start_date
        self.bar.when.blockSignals(True)
        self.bar.when.setDateTimeRange(to_qt(moment(start, 0)),
                                       to_qt(moment(start, index.run_minutes)))
        self.bar.when.blockSignals(False)
        self.bar.follow.setRange(0, index.customers)
        self.bar.set_busy(False)
        if self.overlay.missing:
            self._say(f"{self.overlay.missing} parts or handoffs of the run are not on the map "
                      "as it is now; they are left out of the replay.")
        self.clock.seek(minute)
        if self._pending >= 0:
            self._follow_from_arrival(self._pending)
            self._pending = -1
        self.ready.emit()

    def _failed(self, error: BaseException, task: BackgroundTask) -> None:
        if task is not self._task:
            return
        self._task = None
        self.close()
        QMessageBox.warning(self.window, "The replay could not be prepared",
                            f"Something went wrong preparing the replay: {error}")

    # -- playing ---------------------------------------------------------------------------

    def jump_to(self, when: object) -> None:
        """Show the run at ``when`` (a datetime), clamped to the run."""
        if self.clock is None or self.run is None:
            return
        self.clock.pause()
        self.clock.seek(minute_of(self.run.settings.start_date, when))

    def follow(self, customer: int) -> None:
        """Highlight ``customer`` (their row in the replication's customer table, counted
        from 0; -1 for nobody). The bar and the map count people from 1."""
        if self.index is not None and not -1 <= customer < self.index.customers:
            self._say(f"There is no customer {customer + 1:,} in this replication.")
            return
        self.customer = int(customer)
        if self.bar is not None and self.bar.follow.value() != self.customer + 1:
            self.bar.follow.setValue(self.customer + 1)
        if self.clock is not None:
            self._show(self.clock.minute)

    def _show(self, minute: float) -> None:
        index, overlay, run = self.index, self.overlay, self.run
        if index is None or overlay is None or run is None or self.bar is None:
            return
        self.frame = frame = index.frame(minute)
        where = index.where(self.customer, minute) if self.customer >= 0 else None
        start = run.settings.start_date
        days = index.run_minutes / MINUTES_PER_DAY
        day = f"Day {int(minute // MINUTES_PER_DAY) + 1:,} of {days:,.0f}"
        if minute < run.settings.warmup_days * MINUTES_PER_DAY:
            day += " (warm-up)"
        lines = [clock_text(start, minute), day, totals_text(frame), dots_text(frame)]
        if where is not None:
            lines.append(index.describe(where))
        overlay.show_frame(frame, lines, where)
        self.bar.show_moment(moment(start, minute), day)

    # -- the map changing under the replay ---------------------------------------------------

    def _map_changed(self) -> None:
        if self.run is None:
            return
        # Where parts are drawn and the run settings are not part of the journey (the
        # scenario diff ignores them too): the replay stays, redrawn where the parts are.
        if changes_between(self.run.service_map, self.canvas.document.service_map):
            self.close("the map was edited")
            return
        if self.overlay is not None:
            self.overlay.follow_moves()
        if self.clock is not None:
            self._show(self.clock.minute)

    def results_replaced(self, run: Run | None) -> None:
        """Other results are shown (a new run, or results reopened from a file): a replay
        of an older run ends (the status bar is left to say what came in)."""
        if self.run is not None and run is not self.run:
            self.close()

    # -- closing ---------------------------------------------------------------------------

    def close(self, reason: str = "") -> None:
        """End the replay (if any): stop the clock and take everything off the window."""
        if self.bar is None:
            return
        self._task = None  # a build still going is ignored when it ends
        if self.clock is not None:
            self.clock.pause()
            self.clock.deleteLater()
            self.clock = None
        self._remove_overlay()
        self.window.removeToolBar(self.bar)
        self.bar.deleteLater()
        self.bar = None
        self.index = self.frame = self.run = None
        self.customer = self._pending = -1
        if reason:
            self._say(f"Replay closed: {reason}, so the run no longer matches the map.")
        self.closed.emit()

    def shutdown(self) -> None:
        """Before the window goes: end the replay and wait for a build still going."""
        task = self._task
        self.close()
        if task is not None:
            task.wait()

    def _remove_overlay(self) -> None:
        if self.overlay is not None:
            self.overlay.remove()
            self.overlay.deleteLater()
            self.overlay = None

    def _say(self, text: str) -> None:
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 8000)
