"""The main window, driven offscreen with pytest-qt: files, title, undo, menus and keys."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from outsidein_desktop.domain import Step
from outsidein_desktop.errors import MapFileError
from outsidein_desktop.gui import document as document_module
from outsidein_desktop.gui.commands import MoveParts, UpdatePart
from outsidein_desktop.gui.recent_files import MAX_RECENT, open_settings
from outsidein_desktop.storage import load_map, save_map

Button = QMessageBox.StandardButton


def _menu(window, title):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no {title} menu")


def _texts(menu):
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def _move(window, name="Triage", to=(250.0, 40.0)):
    old = window.document.service_map.node(name).position
    window.document.undo_stack.push(MoveParts(window.document, {name: (old, to)}))


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    assert window.open_map(map_file)
    return window


def test_the_window_starts_on_the_welcome_page(make_window):
    window = make_window()

    assert not window.has_map
    assert window.windowTitle() == "OutsideIn"
    assert window.centre.currentWidget() is window.welcome
    assert not window.acts.save.isEnabled()
    assert all(dock.isHidden() for dock in window.docks())


def _run_settings_shown(window):
    """Whether each run setting (with its label) is on the run tool bar: the action that
    holds it is visible (on a narrow window the tool bar may put it in its overflow menu)."""
    bar = window.run_tool_bar
    boxes = (bar.days, bar.warmup, bar.replications, bar.seed)
    actions = {bar.widgetForAction(action): action for action in bar.actions()}
    return [actions[box].isVisible() for box in boxes]


def test_the_run_settings_show_only_with_a_map_open(qtbot, make_window, map_file):
    window = make_window()
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert _run_settings_shown(window) == [False] * 4  # the welcome page has no run to set
    assert not window.run_tool_bar.days.isVisible()
    assert not window.scenario_tool_bar.combo.isVisible()  # no map: no options to show
    assert window.run_tool_bar.isVisible() and not window.acts.run.isEnabled()

    assert window.open_map(map_file)
    assert _run_settings_shown(window) == [True] * 4
    qtbot.waitUntil(window.run_tool_bar.days.isVisible)
    qtbot.waitUntil(window.scenario_tool_bar.combo.isVisible)
    assert window.run_tool_bar.days.value() == window.document.service_map.run.days

    window.acts.close_map.trigger()
    assert not window.has_map
    assert _run_settings_shown(window) == [False] * 4
    qtbot.waitUntil(lambda: not window.run_tool_bar.days.isVisible())


def test_opening_a_map_shows_it_and_names_the_file_in_the_title(window, map_file, clinic_map):
    assert window.has_map
    assert window.windowTitle() == "clinic.json[*] \N{EM DASH} OutsideIn"
    assert not window.isWindowModified()
    assert window.centre.currentWidget() is window.canvas
    assert window.document.service_map == clinic_map()
    assert window.document.path == map_file
    assert not window.inspector_dock.isHidden()


def test_an_edit_marks_the_title_and_the_undo_action_names_and_undoes_it(window):
    _move(window)

    assert window.isWindowModified()
    assert window.acts.undo.text() == "Undo Move 'Triage'"

    window.acts.undo.trigger()

    assert window.document.service_map.node("Triage").position == (200.0, 0.0)
    assert not window.isWindowModified()
    assert window.acts.redo.text() == "Redo Move 'Triage'"
    window.acts.redo.trigger()
    assert window.document.service_map.node("Triage").position == (250.0, 40.0)


def _focus_canvas(qtbot, window):
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.canvas.setFocus()


def test_ctrl_z_on_the_keyboard_undoes(qtbot, window):
    _focus_canvas(qtbot, window)
    _move(window)

    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert window.document.service_map.node("Triage").position == (200.0, 0.0)


def test_the_delete_key_deletes_the_selection_on_the_canvas(qtbot, window):
    _focus_canvas(qtbot, window)
    window.canvas.select("node", "Treat")

    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)

    assert not window.document.service_map.has("Treat")
    assert window.acts.undo.text() == "Undo Delete 'Treat'"


def test_menus_hold_the_commands_with_their_shortcuts(window):
    acts = window.acts
    expected = {
        acts.new: ["Ctrl+N"], acts.open: ["Ctrl+O"], acts.save: ["Ctrl+S"],
        acts.save_as: ["Ctrl+Shift+S"], acts.quit: ["Ctrl+Q"], acts.undo: ["Ctrl+Z"],
        acts.redo: ["Ctrl+Y", "Ctrl+Shift+Z"], acts.cut: ["Ctrl+X"], acts.copy: ["Ctrl+C"],
        acts.paste: ["Ctrl+V"], acts.duplicate: ["Ctrl+D"], acts.delete: ["Del", "Backspace"],
        acts.select_all: ["Ctrl+A"], acts.zoom_in: ["Ctrl+=", "Ctrl++"],
        acts.zoom_out: ["Ctrl+-"], acts.fit: ["Ctrl+0"],
    }
    for action, keys in expected.items():
        assert [s.toString() for s in action.shortcuts()] == keys, action.text()
    assert [a.text().replace("&", "") for a in window.menuBar().actions()] == [
        "File", "Edit", "View", "Scenarios", "Run", "Help"]
    file_items = _texts(_menu(window, "File"))
    assert file_items[:4] == ["New", "Open\N{HORIZONTAL ELLIPSIS}", "Open Example",
                              "Open Recent"]
    assert "Export Map as PNG\N{HORIZONTAL ELLIPSIS}" in file_items
    assert "Export Map as SVG\N{HORIZONTAL ELLIPSIS}" in file_items
    assert "Undo History" in _texts(_menu(window, "Edit"))
    view_items = _texts(_menu(window, "View"))
    assert {"Swimlanes by Team", "Arrange Left to Right", "Panels"} <= set(view_items)
    assert acts.swimlanes.isCheckable()
    assert _texts(_menu(window, "Help")) == ["About OutsideIn"]


def test_swimlanes_and_zoom_actions_drive_the_canvas(window):
    window.acts.swimlanes.setChecked(True)
    assert window.canvas.swimlanes_on()
    before = window.canvas.zoom()
    window.acts.zoom_in.trigger()
    assert window.canvas.zoom() > before


def test_the_undo_history_menu_lists_the_commands_and_goes_back(window, clinic_map):
    _move(window)
    window.document.undo_stack.push(UpdatePart(window.document, "Treat", {"staff_needed": 2}))
    menu = window.acts.history_menu

    menu.aboutToShow.emit()

    assert _texts(menu) == ["Where you started", "Move 'Triage'",
                            "Set staff needed of 'Treat' to 2"]
    assert menu.actions()[2].isChecked()
    menu.actions()[0].trigger()
    assert window.document.undo_stack.index() == 0
    assert window.document.service_map == clinic_map()


def test_save_writes_a_file_that_reads_back_equal(window, map_file):
    _move(window)

    window.acts.save.trigger()

    assert load_map(map_file) == window.document.service_map
    assert not window.isWindowModified()


def test_save_as_asks_for_a_name_and_adds_the_json_suffix(make_window, dialogs, tmp_path):
    window = make_window()
    window.new_map()
    dialogs.answers["save"] = (str(tmp_path / "my journey"), "")

    window.acts.save.trigger()

    saved = tmp_path / "my journey.json"
    assert load_map(saved) == window.document.service_map
    assert window.windowTitle() == "my journey.json[*] \N{EM DASH} OutsideIn"
    assert window.recent.paths()[0] == saved.resolve()


def test_a_failed_save_says_why_and_keeps_the_map_unsaved(window, map_file, dialogs,
                                                          monkeypatch):
    def full_disk(service_map, path, scenarios=()):
        raise MapFileError(str(path), "The file could not be saved (No space left on device). "
                           "The old file is unchanged.")

    monkeypatch.setattr(document_module, "save_map", full_disk)
    before = map_file.read_text()
    _move(window)

    assert not window.save()

    assert window.isWindowModified()
    assert window.document.is_modified
    assert map_file.read_text() == before
    assert any("No space left on device" in text for text in dialogs.texts("warning"))


def test_closing_with_unsaved_changes_asks_cancel_keeps_discard_closes(window, dialogs):
    window.show()
    _move(window)
    dialogs.answers["question"] = Button.Cancel

    assert not window.close()
    assert window.isVisible()
    assert window.document.is_modified
    assert "Save changes?" in [title for _, title, _ in dialogs.shown]

    dialogs.answers["question"] = Button.Discard
    assert window.close()
    assert not window.isVisible()


def test_closing_and_choosing_save_saves_first(window, map_file, dialogs):
    window.show()
    _move(window)
    dialogs.answers["question"] = Button.Save

    assert window.close()

    assert load_map(map_file).node("Triage").position == (250.0, 40.0)


def test_new_asks_about_unsaved_changes_and_cancel_keeps_the_map(window, dialogs):
    _move(window)
    dialogs.answers["question"] = Button.Cancel

    window.acts.new.trigger()

    assert window.document.service_map.has("Triage")
    assert window.document.is_modified


def test_new_starts_an_empty_map_with_one_team(make_window):
    window = make_window()

    window.acts.new.trigger()

    assert window.has_map
    assert len(window.document.service_map) == 0
    assert [t.name for t in window.document.service_map.teams()] == ["Team 1"]
    assert window.document.service_map.team("Team 1").staff == 1
    assert window.windowTitle() == "Untitled[*] \N{EM DASH} OutsideIn"


def test_open_uses_the_file_dialog(make_window, dialogs, map_file):
    window = make_window()
    dialogs.answers["open"] = (str(map_file), "Journey maps (*.json)")

    window.acts.open.trigger()

    assert window.document.path == map_file


def test_a_broken_file_is_refused_with_a_message_and_the_map_stays(window, map_file, dialogs,
                                                                   tmp_path, clinic_map):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 2, "title": ')

    assert not window.open_map(broken)

    assert window.document.path == map_file
    assert window.document.service_map == clinic_map()
    title, text = [(t, x) for k, t, x in dialogs.shown if k == "warning"][0]
    assert title == "broken.json could not be opened"
    assert "This is not valid JSON" in text
    assert window.windowTitle() == "clinic.json[*] \N{EM DASH} OutsideIn"


def test_recent_files_update_persist_and_forget_missing_files(make_window, map_file, tmp_path,
                                                              dialogs, clinic_map,
                                                              isolated_settings):
    other = tmp_path / "other.json"
    save_map(clinic_map(), other)
    window = make_window()
    window.open_map(map_file)
    window.open_map(other)

    assert window.recent.paths() == [other.resolve(), map_file.resolve()]
    stored = open_settings().value("recentFiles")
    assert [Path(p) for p in stored] == [other.resolve(), map_file.resolve()]
    assert Path(open_settings().fileName()).is_relative_to(isolated_settings)

    second = make_window()
    second.acts.recent_menu.aboutToShow.emit()
    assert _texts(second.acts.recent_menu)[:2] == ["1 other.json", "2 clinic.json"]

    other.unlink()
    assert not second.open_recent(other.resolve())
    assert second.recent.paths() == [map_file.resolve()]
    assert "no longer exists" in dialogs.texts("information")[0]


def test_the_recent_list_keeps_the_last_eight(make_window, tmp_path):
    window = make_window()
    for i in range(MAX_RECENT + 2):
        window.recent.add(tmp_path / f"map{i}.json")

    paths = window.recent.paths()

    assert len(paths) == MAX_RECENT
    assert paths[0].name == f"map{MAX_RECENT + 1}.json"


def test_examples_open_as_untitled_copies(make_window, tmp_path, clinic_map):
    examples = tmp_path / "examples"
    examples.mkdir()
    save_map(clinic_map(), examples / "clinic_example.json")
    window = make_window(examples_dir=examples)
    menu = window.acts.examples_menu
    menu.aboutToShow.emit()

    assert _texts(menu) == ["Clinic journey"]
    menu.actions()[0].trigger()

    assert window.document.service_map == clinic_map()
    assert window.document.path is None
    assert window.windowTitle() == "clinic_example.json (example)[*] \N{EM DASH} OutsideIn"


def test_without_examples_the_menu_says_so(make_window, tmp_path):
    window = make_window(examples_dir=tmp_path / "nowhere")
    window.acts.examples_menu.aboutToShow.emit()

    assert _texts(window.acts.examples_menu) == ["No examples found"]
    assert not window.acts.examples_menu.actions()[0].isEnabled()


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_export_writes_the_picture_through_the_canvas(window, dialogs, tmp_path, kind):
    dialogs.answers["save"] = (str(tmp_path / "picture"), "")

    assert window.export_image(kind)

    written = tmp_path / f"picture.{kind}"
    assert written.exists() and written.stat().st_size > 0


def test_the_status_bar_counts_the_problems(qtbot, window):
    window.document.undo_stack.push(UpdatePart(window.document, "Treat", {"team": "Nurses"}))

    qtbot.waitUntil(lambda: window.problems_label.text() == "1 error, 1 warning")


def test_window_geometry_and_layout_are_remembered(make_window, map_file):
    window = make_window()
    window.open_map(map_file)
    window.show()
    window.resize(790, 520)  # within the offscreen screen (800 x 600), which Qt clamps to
    size = window.size()
    window.problems_dock.hide()
    window.close()

    again = make_window()
    again.open_map(map_file)

    assert size.height() == 520
    assert again.size() == size
    assert again.problems_dock.isHidden()
    assert not again.inspector_dock.isHidden()


def test_the_docks_are_where_the_user_expects_them(window):
    area = window.dockWidgetArea
    assert area(window.palette_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert area(window.inspector_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert area(window.problems_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.tabifiedDockWidgets(window.inspector_dock) == [
        window.teams_dock, window.segments_dock, window.scenarios_dock, window.results_dock]
    toggles = _texts(window.acts.panels_menu)
    assert toggles[:6] == ["Parts", "Inspector", "Teams", "Segments", "Problems", "History"]


def test_selecting_on_the_canvas_shows_the_part_in_the_inspector(window):
    window.canvas.select("node", "Triage")

    page = window.inspector.page()
    assert page.name == "Triage"
    assert isinstance(window.document.service_map.node(page.name), Step)
    assert page.name_edit.text() == "Triage"


def test_close_asks_about_unsaved_changes_and_cancel_keeps_the_map(window, dialogs):
    _move(window)
    dialogs.answers["question"] = Button.Cancel

    window.acts.close_map.trigger()

    assert window.has_map and window.document.is_modified
    assert window.document.service_map.has("Triage")


def test_close_puts_the_map_away_and_shows_the_welcome_page(window, dialogs):
    _move(window)
    dialogs.answers["question"] = Button.Discard
    assert [s.toString() for s in window.acts.close_map.shortcuts()] == ["Ctrl+W"]

    window.acts.close_map.trigger()

    assert not window.has_map
    assert window.centre.currentWidget() is window.welcome
    assert not window.acts.close_map.isEnabled() and not window.acts.save.isEnabled()
    assert not window.document.is_modified and window.document.path is None
    assert window.windowTitle() == "OutsideIn"
