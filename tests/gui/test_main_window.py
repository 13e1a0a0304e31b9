"""The main window, driven offscreen with pytest-qt."""

import sys
import types

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.gui.main_window import MainWindow


def _menu(window, title):
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == title:
            return action.menu()
    raise AssertionError(f"no {title} menu")


def test_main_window_starts_empty_with_the_app_name_as_title(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)

    assert window.windowTitle() == "OutsideIn"
    assert window.statusBar() is not None
    assert window.service_map is None


def test_file_menu_opens_with_ctrl_o_and_quits_with_ctrl_q(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)

    actions = {a.text().replace("&", ""): a for a in _menu(window, "File").actions()}

    assert actions["Open\N{HORIZONTAL ELLIPSIS}"].shortcut() == QKeySequence("Ctrl+O")
    assert actions["Quit"].shortcut() == QKeySequence("Ctrl+Q")


def test_help_menu_has_about(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)

    texts = [a.text().replace("&", "") for a in _menu(window, "Help").actions()]

    assert "About OutsideIn" in texts


class _Node:
    def __init__(self, name):
        self.name = name


class Step(_Node):
    pass


class Exit(_Node):
    pass


class _FakeMap:
    title = "Referral to treatment"

    def nodes(self):
        return [Step("Triage"), Exit("Treated")]


def _fake_storage(monkeypatch, load_map):
    storage = types.ModuleType("outsidein_desktop.storage")
    storage.load_map = load_map
    monkeypatch.setitem(sys.modules, "outsidein_desktop.storage", storage)


def test_opening_a_map_shows_its_title_and_parts(qtbot, monkeypatch):
    _fake_storage(monkeypatch, lambda path: _FakeMap())
    window = MainWindow()
    qtbot.addWidget(window)

    assert window.open_map("models/rtt.json")

    assert window.windowTitle() == "rtt.json \N{EM DASH} OutsideIn"
    assert window.title_label.text() == "Referral to treatment"
    rows = [window.node_list.item(i).text() for i in range(window.node_list.count())]
    assert rows == ["Triage  \N{EM DASH}  Step", "Treated  \N{EM DASH}  Exit"]


def test_a_map_that_cannot_be_opened_is_a_warning_not_a_crash(qtbot, monkeypatch):
    def refuses(path):
        raise OutsideInError(f"{path}: this is not a journey map file.")

    _fake_storage(monkeypatch, refuses)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[1:]))
    window = MainWindow()
    qtbot.addWidget(window)

    assert not window.open_map("notes.json")

    assert warnings == [
        ("notes.json could not be opened", "notes.json: this is not a journey map file.")
    ]
    assert window.windowTitle() == "OutsideIn"
    assert window.service_map is None
