"""The Scenarios panel: a scenario made by editing the canvas, its changes in plain words,
undo and redo (also across showing another map), rename, duplicate, delete, saving in the
map file, scenario files, and runs of what the canvas shows."""

import json

import pytest

from outsidein_desktop.domain import Shift
from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.errors import ScenarioError
from outsidein_desktop.gui import document as document_module
from outsidein_desktop.gui.commands import RemoveTeam, UpdatePart
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes
from outsidein_desktop.storage import load_scenario, save_scenario
from outsidein_desktop.storage.files import load_map_and_scenarios

NAME = "More triage staff"
RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    assert window.open_map(map_file)
    window.scenarios_dock.show()
    window.scenarios_dock.raise_()
    return window


def _new(window, dialogs, name=NAME):
    dialogs.answers["text"] = (name, True)
    window.scenarios_panel.new_action.trigger()


def _edit_on_canvas(window):
    """Triage's team gets a third person (as the teams panel does it) and the Treat step
    is deleted on the canvas."""
    teams = window.teams_panel
    teams.select_team("Booking")
    teams.shifts.shiftsEdited.emit((Shift(staff=3),), "Set the staff of 'Booking'")
    assert window.canvas.select("node", "Treat")
    window.acts.delete.trigger()


def _names(panel):
    return [panel.list.item(i).data(256) or None for i in range(panel.list.count())]


def test_a_scenario_made_on_the_canvas_lists_its_changes_and_leaves_the_baseline(
        window, dialogs, clinic_map):
    document, panel = window.document, window.scenarios_panel

    _new(window, dialogs)

    assert document.shown_name == NAME
    assert [s.name for s in document.scenarios] == [NAME]
    assert f"scenario '{NAME}'" in window.windowTitle()
    assert not window.scenario_banner.isHidden()
    assert window.scenario_tool_bar.combo.currentText() == NAME
    assert panel.change_lines() == []

    _edit_on_canvas(window)

    assert panel.selected_name() == NAME
    assert panel.change_lines() == ["\N{BULLET} Booking: staff 2 \N{RIGHTWARDS ARROW} 3",
                                    "\N{BULLET} Treat removed"]
    assert document.baseline == clinic_map()
    assert not document.service_map.has("Treat")
    assert document.service_map.team("Booking").staff == 3
    assert document.is_modified
    assert "Treat" in document.undo_stack.undoText()
    assert f"(scenario '{NAME}')" in document.undo_stack.undoText()
    assert "2 changes" in window.scenario_banner.label.text()


def test_undo_takes_the_scenario_back_to_no_changes_and_redo_brings_them_back(
        window, dialogs, clinic_map):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    _edit_on_canvas(window)
    made = document.scenario(NAME).changes

    window.acts.undo.trigger()
    window.acts.undo.trigger()

    assert document.scenario(NAME).changes == ()
    assert document.service_map == clinic_map()
    assert panel.change_lines() == []
    assert document.baseline == clinic_map()

    window.acts.redo.trigger()
    window.acts.redo.trigger()

    assert document.scenario(NAME).changes == made
    assert len(panel.change_lines()) == 2

    for _ in range(3):
        window.acts.undo.trigger()
    assert document.scenarios == [] and document.shown_name is None
    assert not document.is_modified
    assert window.scenario_banner.isHidden()


def test_undo_shows_the_map_an_edit_was_made_on(window, dialogs, clinic_map):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    _edit_on_canvas(window)
    panel.select(None)
    assert panel.show_selected()
    assert document.shown_name is None and document.service_map.has("Treat")
    document.undo_stack.push(UpdatePart(document, "Triage", {"notes": "On the baseline"}))

    window.acts.undo.trigger()  # the baseline's edit, on the baseline
    assert document.shown_name is None
    assert document.baseline == clinic_map()
    window.acts.undo.trigger()  # the scenario's: it is shown again, and Treat comes back

    assert document.shown_name == NAME
    assert document.service_map.has("Treat")
    assert document.scenario(NAME).changes == (SetStaff(team="Booking", staff=3),)
    assert document.baseline == clinic_map()


