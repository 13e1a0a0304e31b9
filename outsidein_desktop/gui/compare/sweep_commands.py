"""Run ▸ Sweep…: the main window's commands for a sweep (a mixin of the window, through
:class:`~.commands.CompareCommands`, which runs it on the same background job)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...analysis.sweep import SweepResult, sweep
from ...analysis.sweep_parameters import Parameter
from ...domain.service_map import ServiceMap
from .cluster_settings import run_place
from .sweep_dialog import SweepDialog

if TYPE_CHECKING:
    from ..main_window import MainWindow


def baseline_of(window: MainWindow) -> ServiceMap:
    """The map every redesign changes (the document's baseline, not a scenario shown)."""
    return getattr(window.document, "baseline", window.document.service_map)


class SweepCommands:
    """Sweep commands for the main window (mixed into it)."""

    def sweep_parameters(self: MainWindow) -> SweepDialog | None:
        """Run ▸ Sweep…: choose what to vary; OK runs every point in the background."""
        if not self.has_map:
            return None
        if self.analysis.is_running:
            self._status("A comparison or sweep is already going; cancel it first.")
            return None
        dialog = SweepDialog(baseline_of(self), run_place(self.settings), self)
        dialog.accepted.connect(lambda: self.start_sweep(dialog.chosen, dialog.measure()))
        dialog.finished.connect(lambda *_: setattr(self, "sweep_dialog", None))
        self.sweep_dialog = dialog
        dialog.open()
        return dialog

    def start_sweep(self: MainWindow, parameters: list[Parameter],
                    measure: str = "end_to_end_median") -> bool:
        """Sweep ``parameters`` on the baseline in the background; False if not started."""
        if not parameters or not self.has_map or self.analysis.is_running:
            return False
        service_map = baseline_of(self).copy()
        settings = service_map.run
        place = run_place(self.settings)
        self._sweep_measure = measure

        def work(progress: Any, cancel: Any) -> SweepResult:
            return sweep(service_map, parameters, settings, jobs=place.jobs,
                         progress=progress, cancel=cancel, cluster=place.cluster)

        points = math.prod(len(p.values) for p in parameters)
        return self.analysis.start(work, "sweep", settings.replications * points)

    def show_sweep(self: MainWindow, result: SweepResult) -> None:
        self.sweep_result = result
        self.sweep_view.start_folder = self._start_folder()
        self.sweep_view.show_sweep(result, getattr(self, "_sweep_measure",
                                                   "end_to_end_median"))
        self._raise_dock(self.sweep_dock)
        self._status(f"Swept {len(result.points)} points, {result.settings.replications} "
                     "replications each.")
