"""The board charts in the results view: one tab each, drawn by the report layer and
embedded with matplotlib's Qt canvas. A chart is drawn when its tab is first shown (so the
figures appear as soon as the numbers do), and each has an Export… button that saves the
same chart at board size as PNG (300 dpi), SVG or PDF."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...analysis.results import Results

log = logging.getLogger(__name__)

#: The charts, customer's view first: report name -> tab title.
CHARTS: dict[str, str] = {
    "end_to_end": "End-to-end",
    "where_time_goes": "Where time goes",
    "capability": "Capability",
    "utilisation": "Utilisation",
    "queue_over_time": "Queues",
}

#: A tab's tooltip, where its title alone could mislead.
TIPS: dict[str, str] = {
    "capability": "The capability (XmR) chart of replication 1: one dot per customer",
}

#: A chart narrower than this many dots per inch is drawn at it (and cut, not squashed).
MIN_DPI = 40.0
#: On screen a figure is drawn this much wider than on paper (see BoardCanvas).
SCREEN_SLACK = 1.05

EXPORT_FILTERS = {"png": "PNG image, 300 dpi (*.png)", "svg": "SVG drawing (*.svg)",
                  "pdf": "PDF document (*.pdf)"}


def chart_caption(results: object, name: str) -> str:
    """A line above a chart that says what it shows, where its title does not: the
    capability chart is one replication's, not the pooled figures of the other tabs."""
    if name != "capability" or not isinstance(results, Results):
        return ""
    n = results.settings.replications
    if n == 1:
        return "Replication 1 (the only one): each dot is one customer's journey."
    return (f"Replication 1 only, of {n}: each dot is one customer's journey in it. The "
            f"other tabs pool all {n} replications, so their averages can differ.")


def board_figure(results: Results, name: str) -> Figure:
    """The report layer's board chart ``name`` on its own figure, with its footnote."""
    from ...report import figures

    return figures.board_figure(results, name)


def save_figure(fig: Figure, path: str | Path) -> None:
    """Save in the board style: the format follows the suffix (png at 300 dpi, svg, pdf)."""
    from ...report import export

    export.save_figure(fig, path)


class BoardCanvas(FigureCanvasQTAgg):
    """A board figure as it prints, scaled to the widget.

    The resolution follows the widget's width so that the figure stays as wide in inches as
    the report layer made it: its fonts, its title's line breaks and its footnote look as
    they will on paper, only larger or smaller.
    """

    def __init__(self, figure: Figure) -> None:
        # Fonts do not shrink exactly in step with the resolution, so a footnote that just
        # fits on paper may not on screen: a little more width gives it room.
        self.width_inches = figure.get_figwidth() * SCREEN_SLACK
        super().__init__(figure)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        if self.figure is not None and event.size().width() > 0:
            ratio = self.device_pixel_ratio
            dpi = max(MIN_DPI, event.size().width() * ratio / self.width_inches)
            # matplotlib keeps the resolution before the screen's pixel ratio apart.
            self.figure._original_dpi = dpi / ratio
            self.figure._set_dpi(dpi, forward=False)
        super().resizeEvent(event)


class ChartPage(QWidget):
    """One chart and its Export… button; the chart is drawn by :meth:`draw`."""

    exportRequested = Signal(str)  # the chart's name

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.export_button = QPushButton("Export\N{HORIZONTAL ELLIPSIS}")
        self.export_button.setToolTip("Save this chart for a board paper: PNG (300 dpi), "
                                      "SVG or PDF")
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.name))
        self.message = QLabel()
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.export_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(bar)

    def clear(self) -> None:
        if self.canvas is not None:
            self.layout_.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.canvas, self.figure = None, None
        self.message.clear()

    def draw(self, results: Results, make: Callable[[Results, str], Figure]) -> None:
        self.clear()
        try:
            self.figure = make(results, self.name)
        except Exception:  # a chart that cannot draw must not take the results view down
            log.exception("drawing the %s chart failed", self.name)
            self.message.setText("This chart could not be drawn; the details are in the "
                                 "log file.")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.message.setText(chart_caption(results, self.name))
        self.show_figure(self.figure)

    def show_figure(self, figure: Figure) -> None:
        """Put the drawn figure on the page (the Compare panel fits it differently)."""
        self.canvas = BoardCanvas(figure)
        self.canvas.setMinimumHeight(160)
        self.layout_.addWidget(self.canvas, 1)


class ChartTabs(QTabWidget):
    """The five charts as tabs (plus any ``extra`` pages put in front of them)."""

    exportRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: Results | None = None
        self.make: Callable[[Results, str], Figure] = board_figure
        self.pages: dict[str, ChartPage] = {}
        self._drawn: set[str] = set()
        self.setDocumentMode(True)
        self.currentChanged.connect(self._draw_current)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # A chart's own size hint is its figure at full size (7 x 4.4 inches); the view
        # should ask for less and let the chart take whatever room is left.
        return QSize(480, 300)

    def add_charts(self) -> None:
        for name, title in CHARTS.items():
            page = ChartPage(name)
            page.exportRequested.connect(self.exportRequested)
            self.pages[name] = page
            self.addTab(page, title)
            if name in TIPS:
                self.setTabToolTip(self.indexOf(page), TIPS[name])

    def show_results(self, results: Results | None) -> None:
        """Forget the drawn charts; draw the visible one (the others when shown)."""
        self.results = results
        self._drawn.clear()
        for page in self.pages.values():
            page.clear()
        self._draw_current()

    def draw_all(self) -> None:
        for name in self.pages:
            self.draw(name)

    def draw(self, name: str) -> None:
        if self.results is None or name in self._drawn:
            return
        self._drawn.add(name)
        self.pages[name].draw(self.results, self.make)

    def _draw_current(self, *_: object) -> None:
        page = self.currentWidget()
        if isinstance(page, ChartPage):
            self.draw(page.name)

    def figure(self, name: str) -> Figure | None:
        self.draw(name)
        return self.pages[name].figure

