"""The inspector: each finished edit is one named command that changes the model; input
the model refuses is explained in place and pushes nothing."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from outsidein_desktop.domain import (
    Arrivals,
    Delay,
    Exponential,
    Fixed,
    ScheduledArrivals,
    Segment,
)
from outsidein_desktop.gui.commands import AddPart, AddSegment, Connect
from outsidein_desktop.gui.inspector.entry_editor import EntryEditor, weekday_hint
from outsidein_desktop.gui.inspector.handoff_editor import HandoffEditor
from outsidein_desktop.gui.inspector.map_editor import MapEditor
from outsidein_desktop.gui.inspector.part_editors import DecisionEditor, ExitEditor, StepEditor


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    window.open_map(map_file)
    return window


def _stack(window):
    return window.document.undo_stack


def _select(window, kind, key):
    assert window.canvas.select(kind, key)
    return window.inspector.page()


def _type(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_nothing_selected_shows_the_map_and_its_run_settings(window):
    page = window.inspector.page()

    assert isinstance(page, MapEditor)
    assert page.title_edit.text() == "Clinic journey"
    assert page.days.value() == 365


def test_a_staff_change_is_one_named_command(window):
    page = _select(window, "node", "Triage")
    assert isinstance(page, StepEditor)

    page.staff.setValue(2)

    assert _stack(window).count() == 1
    assert _stack(window).text(0) == "Set staff needed for 'Triage' to 2"
    assert window.document.service_map.node("Triage").staff_needed == 2


def test_undo_puts_the_old_value_back_in_the_inspector(window):
    page = _select(window, "node", "Triage")
    page.staff.setValue(2)

    window.acts.undo.trigger()

    assert page.staff.value() == 1


def test_renaming_is_one_command_when_editing_finishes(qtbot, window):
    page = _select(window, "node", "Triage")
    page.name_edit.selectAll()
    qtbot.keyClicks(page.name_edit, "Assessment")
    assert _stack(window).count() == 0  # nothing per keystroke

    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)

    assert _stack(window).text(0) == "Rename 'Triage' to 'Assessment'"
    assert window.document.service_map.has("Assessment")
    assert window.inspector.key == ("node", "Assessment")
    assert page.title.text() == "Step: Assessment"


def test_a_duplicate_name_is_refused_in_place(qtbot, window):
    page = _select(window, "node", "Triage")

    _type(qtbot, page.name_edit, "Treat")

    assert _stack(window).count() == 0
    assert not page.name_message.isHidden()
    assert page.name_message.text() == ("There is already a part called 'Treat'. "
                                        "Choose another name.")


def test_choosing_a_team_is_one_command(qtbot, window):
    page = _select(window, "node", "Triage")
    assert [page.team_combo.itemText(i) for i in range(page.team_combo.count())] == [
        "Booking", "Clinic"]

    qtbot.keyClick(page.team_combo, Qt.Key.Key_Down)

    assert _stack(window).text(0) == "Set team of 'Triage' to Clinic"
    assert window.document.service_map.node("Triage").team == "Clinic"


def test_the_duration_changes_when_a_parameter_is_finished(qtbot, window):
    page = _select(window, "node", "Triage")
    picker = page.duration
    assert picker.mean_label.text() == "mean 15 min"

    picker.param_edits[0].selectAll()
    qtbot.keyClicks(picker.param_edits[0], "45")
    assert picker.mean_label.text() == "mean 45 min"  # the mean follows the typing
    assert _stack(window).count() == 0
    qtbot.keyClick(picker.param_edits[0], Qt.Key.Key_Return)

    assert _stack(window).text(0) == "Set duration of 'Triage' to exponential, mean 45 min"
    assert window.document.service_map.node("Triage").duration == Exponential(mean_value=45)


def test_an_invalid_parameter_is_explained_and_not_committed(qtbot, window):
    page = _select(window, "node", "Triage")
    picker = page.duration

    _type(qtbot, picker.param_edits[0], "-5")

    assert _stack(window).count() == 0
    assert not picker.message.isHidden()
    assert picker.message.text() == "The mean must be greater than 0 (got -5)."
    _type(qtbot, picker.param_edits[0], "soon")
    assert picker.message.text() == "The mean must be a number (you typed 'soon')."
    assert _stack(window).count() == 0


def test_a_decision_shows_its_ways_out_with_their_sum(window):
    page = _select(window, "node", "Needs treatment?")
    assert isinstance(page, DecisionEditor)
    table = page.ways_out
    spins = table.spins()

    assert list(spins) == ["Treat", "Discharged"]
    assert [s.value() for s in spins.values()] == [60, 40]
    assert table.total_label.text() == "Total 100 %"
    assert not table.total_label.property("wrong")


def test_the_sum_turns_red_when_the_ways_out_do_not_add_up(window):
    page = _select(window, "node", "Needs treatment?")
    table = page.ways_out

    table.spins()["Treat"].setValue(30)

    assert _stack(window).text(0) == "Set chance of 'Needs treatment?' → 'Treat' to 30%"
    assert window.document.service_map.handoff("Needs treatment?", "Treat").probability == 0.3
    assert table.total_label.text() == "Total 70 % (should be 100 %)"
    assert table.total_label.property("wrong")
    assert "#b3261e" in table.total_label.styleSheet()


def test_even_split_is_one_command(window):
    page = _select(window, "node", "Needs treatment?")
    page.ways_out.spins()["Treat"].setValue(30)

    page.ways_out.even_button.click()

    assert _stack(window).count() == 2
    assert _stack(window).text(1) == "Split the ways out of 'Needs treatment?' evenly"
    chances = [h.probability for _, h in window.document.service_map.ways_out("Needs treatment?")]
    assert chances == [0.5, 0.5]
    assert page.ways_out.total_label.text() == "Total 100 %"


def test_a_step_with_one_way_out_hides_the_table(window):
    page = _select(window, "node", "Triage")

    assert not page.form.isRowVisible(page.ways_out)


def test_a_handoff_edits_information_and_explains_it(window):
    page = _select(window, "handoff", ("Referral", "Triage"))
    assert isinstance(page, HandoffEditor)

    page.info.setValue(80)

    assert _stack(window).text(0) == "Set information travels of 'Referral' → 'Triage' to 80%"
    assert window.document.service_map.handoff("Referral", "Triage").info_travels == 0.8
    assert "about 1 in 5" in page.info_sentence.text()
    assert "tell their story again at 'Triage'" in page.info_sentence.text()


def test_a_handoff_delay_is_optional(window):
    page = _select(window, "handoff", ("Referral", "Triage"))
    combo = page.delay.kind_combo
    assert combo.currentText() == "no time in transit"

    combo.setCurrentIndex(combo.findData("fixed"))
    combo.activated.emit(combo.currentIndex())

    assert window.document.service_map.handoff("Referral", "Triage").delay == Fixed(
        value=1, unit="days")
    assert _stack(window).text(0) == ("Set time in transit of 'Referral' → 'Triage' to "
                                      "fixed, 24 hours")
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert window.document.service_map.handoff("Referral", "Triage").delay is None


def test_entry_arrivals_and_patterns(window):
    page = _select(window, "node", "Referral")
    assert isinstance(page, EntryEditor)

    page.per_day.setValue(25)
    page.weekdays[5].setValue(0)
    page.hours.item(0, 0).setData(Qt.ItemDataRole.EditRole, 0.0)

    arrivals = window.document.service_map.node("Referral").arrivals
    assert arrivals.per_day == 25
    assert arrivals.by_weekday == (1, 1, 1, 1, 1, 0, 1)
    assert arrivals.by_hour[0] == 0 and arrivals.by_hour[1] == 1
    assert [_stack(window).text(i) for i in range(3)] == [
        "Set arrivals at 'Referral' to 25 a day", "Change the busier days at 'Referral'",
        "Change the busier hours at 'Referral'"]


def test_all_zero_weekday_weights_are_refused(window):
    page = _select(window, "node", "Referral")
    for spin in page.weekdays[:-1]:
        spin.setValue(0)
    count = _stack(window).count()

    page.weekdays[-1].setValue(0)

    assert _stack(window).count() == count
    assert page.message.text() == "The by_weekday weights are all zero."


def test_an_exit_outcome(qtbot, window):
    page = _select(window, "node", "Treated")
    assert isinstance(page, ExitEditor)

    _type(qtbot, page.outcome, "Treated and discharged")

    assert window.document.service_map.node("Treated").outcome == "Treated and discharged"


def test_an_exit_can_mean_giving_up_and_undo_takes_it_back(window):
    page = _select(window, "node", "Treated")

    page.gave_up.click()

    assert window.document.service_map.node("Treated").gave_up
    assert _stack(window).text(_stack(window).count() - 1) == "Count 'Treated' as giving up"
    _stack(window).undo()
    assert not window.document.service_map.node("Treated").gave_up
    assert not window.inspector.page().gave_up.isChecked()


def test_a_delay_duration(window):
    doc = window.document
    doc.undo_stack.push(AddPart(doc, Delay(name="Letter", duration=Fixed(value=2, unit="days"))))
    doc.undo_stack.push(Connect(doc, "Letter", "Treated"))
    page = _select(window, "node", "Letter")
    combo = page.duration.kind_combo

    combo.setCurrentIndex(combo.findData("exponential"))
    combo.activated.emit(combo.currentIndex())

    assert doc.service_map.node("Letter").duration == Exponential(mean_value=2, unit="days")


def test_map_title_and_run_settings(qtbot, window):
    page = window.inspector.page()

    _type(qtbot, page.title_edit, "Clinic, redesigned")
    page.days.setValue(100)

    assert window.document.service_map.title == "Clinic, redesigned"
    assert window.document.service_map.run.days == 100
    assert [_stack(window).text(i) for i in range(2)] == [
        "Rename the map to 'Clinic, redesigned'", "Set run length to 100 days"]


def test_a_warm_up_longer_than_the_run_is_refused(window):
    page = window.inspector.page()

    page.warmup.setValue(400)

    assert _stack(window).count() == 0
    assert page.message.text().startswith("The warm-up (400 days) must be shorter than the run")


def test_notes_are_committed_when_the_field_is_left(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = _select(window, "node", "Triage")
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Nurse-led")
    assert _stack(window).count() == 0

    page.name_edit.setFocus()

    assert window.document.service_map.node("Triage").notes == "Nurse-led"
    assert _stack(window).text(0) == "Edit the notes of 'Triage'"


def test_the_tab_order_follows_the_form(window):
    page = _select(window, "node", "Triage")
    wanted = [page.name_edit, page.team_combo, page.duration.kind_combo,
              page.duration.unit_combo, page.duration.param_edits[0], page.staff,
              page.present, page.repeat.kind_combo, page.notes]
    chain, widget = [], page.name_edit
    for _ in range(200):
        if widget in wanted and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is page.name_edit:
            break

    assert chain == wanted
    assert all(isinstance(w, QWidget) for w in chain)


def test_an_entry_can_have_its_own_segment_mix(window):
    doc = window.document
    for name, share in (("Urgent", 1.0), ("Routine", 3.0)):
        doc.undo_stack.push(AddSegment(doc, Segment(name=name, share=share)))
    page = _select(window, "node", "Referral")
    assert not page.mix.isEnabled()
    assert [page.mix.item(r, 1).data(Qt.ItemDataRole.EditRole) for r in range(2)] == [1.0, 3.0]

    page.own_mix.setChecked(True)
    page.mix.item(0, 1).setData(Qt.ItemDataRole.EditRole, 2.0)

    assert doc.service_map.node("Referral").segment_mix == {"Urgent": 2.0, "Routine": 3.0}
    assert _stack(window).text(_stack(window).count() - 1) == "Set segment mix of 'Referral'"
    page.own_mix.setChecked(False)
    assert doc.service_map.node("Referral").segment_mix == {}


def test_a_handoff_note_is_kept(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = _select(window, "handoff", ("Triage", "Needs treatment?"))
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "By letter")

    page.info.setFocus()

    assert window.document.service_map.handoff("Triage", "Needs treatment?").notes == "By letter"


def test_a_segment_can_have_its_own_chance_of_a_way(qtbot, window):
    doc = window.document
    doc.undo_stack.push(AddSegment(doc, Segment(name="Urgent", share=1.0)))
    source = doc.service_map.decisions()[0].name
    target = doc.service_map.ways_out(source)[0][0]
    page = _select(window, "handoff", (source, target))
    spin = page.segment_spins["Urgent"]
    assert spin.text() == "as everyone" and page.segments.isVisibleTo(page)

    spin.setValue(90)

    assert doc.service_map.handoff(source, target).by_segment == {"Urgent": 0.9}
    assert _stack(window).text(_stack(window).count() - 1) == (
        f"Set Urgent's chance of '{source}' → '{target}' to 90%")
    doc.undo_stack.undo()
    assert doc.service_map.handoff(source, target).by_segment == {}
    assert page.segment_spins["Urgent"].text() == "as everyone"
    page.segment_spins["Urgent"].setValue(40)
    page.segment_spins["Urgent"].setValue(-1)
    assert doc.service_map.handoff(source, target).by_segment == {}
    _type(qtbot, page.segment_spins["Urgent"].lineEdit(), "75")  # as a person would
    assert doc.service_map.handoff(source, target).by_segment == {"Urgent": 0.75}


def test_a_map_without_segments_hides_the_chances_by_segment(window):
    page = _select(window, "handoff", ("Referral", "Triage"))
    assert not page.segment_spins and not page.segments.isVisibleTo(page)


def _booked(window, name="Referral"):
    return window.document.service_map.node(name).arrivals.schedule


def _booked_cells(page):
    return [tuple(page.booked.item(r, c).data(Qt.ItemDataRole.EditRole) for c in range(3))
            for r in range(page.booked.rowCount())]


def _last_command(window):
    return _stack(window).text(_stack(window).count() - 1)


def test_adding_booked_arrivals_is_one_command(window):
    page = _select(window, "node", "Referral")
    assert _booked(window) == () and page.booked.isHidden()

    page.add_booked_button.click()

    assert _stack(window).count() == 1
    assert _last_command(window) == "Add booked arrivals at 'Referral'"
    assert _booked(window) == (ScheduledArrivals(days=(0, 1, 2, 3, 4), at=9.0, count=1),)
    assert window.document.service_map.node("Referral").arrivals.per_day == 10
    assert _booked_cells(page) == [("Mon-Fri", "09:00", 1)]
    assert not page.booked.isHidden()


def test_editing_a_booked_time_changes_when_they_arrive(window):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()

    page.booked.item(0, 1).setText("10:15")

    assert _booked(window)[0].at == 10.25
    assert _last_command(window) == "Set booked arrivals at 'Referral' to 1 at 10:15 Mon-Fri"
    assert _stack(window).count() == 2


def test_booked_days_and_people_are_read_through_the_domain(window):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()

    page.booked.item(0, 0).setText("tue")
    page.booked.item(0, 2).setData(Qt.ItemDataRole.EditRole, 12)

    assert _booked(window) == (ScheduledArrivals(days=(1,), at=9.0, count=12),)
    assert _last_command(window) == "Set booked arrivals at 'Referral' to 12 at 09:00 Tue"
    assert _booked_cells(page) == [("Tue", "09:00", 12)]


@pytest.mark.parametrize(("column", "value", "message"), [
    (1, "25:00", "'25:00' is not a time of day between 00:00 and 23:59."),
    (0, "Funday", "'Funday' is not a set of days; write them like 'Mon-Fri' or 'Sat,Sun'."),
    (2, 0, "The number of people arriving at a scheduled time must be at least 1 (got 0)."),
])
def test_a_booked_value_the_domain_refuses_is_explained_and_not_pushed(window, column,
                                                                        value, message):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()
    before = _booked(window)

    page.booked.item(0, column).setData(Qt.ItemDataRole.EditRole, value)

    assert _stack(window).count() == 1
    assert _booked(window) == before
    assert page.message.text() == message
    assert not page.message.isHidden()
    assert _booked_cells(page) == [("Mon-Fri", "09:00", 1)]  # the model's value again


def test_removing_the_selected_booked_row(window):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()
    page.add_booked_button.click()
    page.booked.item(1, 1).setText("14:00")

    page.booked.selectRow(0)
    page.remove_booked_button.click()

    assert _booked(window) == (ScheduledArrivals(at=14.0),)
    assert _last_command(window) == "Remove booked arrivals at 'Referral' (1 at 09:00 Mon-Fri)"
    page.booked.selectRow(0)
    page.remove_booked_button.click()
    assert _booked(window) == ()
    assert page.booked.isHidden()


def test_undo_puts_the_old_booked_arrivals_back_in_the_table(window):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()
    page.booked.item(0, 1).setText("10:15")
    page.booked.selectRow(0)
    page.remove_booked_button.click()
    assert page.booked.rowCount() == 0

    _stack(window).undo()

    assert _booked_cells(page) == [("Mon-Fri", "10:15", 1)]
    _stack(window).undo()
    assert _booked_cells(page) == [("Mon-Fri", "09:00", 1)]
    _stack(window).undo()
    assert page.booked.rowCount() == 0 and page.booked.isHidden()


def test_changing_arrivals_a_day_keeps_the_booked_ones(window):
    page = _select(window, "node", "Referral")
    page.add_booked_button.click()

    page.per_day.setValue(0)

    arrivals = window.document.service_map.node("Referral").arrivals
    assert arrivals.per_day == 0
    assert arrivals.schedule == (ScheduledArrivals(),)
    assert arrivals.describe() == "5 booked a week"


def test_the_arrivals_hint_says_what_the_average_day_means_on_weekdays(window):
    """215 a day averaged over a week with no weekend arrivals is 301 on each weekday: a team
    typing its weekday figure would overstate demand by 40%."""
    window.document.service_map.update(
        "Referral", arrivals=Arrivals(per_day=215, by_weekday=(1, 1, 1, 1, 1, 0, 0)))
    page = _select(window, "node", "Referral")

    assert page.per_day_hint.text() == ("An average over all 7 days: about 301 each weekday, "
                                        "none at weekends.")
    assert not page.per_day_hint.isHidden()


def test_the_arrivals_hint_follows_edits_and_undo(window):
    page = _select(window, "node", "Referral")
    assert page.per_day_hint.text() == "An average over all 7 days: about 10 every day."

    page.weekdays[5].setValue(0)
    page.weekdays[6].setValue(0)
    assert page.per_day_hint.text() == ("An average over all 7 days: about 14 each weekday, "
                                        "none at weekends.")
    page.per_day.setValue(5)
    assert page.per_day_hint.text() == ("An average over all 7 days: about 7.0 each weekday, "
                                        "none at weekends.")
    page.add_booked_button.click()  # one person at 09:00, Mon-Fri
    assert page.per_day_hint.text() == ("An average over all 7 days. With the booked "
                                        "arrivals: about 8.0 each weekday, none at weekends.")

    for _ in range(4):
        _stack(window).undo()
    assert page.per_day_hint.text() == "An average over all 7 days: about 10 every day."


@pytest.mark.parametrize(("weights", "per_day", "text"), [
    ((1, 1.4, 1, 1, 1, 0, 0), 30, "about 54 on Tuesdays, 39 on other weekdays, none at "
                                  "weekends"),
    ((1, 1, 1, 1, 1, 0.5, 0), 3, "about 3.8 each weekday, 1.9 on Saturdays, none on Sundays"),
    ((1, 1, 1, 1, 1, 1, 0), 30, "about 35 on Mon-Sat, none on Sundays"),
    ((2, 1, 1, 1, 1, 1, 1), 30, "about 53 on Mondays, 26 on other days"),
    ((0, 1, 1, 1, 1, 1, 1), 6, "none on Mondays, about 7.0 on other days"),
])
def test_the_arrivals_hint_groups_days_that_expect_the_same(weights, per_day, text):
    hint = weekday_hint(Arrivals(per_day=per_day, by_weekday=weights))
    assert hint == f"An average over all 7 days: {text}."
