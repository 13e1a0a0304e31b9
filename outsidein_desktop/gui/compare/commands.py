"""Compare, sweep, board paper and where to run: the main window's commands for them.

A mixin of :class:`~outsidein_desktop.gui.main_window.MainWindow` (it uses the window's
document, settings, actions, status bar and docks). A comparison or a sweep runs in the
background, one at a time, on local worker processes or the Dask cluster chosen in Run ▸
Where to Run…; its progress shows in the status bar with a Cancel button, and what comes
out fills the Compare or the Sweep panel. Every failure is a sentence in a message box.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox

from ...analysis.compare import Comparison, compare
from ...domain.scenario import Scenario
from ..run.controller import RunStatus
from .cluster_settings import WhereToRunDialog, run_place
from .dialog import CompareDialog
from .job import JobController
from .progress import JobProgress
from .report_dialog import ReportDialog
from .sweep_commands import SweepCommands, baseline_of
from .sweep_view import SweepView
from .view import CompareView

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)


class CompareCommands(SweepCommands):
    """Compare and sweep commands for the main window (mixed into it)."""

    def build_compare_panels(self: MainWindow) -> None:
        """The Compare panel, the job controller and its progress (before the menus)."""
        self.comparison: Comparison | None = None
        self.comparison_path = None  # the map file compared (for the paper's appendix)
        self.analysis = JobController(self)
        self.analysis_progress = JobProgress()
        self.statusBar().addPermanentWidget(self.analysis_progress)
        self.compare_view = CompareView()
        self.compare_dock = self._dock("Compare", "compareDock", self.compare_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.results_dock, self.compare_dock)
        self.compare_dock.hide()
        self.sweep_result = None
        self.sweep_view = SweepView()
        self.sweep_dock = self._dock("Sweep", "sweepDock", self.sweep_view,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.compare_dock, self.sweep_dock)
        self.sweep_dock.hide()
        self.sweep_dialog = None
        self._report_after_compare = False
        self.compare_dialog: CompareDialog | None = None
        self.report_dialog: ReportDialog | None = None

    def connect_compare(self: MainWindow) -> None:
        job = self.analysis
        job.started.connect(lambda status: self._job_started(status))
        job.progressed.connect(self.analysis_progress.show_status)
        job.finished.connect(self._job_finished)
        job.cancelled.connect(lambda: self.statusBar().showMessage(
            "Stopped; what was shown before is unchanged.", 8000))
        job.failed.connect(self._job_failed)
        job.stopped.connect(self._job_stopped)
        self.analysis_progress.cancelRequested.connect(self.cancel_analysis)
        for view in (self.compare_view, self.sweep_view):
            view.saved.connect(self._status)
            view.failed.connect(lambda text: QMessageBox.warning(self, "Not saved", text))
        self._update_compare_actions()

    def _status(self: MainWindow, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # -- compare -------------------------------------------------------------------------

    def compare_scenarios(self: MainWindow) -> CompareDialog | None:
        """Run ▸ Compare…: choose the redesigns; OK runs them beside the baseline."""
        if not self.has_map:
            return None
        if self.analysis.is_running:
            self._status("A comparison or sweep is already going; cancel it first.")
            return None
        dialog = CompareDialog(baseline_of(self), list(getattr(self.document, "scenarios", [])),
                               run_place(self.settings), self._start_folder(), self)
        dialog.accepted.connect(lambda: self.start_compare(dialog.chosen()))
        dialog.rejected.connect(lambda: setattr(self, "_report_after_compare", False))
        dialog.finished.connect(lambda *_: setattr(self, "compare_dialog", None))
        self.compare_dialog = dialog
        dialog.open()
        return dialog

    def start_compare(self: MainWindow, scenarios: list[Scenario]) -> bool:
        """Compare ``scenarios`` with the baseline in the background; False if not started."""
        if not scenarios or not self.has_map or self.analysis.is_running:
            return False
        baseline = baseline_of(self).copy()
        settings = baseline.run
        place = run_place(self.settings)
        self._compared_path = getattr(self.document, "path", None)

        def work(progress: Any, cancel: Any) -> Comparison:
            return compare(baseline, scenarios, settings, jobs=place.jobs, progress=progress,
                           cancel=cancel, cluster=place.cluster)

        return self.analysis.start(work, "compare",
                                   settings.replications * (len(scenarios) + 1))

    def show_comparison(self: MainWindow, comparison: Comparison) -> None:
        self.comparison = comparison
        self.compare_view.start_folder = self._start_folder()
        self.compare_view.show_comparison(comparison)
        self._raise_dock(self.compare_dock)
        self._update_compare_actions()

    def _raise_dock(self: MainWindow, dock: QDockWidget) -> None:
        first = not dock.property("shown")
        dock.show()
        dock.raise_()
        if first:  # room for the table and the charts the first time
            dock.setProperty("shown", True)
            self.resizeDocks([dock], [round(self.width() * 0.62)], Qt.Orientation.Horizontal)

    # -- the job -------------------------------------------------------------------------

    def cancel_analysis(self: MainWindow) -> None:
        if self.analysis.is_running and not self.analysis.is_cancelling:
            self.analysis.cancel()
            self.analysis_progress.cancelling()

    def _job_started(self: MainWindow, status: RunStatus) -> None:
        self.analysis_progress.begin_job(self.analysis.kind, status)
        self._update_compare_actions()

    def _job_finished(self: MainWindow, result: Any) -> None:
        if isinstance(result, Comparison):
            self.comparison_path = getattr(self, "_compared_path", None)
            self.show_comparison(result)
            self._status(f"Compared {len(result.redesigns)} redesign"
                         f"{'s' * (len(result.redesigns) != 1)} with the baseline: "
                         f"{result.settings.replications} replications each.")
            if self._report_after_compare:
                self._report_after_compare = False
                self.export_report()
        else:
            self.show_sweep(result)

    def _job_failed(self: MainWindow, message: str) -> None:
        self._report_after_compare = False
        what = "comparison" if self.analysis.kind == "compare" else "sweep"
        self._status(f"The {what} failed.")
        QMessageBox.warning(self, f"The {what} failed", message)

    def _job_stopped(self: MainWindow) -> None:
        self.analysis_progress.end()
        self._update_compare_actions()

    def _update_compare_actions(self: MainWindow) -> None:
        acts = getattr(self, "acts", None)
        if acts is None or not hasattr(acts, "compare"):
            return
        busy = self.analysis.is_running
        for action in (acts.compare, acts.sweep):
            action.setEnabled(self.has_map and not busy)
        acts.export_report.setEnabled(self.has_map and not busy)
        acts.cancel_analysis.setEnabled(busy)

    # -- report, where to run ------------------------------------------------------------

    def export_report(self: MainWindow) -> ReportDialog | None:
        """File ▸ Export Report…: a board paper from the comparison shown (with none yet,
        choose what to compare first, and the paper's dialog follows the comparison)."""
        if self.comparison is None:
            if self.compare_scenarios() is not None:
                self._report_after_compare = True
                self._status("Choose what to compare first; the report follows.")
            return None
        dialog = ReportDialog(self.comparison, self._start_folder(), self.comparison_path, self)
        dialog.written.connect(lambda target: self._status(f"Saved the board paper {target}"))
        dialog.finished.connect(lambda *_: setattr(self, "report_dialog", None))
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def edit_where_to_run(self: MainWindow) -> bool:
        """Run ▸ Where to Run…: True if changed."""
        dialog = WhereToRunDialog(self.settings, self)
        return dialog.exec() == WhereToRunDialog.DialogCode.Accepted
