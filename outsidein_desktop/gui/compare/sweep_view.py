"""The Sweep panel: one measure along the range of a parameter (a line per value of a
second parameter), with its 95% CI band and the knee marked; a table of the points; the
chart and the table exportable.

Choosing another measure redraws from the same runs: a sweep simulates once and is read by
every customer's-view measure.

Points whose run had not settled (a queue still growing at the end) are named in a warning
strip under the title, with every point's warnings grouped as the command line groups them,
and marked in the table; the knee is read from the settled points.
"""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...analysis.results import CUSTOMER_MEASURES
from ...analysis.sweep import DEFAULT_MEASURE, SweepResult, write_sweep_csv
from ...analysis.sweep_settled import grouped_warnings, point_text, values_text
from ...report.comparison_text import measure_label, value_scale, with_ci
from ..labels import small_label, titled_page
from ..results.table import Column, ResultsTable
from .chart_tabs import FigureTabs
from .panel import SubjectPanel, boxed_label
from .view import capped_lines

EMPTY_TEXT = ("No sweep yet. Choose Run \N{BLACK RIGHT-POINTING SMALL TRIANGLE} "
              "Sweep\N{HORIZONTAL ELLIPSIS} to vary staff, a step's time, arrivals, chasing "
              "or patience over a range, and see where more stops paying.")
CHART = "sweep"
TABLE_TAB = "Table"
#: Lines of the warning strip shown; the rest are in its tooltip.
MOST_WARNINGS = 4
#: Unsettled points named in the strip's first line before "and N more points".
MOST_NAMED = 6
WARNING_STYLE = "color: #7C2D12; background: #FEF3C7; padding: 4px; border-radius: 4px;"
NOT_SETTLED = "\N{WARNING SIGN} not settled"


def sweep_figure(subject: tuple[SweepResult, str], name: str) -> Figure:
    """The report layer's sweep chart of ``subject`` = (sweep, measure)."""
    from ...report import sweep_chart

    result, measure = subject
    return sweep_chart.sweep_figure(result, measure)


def knee_text(result: SweepResult, measure: str) -> str:
    """Where ``measure`` bends along the first parameter, in words (per line of a second
    parameter), or that it does not."""
    what = measure_label(measure).lower()
    first = result.first
    knees = ({None: result.knee(measure)} if result.second is None else
             {at: result.knee(measure, at) for at in result.second.values})
    parts = []
    for at, knee in knees.items():
        where = "" if at is None else f" with {result.second.value_text(at)}"
        settled = result.settled(at)
        x = result.series(measure, at)[0]
        among = ("" if settled.all() else
                 f" (read from the points whose run settled: {values_text(first, x[settled])})"
                 if settled.any() else "")
        if knee is None and not settled.all() and settled.sum() < 3:
            parts.append(f"No knee{where}: too few points settled to read one "
                         f"({int(settled.sum())} of {len(settled)}).")
        elif knee is None:
            parts.append(f"No knee{where}{among}: {what} changes evenly (or not beyond its "
                         f"95% CI) along the {first.label}.")
        else:
            parts.append(f"Knee{where} at {first.value_text(knee)}{among}: beyond it, "
                         f"changing the {first.label} changes {what} much less.")
    return "\n".join(parts)


def warnings_text(result: SweepResult, most: int = MOST_WARNINGS) -> tuple[str, str]:
    """Which points had not settled, then each warning once with the points that gave it
    (only identical texts together): the first ``most`` lines to show and all of them for
    the tooltip. Both empty when no point has a warning."""
    lines = []
    unsettled = result.unsettled_points
    if unsettled:
        named = "; ".join(f"{point_text(result, p)} ({count_text(p.still_in_journey)} still "
                          "in the journey at the end)" for p in unsettled[:MOST_NAMED])
        if len(unsettled) > MOST_NAMED:
            named += f"; and {len(unsettled) - MOST_NAMED} more points"
        lines.append(f"\N{WARNING SIGN} Not settled at {named}: the figures there depend on "
                     "the run's length and count only the journeys that finished; the knee "
                     "is read from the other points.")
    for text, points in grouped_warnings(result):
        lines.append(f"\N{WARNING SIGN} At {'; '.join(point_text(result, p) for p in points)}"
                     f": {text}")
    return capped_lines(lines, most)


def count_text(value: float) -> str:
    return f"{value:,.0f}" if math.isfinite(value) else "n/a"


def about_text(result: SweepResult) -> str:
    s = result.settings
    return (f"{len(result.points)} points \N{MULTIPLICATION SIGN} {s.replications} "
            f"replication{'s' * (s.replications != 1)} of {s.days:g} days (first "
            f"{s.warmup_days:g} days warm-up), seed {s.seed}; every point met the same "
            "arrivals. Figures: mean (95% confidence interval).")


class _Point:
    def __init__(self, values: list[str], figure: str, knee: bool,
                 unsettled: bool = False) -> None:
        self.values, self.figure, self.knee = values, figure, knee
        self.unsettled = unsettled


