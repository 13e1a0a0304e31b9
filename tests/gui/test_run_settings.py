"""Run settings from the GUI: the dialog, the run tool bar's boxes, worker processes."""

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from outsidein_desktop.gui.run.settings import (
    JOBS_KEY,
    RunSettingsDialog,
    change_run,
    set_worker_processes,
    worker_processes,
)
from outsidein_desktop.sim.runner import default_jobs


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    window.open_map(map_file)
    return window


def test_worker_processes_default_to_the_engines_choice_and_are_kept(window):
    assert worker_processes(window.settings) == default_jobs()

    set_worker_processes(window.settings, 3)

    assert window.settings.value(JOBS_KEY) in (3, "3")
    assert worker_processes(window.settings) == 3
    assert window.document.undo_stack.count() == 0  # this computer's, not the map's


def test_the_dialog_changes_the_maps_run_settings_as_one_undo_command(window):
    document = window.document
    before = document.service_map.run
    dialog = RunSettingsDialog(document, window.settings, window)
    dialog.days.setValue(60)
    dialog.warmup.setValue(10)
    dialog.replications.setValue(4)
    dialog.seed.setValue(7)
    dialog.start.setDate(QDate(2026, 3, 2))
    dialog.jobs.setValue(2)

    dialog.accept()

    run = document.service_map.run
    assert (run.days, run.warmup_days, run.replications, run.seed) == (60, 10, 4, 7)
    assert run.start_date == dt.date(2026, 3, 2)
    assert worker_processes(window.settings) == 2
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Change the run settings"
    assert document.is_modified
    document.undo_stack.undo()
    assert document.service_map.run == before


def test_the_dialog_refuses_a_warm_up_as_long_as_the_run(window):
    dialog = RunSettingsDialog(window.document, window.settings, window)
    dialog.days.setValue(20)
    dialog.warmup.setValue(20)

    dialog.accept()

    assert dialog.result() != RunSettingsDialog.DialogCode.Accepted
    assert "warm-up" in dialog.message.text()
    assert window.document.undo_stack.count() == 0


def test_each_tool_bar_box_is_one_named_undo_command(window):
    bar = window.run_tool_bar
    stack = window.document.undo_stack

    bar.replications.setValue(3)
    bar.days.setValue(45)

    assert window.document.service_map.run.replications == 3
    assert window.document.service_map.run.days == 45
    assert [stack.text(i) for i in range(stack.count())] == [
        "Set replications to 3", "Set run length to 45 days"]
    stack.undo()
    assert bar.days.value() == window.document.service_map.run.days != 45


def test_a_refused_tool_bar_value_goes_back_and_says_why(qtbot, window):
    bar = window.run_tool_bar
    days = window.document.service_map.run.days

    with qtbot.waitSignal(bar.refused) as refused:
        bar.warmup.setValue(days + 5)

    assert "warm-up" in refused.args[0]
    assert bar.warmup.value() == window.document.service_map.run.warmup_days
    assert window.document.undo_stack.count() == 0


def test_the_tool_bar_follows_the_map(window):
    change_run(window.document, {"seed": 99, "replications": 5})

    assert window.run_tool_bar.seed.value() == 99
    assert window.run_tool_bar.replications.value() == 5
    assert change_run(window.document, {"seed": 99}) == ""  # no change, no command
    assert window.document.undo_stack.count() == 1


def test_the_run_menu_holds_run_cancel_settings_and_the_analyses(window):
    acts = window.acts
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Run")
    dots = "\N{HORIZONTAL ELLIPSIS}"
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Run", "&Cancel Run", f"Run &Settings{dots}", f"&Compare{dots}", f"S&weep{dots}",
        "Cancel Compare or Sweep", f"W&here to Run{dots}", f"Re&play{dots}"]
    assert [s.toString() for s in acts.run.shortcuts()] == ["F5"]
    assert [s.toString() for s in acts.cancel_run.shortcuts()] == ["Esc"]
    assert acts.run.isEnabled() and not acts.cancel_run.isEnabled()
