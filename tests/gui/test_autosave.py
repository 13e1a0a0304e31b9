"""Autosave: unsaved work is written every interval, cleaned up after a save or a clean
exit, and offered back after a crash."""

import json
import os

import pytest
from PySide6.QtWidgets import QMessageBox

from outsidein_desktop.domain import Delay, Fixed
from outsidein_desktop.gui.autosave import (
    META_SUFFIX,
    AutosaveFile,
    Autosaver,
    ask_recover,
    find_autosaves,
)
from outsidein_desktop.gui.commands import AddPart, MoveParts
from outsidein_desktop.storage import load_map

INTERVAL = 100  # ms, instead of a minute


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "autosave"


@pytest.fixture
def window(make_window, map_file, folder):
    window = make_window(autosave_dir=folder, autosave_interval_ms=INTERVAL)
    window.open_map(map_file)
    return window


def _move(window):
    window.document.undo_stack.push(
        MoveParts(window.document, {"Triage": ((200.0, 0.0), (260.0, 60.0))}))


def _autosaves(folder):
    return sorted(folder.glob("*.autosave.json")) if folder.exists() else []


def test_unsaved_changes_are_written_after_the_interval(qtbot, window, folder, map_file):
    _move(window)
    assert _autosaves(folder) == []

    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)

    written = _autosaves(folder)[0]
    assert written.name.startswith("clinic-") and written.name.endswith(".autosave.json")
    assert load_map(written) == window.document.service_map
    meta = json.loads(written.with_name(written.name.replace(".autosave.json", META_SUFFIX))
                      .read_text())
    assert meta["original_path"] == str(map_file)
    assert map_file.read_text() != written.read_text()  # the map's own file is untouched


def test_nothing_is_written_without_unsaved_changes(qtbot, window, folder):
    qtbot.wait(3 * INTERVAL)

    assert _autosaves(folder) == []


def test_a_clean_save_deletes_the_autosave(qtbot, window, folder):
    _move(window)
    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)

    window.save()

    assert list(folder.iterdir()) == []


def test_a_clean_exit_deletes_the_autosave(qtbot, window, folder, dialogs):
    _move(window)
    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)

    assert window.close()  # "Discard" is the test's default answer

    assert list(folder.iterdir()) == []


def test_after_a_crash_a_new_window_offers_to_recover_the_map(qtbot, make_window, window,
                                                             folder, map_file, dialogs):
    _move(window)
    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)
    window.autosave.enabled = False  # the first window "crashes": it writes no more
    dialogs.answers["recover"] = True

    again = make_window(autosave_dir=folder, autosave_interval_ms=INTERVAL)
    assert again.offer_recovery()

    assert dialogs.shown[-1][0] == "recover"
    assert "Clinic journey (clinic.json)" in dialogs.shown[-1][2]
    assert again.document.service_map.node("Triage").position == (260.0, 60.0)
    assert again.document.path == map_file
    assert again.document.is_modified
    assert again.isWindowModified()
    assert again.windowTitle() == "clinic.json[*] \N{EM DASH} OutsideIn"
    assert len(_autosaves(folder)) == 1  # kept until the recovered map is saved
    again.save()
    assert load_map(map_file).node("Triage").position == (260.0, 60.0)
    assert _autosaves(folder) == []


def test_an_untitled_map_is_recovered_untitled(qtbot, make_window, folder, dialogs):
    first = make_window(autosave_dir=folder, autosave_interval_ms=INTERVAL)
    first.new_map()
    first.document.undo_stack.push(
        AddPart(first.document, Delay(name="Letter", duration=Fixed(value=2, unit="days"))))
    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)
    first.autosave.enabled = False
    dialogs.answers["recover"] = True

    again = make_window(autosave_dir=folder)
    assert again.offer_recovery()

    assert again.document.path is None
    assert again.document.service_map.has("Letter")
    assert again.windowTitle() == "Untitled[*] \N{EM DASH} OutsideIn"


def test_discarding_the_recovery_deletes_the_files(qtbot, make_window, window, folder,
                                                   dialogs):
    _move(window)
    qtbot.waitUntil(lambda: len(_autosaves(folder)) == 1, timeout=3000)
    window.autosave.enabled = False
    dialogs.answers["recover"] = False

    again = make_window(autosave_dir=folder)

    assert not again.offer_recovery()
    assert list(folder.iterdir()) == []
    assert not again.has_map


def test_autosaves_of_another_running_outsidein_are_left_alone(folder, map_file):
    folder.mkdir()
    (folder / "x.autosave.json").write_text(map_file.read_text())
    (folder / "x.autosave.meta.json").write_text(json.dumps({"pid": os.getppid()}))

    assert find_autosaves(folder) == []


def test_a_failed_autosave_is_reported_not_raised(qtbot, make_document, clinic_map, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    document = make_document(clinic_map())
    saver = Autosaver(document, blocked, INTERVAL)
    failures = []
    saver.failed.connect(failures.append)
    document.undo_stack.push(MoveParts(document, {"Triage": ((200.0, 0.0), (0.0, 0.0))}))

    assert saver.save_now() is None

    assert failures and failures[0].startswith("Autosave failed")


def test_the_recovery_question_offers_recover_and_discard(monkeypatch, tmp_path):
    found = AutosaveFile(tmp_path / "a.autosave.json", tmp_path / "a.autosave.meta.json",
                         tmp_path / "clinic.json", "Clinic journey", "2026-01-05T09:00:00")
    seen = {}

    def answer(box, choice):
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["text"] = box.text()
        next(b for b in box.buttons() if b.text() == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Recover"))
    assert ask_recover(None, [found])
    assert sorted(seen["buttons"]) == ["Discard", "Recover"]
    assert "Clinic journey (clinic.json), autosaved 2026-01-05T09:00:00" in seen["text"]

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Discard"))
    assert not ask_recover(None, [found])
