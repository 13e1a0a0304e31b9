"""Replay drawing speed in the window: milliseconds per frame on a year of the NHS
referral-to-treatment example (the index lookup, the overlay's update and the canvas's
repaint), drawn offscreen. The replay plays at 25 frames a second, so 40 ms is the budget.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/replay_drawing.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

MODEL = Path(__file__).resolve().parent.parent / "models" / "nhs_referral_to_treatment.json"
FRAMES = 250


def wait_for(signal, ms: int = 120_000) -> None:  # noqa: ANN001 - a Qt signal
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(folder / variable.lower())
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(folder / "settings"))
    app = QApplication(sys.argv)
    from outsidein_desktop.gui.main_window import MainWindow
    from outsidein_desktop.gui.run.settings import change_run, set_worker_processes

    window = MainWindow(autosave_dir=folder / "autosave", examples_dir=folder)
    window.resize(1600, 1000)
    window.show()
    window.open_map(MODEL)
    change_run(window.document, {"days": 365, "warmup_days": 28, "replications": 1})
    set_worker_processes(window.settings, 1)
    window.run_map()
    wait_for(window.run.finished)
    for dock in window.findChildren(QDockWidget):
        dock.hide()
    started = time.perf_counter()
    window.open_replay()
    wait_for(window.replay.ready)
    print(f"replay ready {time.perf_counter() - started:.2f} s after Run ▸ Replay")
    session = window.replay
    session.follow(3000)
    for label, fit in (("whole map fitted", True), ("at 100%", False)):
        if fit:
            window.canvas.fit()
        else:
            window.canvas.reset_zoom()
        started = time.perf_counter()
        for i in range(FRAMES):
            session.clock.seek(100 * 1440 + i * 1440 / 25)  # a day a second
            app.processEvents()  # the scene repaints what changed, as when playing
        took = (time.perf_counter() - started) / FRAMES
        print(f"{label}: {took * 1e3:.1f} ms a frame ({1 / took:.0f} frames/s possible)")
    session.shutdown()
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