def _columns(result: SweepResult, measure: str, unit: str) -> list[Column]:
    """The parameters, the measure, the knee; and whether each run settled, if one did
    not."""
    columns = [Column(p.axis_label, lambda r, i=i: r.values[i], lambda r, i=i: r.values[i])
               for i, p in enumerate(result.parameters)]
    title = measure_label(measure) + (f" ({unit})" if unit and unit != "%" else
                                      " (%)" if unit else "")
    columns.append(Column(title, lambda r: r.figure, lambda r: r.figure))
    columns.append(Column("Knee", lambda r: "\N{BLACK DIAMOND} knee" if r.knee else "",
                          lambda r: r.knee, number=False))
    if result.unsettled_points:
        columns.append(Column("Run", lambda r: NOT_SETTLED if r.unsettled else "settled",
                              lambda r: r.unsettled, number=False,
                              tip=lambda r: "A queue was still growing (or many were still "
                              "in the journey) at the end of the run: the figures depend on "
                              "its length." if r.unsettled else ""))
    return columns


def sweep_rows(result: SweepResult, measure: str) -> tuple[list[Column], list[_Point]]:
    """The table's columns and one row per point, ``measure`` shown as the report does."""
    estimates = result.estimates(measure)
    typical = max((abs(e.mean) for e in estimates if math.isfinite(e.mean)), default=math.nan)
    scale = value_scale(measure, typical)
    knees = ({None: result.knee(measure)} if result.second is None else
             {at: result.knee(measure, at) for at in result.second.values})
    rows = []
    for point, estimate in zip(result.points, estimates, strict=True):
        at = point.values[1] if len(point.values) > 1 else None
        values = [p.value_text(v) for p, v in zip(result.parameters, point.values,
                                                  strict=True)]
        rows.append(_Point(values, with_ci(estimate, scale), knees.get(at) == point.values[0],
                           point.unsettled))
    return _columns(result, measure, scale.unit), rows


class SweepView(SubjectPanel):
    """Shows one :class:`SweepResult` read by one measure. ``saved(str)`` and
    ``failed(str)`` say what became of an export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(EMPTY_TEXT, parent)
        self.result: SweepResult | None = None
        self.knee = boxed_label()
        self.warnings = small_label(colour="#92400E")
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.measure_box = QComboBox()
        for key in CUSTOMER_MEASURES:
            self.measure_box.addItem(measure_label(key), key)
        self.measure_box.currentIndexChanged.connect(lambda *_: self._show_measure())
        self.table = ResultsTable([])
        self.table.setSortingEnabled(False)
        self.charts = FigureTabs({CHART: "Chart"}, sweep_figure)
        self.charts.addTab(self.table, TABLE_TAB)
        self.charts.saved.connect(self.saved)
        self.charts.failed.connect(self.failed)
        self.csv_button = QPushButton("Export CSV\N{HORIZONTAL ELLIPSIS}")
        self.csv_button.setToolTip("Every measure at every point, with its 95% CI, as CSV")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self._add_pages(self._build_page())
        self.show_sweep(None)

    def _build_page(self) -> QWidget:
        row = QHBoxLayout()
        label = QLabel("&Measure")
        label.setBuddy(self.measure_box)
        row.addWidget(label)
        row.addWidget(self.measure_box)
        row.addStretch(1)
        row.addWidget(self.csv_button)
        page, layout = titled_page(self.title, self.about, self.warnings)
        layout.addLayout(row)
        layout.addWidget(self.knee)
        layout.addWidget(self.charts, 1)
        return page

    def measure(self) -> str:
        return str(self.measure_box.currentData())

    def show_sweep(self, result: SweepResult | None, measure: str = DEFAULT_MEASURE) -> None:
        """Fill the panel with ``result`` read by ``measure`` (None: the empty page)."""
        self.result = result
        if result is None:
            self.charts.show_subject(None)
            self.stack.setCurrentIndex(0)
            return
        names = " and ".join(p.label for p in result.parameters)
        self.title.setText(f"{result.title or 'Untitled map'}: sweeping the {names}")
        self.about.setText(about_text(result))
        shown, every = warnings_text(result)
        self.warnings.setText(shown)
        self.warnings.setToolTip(every)
        self.warnings.setVisible(bool(every))
        self._show_page(result.title, "sweep")
        index = self.measure_box.findData(measure)
        if index == self.measure_box.currentIndex():
            self._show_measure()
        else:
            self.measure_box.setCurrentIndex(index)  # shows it

    def _show_measure(self) -> None:
        if self.result is None:
            return
        measure = self.measure()
        columns, rows = sweep_rows(self.result, measure)
        model = self.table.source
        model.beginResetModel()
        model.columns, model.rows = columns, rows
        model.endResetModel()
        self.knee.setText(knee_text(self.result, measure))
        self.charts.show_subject((self.result, measure))

    def cells(self) -> list[list[str]]:
        """The table as shown (for tests)."""
        model = self.table.source
        return [[c.text(r) for c in model.columns] for r in model.rows]

    def export_csv(self, path: str | Path | None = None) -> bool:
        result = self.result
        if result is None:
            return False
        return self._export_csv(lambda target: write_sweep_csv(result, target),
                                "Export the sweep", path)
