"""What the Compare and Sweep panels share: their labels, and saving a file with the
outcome told in a sentence (``saved`` or ``failed``) rather than raised."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from ..results.view import _heading, _small

log = logging.getLogger(__name__)

BOX_STYLE = "color: #111827; background: #EEF2F7; padding: 6px; border-radius: 4px;"


def empty_label(text: str) -> QLabel:
    """What the panel says before there is anything to show."""
    label = _small(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def title_label() -> QLabel:
    label = _heading("", 1.35)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def boxed_label() -> QLabel:
    """Sentences on a quiet background: the verdicts, the knee."""
    label = _small(colour="#111827")
    label.setStyleSheet(BOX_STYLE)
    return label


def small_label(text: str = "", colour: str = "#4B5563") -> QLabel:
    return _small(text, colour)


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