def test_going_back_in_the_history_over_both_maps_puts_each_back(window, dialogs,
                                                                  clinic_map):
    document = window.document
    _new(window, dialogs)
    window.teams_panel.shifts.shiftsEdited.emit((Shift(staff=3),), "Set the staff")
    document.show(None)
    document.undo_stack.push(UpdatePart(document, "Triage", {"notes": "On the baseline"}))
    document.show(NAME)
    assert window.canvas.select("node", "Treat")
    window.acts.delete.trigger()
    everything = document.undo_stack.count()
    edited_baseline = document.baseline.copy()
    made = document.scenario(NAME).changes

    document.undo_stack.setIndex(1)  # as choosing in the History panel does

    assert document.scenario(NAME).changes == ()
    assert document.baseline == clinic_map()

    document.undo_stack.setIndex(everything)

    assert document.scenario(NAME).changes == made
    assert document.baseline == edited_baseline
    assert document.shown_name == NAME and not document.service_map.has("Treat")


def test_rename_duplicate_and_delete_are_undoable(window, dialogs):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    _edit_on_canvas(window)
    changes = document.scenario(NAME).changes

    dialogs.answers["text"] = ("Triage plus one", True)
    panel.rename_action.trigger()
    assert [s.name for s in document.scenarios] == ["Triage plus one"]
    assert document.shown_name == "Triage plus one"
    assert document.scenario("Triage plus one").changes == changes

    panel.duplicate_action.trigger()
    assert [s.name for s in document.scenarios] == ["Triage plus one",
                                                   "Triage plus one (copy)"]
    assert document.scenario("Triage plus one (copy)").changes == changes
    assert document.shown_name == "Triage plus one (copy)"

    panel.select("Triage plus one")
    panel.delete_action.trigger()
    assert [s.name for s in document.scenarios] == ["Triage plus one (copy)"]
    assert _names(panel) == [None, "Triage plus one (copy)"]

    window.acts.undo.trigger()  # delete
    assert [s.name for s in document.scenarios] == ["Triage plus one",
                                                   "Triage plus one (copy)"]
    window.acts.undo.trigger()  # duplicate
    window.acts.undo.trigger()  # rename
    assert [s.name for s in document.scenarios] == [NAME]
    assert document.shown_name == NAME
    window.acts.redo.trigger()
    assert [s.name for s in document.scenarios] == ["Triage plus one"]


def test_names_are_checked(window, dialogs):
    panel = window.scenarios_panel
    _new(window, dialogs)
    count = window.document.undo_stack.count()

    for bad, why in ((NAME, f"There is already a scenario called '{NAME}'."),
                     ("  ", "Every scenario needs a name."),
                     ("baseline", "'Baseline' is the map as drawn; give the scenario "
                                  "another name.")):
        _new(window, dialogs, bad)
        assert panel.message.text() == why
    assert window.document.undo_stack.count() == count


def test_save_and_reopen_keeps_the_scenarios(window, dialogs, map_file, make_window):
    _new(window, dialogs)
    _edit_on_canvas(window)
    described = window.document.scenario(NAME).describe(window.document.baseline)

    assert window.save()
    assert not window.document.is_modified
    baseline, scenarios = load_map_and_scenarios(map_file)
    assert baseline.has("Treat")

    other = make_window()
    assert other.open_map(map_file)
    assert [s.name for s in other.document.scenarios] == [NAME]
    assert other.document.scenario(NAME).describe(other.document.baseline) == described
    assert other.document.shown_name is None
    assert _names(other.scenarios_panel) == [None, NAME]


