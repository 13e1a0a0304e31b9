"""The results view's "Follow a person" control: which kind of person (median, 90th
percentile, longest, gave up, chased, random), among whom (everyone, a segment, an
outcome, the people through a step), and a button that opens their journey.

It needs the run's raw outputs, which reopened results do not keep: then it is disabled,
with a tooltip saying why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ...analysis.journey_finder import PICKS, Filters
from ...analysis.journey_run import follow_in_run
from ...analysis.run import Run
from ...errors import OutsideInError
from ...sim.compiled import EXIT, STEP
from .window import JourneyWindow

log = logging.getLogger(__name__)

NEEDS_RUN = ("Following a person needs the run's raw data, which saved results do not "
             "keep: run the map again to follow someone.")
EVERYONE = "everyone"


class FollowPersonBar(QWidget):
    """A combo of kinds of person, a combo of groups and a Follow… button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run: Run | None = None
        # Replays the run on the map following one person (run, replication, customer);
        # the main window sets it (its replay session).
        self.show_on_map: Callable[[Run, int, int], bool] | None = None
        self.random_draws = 0  # each random pick is another person, and repeatable
        self.pick = QComboBox()
        for key, words in PICKS.items():
            self.pick.addItem(words[0].upper() + words[1:], key)
        self.among = QComboBox()
        self.button = QPushButton("Follow a person\N{HORIZONTAL ELLIPSIS}")
        self.button.setToolTip("Open the timeline and the story of one simulated person")
        self.button.clicked.connect(lambda: self.follow())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Follow one person:"))
        layout.addWidget(self.pick)
        layout.addWidget(QLabel("among"))
        layout.addWidget(self.among)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.set_run(None)

    def set_run(self, run: Run | None) -> None:
        """The finished run to pick people from (None: disabled, saying why)."""
        self.run = run
        self.among.clear()
        self.among.addItem(EVERYONE, Filters())
        if run is not None:
            nodes = run.compiled.nodes
            for segment in run.compiled.segments:
                self.among.addItem(f"segment: {segment.name}", Filters(segment=segment.name))
            for node in nodes:
                if node.kind == EXIT and not node.gave_up:
                    self.among.addItem(f"outcome: {node.name}", Filters(outcome=node.name))
            for node in nodes:
                if node.kind == STEP:
                    self.among.addItem(f"through step: {node.name}", Filters(step=node.name))
        for widget in (self.pick, self.among, self.button):
            widget.setEnabled(run is not None)
        self.setToolTip("" if run is not None else NEEDS_RUN)

    def follow(self, folder: str = "") -> JourneyWindow | None:
        """Pick the person, open their journey window and return it (None if nobody fits;
        the user is told why)."""
        if self.run is None:
            return None
        pick = self.pick.currentData()
        seed = self.run.settings.seed + self.random_draws
        if pick == "random":
            self.random_draws += 1
        try:
            followed = follow_in_run(self.run, pick, filters=self.among.currentData(),
                                     seed=seed)
        except OutsideInError as error:
            QMessageBox.information(self, "Nobody to follow", str(error))
            return None
        except Exception:  # noqa: BLE001 - the results view must stay up
            log.exception("following a person failed")
            QMessageBox.warning(self, "Nobody to follow", "Something went wrong inside "
                                "OutsideIn while following this person; the details are in "
                                "the log file.")
            return None
        window = JourneyWindow(followed, self, folder=folder, run=self.run,  # owned here
                               show_on_map=self.show_on_map)
        window.show()
        window.raise_()
        return window
