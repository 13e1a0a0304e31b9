"""A small picture of a distribution's shape: a histogram of a few thousand draws."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.distributions import Distribution
from ...domain.units import MINUTES_PER

SAMPLES = 2000
BINS = 28
PREVIEW_SEED = 20261125  # the same draws every time, so the picture only moves with the inputs
TAIL = 0.99  # long tails are cut at the 99th percentile so that the body stays visible


class DistributionPreview(QWidget):
    """Histogram of :data:`SAMPLES` draws in the distribution's own unit, mean marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.counts: np.ndarray = np.zeros(0)
        self.edges: np.ndarray = np.zeros(0)
        self.mean_value: float | None = None
        self.unit = "minutes"

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(220, 64)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(120, 64)

    def set_distribution(self, dist: Distribution | None) -> None:
        """Draw ``dist`` (None: an empty box)."""
        if dist is None:
            self.counts, self.edges, self.mean_value = np.zeros(0), np.zeros(0), None
        else:
            scale = MINUTES_PER[dist.unit]
            draws = dist.sample(np.random.default_rng(PREVIEW_SEED), SAMPLES) / scale
            low, high = float(draws.min()), float(np.quantile(draws, TAIL))
            if high - low < 1e-9 * max(1.0, abs(high)):
                low, high = low - 0.5, high + 0.5  # one value: one bar in the middle
            self.counts, self.edges = np.histogram(np.clip(draws, low, high), BINS, (low, high))
            self.mean_value = dist.mean / scale
            self.unit = dist.unit
        self.setToolTip(self._tooltip())
        self.update()

    def _tooltip(self) -> str:
        if self.mean_value is None:
            return ""
        return (f"{SAMPLES} draws, in {self.unit}; the line marks the mean. "
                "Times beyond the 99th percentile are drawn in the last bar.")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_height = self.fontMetrics().height()
        plot = QRectF(self.rect()).adjusted(1, 1, -1, -text_height - 2)
        painter.fillRect(plot, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(plot)
        if not len(self.counts) or self.counts.max() == 0:
            painter.end()
            return
        bar_colour = QColor(palette.color(QPalette.ColorRole.Highlight))
        bar_colour.setAlpha(170)
        width = plot.width() / len(self.counts)
        top = float(self.counts.max())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour)
        for i, count in enumerate(self.counts):
            height = (plot.height() - 4) * count / top
            painter.drawRect(QRectF(plot.left() + i * width, plot.bottom() - height,
                                    max(width - 1, 1), height))
        low, high = float(self.edges[0]), float(self.edges[-1])
        if self.mean_value is not None and low <= self.mean_value <= high:
            x = plot.left() + plot.width() * (self.mean_value - low) / (high - low)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        labels = QRectF(plot.left(), plot.bottom() + 1, plot.width(), text_height)
        painter.drawText(labels, Qt.AlignmentFlag.AlignLeft, f"{max(low, 0):.3g}")
        painter.drawText(labels, Qt.AlignmentFlag.AlignRight, f"{high:.3g} {self.unit}")
        painter.end()
