"""The results view: cards (customer's view first), the teams' view, the tables (sorted and
copied) and the five charts."""

import dataclasses
import math

import pytest
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from outsidein_desktop.analysis.estimates import Estimate
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.gui.results.charts import CHARTS
from outsidein_desktop.gui.results.format import HEADLINES, pick_readings
from outsidein_desktop.gui.results.view import ResultsView
from outsidein_desktop.report.readings import headline_readings


@pytest.fixture
def results(clinic_map):
    service_map = clinic_map()
    settings = dataclasses.replace(service_map.run, days=30, warmup_days=5, replications=2)
    return simulate(service_map, settings).results


@pytest.fixture
def view(qtbot, results):
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show_results(results, headline_readings(results))
    return view


def test_the_view_says_there_are_no_results_before_a_run(qtbot):
    view = ResultsView()
    qtbot.addWidget(view)
    assert view.stack.currentIndex() == 0
    assert "Run (F5)" in view.empty.text()


def test_the_cards_lead_with_the_customers_view(view, results):
    cards = list(view.cards.cards.values())
    assert [c.measure.key for c in cards] == [
        "end_to_end_median", "end_to_end_p90", "waiting_share", "unowned_mean",
        "handoffs_per_customer", "story_repeats_per_customer", "chases_per_100",
        "gave_up_share"]
    median = view.cards.cards["end_to_end_median"]
    estimate = results.customer["end_to_end_median"]
    assert median.text == HEADLINES[0].value(estimate)
    assert median.interval.text() == HEADLINES[0].interval(estimate)
    assert median.interval.text().startswith("95% CI ")
    # Every card has its reading or an explanation; the report's sentence is used once.
    readings = headline_readings(results)
    assert median.reading.text() == readings["end_to_end"]
    assert all(card.reading.text() for card in cards)
    assert len({card.reading.text() for card in cards}) == len(cards)
    # The CI is small print: smaller than the figure.
    assert median.interval.font().pointSizeF() < median.value.font().pointSizeF()
    assert view.title.text() == results.title
    assert "2 replications of 30 days" in view.about.text()


def test_a_count_is_shown_with_its_unit_in_smaller_type(view):
    card = view.cards.cards["handoffs_per_customer"]
    assert card.text.endswith(" per customer")
    assert "font-size: small" in card.value.text()


@pytest.mark.parametrize("measure,estimate,value,interval", [
    (HEADLINES[0], Estimate(2880.0, 1440.0, 4320.0, 5), "2 days",
     "95% CI 1 day to 3 days"),
    # Two replications far apart: a time's lower limit never reads below zero.
    (HEADLINES[0], Estimate(2880.0, -720.0, 6480.0, 2), "2 days",
     "95% CI 0 days to 4.5 days"),
    (HEADLINES[2], Estimate(0.781, 0.75, 0.8, 5), "78.1%", "95% CI 75.0% to 80.0%"),
    (HEADLINES[4], Estimate(2.5, math.nan, math.nan, 1), "2.50 per customer",
     "no 95% CI from a single replication"),
    (HEADLINES[6], Estimate(math.nan, math.nan, math.nan, 0), "n/a", ""),
])
def test_figures_are_written_in_human_units(measure, estimate, value, interval):
    assert measure.value(estimate) == value
    assert measure.interval(estimate) == interval


def test_readings_are_matched_to_cards_by_measure_first():
    readings = {"end_to_end_median": "A.", "end_to_end": "B.", "spread": "C."}
    chosen = pick_readings(readings)
    assert chosen["end_to_end_median"] == "A."
    assert chosen["end_to_end_p90"] == "C."
    assert chosen["story_repeats_per_customer"].startswith("Times a customer")


def test_warnings_of_the_run_are_shown(qtbot, results):
    view = ResultsView()
    qtbot.addWidget(view)
    view.show_results(dataclasses.replace(results, warnings=["The queue kept growing."]))
    assert "The queue kept growing." in view.warnings.text()
    assert not view.warnings.isHidden()


def _column(table, title):
    model = table.proxy
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return titles.index(title)


def _texts(table, column):
    model = table.proxy
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_teams_view_sits_beside_with_utilisation_and_waits(view, results):
    table = view.teams
    assert [table.proxy.headerData(c, Qt.Orientation.Horizontal)
            for c in range(table.proxy.columnCount())] == ["Team", "Utilisation", "Mean wait"]
    assert _texts(table, 0) == [t.name for t in results.teams]
    assert _texts(table, 1) == [f"{t.utilisation.mean:.1%}" for t in results.teams]


def test_the_steps_table_sorts_by_the_numbers_not_the_text(view, results):
    table = view.steps
    wait = _column(table, "Mean wait")

    table.sortByColumn(wait, Qt.SortOrder.DescendingOrder)

    ordered = sorted(results.steps, key=lambda s: -s.mean_wait.mean)
    assert _texts(table, 0) == [s.name for s in ordered]
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _texts(table, 0) == sorted(s.name for s in results.steps)
    tip = table.proxy.index(0, wait).data(Qt.ItemDataRole.ToolTipRole)
    assert "95% CI" in tip


def test_ctrl_c_copies_the_selected_cells_with_their_headers(qtbot, view, results):
    table = view.steps
    view.tabs.setCurrentWidget(table)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select
    wait = _column(table, "Mean wait")
    for row in range(table.proxy.rowCount()):
        selection.select(table.proxy.index(row, 0), flags)
        selection.select(table.proxy.index(row, wait), flags)
    table.setFocus()

    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[0] == "Step\tMean wait"
    names = sorted(s.name for s in results.steps)
    assert [line.split("\t")[0] for line in lines[1:]] == names
    assert all(len(line.split("\t")) == 2 for line in lines)


