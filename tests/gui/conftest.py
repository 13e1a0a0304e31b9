"""Fixtures for the GUI tests: nothing touches the user's real settings, autosaves or logs,
and no dialog ever waits for a human.

* every test gets INI settings in a temporary folder (``QSettings.setDefaultFormat`` +
  ``setPath``) and XDG folders in a temporary folder (so platformdirs points there too);
* ``dialogs`` answers QMessageBox, QFileDialog, QInputDialog and QColorDialog (and the
  autosave recovery question) from a table, and records what was shown;
* ``make_window`` opens a MainWindow with a temporary autosave folder and examples folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Entry,
    Exit,
    Exponential,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.gui import autosave
from outsidein_desktop.gui.document import MapDocument
from outsidein_desktop.storage import save_map


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """Settings, data and logs in a temporary folder for every GUI test."""
    home = tmp_path_factory.mktemp("user")
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(home / "settings"))
    yield home / "settings"
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


class Dialogs:
    """Stands in for the user at every dialog. ``answers[kind]`` is the reply (or a function
    of the dialog's text); ``shown`` lists (kind, title, text) in order."""

    DEFAULTS = {
        "question": QMessageBox.StandardButton.Discard,
        "warning": QMessageBox.StandardButton.Ok,
        "information": QMessageBox.StandardButton.Ok,
        "critical": QMessageBox.StandardButton.Ok,
        "about": None,
        "open": ("", ""),
        "save": ("", ""),
        "text": ("", False),
        "colour": QColor(),
        "recover": False,
    }

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: dict[str, object] = {}
        self.shown: list[tuple[str, str, str]] = []
        for kind in ("question", "warning", "information", "critical", "about"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._reply("open", 1, 2))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._reply("save", 1, 2))
        monkeypatch.setattr(QInputDialog, "getText", self._reply("text", 1, 2))
        monkeypatch.setattr(QColorDialog, "getColor", self._reply("colour", 2, 0))
        monkeypatch.setattr(autosave, "ask_recover",
                            lambda parent, files: self._answer(
                                "recover", "Recover unsaved work?",
                                "\n".join(f.describe() for f in files)))

    def _answer(self, kind: str, title: str, text: str) -> object:
        self.shown.append((kind, str(title), str(text)))
        answer = self.answers.get(kind, self.DEFAULTS[kind])
        return answer(text) if callable(answer) else answer

    def _box(self, kind: str):
        def box(parent, title, text, *rest, **options):
            return self._answer(kind, title, text)
        return box

    def _reply(self, kind: str, title_at: int, text_at: int):
        def reply(*args, **options):
            title = args[title_at] if len(args) > title_at else ""
            text = args[text_at] if len(args) > text_at else ""
            return self._answer(kind, title, text)
        return reply

    def texts(self, kind: str | None = None) -> list[str]:
        return [text for k, _, text in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    return Dialogs(monkeypatch)


def _clinic_map() -> ServiceMap:
    """Referral -> Triage (Booking) -> Needs treatment? -> Treat (Clinic) -> Treated, or
    -> Discharged. Valid: no errors, no warnings."""
    m = ServiceMap(title="Clinic journey", notes="A small journey for the tests.")
    m.add_team(Team(name="Booking", colour="#4477AA", shifts=(Shift(staff=2),)))
    m.add_team(Team(name="Clinic", colour="#EE6677", shifts=(Shift(staff=3),)))
    m.add(Entry(name="Referral", position=(0, 0), arrivals=Arrivals(per_day=10)))
    m.add(Step(name="Triage", position=(200, 0), team="Booking",
               duration=Exponential(mean_value=15)))
    m.add(Decision(name="Needs treatment?", position=(400, 0)))
    m.add(Step(name="Treat", position=(600, -100), team="Clinic",
               duration=Exponential(mean_value=30)))
    m.add(Exit(name="Treated", position=(800, -100)))
    m.add(Exit(name="Discharged", position=(600, 100)))
    m.connect("Referral", "Triage")
    m.connect("Triage", "Needs treatment?")
    m.connect("Needs treatment?", "Treat", Handoff(probability=0.6))
    m.connect("Needs treatment?", "Discharged", Handoff(probability=0.4))
    m.connect("Treat", "Treated")
    return m


@pytest.fixture
def map_file(tmp_path) -> Path:
    path = tmp_path / "clinic.json"
    save_map(_clinic_map(), path)
    return path


@pytest.fixture
def clinic_map():
    """A function making the clinic journey afresh (to build with, or compare against)."""
    return _clinic_map


@pytest.fixture
def make_document():
    """``make_document(map)``: a MapDocument kept alive for the whole test."""
    documents = []

    def make(service_map: ServiceMap) -> MapDocument:
        documents.append(MapDocument(service_map))
        return documents[-1]

    return make


@pytest.fixture
def make_window(qtbot, tmp_path):
    """``make_window(**options)``: a MainWindow with temporary autosave and examples
    folders (override them with autosave_dir=, examples_dir=, autosave_interval_ms=)."""
    from outsidein_desktop.gui.main_window import MainWindow

    def make(**options) -> MainWindow:
        options.setdefault("autosave_dir", tmp_path / "autosave")
        options.setdefault("examples_dir", tmp_path / "no-examples")
        window = MainWindow(**options)
        qtbot.addWidget(window)
        return window

    return make

    return make


@pytest.fixture(autouse=True, scope="session")
def empty_clipboard_at_the_end():
    """Qt deletes the clipboard's data when the application goes, after Python's objects
    are gone; data left there by a test crashed the interpreter at exit."""
    yield
    from PySide6.QtGui import QGuiApplication
    if QGuiApplication.instance() is not None:
        QGuiApplication.clipboard().clear()
