"""The Scenarios panel: the baseline and its redesigns, the selected one's changes in plain
words, and the commands to make, rename, duplicate, delete, import and export them.

Double-clicking one (or "Show on Canvas") puts it on the canvas, where every edit becomes
one of its changes (see editing.py). A scenario that no longer fits the baseline (a step
it changes was renamed there) is marked, with the reason, and cannot be shown until the
baseline fits it again or the scenario is deleted.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import OutsideInError
from ..document import MapDocument
from ..inspector.widgets import RED, MessageLabel, heading, hint, quiet, set_text_colour
from . import commands
from .commands import BASELINE
from .files import SCENARIO_FILTER, read_scenario_for, suggested_path, write_scenario_file

log = logging.getLogger(__name__)

ROLE = Qt.ItemDataRole.UserRole
SHOWN_MARK = "  \N{BLACK LEFT-POINTING SMALL TRIANGLE} on the canvas"


class ScenariosPanel(QWidget):
    """Lists ``document``'s baseline and scenarios; ``actions`` are its commands (the
    window's Scenarios menu shows them too). ``statusMessage`` carries short news."""

    statusMessage = Signal(str)

    def __init__(self, document: MapDocument, settings: QSettings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 9)
        self.title = heading()
        self.about = hint("")
        self.changes = QListWidget()
        self.changes.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.changes.setWordWrap(True)
        self.changes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = MessageLabel()
        self._make_actions()
        self._layout()
        self._refresh = QTimer(self, singleShot=True, interval=0)
        self._refresh.timeout.connect(self.reload)
        self.list.currentItemChanged.connect(lambda *_: self._show_details())
        self.list.itemDoubleClicked.connect(lambda *_: self.show_selected())
        self._last_shown: str | None = None
        document.scenariosChanged.connect(self.reload)
        document.mapChanged.connect(self._refresh.start)  # a baseline edit may break one
        document.undo_stack.refused.connect(self.message.show_message)
        self.reload()

    def _make_actions(self) -> None:
        style = self.style()

        def act(text: str, slot, tip: str, icon: QStyle.StandardPixmap | None = None) -> QAction:
            action = QAction(text, self)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            if icon is not None:
                action.setIcon(style.standardIcon(icon))
            action.triggered.connect(lambda _=False: slot())
            return action

        sp = QStyle.StandardPixmap
        self.new_action = act("&New Scenario\N{HORIZONTAL ELLIPSIS}", self.new_scenario,
                              "Start a redesign from the baseline, then change it on the "
                              "canvas", sp.SP_FileDialogNewFolder)
        self.show_action = act("&Show on Canvas", self.show_selected,
                               "Show the selected scenario (or the baseline) on the canvas "
                               "to edit it")
        self.rename_action = act("&Rename Scenario\N{HORIZONTAL ELLIPSIS}", self.rename_selected,
                                 "Give the selected scenario another name")
        self.duplicate_action = act("D&uplicate Scenario", self.duplicate_selected,
                                    "Copy the selected scenario, to try a variation of it")
        self.delete_action = act("&Delete Scenario", self.delete_selected,
                                 "Delete the selected scenario (Undo brings it back)")
        self.import_action = act("&Import Scenario File\N{HORIZONTAL ELLIPSIS}",
                                 self.import_file, "Add a scenario from a scenario file "
                                 "(.json)")
        self.export_action = act("&Export Scenario File\N{HORIZONTAL ELLIPSIS}",
                                 self.export_selected, "Save the selected scenario as a "
                                 "scenario file, to share or to run from the command line")
        self.actions_list = [self.new_action, self.show_action, self.rename_action,
                             self.duplicate_action, self.delete_action, self.import_action,
                             self.export_action]

    def _layout(self) -> None:
        buttons = QGridLayout()
        shown = [(self.new_action, "New\N{HORIZONTAL ELLIPSIS}"),
                 (self.show_action, "Show on canvas"),
                 (self.duplicate_action, "Duplicate"),
                 (self.rename_action, "Rename\N{HORIZONTAL ELLIPSIS}"),
                 (self.delete_action, "Delete"),
                 (self.import_action, "Import\N{HORIZONTAL ELLIPSIS}"),
                 (self.export_action, "Export\N{HORIZONTAL ELLIPSIS}")]
        self.buttons: dict[str, QToolButton] = {}
        for index, (action, label) in enumerate(shown):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(label)  # shorter than the menu's words
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(button.sizePolicy().Policy.Expanding,
                                 button.sizePolicy().Policy.Fixed)
            # A default action puts its text back when it changes; keep the short label.
            action.changed.connect(lambda b=button, t=label: b.setText(t))
            buttons.addWidget(button, index // 4, index % 4)
            self.buttons[label.rstrip("\N{HORIZONTAL ELLIPSIS}").lower()] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(self.changes, 1)

    # -- showing -------------------------------------------------------------------------

    def selected_name(self) -> str | None:
        """The selected scenario's name; None for the baseline (or nothing selected)."""
        item = self.list.currentItem()
        return item.data(ROLE) or None if item else None

    def select(self, name: str | None) -> None:
        for row in range(self.list.count()):
            if (self.list.item(row).data(ROLE) or None) == name:
                self.list.setCurrentRow(row)
                return

    def change_lines(self) -> list[str]:
        """The selected scenario's changes, as listed."""
        return [self.changes.item(i).text() for i in range(self.changes.count())
                if self.changes.item(i).data(ROLE) == "change"]

    def reload(self) -> None:
        document = self.document
        selected = self.selected_name() if self.list.currentItem() else document.shown_name
        if document.shown_name != self._last_shown:  # shown from elsewhere: follow it
            selected = self._last_shown = document.shown_name
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        with quiet(self.list):
            self.list.clear()
            for name in [None, *(s.name for s in document.scenarios)]:
                item = QListWidgetItem(name or BASELINE)
                item.setData(ROLE, name or "")
                if name == document.shown_name:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setText(item.text() + SHOWN_MARK)
                error = document.scenario_error(name) if name is not None else None
                if error:
                    item.setIcon(warning)
                    item.setForeground(RED)
                    item.setToolTip(error)
                self.list.addItem(item)
        self.select(selected if selected is None or self._exists(selected) else None)
        self._show_details()

    def _exists(self, name: str) -> bool:
        return any(s.name == name for s in self.document.scenarios)

    def _show_details(self) -> None:
        document = self.document
        name = self.selected_name()
        for action in (self.rename_action, self.duplicate_action, self.delete_action,
                       self.export_action):
            action.setEnabled(name is not None)
        self.show_action.setEnabled(name != document.shown_name)
        self.changes.clear()
        if name is None:
            set_text_colour(self.about, None)
            count = len(document.scenarios)
            self.title.setText(BASELINE)
            self.about.setText(
                "The map as drawn. " + (f"{count} scenario{'s' if count != 1 else ''} change "
                                        "it." if count else "New Scenario starts a redesign "
                                        "of it, which you then change on the canvas."))
            return
        self.title.setText(name)
        error = document.scenario_error(name)
        set_text_colour(self.about, RED if error else None)
        if error:
            self.about.setText(f"This scenario no longer fits the baseline: {error}")
        elif name == document.shown_name:
            self.about.setText("On the canvas: your edits there become its changes; the "
                               "baseline stays as it is.")
        else:
            self.about.setText("Double-click it to show it on the canvas and change it.")
        scenario = document.scenario(name)
        lines = scenario.describe(document.baseline) if scenario.changes else []
        for line in lines:
            item = QListWidgetItem(f"\N{BULLET} {line}")
            item.setData(ROLE, "change")
            self.changes.addItem(item)
        if not lines:
            self.changes.addItem("No changes yet: it is the same as the baseline.")

    # -- commands ------------------------------------------------------------------------

    def _push(self, command: commands.SetScenarios) -> None:
        self.message.clear()
        self.document.undo_stack.push(command)

    def _ask_name(self, title: str, label: str, suggested: str,
                  renaming: str | None = None) -> str | None:
        name, ok = QInputDialog.getText(self, title, label, text=suggested)
        name = name.strip()
        if not ok or name == renaming:
            return None
        problem = commands.name_problem(self.document, name, renaming)
        if problem:
            self.message.show_message(problem)
            return None
        return name

    def new_scenario(self) -> bool:
        """Ask for a name and start a scenario from the baseline, shown on the canvas."""
        name = self._ask_name("New scenario", "Name of the redesign:",
                              commands.unused_name(self.document, "Redesign"))
        if name is None:
            return False
        self._push(commands.new_scenario(self.document, name))
        self.select(name)
        self.statusMessage.emit(f"Scenario '{name}' is on the canvas: change the map there.")
        return True

    def show_selected(self) -> bool:
        """Show the selected scenario (or the baseline) on the canvas."""
        name = self.selected_name()
        try:
            self.document.show(name)
        except OutsideInError as error:
            self.message.show_message(f"'{name}' cannot be shown: {error}")
            return False
        self.message.clear()
        return True

    def rename_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        new = self._ask_name("Rename scenario", f"New name for '{name}':", name, renaming=name)
        if new is None:
            return False
        self._push(commands.rename_scenario(self.document, name, new))
        self.select(new)
        return True

    def duplicate_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        new = commands.unused_name(self.document, f"{name} (copy)")
        self._push(commands.duplicate_scenario(self.document, name, new))
        self.select(new)
        return True

    def delete_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        self._push(commands.delete_scenario(self.document, name))
        self.statusMessage.emit(f"Deleted scenario '{name}' (Undo brings it back).")
        return True

    def import_file(self) -> bool:
        """Add a scenario from a file; a file that cannot be read or does not fit the map
        is refused with a message naming the file and what is wrong."""
        path, _ = QFileDialog.getOpenFileName(self, "Import scenario file", self._folder(),
                                              f"{SCENARIO_FILTER};;All files (*)")
        if not path:
            return False
        try:
            scenario = read_scenario_for(self.document, path)
        except OutsideInError as error:
            return self._refuse("The scenario was not imported", str(error))
        except Exception:  # noqa: BLE001 - a bug must not take the user's work with it
            log.exception("importing %s failed", path)
            return self._refuse("The scenario was not imported",
                                f"Something went wrong inside OutsideIn while reading "
                                f"{Path(path).name}; the details are in the log file.")
        self._remember_folder(path)
        self._push(commands.add_scenario(self.document, scenario,
                                         f"Import scenario '{scenario.name}'"))
        self.select(scenario.name)
        self.statusMessage.emit(f"Imported scenario '{scenario.name}' from {path}")
        return True

    def export_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        suggested = suggested_path(self.document, name, self._folder())
        path, _ = QFileDialog.getSaveFileName(self, "Export scenario file", str(suggested),
                                              SCENARIO_FILTER)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        try:
            write_scenario_file(self.document, name, path)
        except OutsideInError as error:
            return self._refuse("The scenario was not exported", str(error))
        except OSError as error:
            return self._refuse("The scenario was not exported",
                                f"{path} could not be written: {error.strerror or error}.")
        self._remember_folder(path)
        self.statusMessage.emit(f"Exported scenario '{name}' to {path}")
        return True

    def _refuse(self, title: str, text: str) -> bool:
        QMessageBox.warning(self, title, text)
        return False

    def _folder(self) -> str:
        if self.document.path is not None:
            return str(self.document.path.parent)
        saved = self.settings.value("lastFolder", "") if self.settings is not None else ""
        return str(saved or Path.home())

    def _remember_folder(self, path: str | Path) -> None:
        if self.settings is not None:
            self.settings.setValue("lastFolder", str(Path(path).parent))
