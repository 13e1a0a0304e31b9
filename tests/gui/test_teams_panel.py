"""The teams panel: add, rename, recolour, remove (with a warning), and weekly hours."""

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from outsidein_desktop.domain import Shift
from outsidein_desktop.gui.teams_panel import TeamsPanel


@pytest.fixture
def panel(qtbot, clinic_map, make_document):
    panel = TeamsPanel(make_document(clinic_map()))
    qtbot.addWidget(panel)
    return panel


def _map(panel):
    return panel.document.service_map


def _last_command(panel):
    stack = panel.document.undo_stack
    return stack.text(stack.count() - 1)


def test_it_lists_the_teams_with_colour_swatches(panel):
    names = [panel.list.item(i).text() for i in range(panel.list.count())]

    assert names == ["Booking", "Clinic"]
    assert not panel.list.item(0).icon().isNull()
    assert panel.current_team() == "Booking"
    assert panel.summary.text() == ("Up to 2 staff on duty, 80 staff-hours a week. "
                                    "Does 1 step: 'Triage'.")


def test_adding_a_team_selects_it(panel):
    panel.add_button.click()

    assert [t.name for t in _map(panel).teams()] == ["Booking", "Clinic", "Team 1"]
    assert _map(panel).team("Team 1").colour == "#228833"
    assert panel.current_team() == "Team 1"
    assert _last_command(panel) == "Add team 'Team 1'"


def test_renaming_a_team_carries_to_its_steps(panel, dialogs):
    dialogs.answers["text"] = ("Bookings office", True)

    panel.rename_button.click()

    assert _map(panel).node("Triage").team == "Bookings office"
    assert panel.current_team() == "Bookings office"
    assert _last_command(panel) == "Rename team 'Booking' to 'Bookings office'"


def test_a_duplicate_team_name_is_refused(panel, dialogs):
    dialogs.answers["text"] = ("Clinic", True)

    panel.rename_button.click()

    assert panel.message.text() == "There is already a team called 'Clinic'."
    assert panel.document.undo_stack.count() == 0


def test_recolouring_uses_the_colour_dialog(panel, dialogs):
    dialogs.answers["colour"] = QColor("#aa3377")

    panel.colour_button.click()

    assert _map(panel).team("Booking").colour == "#AA3377"
    assert _last_command(panel) == "Recolour team 'Booking'"


def test_removing_a_used_team_warns_naming_its_steps(panel, dialogs):
    dialogs.answers["warning"] = QMessageBox.StandardButton.Cancel

    panel.remove_button.click()

    assert _map(panel).has_team("Booking")
    assert dialogs.texts("warning")[0].startswith("1 step uses 'Booking': 'Triage'.")

    dialogs.answers["warning"] = QMessageBox.StandardButton.Yes
    panel.remove_button.click()
    assert not _map(panel).has_team("Booking")
    assert _last_command(panel) == "Delete team 'Booking'"


def test_the_warning_counts_several_steps(panel, dialogs):
    dialogs.answers["warning"] = QMessageBox.StandardButton.Cancel
    panel.document.service_map.update("Treat", team="Booking")

    panel.remove_button.click()

    assert dialogs.texts("warning")[0].startswith("2 steps use 'Booking': 'Triage' and 'Treat'.")


def test_an_unused_team_goes_without_asking(panel, dialogs):
    panel.add_button.click()

    panel.remove_button.click()

    assert not _map(panel).has_team("Team 1")
    assert dialogs.shown == []


def test_the_staff_of_a_shift_is_one_named_command(panel):
    row = panel.shifts.table
    staff = row.cellWidget(0, 3)

    staff.setValue(4)

    assert _map(panel).team("Booking").shifts == (Shift(staff=4),)
    assert _last_command(panel) == "Set staff of Booking to 4"
    assert panel.grid.roster[0, 9] == 4 and panel.grid.roster[5, 9] == 0


def test_shift_days_and_hours(panel):
    days, start, end = (panel.shifts.table.cellWidget(0, c) for c in range(3))

    days.setText("Mon-Sat")
    days.editingFinished.emit()
    start.setValue(8)

    assert _map(panel).team("Booking").shifts == (Shift(days=(0, 1, 2, 3, 4, 5), start=8,
                                                        end=17, staff=2),)
    stack = panel.document.undo_stack
    assert [stack.text(i) for i in range(2)] == [
        "Set days of a Booking shift to Mon-Sat", "Set hours of a Booking shift to 08:00-17:00"]


def test_a_bad_shift_is_refused_in_place(panel):
    days = panel.shifts.table.cellWidget(0, 0)

    days.setText("Someday")
    days.editingFinished.emit()

    assert panel.shifts.message.text() == ("'Someday' is not a set of days; write them like "
                                           "'Mon-Fri' or 'Sat,Sun'.")
    assert panel.document.undo_stack.count() == 0


def test_adding_and_removing_shifts(panel):
    panel.shifts.add_button.click()
    assert len(_map(panel).team("Booking").shifts) == 2
    assert panel.shifts.table.rowCount() == 2
    assert panel.summary.text().startswith("Up to 3 staff on duty")

    panel.shifts.remove_button.click()
    assert len(_map(panel).team("Booking").shifts) == 1
    assert _last_command(panel) == "Remove a shift from Booking"


def test_undo_shows_the_old_hours(panel):
    panel.shifts.table.cellWidget(0, 3).setValue(4)

    panel.document.undo_stack.undo()

    assert panel.shifts.table.cellWidget(0, 3).value() == 2
    assert panel.grid.roster[0, 9] == 2
