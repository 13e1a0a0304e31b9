"""Starting the app: the first window, a map that will not load, and errors that escape."""

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication

from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.gui import app as app_module
from outsidein_desktop.gui.app import ExceptionHandler, configure_logging, run_app


@pytest.fixture
def started(monkeypatch, qapp):
    """run_app without the event loop; its windows are closed afterwards."""
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield app_module._windows
    for window in app_module._windows:
        window.close()
        window.deleteLater()
    app_module._windows.clear()
    for handler in list(app_module.log.handlers):
        app_module.log.removeHandler(handler)
        handler.close()


def test_run_app_opens_the_map(started, map_file):
    assert run_app(str(map_file)) == 0

    window = started[0]
    assert window.has_map
    assert window.document.path == map_file
    assert isinstance(sys.excepthook, ExceptionHandler)


def test_run_app_alone_shows_the_welcome_page(started):
    run_app(None)

    assert not started[0].has_map
    assert started[0].centre.currentWidget() is started[0].welcome


def test_a_map_that_will_not_load_is_a_message_not_a_crash(started, tmp_path, dialogs):
    broken = tmp_path / "notes.json"
    broken.write_text("these are my notes")

    assert run_app(str(broken)) == 0

    assert not started[0].has_map
    assert dialogs.shown[0][1] == "notes.json could not be opened"
    assert "This is not valid JSON" in dialogs.shown[0][2]


def test_an_unexpected_error_is_logged_and_told_briefly(tmp_path, dialogs):
    log_path = configure_logging(tmp_path / "logs")
    handler = ExceptionHandler(log_path)
    try:
        raise KeyError("layout")
    except KeyError:
        handler(*sys.exc_info())
    for h in logging.getLogger("outsidein_desktop").handlers:
        h.flush()

    logged = log_path.read_text()
    assert "unexpected error" in logged and "KeyError: 'layout'" in logged
    title, text = dialogs.shown[0][1:]
    assert title == "Something went wrong"
    assert str(log_path) in text
    assert "Traceback" not in text
    for h in list(app_module.log.handlers):
        app_module.log.removeHandler(h)
        h.close()


def test_a_users_mistake_that_escapes_shows_its_own_sentence(dialogs):
    ExceptionHandler(None)(OutsideInError, OutsideInError("The map is empty."), None)

    assert dialogs.texts("warning") == ["The map is empty."]
