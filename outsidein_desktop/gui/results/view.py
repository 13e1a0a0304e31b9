"""The results view: what a run says, the customer's view first.

At the top, what was run (map, scenario, replications, seed) and any warnings; then the
headline cards (the customer's view, outside in) beside the teams' own figures (inside
out), because the gap between the two is the point; then tabs with the steps' table and
the five board charts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...analysis.results import Results
from ..journey import FollowPersonBar
from ..labels import empty_label, heading_label, small_label, title_label, titled_page
from .cards import HeadlineCards
from .charts import ChartTabs
from .table import ResultsTable, step_table, team_table

EMPTY_TEXT = ("No results yet. Press Run (F5) to simulate the map, or open saved results "
              "(File \N{BLACK RIGHT-POINTING SMALL TRIANGLE} Open Results\N{HORIZONTAL ELLIPSIS}).")
STEPS_TAB = "Steps"
TEAMS_TAB = "Teams"


def settings_text(results: Results) -> str:
    """ "10 replications of 365 days (first 28 days warm-up) from Mon 5 Jan 2026, seed 1"."""
    s = results.settings
    return (f"{s.replications} replication{'s' * (s.replications != 1)} of {s.days:g} days "
            f"(first {s.warmup_days:g} days warm-up, left out) from "
            f"{s.start_date:%a %d %b %Y}, seed {s.seed} \N{MIDDLE DOT} 95% confidence "
            f"intervals over replications \N{MIDDLE DOT} OutsideIn {results.software_version}")


class ResultsView(QWidget):
    """Shows one run's :class:`Results` (or says there are none yet).

    ``hotspotsRequested`` when the user asks to see the waits on the map.
    """

    hotspotsRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results: Results | None = None
        self.empty = empty_label(EMPTY_TEXT)
        self.title = title_label()
        self.about = small_label()
        self.source = small_label(colour="#6B7280")
        self.warnings = small_label(colour="#92400E")
        self.warnings.setStyleSheet("color: #7C2D12; background: #FEF3C7; padding: 4px; "
                                    "border-radius: 4px;")
        self.cards = HeadlineCards(columns=4)
        self.outcomes = small_label()
        self.follow = FollowPersonBar()  # fed the run's raw outputs by the window
        self.teams = team_table(summary=True)
        self.steps = step_table()
        self.all_teams = team_table()
        self.tabs = ChartTabs()
        self.tabs.add_charts()
        self.tabs.addTab(self.steps, STEPS_TAB)
        self.tabs.addTab(self.all_teams, TEAMS_TAB)
        self.hotspots_button = QPushButton("Show waits on the map")
        self.hotspots_button.setToolTip("Colour the map's steps and handoffs by how long "
                                        "customers wait there")
        self.hotspots_button.clicked.connect(self.hotspotsRequested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_page())
        # In a scroll area, so that a small window or a narrow dock still fits.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_results(None)

    def _build_page(self) -> QWidget:
        teams = QVBoxLayout()
        teams.setSpacing(6)
        teams.addWidget(heading_label("The teams' view (inside out)"))
        teams.addWidget(small_label("Each team's own figures: how busy it is and how long "
                                    "customers wait for it. Select cells and press Ctrl+C "
                                    "to copy."))
        teams.addWidget(self.teams, 1)
        teams.addWidget(self.hotspots_button, 0, Qt.AlignmentFlag.AlignLeft)
        # The teams' summary as wide as its three columns; the tabs (the steps' table has
        # six) get the rest of the width.
        self.teams_column = QWidget()
        self.teams_column.setSizePolicy(QSizePolicy.Policy.Maximum,
                                        QSizePolicy.Policy.Preferred)
        teams.setContentsMargins(0, 0, 0, 0)
        self.teams_column.setLayout(teams)
        below = QHBoxLayout()
        below.setSpacing(14)
        below.addWidget(self.teams_column, 0)
        below.addWidget(self.tabs, 1)
        page, layout = titled_page(self.title, self.about, self.source, self.warnings)
        layout.addSpacing(6)
        layout.addWidget(heading_label("The customer's view (outside in)"))
        layout.addWidget(self.cards)
        layout.addWidget(self.outcomes)
        layout.addWidget(self.follow)
        layout.addSpacing(8)
        layout.addLayout(below, 1)
        return page

    def show_results(self, results: Results | None, readings: dict[str, str] | None = None,
                     source: str = "") -> None:
        """Fill the view with ``results`` (None: the empty page). ``readings`` are the
        plain-English sentences (report.readings); ``source`` says where they came from."""
        self.results = results
        if results is None:
            self.stack.setCurrentIndex(0)
            self.tabs.show_results(None)
            return
        readings = readings or {}
        scenario = f" \N{EM DASH} scenario: {results.scenario}" if results.scenario else ""
        self.title.setText(f"{results.title or 'Untitled map'}{scenario}")
        self.about.setText(settings_text(results))
        self.source.setText(source)
        self.source.setVisible(bool(source))
        self.warnings.setText("\n".join(f"\N{WARNING SIGN} {w}" for w in results.warnings))
        self.warnings.setVisible(bool(results.warnings))
        self.cards.show_results(results, readings)
        self.outcomes.setText(readings.get("outcomes", ""))
        self.outcomes.setVisible("outcomes" in readings)
        self.teams.set_rows(results.teams)
        self.steps.set_rows(results.steps)
        self.all_teams.set_rows(results.teams)
        self.tabs.show_results(results)
        self.stack.setCurrentIndex(1)

    def tables(self) -> dict[str, ResultsTable]:
        return {"teams": self.all_teams, "steps": self.steps, "summary": self.teams}