def test_autosave_keeps_the_baseline_and_the_scenarios(window, dialogs, clinic_map):
    _new(window, dialogs)
    _edit_on_canvas(window)

    written = window.autosave.save_now()

    baseline, scenarios = load_map_and_scenarios(written)
    assert baseline == clinic_map()
    assert [s.name for s in scenarios] == [NAME]


def test_recovering_an_autosave_brings_the_scenarios_back(make_window, window, dialogs,
                                                          tmp_path):
    _new(window, dialogs)
    _edit_on_canvas(window)
    assert window.autosave.save_now()
    window.autosave.enabled = False  # the window "crashes"
    dialogs.answers["recover"] = True

    again = make_window(autosave_dir=tmp_path / "autosave")
    assert again.offer_recovery()

    assert [s.name for s in again.document.scenarios] == [NAME]
    assert again.document.scenario(NAME).changes == window.document.scenario(NAME).changes
    assert again.document.service_map.has("Treat")  # the baseline is shown
    assert again.document.is_modified


def test_showing_a_scenario_keeps_the_autosave(window, dialogs):
    _new(window, dialogs)
    written = window.autosave.save_now()
    window.document.show(None)
    assert written.exists()


def test_a_bad_scenario_file_is_refused_with_a_message(window, dialogs, tmp_path):
    panel = window.scenarios_panel
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    dialogs.answers["open"] = (str(broken), "")

    assert not panel.import_file()

    assert window.document.scenarios == []
    assert "broken.json" in dialogs.texts("warning")[-1]
    assert "not valid JSON" in dialogs.texts("warning")[-1]

    unfitting = tmp_path / "unfitting.json"
    save_scenario(Scenario(name="Faster X-ray", changes=(SetStaff(team="X-ray", staff=2),)),
                  unfitting)
    dialogs.answers["open"] = (str(unfitting), "")

    assert not panel.import_file()

    assert window.document.scenarios == []
    assert "unfitting.json" in dialogs.texts("warning")[-1]
    assert "does not fit the open map" in dialogs.texts("warning")[-1]


def test_export_then_import_round_trips_and_renames_a_clash(window, dialogs, tmp_path):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    _edit_on_canvas(window)
    exported = tmp_path / "scenarios" / "triage"
    exported.parent.mkdir()
    dialogs.answers["save"] = (str(exported), "")

    assert panel.export_selected()

    written = load_scenario(exported.with_suffix(".json"))
    assert written.changes == document.scenario(NAME).changes
    assert written.base == "../clinic.json"
    assert json.loads(exported.with_suffix(".json").read_text())["name"] == NAME

    dialogs.answers["open"] = (str(exported.with_suffix(".json")), "")
    assert panel.import_file()
    assert [s.name for s in document.scenarios] == [NAME, f"{NAME} (2)"]
    assert document.shown_name == f"{NAME} (2)"
    window.acts.undo.trigger()
    assert [s.name for s in document.scenarios] == [NAME]


def test_a_baseline_edit_that_breaks_a_scenario_marks_it(window, dialogs):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    window.teams_panel.shifts.shiftsEdited.emit((Shift(staff=3),), "Set the staff")
    document.show(None)

    document.undo_stack.push(RemoveTeam(document, "Booking"))
    panel.reload()

    error = document.scenario_error(NAME)
    assert error and "Booking" in error
    row = _names(panel).index(NAME)
    assert panel.list.item(row).toolTip() == error
    panel.select(NAME)
    assert "no longer fits" in panel.about.text()
    assert not panel.show_selected()
    assert "cannot be shown" in panel.message.text()
    assert document.shown_name is None
    with pytest.raises(ScenarioError):
        document.show(NAME)

    window.acts.undo.trigger()
    assert document.scenario_error(NAME) is None


