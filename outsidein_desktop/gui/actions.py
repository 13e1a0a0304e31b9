"""The main window's actions, menus and tool bar.

Kept apart from the window so that the window reads as what it does (open, save, show a
problem) and this file as what the user can reach and with which keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar

from .examples import find_examples

if TYPE_CHECKING:
    from .main_window import MainWindow

SP = QStyle.StandardPixmap


class WindowActions:
    """Every command of the main window as a QAction with its shortcut."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        w, canvas = window, window.canvas
        style = window.style()

        def act(text: str, slot: Callable[[], object], keys: tuple[str, ...] = (),
                tip: str = "", icon: SP | None = None) -> QAction:
            action = QAction(text, w)
            if keys:
                action.setShortcuts([QKeySequence(k) for k in keys])
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            if icon is not None:
                action.setIcon(style.standardIcon(icon))
            action.triggered.connect(lambda _=False: slot())
            return action

        self.new = act("&New", w.new_map, ("Ctrl+N",), "Start a new, empty map", SP.SP_FileIcon)
        self.open = act("&Open\N{HORIZONTAL ELLIPSIS}", w.choose_and_open, ("Ctrl+O",),
                        "Open a journey map file (.json)", SP.SP_DialogOpenButton)
        self.save = act("&Save", w.save, ("Ctrl+S",), "Save the map", SP.SP_DialogSaveButton)
        self.save_as = act("Save &As\N{HORIZONTAL ELLIPSIS}", w.save_as, ("Ctrl+Shift+S",),
                           "Save the map to a new file")
        self.export_png = act("Export Map as &PNG\N{HORIZONTAL ELLIPSIS}",
                              lambda: w.export_image("png"), (), "Save a picture of the map "
                              "for slides")
        self.export_svg = act("Export Map as S&VG\N{HORIZONTAL ELLIPSIS}",
                              lambda: w.export_image("svg"), (), "Save a drawing of the map "
                              "that stays sharp at any size, for papers")
        self.close_map = act("&Close", w.close_map, ("Ctrl+W",),
                             "Close this map (asks first if it has unsaved changes)")
        # Explicit: QKeySequence.StandardKey.Quit has no shortcut on Windows.
        self.quit = act("&Quit", w.close, ("Ctrl+Q",), "Close OutsideIn")

        stack = window.document.undo_stack
        self.undo = stack.createUndoAction(w)
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo.setIconText("Undo")
        self.undo.setIcon(style.standardIcon(SP.SP_ArrowBack))
        self.redo = stack.createRedoAction(w)
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo.setIconText("Redo")
        self.redo.setIcon(style.standardIcon(SP.SP_ArrowForward))
        self.cut = act("Cu&t", w.cut, ("Ctrl+X",), "Copy the selected parts and remove them")
        self.copy = act("&Copy", canvas.copy_selection, ("Ctrl+C",), "Copy the selected parts")
        self.paste = act("&Paste", canvas.paste, ("Ctrl+V",), "Paste the copied parts")
        self.duplicate = act("D&uplicate", canvas.duplicate_selection, ("Ctrl+D",),
                             "Copy the selected parts and paste them beside the originals")
        self.delete = act("&Delete", canvas.delete_selection, ("Delete", "Backspace"),
                          "Remove the selected parts and handoffs")
        self.select_all = act("Select &All", w.select_all, ("Ctrl+A",), "Select every part")
        # Delete and Select All act on the canvas only, so that they never surprise a user
        # typing in the inspector or choosing in a list.
        for action in (self.delete, self.select_all):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            canvas.addAction(action)

        self.zoom_in = act("Zoom &In", canvas.zoom_in, ("Ctrl+=", "Ctrl++"), "Zoom in")
        self.zoom_out = act("Zoom &Out", canvas.zoom_out, ("Ctrl+-",), "Zoom out")
        self.fit = act("&Fit to Window", canvas.fit, ("Ctrl+0",), "Show the whole map")
        self.reset_zoom = act("&Actual Size", canvas.reset_zoom, ("Ctrl+1",),
                              "Show the map at 100%")
        self.swimlanes = act("&Swimlanes by Team", lambda: None, ("Ctrl+L",),
                             "One lane per team, so the handoffs between teams stand out")
        self.swimlanes.setCheckable(True)
        self.swimlanes.toggled.connect(canvas.set_swimlanes)
        self.arrange = act("A&rrange Left to Right", canvas.auto_layout, ("Ctrl+Shift+L",),
                           "Lay the map out from entries on the left to exits on the right")
        self.about = act("&About OutsideIn", w.show_about)

        # -- running and results (gui/run, gui/results) --
        self.run = act("&Run", w.run_map, ("F5",), "Simulate the map (it is checked first)",
                       SP.SP_MediaPlay)
        self.cancel_run = act("&Cancel Run", w.cancel_run, ("Esc",), "Stop the run",
                              SP.SP_MediaStop)
        self.cancel_run.setEnabled(False)
        self.run_settings = act("Run &Settings\N{HORIZONTAL ELLIPSIS}", w.edit_run_settings,
                                (), "Run length, warm-up, replications, seed, start date and "
                                "worker processes")
        # -- comparing, sweeping, the board paper (gui/compare) --
        self.compare = act("&Compare\N{HORIZONTAL ELLIPSIS}", w.compare_scenarios,
                           ("Ctrl+Shift+R",), "Run redesigns beside the map as it is, with the "
                           "same arrivals, and see what each changes")
        self.sweep = act("S&weep\N{HORIZONTAL ELLIPSIS}", w.sweep_parameters, (),
                         "Vary staff, a step's time, arrivals, chasing or patience over a "
                         "range and see where more stops paying")
        self.cancel_analysis = act("Cancel Compare or Sweep", w.cancel_analysis, (),
                                   "Stop the comparison or sweep going")
        self.cancel_analysis.setEnabled(False)
        self.where_to_run = act("W&here to Run\N{HORIZONTAL ELLIPSIS}", w.edit_where_to_run,
                                (), "Worker processes on this computer, or a Dask cluster, "
                                "for comparisons and sweeps")
        self.export_report = act("Export &Report\N{HORIZONTAL ELLIPSIS}", w.export_report, (),
                                 "A board paper (PDF or Word) from a comparison, with your "
                                 "recommendation")
        self.open_results = act("Open Res&ults\N{HORIZONTAL ELLIPSIS}", w.open_results_file,
                                (), "Show saved results again, without rerunning")
        self.save_results = act("Save Resul&ts\N{HORIZONTAL ELLIPSIS}", w.save_results_file,
                                (), "Save the results (with their settings, seed and version)")
        self.export_charts = act("&Charts (PNG, SVG, PDF)\N{HORIZONTAL ELLIPSIS}",
                                 w.export_charts, (), "Every chart, for a board paper")
        self.export_results_csv = act("Results as &CSV\N{HORIZONTAL ELLIPSIS}",
                                      w.export_results_csv, (), "The figures as CSV files")
        self.export_results_excel = act("Results as &Excel\N{HORIZONTAL ELLIPSIS}",
                                        w.export_results_excel, (), "The figures as a workbook")
        self.export_event_log = act("&Journey Log (CSV)\N{HORIZONTAL ELLIPSIS}",
                                    w.export_event_log, (), "Every simulated event, for "
                                    "process-mining tools")
        self.export_customers = act("C&ustomers (CSV)\N{HORIZONTAL ELLIPSIS}",
                                    w.export_customers, (), "One row per simulated customer")
        for action in (self.export_event_log, self.export_customers):
            action.setData(action.toolTip())  # put back when raw outputs are there again
        self.show_hotspots = act("Show Wait &Hot-spots", lambda: None, ("Ctrl+H",),
                                 "Colour the map by how long customers wait at each part")
        self.show_hotspots.setCheckable(True)
        self.show_hotspots.setChecked(True)  # after a run, the map shows where people wait
        self.show_hotspots.toggled.connect(w.toggle_hotspots)
        self.replay = act("Re&play\N{HORIZONTAL ELLIPSIS}", w.open_replay, (),
                          "Play the last run back on the map: customers moving, queues "
                          "growing, the clock and date shown")
        self.replay.setEnabled(False)  # until a run with its journey log has finished
        #: Need results to act on (disabled until a run finishes or results are opened).
        self.results_actions = [self.save_results, self.export_charts,
                                self.export_results_csv, self.export_results_excel]

        #: Only make sense with a map open (disabled on the welcome page).
        self.map_actions = [self.save, self.save_as, self.close_map, self.export_png,
                            self.export_svg, self.cut, self.copy, self.paste, self.duplicate,
                            self.delete,
                            self.select_all, self.zoom_in, self.zoom_out, self.fit,
                            self.reset_zoom, self.swimlanes, self.arrange, self.run,
                            self.run_settings, self.show_hotspots, self.compare,
                            self.sweep, self.export_report]

    # -- menus ---------------------------------------------------------------------------

    def build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new, self.open])
        self.examples_menu = file_menu.addMenu("Open &Example")
        self.examples_menu.aboutToShow.connect(self._fill_examples)
        self._fill_examples()
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as, self.close_map])
        file_menu.addSeparator()
        file_menu.addActions([self.export_png, self.export_svg])
        file_menu.addSeparator()
        file_menu.addActions([self.open_results, self.save_results])
        self.export_results_menu = file_menu.addMenu("E&xport Results")
        self.export_results_menu.setToolTipsVisible(True)
        self.export_results_menu.addActions([
            self.export_charts, self.export_results_csv, self.export_results_excel,
            self.export_event_log, self.export_customers])
        file_menu.addAction(self.export_report)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo, self.redo])
        self.history_menu = edit_menu.addMenu("Undo &History")
        self.history_menu.aboutToShow.connect(self._fill_history)
        edit_menu.addSeparator()
        edit_menu.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        edit_menu.addSeparator()
        edit_menu.addAction(self.select_all)

        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.zoom_in, self.zoom_out, self.fit, self.reset_zoom])
        view_menu.addSeparator()
        view_menu.addActions([self.swimlanes, self.arrange, self.show_hotspots])
        view_menu.addSeparator()
        self.panels_menu = view_menu.addMenu("&Panels")
        for dock in w.docks():
            self.panels_menu.addAction(dock.toggleViewAction())
        self.panels_menu.addAction(w.tool_bar.toggleViewAction())

        self.panels_menu.addAction(w.run_tool_bar.toggleViewAction())

        run_menu = bar.addMenu("&Run")
        run_menu.addActions([self.run, self.cancel_run])
        run_menu.addSeparator()
        run_menu.addAction(self.run_settings)
        run_menu.addSeparator()
        run_menu.addActions([self.compare, self.sweep, self.cancel_analysis])
        run_menu.addAction(self.where_to_run)
        run_menu.addSeparator()
        run_menu.addAction(self.replay)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)

    def build_tool_bar(self) -> QToolBar:
        bar = QToolBar("Tool bar")
        bar.setObjectName("toolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.new, self.open, self.save])
        bar.addSeparator()
        bar.addActions([self.undo, self.redo])
        bar.addSeparator()
        bar.addActions([self.zoom_in, self.zoom_out, self.fit])
        bar.addSeparator()
        bar.addActions([self.swimlanes, self.arrange])
        for action, short in ((self.zoom_in, "Zoom in"), (self.zoom_out, "Zoom out"),
                              (self.fit, "Fit"), (self.swimlanes, "Swimlanes"),
                              (self.arrange, "Arrange")):
            action.setIconText(short)
        return bar

    def build_run_tool_bar(self) -> None:
        """Run and Cancel in front of the run tool bar's boxes."""
        bar = self.window.run_tool_bar
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        first = bar.actions()[0] if bar.actions() else None
        bar.insertActions(first, [self.run, self.cancel_run])
        bar.insertSeparator(first)
        self.cancel_run.setIconText("Cancel")

    def _fill_examples(self) -> None:
        menu = self.examples_menu
        menu.clear()
        examples = find_examples(self.window.examples_dir)
        if not examples:
            menu.addAction("No examples found").setEnabled(False)
        for example in examples:
            action = menu.addAction(example.title)
            action.setStatusTip(example.summary)
            action.triggered.connect(lambda _=False, p=example.path: self.window.open_example(p))

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.window.recent.paths()
        if not paths:
            menu.addAction("No recent maps").setEnabled(False)
            return
        for number, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.window.open_recent(p))
        menu.addSeparator()
        menu.addAction("Clear List", self.window.recent.clear)

    def _fill_history(self) -> None:
        """One entry per command, the current one ticked; choosing one goes back to it."""
        menu: QMenu = self.history_menu
        menu.clear()
        stack = self.window.document.undo_stack
        group = QActionGroup(menu)
        names = ["Where you started"] + [stack.text(i) for i in range(stack.count())]
        for index, name in enumerate(names):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(index == stack.index())
            group.addAction(action)
            action.triggered.connect(lambda _=False, i=index: stack.setIndex(i))
