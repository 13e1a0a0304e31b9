"""What the Compare and Sweep panels share: an empty page and a page for the result, their
labels, and saving a file with the outcome told in a sentence (``saved`` or ``failed``)
rather than raised."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFileDialog, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..labels import empty_label, small_label, title_label

if TYPE_CHECKING:
    from .chart_tabs import FigureTabs

log = logging.getLogger(__name__)

BOX_STYLE = "color: #111827; background: #EEF2F7; padding: 6px; border-radius: 4px;"


def boxed_label() -> QLabel:
    """Sentences on a quiet background: the verdicts, the knee."""
    label = small_label(colour="#111827")
    label.setStyleSheet(BOX_STYLE)
    return label


def ask_csv_path(parent: QWidget, title: str, start: Path) -> Path | None:
    """Where to save a CSV file (".csv" added if the name has none); None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), "CSV file (*.csv)")
    if not chosen:
        return None
    return Path(chosen if chosen.lower().endswith(".csv") else chosen + ".csv")


def save_telling(write: Callable[[Path], Any], path: str | Path, saved: SignalInstance,
                 failed: SignalInstance) -> bool:
    """``write(path)``; then ``saved("Saved …")``, or ``failed`` with the file and why."""
    target = Path(path)
    try:
        write(target)
    except Exception as error:  # noqa: BLE001 - any failure is told, none crashes
        log.exception("writing %s failed", target)
        failed.emit(f"{target} could not be written: {error}")
        return False
    saved.emit(f"Saved {target}")
    return True


class SubjectPanel(QWidget):
    """A panel that shows one subject (a comparison, a sweep) on a page, or says there is
    none yet. Subclasses make their widgets, then call :meth:`_add_pages`.

    ``saved(str)`` and ``failed(str)`` say what became of an export.
    """

    saved = Signal(str)
    failed = Signal(str)
    charts: FigureTabs  # made by the subclass, before the pages

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_folder = ""
        self.empty = empty_label(empty_text)
        self.title = title_label()
        self.about = small_label()

    def _add_pages(self, page: QWidget) -> None:
        """The empty page first, then ``page``."""
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _show_page(self, title: str, kind: str) -> None:
        """Turn to the page; exports are named after the map's ``title`` and the ``kind``
        of result ("comparison", "sweep") and start in ``start_folder``."""
        words = re.findall(r"[a-z0-9]+", (title or "journey").lower())[:5]
        self.charts.file_stem = "_".join(words + [kind])
        self.charts.start_folder = self.start_folder
        self.stack.setCurrentIndex(1)

    def _export_csv(self, write: Callable[[Path], Any], title: str,
                    path: str | Path | None) -> bool:
        """``write(path)``, asking for the path under ``title`` if it is None (starting in
        ``start_folder``, named like the charts); the outcome goes to ``saved``/``failed``."""
        if path is None:
            start = Path(self.start_folder or Path.home()) / f"{self.charts.file_stem}.csv"
            path = ask_csv_path(self, title, start)
            if path is None:
                return False
        return save_telling(write, path, self.saved, self.failed)
