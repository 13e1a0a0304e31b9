"""The teams panel: the teams on the map, their colours and their weekly hours.

Every edit is one undo command (AddTeam, UpdateTeam, RemoveTeam) with a name for the Edit
menu ("Set staff of Booking to 4"). Removing a team that steps use asks first, naming them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.calendar import Shift
from ..domain.parts import Team
from ..errors import InvalidParameter
from .commands import AddTeam, RemoveTeam, UpdateTeam
from .document import MapDocument
from .inspector.weekly_hours import RosterGrid, ShiftsEditor
from .inspector.widgets import MessageLabel, NotesEdit, heading, hint
from .named_list import current_name, refill, select_name

#: Colours for new teams: Paul Tol's "bright" scheme, distinct for colour-blind readers too.
TEAM_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def _quoted(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def unused_name(stem: str, taken: set[str]) -> str:
    n = 1
    while f"{stem} {n}" in taken:
        n += 1
    return f"{stem} {n}"


class TeamsPanel(QWidget):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 9)
        self.add_button = QPushButton("Add")
        self.rename_button = QPushButton("Rename…")
        self.colour_button = QPushButton("Colour…")
        self.remove_button = QPushButton("Remove")
        self.title = heading()
        self.summary = hint("")
        self.shifts = ShiftsEditor()
        self.grid = RosterGrid()
        self.notes = NotesEdit()
        self.message = MessageLabel()
        self._layout()
        self.list.currentItemChanged.connect(lambda *_: self._show_team())
        self.list.itemDoubleClicked.connect(lambda *_: self.rename_team())
        self.add_button.clicked.connect(self.add_team)
        self.rename_button.clicked.connect(self.rename_team)
        self.colour_button.clicked.connect(self.recolour_team)
        self.remove_button.clicked.connect(self.remove_team)
        self.shifts.shiftsEdited.connect(self._set_shifts)
        self.notes.editingFinished.connect(self._set_notes)
        document.teamsChanged.connect(self.reload)
        document.mapReplaced.connect(self.reload)
        for signal in (document.nodeAdded, document.nodeRemoved, document.nodeChanged):
            signal.connect(lambda *_: self._show_summary())
        self.reload()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.colour_button,
                       self.remove_button):
            buttons.addWidget(button)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.title)
        column.addWidget(self.summary)
        column.addWidget(QLabel("Weekly hours"))
        column.addWidget(self.shifts)
        column.addWidget(QLabel("Staff on duty (hover for the numbers)"))
        column.addWidget(self.grid)
        column.addWidget(QLabel("Notes"))
        column.addWidget(self.notes)
        column.addStretch()
        self.detail = detail
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(detail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

    # -- showing -------------------------------------------------------------------------

    def current_team(self) -> str | None:
        return current_name(self.list)

    def select_team(self, name: str) -> None:
        select_name(self.list, name)

    def reload(self) -> None:
        refill(self.list, [(team.name, swatch(team.colour))
                           for team in self.document.service_map.teams()])
        self._show_team()

    def _show_team(self) -> None:
        name = self.current_team()
        has_team = name is not None and self.document.service_map.has_team(name)
        for widget in (self.rename_button, self.colour_button, self.remove_button, self.detail):
            widget.setEnabled(has_team)
        if not has_team:
            self.title.setText("No teams yet" if not self.list.count() else "")
            self.summary.setText("Add a team, then choose it for the steps it does.")
            return
        team = self.document.service_map.team(name)
        self.title.setText(team.name)
        self.shifts.load(team)
        self.grid.set_roster(team.roster(), team.colour)
        self.notes.set_text(team.notes)
        self._show_summary()

    def _show_summary(self) -> None:
        name = self.current_team()
        if name is None or not self.document.service_map.has_team(name):
            return
        team = self.document.service_map.team(name)
        steps = [s.name for s in self.document.service_map.steps_of(name)]
        hours = (f"Up to {team.staff} staff on duty, {team.staff_hours_per_week} staff-hours "
                 "a week." if team.shifts else "No working hours yet: add a shift.")
        does = (f" Does {len(steps)} step{'s' if len(steps) != 1 else ''}: {_quoted(steps)}."
                if steps else " No step uses it yet.")
        self.summary.setText(hours + does)

    # -- editing -------------------------------------------------------------------------

    def push(self, command: object) -> None:
        self.message.clear()
        self.document.undo_stack.push(command)

    def add_team(self) -> None:
        service_map = self.document.service_map
        name = unused_name("Team", {t.name for t in service_map.teams()})
        used = {t.colour.upper() for t in service_map.teams()}
        colour = next((c for c in TEAM_COLOURS if c not in used), TEAM_COLOURS[0])
        self.push(AddTeam(self.document, Team(name=name, colour=colour, shifts=(Shift(),))))
        self.select_team(name)

    def rename_team(self) -> None:
        name = self.current_team()
        if name is None:
            return
        new, ok = QInputDialog.getText(self, "Rename team", f"New name for '{name}':", text=name)
        new = new.strip()
        if not ok or new == name:
            return
        if not new:
            self.message.show_message("Every team needs a name")
        elif self.document.service_map.has_team(new):
            self.message.show_message(f"There is already a team called '{new}'")
        else:
            self.push(UpdateTeam(self.document, name, {"name": new}))
            self.select_team(new)

    def recolour_team(self) -> None:
        name = self.current_team()
        if name is None:
            return
        team = self.document.service_map.team(name)
        colour = QColorDialog.getColor(QColor(team.colour), self, f"Colour of {name}")
        if colour.isValid() and colour.name().upper() != team.colour.upper():
            self.push(UpdateTeam(self.document, name, {"colour": colour.name().upper()},
                                 text=f"Recolour team '{name}'"))

    def remove_team(self) -> None:
        name = self.current_team()
        if name is None:
            return
        service_map = self.document.service_map
        steps = [s.name for s in service_map.steps_of(name)]
        chasers = [s.name for s in service_map.segments() if s.chase and s.chase.team == name]
        if steps or chasers:
            lines = []
            if steps:
                verb = "uses" if len(steps) == 1 else "use"
                noun = "step" if len(steps) == 1 else "steps"
                lines.append(f"{len(steps)} {noun} {verb} '{name}': {_quoted(steps)}.")
            if chasers:
                lines.append(f"Chases from segment {_quoted(chasers)} go to '{name}'.")
            lines.append("They will have no team until you choose another. "
                         f"Remove '{name}' anyway?")
            answer = QMessageBox.warning(
                self, "Remove team?", "\n\n".join(lines),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.push(RemoveTeam(self.document, name))

    def _set_shifts(self, shifts: tuple[Shift, ...], text: str) -> None:
        name = self.current_team()
        if name is None:
            return
        try:
            Team(name=name, shifts=shifts)
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self.push(UpdateTeam(self.document, name, {"shifts": shifts}, text=text))

    def _set_notes(self) -> None:
        name = self.current_team()
        if name is not None and self.document.service_map.team(name).notes != \
                self.notes.toPlainText():
            self.push(UpdateTeam(self.document, name, {"notes": self.notes.toPlainText()},
                                 text=f"Edit the notes of team '{name}'"))
