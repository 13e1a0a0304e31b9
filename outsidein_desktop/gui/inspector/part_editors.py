"""Editors for the parts of a map: the shared base (name, ways out, notes) and one editor
per kind of part. Each change is one named UpdatePart command, pushed when the user
finishes with a field; values the part refuses are explained in place and not pushed."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.distributions import Distribution, Exponential, Fixed
from ...domain.parts import Delay, Exit, Node, Step
from ...errors import InvalidParameter
from ..commands import UpdatePart
from ..document import MapDocument
from .distribution_picker import DistributionPicker
from .ways_out import WaysOutTable
from .widgets import MessageLabel, NotesEdit, count_spin, heading, hint, quiet

KIND_TITLES = {"entry": "Entry", "step": "Step", "decision": "Decision", "delay": "Delay",
               "exit": "Exit"}


class Page(QWidget):
    """One page of the inspector: a form over the document."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # the rows keep their height; the space left goes below
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = MessageLabel()

    def push(self, command: QUndoCommand) -> None:
        self.document.undo_stack.push(command)

    def add_section(self, title: str, widget: QWidget) -> None:
        """A titled widget across the whole width (pickers and tables need the room)."""
        label = QLabel(title)
        label.setBuddy(widget)
        self.form.addRow(label)
        self.form.addRow(widget)


class PartEditor(Page):
    """Name, kind-specific fields (:meth:`build`), ways out and notes of one part."""

    kind = ""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.name = ""
        self.title = heading()
        self.form.addRow(self.title)
        self.name_edit = QLineEdit()
        self.name_message = MessageLabel()
        self.form.addRow("&Name", self.name_edit)
        self.form.addRow(self.name_message)
        self.build()
        self.ways_out_label = QLabel("Ways out")
        self.ways_out = WaysOutTable(document)
        self.form.addRow(self.ways_out_label)
        self.form.addRow(self.ways_out)
        self.notes = NotesEdit()
        self.form.addRow("Notes", self.notes)
        self.form.addRow(self.message)
        self.name_edit.editingFinished.connect(self._rename)
        self.notes.editingFinished.connect(self._set_notes)

    def build(self) -> None:
        """Add the rows for this kind of part."""

    def load_part(self, part: Node) -> None:
        """Show this kind of part's own values."""

    def node(self) -> Node:
        return self.document.service_map.node(self.name)

    def load(self, name: str) -> None:
        """Show the part called ``name`` (after a selection or any change to it)."""
        self.name = name
        part = self.node()
        self.title.setText(f"{KIND_TITLES.get(part.kind, part.kind)}: {name}")
        with quiet(self.name_edit):
            self.name_edit.setText(name)
        self.name_message.clear()
        self.message.clear()
        self.notes.set_text(part.notes)
        self.load_part(part)
        ways = len(self.document.service_map.ways_out(name))
        show_ways = part.kind == "decision" or ways >= 2
        self.form.setRowVisible(self.ways_out_label, show_ways)
        self.form.setRowVisible(self.ways_out, show_ways)
        if show_ways:
            self.ways_out.load(name)

    def update_part(self, changes: dict[str, Any], text: str | None = None) -> bool:
        """Push one UpdatePart for the fields that really change; False if refused."""
        part = self.node()
        changes = {k: v for k, v in changes.items() if getattr(part, k) != v}
        if not changes:
            return False
        try:
            dataclasses.replace(part, **changes)  # the part checks its own values
        except (InvalidParameter, TypeError) as error:
            self.message.show_message(str(error))
            return False
        self.message.clear()
        self.push(UpdatePart(self.document, self.name, changes, text))
        return True

    def _rename(self) -> None:
        new = self.name_edit.text().strip()
        if new == self.name:
            self.name_message.clear()
            return
        if not new:
            self.name_message.show_message("Every part needs a name")
            return
        if self.document.service_map.has(new):
            self.name_message.show_message(
                f"There is already a part called '{new}'. Choose another name")
            return
        self.name_message.clear()
        self.push(UpdatePart(self.document, self.name, {"name": new}))

    def _set_notes(self) -> None:
        self.update_part({"notes": self.notes.toPlainText()}, f"Edit the notes of '{self.name}'")


