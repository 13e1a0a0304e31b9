"""The Run menu of the main window: check the map, run it in the background, follow it,
cancel it, and edit the run settings.

A mixin of :class:`~outsidein_desktop.gui.main_window.MainWindow` (it uses the window's
document, problems panel, run controller, progress widget, actions, settings and status
bar). The run simulates a copy of the map taken when it starts, so editing carries on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ...analysis.run import Run
from ...domain.validate import ERROR, Problem
from .controller import RunStatus
from .settings import RunSettingsDialog, worker_processes

if TYPE_CHECKING:
    from ..main_window import MainWindow

#: At most this many problems are listed in the message (the panel lists them all).
LISTED = 8


def _listed(problems: list[Problem]) -> str:
    lines = [f"\N{BULLET} {str(p.element)[:1].upper() + str(p.element)[1:]}: {p.message}"
             for p in problems[:LISTED]]
    if len(problems) > LISTED:
        lines.append(f"\N{BULLET} and {len(problems) - LISTED} more (see the Problems panel)")
    return "\n".join(lines)


class RunCommands:
    """Run commands for the main window (mixed into it)."""

    def connect_runs(self: MainWindow) -> None:
        run = self.run
        run.started.connect(self._run_started)
        run.progressed.connect(self.run_progress.show_status)
        run.finished.connect(self._run_finished)
        run.cancelled.connect(self._run_cancelled)
        run.failed.connect(self._run_failed)
        run.stopped.connect(self._run_stopped)
        self.run_progress.cancelRequested.connect(self.cancel_run)
        self.run_tool_bar.refused.connect(lambda text: self.statusBar().showMessage(text, 8000))

    def run_map(self: MainWindow) -> bool:
        """Run ▸ Run: check the map (errors stop it, warnings ask), then simulate it in the
        background. False if no run started."""
        if not self.has_map:
            return False
        if self.run.is_running:
            self.statusBar().showMessage("A run is already going; cancel it first.", 5000)
            return False
        problems = self.problems.check_now()
        errors = [p for p in problems if p.severity == ERROR]
        if errors:
            self.problems_dock.show()
            self.problems_dock.raise_()
            QMessageBox.warning(
                self, "The map cannot be run yet",
                f"Fix {'this' if len(errors) == 1 else 'these'} first:\n\n{_listed(errors)}")
            return False
        if problems:
            buttons = QMessageBox.StandardButton
            answer = QMessageBox.question(
                self, "Run anyway?",
                f"The map has {'a warning' if len(problems) == 1 else 'warnings'}:\n\n"
                f"{_listed(problems)}\n\nRun anyway?", buttons.Yes | buttons.No, buttons.No)
            if answer != buttons.Yes:
                return False
        # What the canvas shows: the baseline, or the shown scenario of it (its results are
        # titled with the scenario's name).
        return self.run.start(self.document.baseline, jobs=worker_processes(self.settings),
                              scenario=self.document.shown_scenario)

    def cancel_run(self: MainWindow) -> None:
        """Run ▸ Cancel (Esc): stop the run; no results are shown."""
        if self.run.is_running and not self.run.is_cancelling:
            self.run.cancel()
            self.run_progress.cancelling()
            self.acts.cancel_run.setEnabled(False)

    def edit_run_settings(self: MainWindow) -> bool:
        """Run ▸ Settings…: True if changed (one undo command)."""
        if not self.has_map:
            return False
        dialog = RunSettingsDialog(self.document, self.settings, self)
        return dialog.exec() == RunSettingsDialog.DialogCode.Accepted

    # -- following the run ---------------------------------------------------------------

    def _run_started(self: MainWindow, status: RunStatus) -> None:
        self.acts.run.setEnabled(False)
        self.acts.cancel_run.setEnabled(True)
        self.run_progress.begin(status)
        self.statusBar().clearMessage()

    def _run_finished(self: MainWindow, run: Run) -> None:
        self.show_run(run)
        self.statusBar().showMessage(
            f"Run finished: {run.settings.replications} replications of "
            f"{run.settings.days:g} days.", 8000)

    def _run_cancelled(self: MainWindow) -> None:
        self.statusBar().showMessage("Run cancelled; the results shown (if any) are from "
                                     "before.", 8000)

    def _run_failed(self: MainWindow, message: str) -> None:
        self.statusBar().showMessage("The run failed.", 8000)
        QMessageBox.warning(self, "The run failed", message)

    def _run_stopped(self: MainWindow) -> None:
        self.run_progress.end()
        self.acts.run.setEnabled(self.has_map)
        self.acts.cancel_run.setEnabled(False)
