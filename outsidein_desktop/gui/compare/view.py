"""The Compare panel: what each redesign does to the journey, against the map as it is.

At the top, what was compared and how (replications, seed, common random numbers); then
the verdicts in plain words, only where the 95% CI of the difference excludes zero; then
the side-by-side table (copyable, exportable to CSV); then the three comparison charts in
tabs, each exportable for a board paper.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...analysis.compare import Comparison
from ...analysis.comparison_file import save_comparison_csv
from ...report.comparison_text import MATERIAL, no_clear_difference, verdict_sentences
from ..inspector.widgets import heading, hint
from ..labels import small_label, titled_page
from .chart_tabs import FigureTabs
from .panel import SubjectPanel, boxed_label
from .table import ComparisonTable

EMPTY_TEXT = ("No comparison yet. Choose Run \N{BLACK RIGHT-POINTING SMALL TRIANGLE} "
              "Compare\N{HORIZONTAL ELLIPSIS} (Ctrl+Shift+R) to run redesigns beside the map "
              "as it is, with the same arrivals.")
NO_CLEAR_DIFFERENCE = "No clear difference: every 95% confidence interval of a difference " \
                      "includes zero."

#: The table grows to show every row up to this height (pixels), then scrolls.
MOST_TABLE_HEIGHT = 320

#: The verdicts take up to this many lines; more scroll.
MOST_VERDICT_LINES = 7
#: Warnings shown in full above the verdicts; the rest are in the tooltip.
MOST_WARNINGS = 3

#: The comparison charts: the report layer's name -> tab title.
CHARTS = {"end_to_end": "End-to-end", "differences": "Differences",
          "where_time_goes": "Where time goes"}


def comparison_figure(comparison: Comparison, name: str) -> Figure:
    """The report layer's comparison chart ``name`` on its own figure."""
    from ...report import comparison_charts

    return comparison_charts.comparison_figure(comparison, name)


def about_text(comparison: Comparison) -> str:
    s = comparison.settings
    return (f"{s.replications} replication{'s' * (s.replications != 1)} of {s.days:g} days "
            f"per option (first {s.warmup_days:g} days warm-up, left out), seed {s.seed}, "
            f"from {s.start_date:%a %d %b %Y}. Every option met the same people with the same "
            "luck (common random numbers); each difference is paired replication by "
            "replication. Figures: "
            "mean (95% confidence interval).")


def changes_text(comparison: Comparison) -> str:
    lines = []
    for option in comparison.redesigns:
        changes = "; ".join(option.changes) or "no changes"
        lines.append(f"{option.name}: {changes}")
    return "\n".join(lines)


def warnings_text(comparison: Comparison, most: int = MOST_WARNINGS) -> tuple[str, str]:
    """Each option's warnings (a team overloaded, a queue still growing), named: the first
    ``most`` lines to show and all of them for the tooltip."""
    return capped_lines([f"\N{WARNING SIGN} {option.name}: {warning}"
                         for option in comparison.options
                         for warning in option.results.warnings], most)


def capped_lines(lines: list[str], most: int) -> tuple[str, str]:
    """The first ``most`` warning lines (and how many more) to show, and all of them for
    the tooltip."""
    shown = lines[:most]
    if len(lines) > most:
        shown.append(f"\N{WARNING SIGN} and {len(lines) - most} more (hover here to read "
                     "them all)")
    return "\n".join(shown), "\n".join(lines)


def verdicts_text(comparison: Comparison) -> str:
    """The verdict sentences, one a line; then each redesign with none, saying so; or "No
    clear difference…" alone when every CI of every redesign includes zero."""
    sentences = verdict_sentences(comparison)
    unclear = no_clear_difference(comparison)
    if not sentences and len(unclear) == len(comparison.redesigns):
        return f"\N{BULLET} {NO_CLEAR_DIFFERENCE}"
    for option in comparison.redesigns:
        said = any(s.startswith(f"{option.name} ") for s in sentences + unclear)
        if not said:
            unclear.append(f"{option.name} makes no clear difference of {MATERIAL:.0%} or more "
                           "to any headline measure (the table shows the smaller ones).")
    return "\n".join(f"\N{BULLET} {s}" for s in sentences + unclear)