class StepEditor(PartEditor):
    kind = "step"

    def build(self) -> None:
        self.team_combo = QComboBox()
        self.form.addRow("&Team", self.team_combo)
        self.duration = DistributionPicker()
        self.add_section("How long the &work takes", self.duration)
        self.staff = count_spin(1, 999)
        self.staff.setToolTip("How many of the team's staff the step needs at once")
        self.form.addRow("&Staff needed", self.staff)
        self.present = QCheckBox("The customer is there (touch time)")
        self.present.setToolTip("Tick when the customer takes part in the work: a visit, a "
                                "call, an appointment. Untick for work done on their file.")
        self.form.addRow(self.present)
        self.repeat = DistributionPicker(optional=True, none_text="no extra time",
                                         default=Fixed(value=5, unit="minutes"))
        self.add_section("Extra time when the customer &repeats their story", self.repeat)
        self.team_combo.activated.connect(self._set_team)
        self.duration.distributionChanged.connect(self._set_duration)
        self.staff.valueChanged.connect(
            lambda n: self.update_part({"staff_needed": n},
                                       f"Set staff needed for '{self.name}' to {n}"))
        self.present.toggled.connect(self._set_present)
        self.repeat.distributionChanged.connect(self._set_repeat)

    def load_part(self, part: Step) -> None:
        teams = [t.name for t in self.document.service_map.teams()]
        with quiet(self.team_combo, self.staff, self.present):
            self.team_combo.clear()
            for team in teams:
                self.team_combo.addItem(team, team)
            if part.team not in teams:
                self.team_combo.addItem(f"{part.team} (no such team)", part.team)
            self.team_combo.setCurrentIndex(self.team_combo.findData(part.team))
            self.staff.setValue(part.staff_needed)
            self.present.setChecked(part.customer_present)
        self.duration.set_distribution(part.duration)
        self.repeat.set_distribution(part.repeat_story_time)

    def _set_team(self) -> None:
        team = self.team_combo.currentData()
        self.update_part({"team": team}, f"Set team of '{self.name}' to {team}")

    def _set_duration(self, dist: Distribution) -> None:
        self.update_part({"duration": dist},
                         f"Set duration of '{self.name}' to {dist.describe()}")

    def _set_present(self, present: bool) -> None:
        what = "customer present" if present else "customer not present"
        self.update_part({"customer_present": present}, f"Mark '{self.name}' {what}")

    def _set_repeat(self, dist: Distribution | None) -> None:
        shown = dist.describe() if dist else "none"
        self.update_part({"repeat_story_time": dist},
                         f"Set repeat-story time of '{self.name}' to {shown}")


class DecisionEditor(PartEditor):
    kind = "decision"

    def build(self) -> None:
        self.form.addRow(hint("A decision takes no time. Its ways out say where customers "
                              "go next, and with what chance."))


class DelayEditor(PartEditor):
    kind = "delay"

    def build(self) -> None:
        self.form.addRow(hint("Time passing with no team working: a letter in the post, "
                              "waiting for a test result."))
        self.duration = DistributionPicker(default=Exponential(mean_value=2, unit="days"))
        self.add_section("How long it &takes", self.duration)
        self.duration.distributionChanged.connect(
            lambda d: self.update_part({"duration": d},
                                       f"Set duration of '{self.name}' to {d.describe()}"))

    def load_part(self, part: Delay) -> None:
        self.duration.set_distribution(part.duration)


class ExitEditor(PartEditor):
    kind = "exit"

    def build(self) -> None:
        self.outcome = QLineEdit()
        self.outcome.setToolTip("The outcome reports show for customers who end here")
        self.form.addRow("&Outcome", self.outcome)
        self.outcome.editingFinished.connect(self._set_outcome)
        self.gave_up = QCheckBox("People who end here have &given up")
        self.gave_up.setToolTip(
            "Tick for an exit that means giving up on the service: hung up after "
            "redialling, went private, stopped reporting. They count as giving up, at the "
            "last step or delay they went through, and not as an outcome.")
        self.form.addRow(self.gave_up)
        self.gave_up.toggled.connect(self._set_gave_up)

    def load_part(self, part: Exit) -> None:
        with quiet(self.outcome, self.gave_up):
            self.outcome.setText(part.outcome)
            self.gave_up.setChecked(part.gave_up)
        self.outcome.setPlaceholderText(part.name)

    def _set_gave_up(self, gave_up: bool) -> None:
        what = "as giving up" if gave_up else "as an outcome"
        self.update_part({"gave_up": gave_up}, f"Count '{self.name}' {what}")

    def _set_outcome(self) -> None:
        outcome = self.outcome.text().strip()
        self.update_part({"outcome": outcome}, f"Set outcome of '{self.name}' to '{outcome}'")
