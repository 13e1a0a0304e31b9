"""The results side of the main window: showing a run's results, the wait hot-spots, saving
and reopening results, and the exports for a board paper (charts, results CSV and Excel,
the journey log and the customers CSV).

A mixin of :class:`~outsidein_desktop.gui.main_window.MainWindow` (it uses the window's
results view and dock, canvas, actions, settings and status bar). Reopened results have no
raw outputs, so the exports that need them (the journey log, the customers) are disabled,
with a tooltip saying why. Every failure is told in a dialog; nothing raises.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...analysis.exports import write_customers, write_event_log
from ...analysis.results import Results
from ...analysis.results_file import load_results, save_results
from ...analysis.run import Run
from ...errors import OutsideInError
from .background import BackgroundTask, busy_cursor
from .charts import CHARTS, EXPORT_FILTERS, board_figure, save_figure
from .hotspots import hotspots

if TYPE_CHECKING:
    from ..main_window import MainWindow

log = logging.getLogger(__name__)

RESULTS_FILTER = "OutsideIn results (*.json)"
NEEDS_RUN = ("Needs the run's raw data, which saved results do not keep: run the map again "
             "to export this.")


def _readings(results: Results) -> dict[str, str]:
    try:
        from ...report.readings import headline_readings

        return headline_readings(results)
    except Exception:  # the numbers still show without their sentences
        log.exception("the plain-English readings could not be written")
        return {}


def _with_suffix(path: str, suffix: str) -> Path:
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == suffix else chosen.with_name(chosen.name + suffix)


class ResultsFiles:
    """Results commands for the main window (mixed into it)."""

    # -- showing -------------------------------------------------------------------------

    def show_run(self: MainWindow, run: Run) -> None:
        """Show a finished run's results; its raw outputs stay for the exports."""
        self.last_run = run
        self.show_results(run.results)

    def show_results(self: MainWindow, results: Results, source: str = "") -> None:
        """Fill the results view (and the hot-spots, if shown) with ``results``."""
        if self.last_run is not None and self.last_run.results is not results:
            self.last_run = None  # other results: the raw outputs are not theirs
        self.replay.results_replaced(self.last_run)
        self.results = results
        self.results_view.show_results(results, _readings(results), source)
        self.results_view.follow.set_run(self.last_run)  # None: reopened, no raw outputs
        first = self.results_dock.isHidden() or not self.results_dock.property("shown")
        self.results_dock.show()
        self.results_dock.raise_()
        if first:  # the first time, room for the dashboard; after that, as the user left it
            self.results_dock.setProperty("shown", True)
            self.resizeDocks([self.results_dock], [round(self.width() * 0.62)],
                             Qt.Orientation.Horizontal)
        if self.acts.show_hotspots.isChecked():
            self.apply_hotspots()
        self._update_results_actions()
        self.results_shown_at = time.perf_counter()

    def _update_results_actions(self: MainWindow) -> None:
        acts = self.acts
        have = self.results is not None
        raw = self.last_run is not None
        for action in acts.results_actions:
            action.setEnabled(have)
        for action in (acts.export_event_log, acts.export_customers):
            action.setEnabled(raw)
            tip = action.data() if raw else NEEDS_RUN
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def toggle_hotspots(self: MainWindow, on: bool) -> None:
        if on and self.results is None:
            self.statusBar().showMessage("Run the map first: the hot-spots show its waits.",
                                         6000)
        if on:
            self.apply_hotspots()
        else:
            self.canvas.clear_heat()

    def apply_hotspots(self: MainWindow) -> None:
        if self.results is None:
            self.canvas.clear_heat()
            return
        # Waits belong to the map that was run: not drawn on a different scenario's map.
        shown = self.document.shown_name or ""
        if self.results.scenario != shown:
            self.canvas.clear_heat()
            ran = f"scenario '{self.results.scenario}'" if self.results.scenario \
                else "the baseline"
            self.statusBar().showMessage(
                f"The hot-spots are from a run of {ran}: run what the canvas shows (F5) to "
                "see its own.", 8000)
            return
        parts, handoffs = hotspots(self.results, self.document.service_map)
        self.canvas.set_heat(parts, handoffs)

    def show_hotspots(self: MainWindow) -> None:
        """Turn the hot-spots on and bring the map into view."""
        self.acts.show_hotspots.setChecked(True)
        self.canvas.setFocus()

    # -- saving and reopening ------------------------------------------------------------

    def _results_name(self: MainWindow, suffix: str) -> str:
        title = self.results.title if self.results is not None else ""
        words = re.findall(r"[a-z0-9]+", title.lower())[:6]
        return ("_".join(words) or "journey") + suffix

    def save_results_file(self: MainWindow) -> bool:
        """File ▸ Save Results…: results.json with the settings, seed and version inside."""
        if self.results is None:
            return False
        start = Path(self._start_folder()) / self._results_name("_results.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save results", str(start),
                                              RESULTS_FILTER)
        if not path:
            return False
        target = _with_suffix(path, ".json")
        return self._export(lambda: save_results(self.results, target), target,
                            "The results were not saved")

    def open_results_file(self: MainWindow, path: str | Path | None = None) -> bool:
        """File ▸ Open Results…: show saved results again, without rerunning."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Open results", self._start_folder(),
                                                  f"{RESULTS_FILTER};;All files (*)")
            if not path:
                return False
        path = Path(path)
        try:
            results = load_results(path)
        except OutsideInError as error:
            QMessageBox.warning(self, "The results could not be opened", str(error))
            return False
        except Exception:
            log.exception("opening results %s failed", path)
            QMessageBox.warning(self, "The results could not be opened",
                                f"Something went wrong inside OutsideIn while reading "
                                f"{path.name}; the details are in the log file.")
            return False
        self.last_run = None
        self.show_results(results, source=f"Reopened from {path} (not rerun).")
        self.statusBar().showMessage(f"Opened results {path}", 6000)
        return True

    # -- exports -------------------------------------------------------------------------

    def _export(self: MainWindow, write: Callable[[], Any], target: Path, failed: str) -> bool:
        try:
            with busy_cursor():
                write()
        except Exception as error:  # noqa: BLE001 - any failure is told, none crashes
            log.exception("writing %s failed", target)
            QMessageBox.warning(self, failed, f"{target} could not be written: {error}")
            return False
        self.statusBar().showMessage(f"Saved {target}", 6000)
        return True

    def _ask_folder(self: MainWindow, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, title, self._start_folder())
        return Path(folder) if folder else None

    def export_chart(self: MainWindow, name: str) -> bool:
        """Export one chart at board size: PNG (300 dpi), SVG or PDF, by the suffix."""
        if self.results is None:
            return False
        start = Path(self._start_folder()) / self._results_name(f"_{name}.png")
        path, chosen = QFileDialog.getSaveFileName(self, f"Export the {CHARTS[name]} chart",
                                                   str(start), ";;".join(EXPORT_FILTERS.values()))
        if not path:
            return False
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix not in EXPORT_FILTERS:
            suffix = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "png")
        target = _with_suffix(path, "." + suffix)
        results = self.results
        return self._export(lambda: save_figure(board_figure(results, name), target), target,
                            "The chart was not saved")

    def export_charts(self: MainWindow) -> bool:
        """Every chart as PNG, SVG and PDF into a folder."""
        if self.results is None:
            return False
        folder = self._ask_folder("Export every chart to a folder")
        if folder is None:
            return False
        from ...report import export

        return self._export(lambda: export.export_charts(self.results, folder), folder,
                            "The charts were not saved")

    def export_results_csv(self: MainWindow) -> bool:
        if self.results is None:
            return False
        folder = self._ask_folder("Export the results as CSV files to a folder")
        if folder is None:
            return False
        from ...report import export

        return self._export(lambda: export.write_results_csv(self.results, folder), folder,
                            "The results were not saved")

    def export_results_excel(self: MainWindow) -> bool:
        if self.results is None:
            return False
        start = Path(self._start_folder()) / self._results_name("_results.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Export the results to Excel", str(start),
                                              "Excel workbook (*.xlsx)")
        if not path:
            return False
        target = _with_suffix(path, ".xlsx")
        from ...report import export

        return self._export(lambda: export.write_results_excel(self.results, target), target,
                            "The workbook was not saved")

    def export_event_log(self: MainWindow) -> bool:
        """The journey log (a process-mining event log) as CSV, written off the GUI thread."""
        return self._export_raw("_journey_log.csv", "Export the journey log", write_event_log)

    def export_customers(self: MainWindow) -> bool:
        """One row per simulated customer, as CSV, written off the GUI thread."""
        return self._export_raw("_customers.csv", "Export the customers", write_customers)

    def _export_raw(self: MainWindow, suffix: str, title: str,
                    writer: Callable[..., int]) -> bool:
        run = self.last_run
        if run is None or (self.export_task is not None and self.export_task.running):
            return False
        start = Path(self._start_folder()) / self._results_name(suffix)
        path, _ = QFileDialog.getSaveFileName(self, title, str(start), "CSV file (*.csv)")
        if not path:
            return False
        target = _with_suffix(path, ".csv")
        task = BackgroundTask(lambda: writer(target, run.outputs, run.compiled,
                                             run.settings.start_date), self)
        task.done.connect(lambda rows: self.statusBar().showMessage(
            f"Saved {target} ({rows:,} rows)", 8000))
        task.failed.connect(lambda error: QMessageBox.warning(
            self, "The file was not saved", f"{target} could not be written: {error}"))
        self.export_task = task
        self.statusBar().showMessage(f"Writing {target}\N{HORIZONTAL ELLIPSIS}")
        task.start()
        return True
