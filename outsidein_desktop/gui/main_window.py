"""The main window: the canvas in the middle, the palette, inspector, teams, segments and
problems around it, and the files behind it (new, open, save, recent, autosave, export).

With no map open the middle shows the welcome page. The window owns one MapDocument for its
life; New and Open replace the document's map, so every panel keeps its connections. The
file commands (new, open, save, export, recovery) are in files.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QUndoView,
    QWidget,
)

from outsidein_desktop import __version__

from ..domain.parts import NODE_TYPES
from ..domain.validate import Element, Problem
from . import autosave
from .actions import WindowActions
from .canvas.palette import PartPalette
from .canvas.view import MapCanvas
from .compare import CompareCommands
from .document import MapDocument
from .examples import find_examples
from .files import MapFiles
from .inspector import Inspector
from .problems import ProblemsPanel, count_text
from .recent_files import RecentFiles, open_settings
from .replay import ReplaySession
from .results import ResultsFiles, ResultsView
from .run import RunCommands, RunController, RunProgress, RunToolBar
from .scenarios.panel import ScenariosPanel
from .scenarios.window import install_scenarios
from .segments_panel import SegmentsPanel
from .teams_panel import TeamsPanel
from .welcome import WelcomePage

APP_NAME = "OutsideIn"
STATE_VERSION = 1


class MainWindow(MapFiles, RunCommands, ResultsFiles, CompareCommands, QMainWindow):
    """The app's window. ``open_map(path)`` opens a map; ``has_map`` says whether one is open.

    ``autosave_dir``, ``autosave_interval_ms`` and ``examples_dir`` are for tests.
    """

    def __init__(self, parent: QWidget | None = None, *, autosave_dir: Path | None = None,
                 autosave_interval_ms: int = autosave.INTERVAL_MS,
                 examples_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.examples_dir = examples_dir
        self.has_map = False
        self._example_name = ""
        self._editor_state: QByteArray | None = None
        self._hidden_docks: list[QDockWidget] = []
        self._windows: list[MainWindow] = []
        self.settings = open_settings()
        self.recent = RecentFiles(self.settings, self)
        self.document = MapDocument(parent=self)
        self.run = RunController(self)
        self.last_run = None  # the last finished run (its raw outputs feed some exports)
        self.results = None  # the results shown (from that run, or reopened)
        self.results_shown_at: float | None = None
        self.export_task = None
        self.autosave = autosave.Autosaver(self.document, autosave_dir, autosave_interval_ms,
                                           self)
        self._build_panels()
        self.build_compare_panels()
        self.replay = ReplaySession(self, self.canvas)
        self.results_view.follow.show_on_map = self.replay.show_customer
        self.acts = WindowActions(self)
        self.tool_bar = self.acts.build_tool_bar()
        self.addToolBar(self.tool_bar)
        self.run_tool_bar = RunToolBar(self.document, self)
        self.acts.build_run_tool_bar()
        self.addToolBar(self.run_tool_bar)
        self.acts.build_menus()
        install_scenarios(self)
        self._connect()
        self.connect_runs()
        self.connect_compare()
        self._update_results_actions()
        self.resize(1400, 900)
        self._restore_layout()
        self._set_editing(False)

    # -- building --------------------------------------------------------------------------

    def _build_panels(self) -> None:
        document = self.document
        self.canvas = MapCanvas(document)
        self.part_palette = PartPalette()
        self.inspector = Inspector(document)
        self.teams_panel = TeamsPanel(document)
        self.segments_panel = SegmentsPanel(document)
        self.scenarios_panel = ScenariosPanel(document, self.settings)
        self.problems = ProblemsPanel(document)
        self.history = QUndoView(document.undo_stack)
        self.history.setEmptyLabel("Where you started")
        self.welcome = WelcomePage(find_examples(self.examples_dir), self.recent)
        self.centre = QStackedWidget()
        self.centre.addWidget(self.welcome)
        self.centre.addWidget(self.canvas)
        self.setCentralWidget(self.centre)
        area = Qt.DockWidgetArea
        self.palette_dock = self._dock("Parts", "partsDock", self.part_palette,
                                       area.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", "inspectorDock", self.inspector,
                                         area.RightDockWidgetArea)
        self.teams_dock = self._dock("Teams", "teamsDock", self.teams_panel,
                                     area.RightDockWidgetArea)
        self.segments_dock = self._dock("Segments", "segmentsDock", self.segments_panel,
                                        area.RightDockWidgetArea)
        self.scenarios_dock = self._dock("Scenarios", "scenariosDock", self.scenarios_panel,
                                         area.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", "problemsDock", self.problems,
                                        area.BottomDockWidgetArea)
        self.history_dock = self._dock("History", "historyDock", self.history,
                                       area.BottomDockWidgetArea)
        self.results_view = ResultsView()
        self.results_dock = self._dock("Results", "resultsDock", self.results_view,
                                       area.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, area.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, area.RightDockWidgetArea)
        self.tabifyDockWidget(self.inspector_dock, self.teams_dock)
        self.tabifyDockWidget(self.teams_dock, self.segments_dock)
        self.tabifyDockWidget(self.segments_dock, self.scenarios_dock)
        self.tabifyDockWidget(self.scenarios_dock, self.results_dock)
        # Problems and History side by side: a second group of tabbed docks leaves a stray
        # tab bar on the window with Qt 6.12 (seen offscreen), so only the right side tabs.
        self.splitDockWidget(self.problems_dock, self.history_dock, Qt.Orientation.Horizontal)
        self.inspector_dock.raise_()
        self.problems_dock.raise_()
        self.resizeDocks([self.inspector_dock], [380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_dock], [150], Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)
        self.resizeDocks([self.problems_dock, self.history_dock], [640, 240],
                         Qt.Orientation.Horizontal)
        self.problems_label = QLabel()
        self.run_progress = RunProgress()
        self.statusBar().addPermanentWidget(self.run_progress)
        self.statusBar().addPermanentWidget(self.problems_label)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def docks(self) -> list[QDockWidget]:
        return [self.palette_dock, self.inspector_dock, self.teams_dock, self.segments_dock,
                self.problems_dock, self.history_dock, self.results_dock, self.compare_dock,
                self.sweep_dock, self.scenarios_dock]

    def _connect(self) -> None:
        self.part_palette.bind(self.canvas)
        self.canvas.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.canvas.selectionChanged.connect(self._selection_changed)
        self.problems.problemsFound.connect(self._problems_found)
        self.problems.elementActivated.connect(self.show_element)
        self.document.modifiedChanged.connect(self.setWindowModified)
        self.document.pathChanged.connect(self._update_title)
        self.document.scenariosChanged.connect(self._update_title)
        self.autosave.failed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.welcome.newRequested.connect(self.new_map)
        self.welcome.openRequested.connect(self.choose_and_open)
        self.welcome.exampleChosen.connect(self.open_example)
        self.welcome.recentChosen.connect(self.open_recent)
        self.results_view.hotspotsRequested.connect(self.show_hotspots)
        self.results_view.tabs.exportRequested.connect(self.export_chart)
        self.document.mapReplaced.connect(
            lambda: self.acts.show_hotspots.isChecked() and self.apply_hotspots())

    # -- state -----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, STATE_VERSION)

    def _save_layout(self) -> None:
        state = self.saveState(STATE_VERSION) if self.has_map else self._editor_state
        self.settings.setValue("window/geometry", self.saveGeometry())
        if state is not None:
            self.settings.setValue("window/state", state)
        self.settings.sync()

    def _set_editing(self, editing: bool) -> None:
        """Show the editor (a map is open) or the welcome page (none is)."""
        if editing and not self.has_map:
            for dock in self._hidden_docks:
                dock.show()
            self._hidden_docks = []
        elif not editing and (self.has_map or self._editor_state is None):
            # The layout to keep for next time is the editor's, not the welcome page's.
            self._editor_state = self.saveState(STATE_VERSION)
            self._hidden_docks = [dock for dock in self.docks() if not dock.isHidden()]
            for dock in self._hidden_docks:
                dock.hide()
        self.has_map = editing
        self.acts.swimlanes.setChecked(self.canvas.swimlanes_on())
        self.centre.setCurrentWidget(self.canvas if editing else self.welcome)
        for action in self.acts.map_actions:
            action.setEnabled(editing)
        # The run settings (length, warm-up, replications, seed) are the map's: with no map
        # there are none to show. Run and Cancel stay, disabled as map actions.
        for action in self.run_tool_bar.actions():
            if action not in (self.acts.run, self.acts.cancel_run):
                action.setVisible(editing)
        for action in self.scenario_tool_bar.actions():  # "Showing:" names the map's options
            action.setVisible(editing)
        self._update_compare_actions()  # a comparison or sweep may still be running
        self.autosave.enabled = editing
        self.problems.enabled = editing
        self.problems_label.setVisible(editing)
        if editing:
            self.problems.check_now()
        self._update_title()

    def _update_title(self) -> None:
        if not self.has_map:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        if self.document.path is not None:
            name = self.document.display_name
        else:
            name = f"{self._example_name} (example)" if self._example_name else "Untitled"
        if self.document.shown_name is not None:
            name += f" \N{EM DASH} scenario '{self.document.shown_name}'"
        self.setWindowTitle(f"{name}[*] \N{EM DASH} {APP_NAME}")
        self.setWindowModified(self.document.is_modified)

    # -- panels talking to each other ------------------------------------------------------

    def _selection_changed(self, keys: list) -> None:
        self.inspector.show_selection(keys)
        if keys:
            self.inspector_dock.raise_()

    def _problems_found(self, problems: list[Problem]) -> None:
        self.canvas.set_problems(problems)
        self.problems_label.setText(count_text(problems))

    def show_element(self, element: Element) -> None:
        """Select and show what a problem is about: a part, a handoff, a team, a segment."""
        service_map = self.document.service_map
        if element.kind in NODE_TYPES and service_map.has(element.key):
            self.canvas.select("node", element.key)
            self.inspector_dock.raise_()
        elif element.kind == "handoff" and service_map.has_handoff(*element.key):
            self.canvas.select("handoff", tuple(element.key))
            self.inspector_dock.raise_()
        elif element.kind == "team":
            self.teams_dock.show()
            self.teams_dock.raise_()
            self.teams_panel.select_team(element.key)
        elif element.kind == "segment":
            self.segments_dock.show()
            self.segments_dock.raise_()
            self.segments_panel.select_segment(element.key)
        else:
            self.canvas.scene().clearSelection()
            self.inspector.show_selection([])
            self.inspector_dock.raise_()

    def cut(self) -> None:
        self.canvas.copy_selection()
        self.canvas.delete_selection()

    def select_all(self) -> None:
        select_all = getattr(self.canvas, "select_all", None)
        if callable(select_all):
            select_all()
            return
        for item in self.canvas.scene().items():
            item.setSelected(True)

    # -- windows, closing --------------------------------------------------------------

    def new_window(self) -> MainWindow:
        window = MainWindow(autosave_dir=self.autosave.folder,
                            autosave_interval_ms=self.autosave.interval_ms,
                            examples_dir=self.examples_dir)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.append(window)
        window.destroyed.connect(lambda *_, w=window: self._forget(w))
        window.show()
        return window

    def _forget(self, window: MainWindow) -> None:
        self._windows = [w for w in self._windows if w is not window]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.confirm_unsaved_changes("closing"):
            event.ignore()
            return
        self.run.shutdown()  # a run's thread and worker processes end with the window
        self.analysis.shutdown()  # so do a comparison's or a sweep's
        self.replay.shutdown()
        if self.export_task is not None:
            self.export_task.wait()
        self._save_layout()
        self.autosave.discard()  # a clean exit leaves nothing to recover
        event.accept()

    def open_replay(self) -> bool:
        """Run ▸ Replay…: play the last run back on the map (gui/replay)."""
        if self.last_run is None or not self.has_map:
            self.statusBar().showMessage("Run the map first: the replay plays a run back.",
                                         6000)
            return False
        return self.replay.open(self.last_run)

    def _update_results_actions(self) -> None:
        super()._update_results_actions()
        self.acts.replay.setEnabled(self.last_run is not None)

    def show_about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<p>See a service from the outside in: "
            "simulate the whole journey a person goes through, and test redesigns "
            "before spending money.</p>")