class TextPanel(QScrollArea):
    """A label as tall as its text, up to ``most_lines``; longer text scrolls (two
    redesigns can have a dozen verdicts, and the table and charts need the room)."""

    def __init__(self, label: QLabel, most_lines: int) -> None:
        super().__init__()
        self.most_lines = most_lines
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self) -> None:
        label = self.widget()
        needed = label.heightForWidth(max(1, self.viewport().width()))
        if needed < 0:
            needed = label.sizeHint().height()
        most = label.fontMetrics().lineSpacing() * self.most_lines + 14
        self.setFixedHeight(min(needed, most) + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()


class CompareView(SubjectPanel):
    """Shows one :class:`Comparison` (or says there is none yet). ``saved(str)`` and
    ``failed(str)`` say what became of an export."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(EMPTY_TEXT, parent)
        self.comparison: Comparison | None = None
        self.verdicts = boxed_label()
        self.verdicts_panel = TextPanel(self.verdicts, MOST_VERDICT_LINES)
        self.changes = small_label(colour="#6B7280")
        self.warnings = small_label()
        self.warnings.setStyleSheet("color: #7C2D12; background: #FEF3C7; padding: 4px; "
                                    "border-radius: 4px;")
        self.table = ComparisonTable()
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the table (or the selected cells) for a "
                                    "spreadsheet; Ctrl+C in the table does the same")
        self.copy_button.clicked.connect(self.copy_table)
        self.csv_button = QPushButton("Export CSV\N{HORIZONTAL ELLIPSIS}")
        self.csv_button.setToolTip("Every measure with its 95% CI, and each difference to "
                                   "the baseline, as numbers for a spreadsheet (the file "
                                   "outsidein compare writes)")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.charts = FigureTabs(CHARTS, comparison_figure)
        self.charts.saved.connect(self.saved)
        self.charts.failed.connect(self.failed)
        self._add_pages(self._build_page())
        self.show_comparison(None)

    def _build_page(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(heading("Side by side"))
        buttons.addWidget(hint("Green: clearly better; red: clearly worse."), 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.csv_button)
        top = QWidget()
        table_layout = QVBoxLayout(top)
        table_layout.setContentsMargins(0, 0, 0, 0)
        # As tall as the table needs and no more: the splitter gives the rest to the charts.
        table_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        table_layout.addLayout(buttons)
        table_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.charts)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        page, layout = titled_page(self.title, self.about, self.changes, self.warnings)
        layout.addSpacing(4)
        layout.addWidget(heading("What the redesigns do"))
        layout.addWidget(self.verdicts_panel)
        layout.addSpacing(4)
        layout.addWidget(split, 1)
        return page

    def show_comparison(self, comparison: Comparison | None) -> None:
        """Fill the panel with ``comparison`` (None: the empty page)."""
        self.comparison = comparison
        self.table.show_comparison(comparison)
        self.charts.show_subject(comparison)
        if comparison is None:
            self.stack.setCurrentIndex(0)
            return
        count = len(comparison.redesigns)
        self.title.setText(f"{comparison.title or 'Untitled map'}: the baseline and "
                           f"{count} redesign{'s' * (count != 1)}")
        self.about.setText(about_text(comparison))
        self.changes.setText(changes_text(comparison))
        shown, every = warnings_text(comparison)
        self.warnings.setText(shown)
        self.warnings.setToolTip(every)
        self.warnings.setVisible(bool(every))
        self.verdicts.setText(verdicts_text(comparison))
        self.verdicts_panel.fit()
        self._fit_table()
        self._show_page(comparison.title, "comparison")

    def _fit_table(self) -> None:
        """Tall enough for every measure: a board reads all eight, not the first five."""
        table = self.table
        rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
        height = (table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
                  + table.horizontalScrollBar().sizeHint().height())
        table.setFixedHeight(min(height, MOST_TABLE_HEIGHT))  # the charts take the rest

    def copy_table(self) -> str:
        text = self.table.copy_selection()
        self.saved.emit("Copied the comparison table.")
        return text

    def export_csv(self, path: str | Path | None = None) -> bool:
        comparison = self.comparison
        if comparison is None:
            return False
        return self._export_csv(lambda target: save_comparison_csv(comparison, target),
                                "Export the comparison", path)

