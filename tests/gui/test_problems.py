"""The problems panel: checks the map after the edits pause, lists errors then warnings,
and shows the element of a problem when it is double-clicked."""

import pytest
from PySide6.QtCore import Qt

from outsidein_desktop.domain import Segment
from outsidein_desktop.domain.validate import ERROR, WARNING, Element, Problem
from outsidein_desktop.gui.commands import AddSegment, UpdatePart
from outsidein_desktop.gui.problems import count_text


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    window.open_map(map_file)
    return window


def _rows(panel):
    tree = panel.tree
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
            for i in range(tree.topLevelItemCount())]


def _break_triage(window):
    window.document.undo_stack.push(
        UpdatePart(window.document, "Triage", {"team": "Nurses"}))


def test_a_valid_map_has_no_problems(window):
    assert _rows(window.problems) == []
    assert window.problems_label.text() == "No problems"


def test_a_missing_team_is_listed_after_the_edits_pause(qtbot, window):
    _break_triage(window)
    assert window.problems.timer.isActive()  # debounced: not checked at once
    assert _rows(window.problems) == []

    qtbot.waitUntil(lambda: len(_rows(window.problems)) == 2)

    assert _rows(window.problems) == [
        ("Step 'Triage'", "It is done by team 'Nurses', but there is no team with that "
                          "name. Add the team or choose another."),
        ("Team 'Booking'", "No step uses this team."),
    ]
    assert window.problems_label.text() == "1 error, 1 warning"


def test_each_change_restarts_the_wait(qtbot, window):
    _break_triage(window)
    qtbot.wait(200)
    window.document.undo_stack.push(
        UpdatePart(window.document, "Treat", {"staff_needed": 2}))
    qtbot.wait(250)
    assert _rows(window.problems) == []  # 450 ms after the first change, 250 after the last

    qtbot.waitUntil(lambda: len(_rows(window.problems)) == 2)


def test_double_clicking_a_problem_selects_the_step_on_the_canvas(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    _break_triage(window)
    qtbot.waitUntil(lambda: len(_rows(window.problems)) == 2)
    tree = window.problems.tree
    rect = tree.visualItemRect(tree.topLevelItem(0))

    # A real double-click starts with a press (QTest's double-click alone does not).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.canvas.selected() == [("node", "Triage")]
    assert window.inspector.key == ("node", "Triage")


def test_a_team_problem_opens_the_team_in_its_panel(window):
    window.show_element(Element("team", "Clinic"))

    assert window.teams_panel.current_team() == "Clinic"
    assert window.teams_dock.isVisible() or not window.teams_dock.isHidden()


def test_a_segment_problem_opens_the_segment(window):
    window.document.undo_stack.push(AddSegment(window.document, Segment(name="Urgent")))

    window.show_element(Element("segment", "Urgent"))

    assert window.segments_panel.current_segment() == "Urgent"


def test_a_handoff_problem_selects_the_handoff(window):
    window.show_element(Element("handoff", ("Triage", "Needs treatment?")))

    assert window.canvas.selected() == [("handoff", ("Triage", "Needs treatment?"))]


def test_the_canvas_is_told_the_problems(qtbot, window, monkeypatch):
    told = []
    monkeypatch.setattr(window.canvas, "set_problems", told.append)
    _break_triage(window)

    qtbot.waitUntil(lambda: bool(told))

    assert [p.element for p in told[-1]] == [Element("step", "Triage"),
                                             Element("team", "Booking")]


def test_errors_come_before_warnings_and_are_counted():
    warning = Problem(WARNING, Element("map"), "w")
    error = Problem(ERROR, Element("map"), "e")

    assert count_text([warning, error, error]) == "2 errors, 1 warning"
    assert count_text([]) == "No problems"
