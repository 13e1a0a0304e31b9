"""The file side of the main window: new, open, open example, open recent, save, save as,
export, the unsaved-changes question and recovering autosaved work.

A mixin of :class:`~outsidein_desktop.gui.main_window.MainWindow` (it uses the window's
document, settings, recent files, autosaver, canvas and status bar), kept apart so that
each file stays one idea. Every failure is told in a dialog in the user's words and leaves
the open map as it was; nothing here raises to the event loop.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..domain.calendar import Shift
from ..domain.parts import Team
from ..domain.service_map import ServiceMap
from ..errors import OutsideInError
from ..storage.files import load_map_and_scenarios
from . import autosave

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

MAP_FILTER = "Journey maps (*.json)"


class MapFiles:
    """File commands for the main window (mixed into it)."""

    def new_map(self: MainWindow) -> None:
        """Start an empty map with one team (the steps drawn next need one)."""
        if not self.confirm_unsaved_changes("starting a new map"):
            return
        service_map = ServiceMap(title="Untitled journey")
        service_map.add_team(Team(name="Team 1", shifts=(Shift(),)))
        self._example_name = ""
        self.document.replace_map(service_map)
        self._set_editing(True)
        self.statusBar().showMessage("New map: drag parts from the palette onto the canvas",
                                     5000)

    def close_map(self: MainWindow) -> bool:
        """File ▸ Close (Ctrl+W): put the map away and show the welcome page; unsaved
        changes are asked about first. False if there was none or the user kept it."""
        if not self.has_map or not self.confirm_unsaved_changes("closing the map"):
            return False
        self.autosave.discard()  # closed on purpose: nothing to recover
        self._example_name = ""
        self.document.replace_map(ServiceMap(title="Untitled journey"))
        self._set_editing(False)
        self.statusBar().showMessage("Map closed", 4000)
        return True

    def choose_and_open(self: MainWindow) -> None:
        if not self.confirm_unsaved_changes("opening another map"):
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open journey map", self._start_folder(),
                                              f"{MAP_FILTER};;All files (*)")
        if path:
            self.open_map(path, ask=False)

    def open_map(self: MainWindow, path: str | Path, *, ask: bool = True) -> bool:
        """Open the map at ``path``. If it cannot be read, say why in a dialog and leave the
        current map exactly as it was. Returns whether the map was opened."""
        path = Path(path)
        if ask and not self.confirm_unsaved_changes("opening another map"):
            return False
        try:
            loaded, scenarios = load_map_and_scenarios(path)
        except OutsideInError as error:
            return self._refuse(path, str(error))
        except OSError as error:
            return self._refuse(path, f"{path} cannot be read: {error.strerror or error}.")
        except Exception:
            log.exception("opening %s failed", path)
            return self._refuse(path, f"Something went wrong inside OutsideIn while opening "
                                f"{path.name}; the details are in the log file.")
        self._example_name = ""
        self.document.replace_map(loaded, path, scenarios)
        self.recent.add(path)
        self.settings.setValue("lastFolder", str(path.parent))
        self._opened(f"Opened {path}")
        return True

    def open_example(self: MainWindow, path: str | Path) -> bool:
        """Open an example as an untitled copy, so that Save never overwrites the example."""
        path = Path(path)
        if not self.confirm_unsaved_changes("opening an example"):
            return False
        try:
            loaded, scenarios = load_map_and_scenarios(path)
        except (OutsideInError, OSError) as error:
            return self._refuse(path, str(error))
        self._example_name = path.name
        self.document.replace_map(loaded, None, scenarios)
        self._opened(f"Opened the example '{loaded.title}'. Save it to keep your changes.")
        return True

    def open_recent(self: MainWindow, path: str | Path) -> bool:
        path = Path(path)
        if not path.exists():
            self.recent.remove(path)
            QMessageBox.information(self, "Map not found", f"{path} no longer exists, so it "
                                    "has been taken off the list of recent maps.")
            return False
        return self.open_map(path)

    def _opened(self: MainWindow, message: str) -> None:
        self._set_editing(True)
        self.statusBar().showMessage(message, 8000)
        QTimer.singleShot(0, self.canvas.fit)

    def _refuse(self: MainWindow, path: Path, message: str) -> bool:
        self.statusBar().showMessage(f"{path.name} could not be opened", 8000)
        QMessageBox.warning(self, f"{path.name} could not be opened", message)
        return False

    def save(self: MainWindow) -> bool:
        """Save to the map's file (asking for one if it has none); False if not saved."""
        if not self.has_map:
            return False
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self: MainWindow) -> bool:
        if not self.has_map:
            return False
        suggested = Path(self._start_folder()) / self._suggested_name()
        path, _ = QFileDialog.getSaveFileName(self, "Save map as", str(suggested), MAP_FILTER)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self._save_to(path)

    def _save_to(self: MainWindow, path: Path) -> bool:
        try:
            self.document.save(path)
        except OutsideInError as error:
            message = str(error)
        except OSError as error:
            message = f"{path} could not be saved: {error.strerror or error}."
        else:
            self.recent.add(path)
            self.settings.setValue("lastFolder", str(path.parent))
            self._example_name = ""
            self._update_title()
            self.statusBar().showMessage(f"Saved {path}", 5000)
            return True
        self.statusBar().showMessage("The map was not saved", 8000)
        QMessageBox.warning(self, "The map was not saved", message)
        return False

    def _suggested_name(self: MainWindow) -> str:
        if self.document.path is not None:
            return self.document.path.name
        words = re.findall(r"[a-z0-9]+", self.document.service_map.title.lower())[:6]
        return ("_".join(words) or "journey") + ".json"

    def _start_folder(self: MainWindow) -> str:
        if self.document.path is not None:
            return str(self.document.path.parent)
        return str(self.settings.value("lastFolder", str(Path.home())))

    def confirm_unsaved_changes(self: MainWindow, doing: str = "closing") -> bool:
        """Ask to save unsaved changes: True to go on (saved or discarded), False to stop."""
        if not self.has_map or not self.document.is_modified:
            return True
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "Save changes?",
            f"Save the changes to {self._title_name()} before {doing}?\n\n"
            "If you don't save, your changes will be lost.",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        if answer == buttons.Save:
            return self.save()
        if answer == buttons.Discard:
            self.autosave.discard()
            return True
        return False

    def _title_name(self: MainWindow) -> str:
        return self.windowTitle().split("[*]")[0] or "the map"

    def export_image(self: MainWindow, kind: str) -> bool:
        """Export the map as a PNG (slides) or SVG (papers) picture."""
        suffix = "." + kind
        start = Path(self._start_folder()) / Path(self._suggested_name()).with_suffix(suffix)
        label = "PNG image (*.png)" if kind == "png" else "SVG drawing (*.svg)"
        path, _ = QFileDialog.getSaveFileName(self, f"Export map as {kind.upper()}",
                                              str(start), label)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            self.canvas.export_image(str(path))
        except Exception as error:  # noqa: BLE001 - any failure is told, none crashes
            log.exception("exporting %s failed", path)
            QMessageBox.warning(self, "The picture was not saved",
                                f"{path} could not be written: {error}")
            return False
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    # -- recovery --------------------------------------------------------------------------

    def offer_recovery(self: MainWindow) -> bool:
        """If a session ended without saving, offer its autosaves; True if any recovered."""
        files = autosave.find_autosaves(self.autosave.folder)
        if not files:
            return False
        if not autosave.ask_recover(self, files):
            for found in files:
                found.delete()
            return False
        recovered = 0
        for found in files:
            window = self if recovered == 0 and not self.has_map else self.new_window()
            recovered += window.recover(found)
        return recovered > 0

    def recover(self: MainWindow, found: autosave.AutosaveFile) -> bool:
        """Open an autosaved map, marked modified, under its original file name."""
        try:
            recovered, scenarios = found.load_with_scenarios()
        except OutsideInError as error:
            QMessageBox.warning(self, "Could not recover", str(error))
            return False
        self._example_name = ""
        self.document.replace_map(recovered, found.original_path, scenarios)
        self.document.undo_stack.resetClean()  # unsaved: the title shows it, Save asks
        self._opened("Recovered unsaved work. Save it to keep it.")
        if self.autosave.save_now() != found.map_file:
            found.delete()
        return True
