"""A window with one person's journey: the timeline (the report layer's board figure) beside
their story, with Export timeline…, Copy story and Save story…, and a choice of first or
third person. Every failure to save is told in a dialog; nothing raises."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...analysis.journey_run import Followed, compare_in_run, context_line
from ...analysis.journey_story import Story, tell
from ...analysis.run import Run
from ...errors import OutsideInError
from ...storage import apply_scenario_file, load_scenario

if TYPE_CHECKING:  # gui.results imports this package: its modules are imported when used
    from ..results.background import BackgroundTask

log = logging.getLogger(__name__)

TIMELINE_FILTERS = {"png": "PNG image, 300 dpi (*.png)", "svg": "SVG drawing (*.svg)",
                    "pdf": "PDF document (*.pdf)"}
STORY_FILTERS = {"txt": "Plain text (*.txt)", "md": "Markdown (*.md)"}
SCENARIO_FILTER = "OutsideIn scenario (*.json);;All files (*)"


def _chosen_path(path: str, chosen_filter: str, filters: dict[str, str]) -> Path:
    """The path with the suffix of the chosen file type, unless it already has a known one."""
    target = Path(path)
    if target.suffix.lower().lstrip(".") in filters:
        return target
    kind = next((k for k, v in filters.items() if v == chosen_filter), next(iter(filters)))
    return target.with_name(f"{target.name}.{kind}")


class JourneyWindow(QWidget):
    """One followed person: timeline left, story right. ``folder`` is where the save
    dialogs start."""

    def __init__(self, followed: Followed, parent: QWidget | None = None, *,
                 person: str = "customer", folder: str = "", run: Run | None = None,
                 show_on_map: Callable[[Run, int, int], bool] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.followed = followed
        self.person = person
        self.folder = folder
        self.run = run
        self.story: Story = followed.story
        self.compare_task: BackgroundTask | None = None
        self.compared: JourneyWindow | None = None
        journey = followed.journey
        under = f" as things are and under '{followed.redesign}'" if followed.redesign else ""
        self.setWindowTitle(f"Following {person} {journey.customer + 1:,} "
                            f"(replication {journey.replication + 1}){under}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        from ...report.journey_files import timeline_figure
        from ..results.charts import BoardCanvas

        self.figure = timeline_figure(followed, person)
        self.canvas = BoardCanvas(self.figure)
        self.canvas.setMinimumSize(420, 260)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.first_person = QCheckBox("Tell it in the first person (\"I waited…\")")
        self.first_person.toggled.connect(self._retell)
        self.export_button = QPushButton("Export timeline\N{HORIZONTAL ELLIPSIS}")
        self.export_button.setToolTip("Save the timeline for a board paper: PNG (300 dpi), "
                                      "SVG or PDF")
        self.export_button.clicked.connect(lambda: self.export_timeline())
        self.copy_button = QPushButton("Copy story")
        self.copy_button.clicked.connect(self.copy_story)
        self.save_button = QPushButton("Save story\N{HORIZONTAL ELLIPSIS}")
        self.save_button.setToolTip("Save the story as plain text or Markdown")
        self.save_button.clicked.connect(lambda: self.save_story())
        self.compare_button = QPushButton("Compare with a redesign\N{HORIZONTAL ELLIPSIS}")
        self.compare_button.clicked.connect(lambda: self.compare_with())
        self.map_button = QPushButton("Show on the map")
        self.map_button.setToolTip("Replay the run on the map from when this person arrived, "
                                   "following them")
        self.map_button.clicked.connect(self.show_on_map)
        self._replay = show_on_map
        # Only the person as found in the last run is on the map (not a redesign's copy).
        self.map_button.setVisible(show_on_map is not None and run is not None
                                   and not followed.redesign)
        self._enable_compare()
        self._layout()
        self._show_story()
        self.resize(1380, 660)

    def _layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.canvas)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text, 1)
        column.addWidget(self.first_person)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 540])  # the story needs room to read, beside the timeline
        self.text.setMinimumWidth(320)
        buttons = QHBoxLayout()
        why = QLabel(self.followed.pick.why[0].upper() + self.followed.pick.why[1:] + ".")
        why.setStyleSheet("color: #4B5563;")
        why.setWordWrap(True)
        buttons.addWidget(why, 1)
        for button in (self.map_button, self.compare_button, self.export_button,
                       self.copy_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def show_on_map(self) -> bool:
        """Replay the run on the map from this person's arrival, following them."""
        if self._replay is None or self.run is None:
            return False
        journey = self.followed.journey
        return self._replay(self.run, journey.replication, journey.customer)

    def _retell(self, first: bool) -> None:
        followed = self.followed
        self.story = tell(followed.journey, followed.settings.start_date, person=self.person,
                          first_person=first, why=followed.pick.why,
                          context=context_line(followed.title, followed.scenario))
        self._show_story()

    def _show_story(self) -> None:
        self.text.setMarkdown(self.story_text(markdown=True))

    def story_text(self, markdown: bool = False) -> str:
        """The story as shown (with a redesign: what it did, then both stories)."""
        if self.followed.redesign_story is None:
            return self.story.markdown() if markdown else self.story.text()
        from ...report.journey_files import comparison_text

        return comparison_text(self.followed, markdown=markdown)

    # -- the same person under a redesign -------------------------------------------------

    def _enable_compare(self) -> None:
        run, followed = self.run, self.followed
        self.compare_button.setVisible(not followed.redesign)
        self.first_person.setVisible(not followed.redesign)
        usable = run is not None and not run.results.scenario
        self.compare_button.setEnabled(usable)
        self.compare_button.setToolTip(
            "Follow the same person (same arrival) under a redesign: pick its scenario file"
            if usable else "Comparing needs a run of the map as drawn (not of a scenario) "
            "with its raw data: run the map again to compare.")

    def compare_with(self, path: str | None = None) -> BackgroundTask | None:
        """Run this person's replication again under the scenario at ``path`` (asked for if
        None) off the GUI thread, then open the side-by-side in a new window."""
        run = self.run
        if run is None or (self.compare_task is not None and self.compare_task.running):
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Compare with a redesign",
                                                  self.folder, SCENARIO_FILTER)
            if not path:
                return None
        try:
            scenario = load_scenario(path)
            redesign = apply_scenario_file(run.service_map, path)
        except OutsideInError as error:
            QMessageBox.warning(self, "The redesign could not be used", str(error))
            return None
        from ..results.background import BackgroundTask

        followed = self.followed
        task = BackgroundTask(lambda: compare_in_run(followed, run, redesign, scenario.name,
                                                     person=self.person), self)
        task.done.connect(self._show_comparison)
        task.failed.connect(lambda error: QMessageBox.warning(
            self, "The comparison could not be made", str(error)
            if isinstance(error, OutsideInError) else "Something went wrong inside "
            "OutsideIn while following this person under the redesign; the details are in "
            "the log file."))
        self.compare_task = task
        task.start()
        return task

    def _show_comparison(self, compared: Followed) -> None:
        self.compared = JourneyWindow(compared, self, person=self.person, folder=self.folder)
        self.compared.show()

    # -- exports -------------------------------------------------------------------------

    def _stem(self) -> Path:
        journey = self.followed.journey
        return Path(self.folder or ".") / f"{self.person}_{journey.customer + 1}_journey"

    def export_timeline(self, path: str | None = None) -> bool:
        """Save the timeline as PNG (300 dpi), SVG or PDF, by the suffix."""
        if path is None:
            path, chosen = QFileDialog.getSaveFileName(
                self, "Export the timeline", str(self._stem()) + ".png",
                ";;".join(TIMELINE_FILTERS.values()))
            if not path:
                return False
        else:
            chosen = ""
        target = _chosen_path(path, chosen, TIMELINE_FILTERS)
        from ...report.export import save_figure

        return self._write(lambda: save_figure(self.figure, target), target,
                           "The timeline was not saved")

    def save_story(self, path: str | None = None) -> bool:
        """Save the story as plain text (.txt) or Markdown (.md)."""
        if path is None:
            path, chosen = QFileDialog.getSaveFileName(
                self, "Save the story", str(self._stem()) + ".txt",
                ";;".join(STORY_FILTERS.values()))
            if not path:
                return False
        else:
            chosen = ""
        target = _chosen_path(path, chosen, STORY_FILTERS)
        text = self.story_text(markdown=target.suffix.lower() == ".md")
        from ...report.export import replacing

        def write() -> None:
            with replacing(target) as temporary:
                temporary.write_text(text, encoding="utf-8")

        return self._write(write, target, "The story was not saved")

    def copy_story(self) -> None:
        QGuiApplication.clipboard().setText(self.story_text())

    def _write(self, write, target: Path, failed: str) -> bool:  # noqa: ANN001
        try:
            write()
        except Exception as error:  # noqa: BLE001 - any failure is told, none crashes
            log.exception("writing %s failed", target)
            QMessageBox.warning(self, failed, f"{target} could not be written: {error}")
            return False
        return True
