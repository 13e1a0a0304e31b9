"""Board charts of a comparison or a sweep, one per tab, each with its Export… button.

The report layer draws them (``make(subject, name) -> Figure``); the pages are the results
view's (gui/results/charts.py), so a chart looks and exports the same wherever it is shown.
A chart is drawn when its tab is first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFileDialog, QFrame, QScrollArea, QWidget

from ..results.charts import (
    EXPORT_FILTERS,
    MIN_DPI,
    SCREEN_SLACK,
    BoardCanvas,
    ChartPage,
    ChartTabs,
    save_figure,
)
from .panel import save_telling

#: A figure taller than the panel shrinks to fit, down to this share of its full size; below
#: that it would be unreadable, so the panel scrolls instead.
SMALLEST = 0.6


class FittedCanvas(BoardCanvas):
    """A board figure scaled to fit its widget both ways (the results view's canvas fits
    the width alone)."""

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)
        self.height_inches = figure.get_figheight() * SCREEN_SLACK

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        size = event.size()
        if self.figure is not None and size.width() > 0 and size.height() > 0:
            ratio = self.device_pixel_ratio
            dpi = max(MIN_DPI, min(size.width() / self.width_inches,
                                   size.height() / self.height_inches) * ratio)
            self.figure._original_dpi = dpi / ratio
            self.figure._set_dpi(dpi, forward=False)
        FigureCanvasQTAgg.resizeEvent(self, event)


class ChartScroll(QScrollArea):
    """A figure as wide as the panel, as it prints; if that is taller than the panel, it
    shrinks to fit (down to SMALLEST of its size), and the panel scrolls beyond that. The
    comparison's forest plot is tall, and it shares the panel with the table."""

    def __init__(self, canvas: FittedCanvas) -> None:
        super().__init__()
        self.canvas = canvas
        self.aspect = canvas.height_inches / canvas.width_inches
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(canvas)
        canvas.show()  # a widget put in a scroll area already shown stays hidden otherwise

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width, height = self.viewport().width(), self.viewport().height()
        full = width * self.aspect
        if width <= 0 or full <= 0:
            return
        scale = min(1.0, max(SMALLEST, height / full))
        self.canvas.setFixedSize(width, max(1, round(full * scale)))


class FittedChartPage(ChartPage):
    """The results view's chart page, with the figure fitted to the room there is."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.scroll: ChartScroll | None = None

    def clear(self) -> None:
        if self.scroll is not None:
            self.layout_.removeWidget(self.scroll)
            self.scroll.hide()
            self.scroll.deleteLater()  # and the canvas in it
            self.scroll, self.canvas = None, None
        super().clear()

    def show_figure(self, figure: Figure) -> None:
        self.canvas = FittedCanvas(figure)
        self.scroll = ChartScroll(self.canvas)
        self.layout_.addWidget(self.scroll, 1)


def export_path(parent: QWidget, title: str, start: Path) -> Path | None:
    """Ask where to save a chart; the format follows the suffix or the filter chosen."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(start),
                                               ";;".join(EXPORT_FILTERS.values()))
    if not path:
        return None
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in EXPORT_FILTERS:
        suffix = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "png")
        return Path(f"{path}.{suffix}")
    return Path(path)


class FigureTabs(ChartTabs):
    """The results view's chart tabs for another subject (a comparison, a sweep):
    ``charts`` is name -> tab title, ``make(subject, name)`` draws one. ``saved(str)`` and
    ``failed(str)`` after an export say what happened in a sentence."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, charts: dict[str, str], make: Callable[[Any, str], Figure],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts, self.make = charts, make
        self.start_folder = ""
        self.file_stem = "comparison"
        for name, title in charts.items():
            page = FittedChartPage(name)
            page.exportRequested.connect(self.export)
            self.pages[name] = page
            self.addTab(page, title)

    @property
    def subject(self) -> Any:
        return self.results

    def show_subject(self, subject: Any) -> None:
        """Forget the drawn charts; draw the visible one (the others when shown)."""
        self.show_results(subject)

    def export(self, name: str, path: str | Path | None = None) -> bool:
        """Save chart ``name`` at board size (PNG 300 dpi, SVG or PDF, by the suffix);
        asks where when ``path`` is None."""
        if self.results is None:
            return False
        if path is None:
            start = Path(self.start_folder or Path.home()) / f"{self.file_stem}_{name}.png"
            path = export_path(self, f"Export the {self.charts[name]} chart", start)
            if path is None:
                return False
        subject, make = self.subject, self.make
        return save_telling(lambda target: save_figure(make(subject, name), target), path,
                            self.saved, self.failed)