def test_an_edit_a_scenario_cannot_keep_is_taken_back(window, dialogs, monkeypatch):
    document, panel = window.document, window.scenarios_panel
    _new(window, dialogs)
    count = document.undo_stack.count()

    def cannot(base, edited):
        raise ScenarioError("This change cannot be recorded.")

    monkeypatch.setattr(document_module, "changes_between", cannot)
    document.undo_stack.push(UpdatePart(document, "Triage", {"notes": "Kept?"}))

    assert document.service_map.node("Triage").notes == ""
    assert document.undo_stack.count() == count
    assert not document.undo_stack.canRedo()
    assert "cannot be recorded" in panel.message.text()

    stack = document.undo_stack  # several edits as one (a paste): all are taken back
    stack.beginMacro("Two notes")
    stack.push(UpdatePart(document, "Triage", {"notes": "One"}))
    stack.push(UpdatePart(document, "Treat", {"notes": "Two"}))
    stack.endMacro()

    assert document.service_map.node("Triage").notes == ""
    assert document.service_map.node("Treat").notes == ""
    assert stack.count() == count and not stack.canRedo()


def test_moving_a_part_in_a_scenario_moves_it_in_the_baseline_too(window, dialogs):
    document = window.document
    _new(window, dialogs)

    document.undo_stack.push(UpdatePart(document, "Treat", {"position": (640.0, -60.0)}))

    assert document.scenario(NAME).changes == ()
    assert document.baseline.node("Treat").position == (640.0, -60.0)
    window.acts.undo.trigger()
    assert document.baseline.node("Treat").position == (600, -100)


def test_run_settings_changed_in_a_scenario_are_the_whole_file_s(window, dialogs):
    document = window.document
    _new(window, dialogs)

    change_run(document, {"days": 60})

    assert document.baseline.run.days == 60
    assert document.scenario(NAME).changes == ()
    window.acts.undo.trigger()
    assert document.baseline.run.days != 60


def test_the_tool_bar_chooses_the_map_the_canvas_shows(window, dialogs):
    document = window.document
    _new(window, dialogs)
    _edit_on_canvas(window)
    combo = window.scenario_tool_bar.combo

    combo.activated.emit(0)
    assert document.shown_name is None
    assert window.canvas.map_scene.nodes.get("Treat") is not None
    assert window.scenario_banner.isHidden()
    assert "scenario" not in window.windowTitle()

    combo.activated.emit(1)
    assert document.shown_name == NAME
    assert window.canvas.map_scene.nodes.get("Treat") is None


def test_run_simulates_the_scenario_on_the_canvas_and_names_it(qtbot, window, dialogs):
    change_run(window.document, {"days": 5, "warmup_days": 1, "replications": 2})
    set_worker_processes(window.settings, 1)
    _new(window, dialogs)
    window.teams_panel.shifts.shiftsEdited.emit((Shift(staff=3),), "Set the staff")

    with qtbot.waitSignal(window.run.finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.run_map()
    window.run.shutdown()

    run = finished.args[0]
    assert run.results.scenario == NAME
    assert run.service_map.team("Booking").staff == 3
    assert window.document.baseline.team("Booking").staff == 2
    assert run.settings.days == 5
    assert NAME in window.results_view.title.text()


def test_hot_spots_are_drawn_only_on_the_map_that_was_run(qtbot, window, dialogs):
    change_run(window.document, {"days": 5, "warmup_days": 1, "replications": 2})
    set_worker_processes(window.settings, 1)
    with qtbot.waitSignal(window.run.finished, timeout=RUN_TIMEOUT_MS):
        assert window.run_map()
    window.run.shutdown()
    window.acts.show_hotspots.setChecked(True)
    assert window.canvas.heat._items  # the baseline's waits on the baseline

    _new(window, dialogs)  # the canvas now shows the scenario
    assert window.document.shown_name == NAME
    assert not window.canvas.heat._items
    window.acts.show_hotspots.setChecked(False)
    window.acts.show_hotspots.setChecked(True)  # asked for again, on the scenario
    assert not window.canvas.heat._items
    assert "from a run of the baseline" in window.statusBar().currentMessage()

    window.document.show(None)
    assert window.canvas.heat._items