def test_copying_with_nothing_selected_copies_the_whole_table(view, results):
    text = view.all_teams.copy_selection()
    lines = text.split("\n")
    assert lines[0].split("\t")[:3] == ["Team", "Utilisation", "Mean wait"]
    assert len(lines) == 1 + len(results.teams)


def test_every_chart_has_a_tab_drawn_when_shown(view):
    tabs = view.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        *CHARTS.values(), "Steps", "Teams"]
    assert tabs.currentIndex() == 0
    assert isinstance(tabs.pages["end_to_end"].canvas, FigureCanvasQTAgg)
    assert tabs.pages["capability"].canvas is None  # drawn when its tab is shown

    for name, page in tabs.pages.items():
        tabs.setCurrentWidget(page)
        assert page.canvas is not None, name
        axes = page.figure.axes[0]
        assert axes.get_title(loc="left") or axes.get_title(), name
        assert axes.get_xlabel() and axes.get_ylabel(), name
        assert page.export_button.isEnabled()


def test_a_chart_that_cannot_draw_says_so(qtbot, results):
    view = ResultsView()
    qtbot.addWidget(view)

    def broken(results, name):
        raise ValueError("no data")

    view.tabs.make = broken
    view.show_results(results)

    page = view.tabs.pages["end_to_end"]
    assert "could not be drawn" in page.message.text()
    assert not page.export_button.isEnabled()



def _needed(table, column):
    """The width ``column`` needs for its header and its widest cell."""
    return max(table.sizeHintForColumn(column),
               table.horizontalHeader().sectionSizeHint(column))


def _cut_columns(table):
    """The columns narrower than their header or widest cell (their text would be cut)."""
    header = table.horizontalHeader()
    return [table.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())
            if header.sectionSize(c) < _needed(table, c)]


@pytest.fixture
def long_names(results):
    """The results with the long names of a real service (the GP appointment line's)."""
    return dataclasses.replace(
        results,
        steps=[dataclasses.replace(s, name=f"{s.name} and care navigation",
                                   team=f"{s.team} practice nurses") for s in results.steps],
        teams=[dataclasses.replace(t, name=f"{t.name} practice nurses")
               for t in results.teams])


def _shown(qtbot, results, width):
    view = ResultsView()
    qtbot.addWidget(view)
    view.resize(width, 900)
    view.show_results(results, headline_readings(results))
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("width", [700, 1100, 1600])
def test_no_column_of_a_table_is_cut(qtbot, long_names, width):
    """A column is never narrower than its text ("1.14 m", "Gave up a d"): a table with too
    little room scrolls sideways; the teams' summary beside the tabs takes the width its
    three columns need, and the last column of a table takes any room to spare."""
    view = _shown(qtbot, long_names, width)
    for name, table in view.tables().items():
        view.tabs.setCurrentWidget(table if name != "summary" else view.steps)
        qtbot.wait(10)
        assert _cut_columns(table) == [], name
        header = table.horizontalHeader()
        total = sum(header.sectionSize(c) for c in range(header.count()))
        assert total >= table.viewport().width(), name  # no gap at the right
    assert view.teams.horizontalScrollBar().maximum() == 0  # the summary is read whole
    assert view.teams.viewport().width() >= sum(_needed(view.teams, c) for c in range(3))


def test_a_table_with_room_to_spare_gives_it_to_the_last_column(qtbot, results):
    view = _shown(qtbot, results, 1600)
    table = view.all_teams
    view.tabs.setCurrentWidget(table)
    qtbot.wait(10)
    header = table.horizontalHeader()
    last = header.count() - 1
    assert header.sectionSize(last) > _needed(table, last)
    assert sum(header.sectionSize(c) for c in range(header.count())) \
        == table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def test_long_column_titles_break_over_two_lines_but_copy_on_one(view):
    table = view.steps
    shown = [table.proxy.headerData(c, Qt.Orientation.Horizontal)
             for c in range(table.proxy.columnCount())]
    assert shown == ["Step", "Team", "Visits\na day", "Mean wait", "90th %\nwait",
                     "Gave up\na day"]
    assert table.copy_selection().split("\n")[0].split("\t") == [
        "Step", "Team", "Visits a day", "Mean wait", "90th % wait", "Gave up a day"]


def test_the_capability_tab_says_it_shows_replication_1_only(view, results):
    """The capability chart is one replication's journeys; the other tabs pool them all, so
    their averages differ: the tab says so above the chart (the chart is the report's)."""
    tabs = view.tabs
    index = list(CHARTS).index("capability")
    assert "replication 1" in tabs.tabToolTip(index)
    page = tabs.pages["capability"]
    tabs.setCurrentWidget(page)
    assert page.message.text().startswith("Replication 1 only, of 2:")
    assert "pool all 2 replications" in page.message.text()
    assert tabs.pages["end_to_end"].message.text() == ""  # no caption where none is needed


def test_the_unowned_time_is_explained_as_the_time_between_teams():
    """Without the report's sentence, the card says what the time is: from one team finishing
    to the next starting, queues for the next team included (which that team's own waits
    show too), not "time no team's figures show"."""
    explained = pick_readings({})["unowned_mean"]
    assert "one team finishing" in explained and "the queue for the next team" in explained
    assert "No single team owns this time." in explained
    assert "figures show" not in explained
