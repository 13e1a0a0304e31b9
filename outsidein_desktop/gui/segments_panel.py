"""The segments panel: kinds of customer, their share, priority, patience and chasing.

Each edit is one named undo command (AddSegment, UpdateSegment, RemoveSegment).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.distributions import Distribution, Fixed, Weibull
from ..domain.parts import ChaseRule, Segment
from ..domain.units import Duration
from ..errors import InvalidParameter
from .commands import AddSegment, RemoveSegment, UpdateSegment
from .document import MapDocument
from .inspector.distribution_picker import DistributionPicker
from .inspector.widgets import (
    DurationEdit,
    MessageLabel,
    count_spin,
    heading,
    hint,
    number_spin,
    quiet,
)
from .named_list import current_name, refill, select_name
from .teams_panel import unused_name


class SegmentsPanel(QWidget):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.list = QListWidget()
        self.list.setMaximumHeight(self.fontMetrics().height() * 7)
        self.add_button = QPushButton("Add")
        self.rename_button = QPushButton("Rename…")
        self.remove_button = QPushButton("Remove")
        self.title = heading()
        self.share = number_spin(maximum=1e6, decimals=2)
        self.share.setToolTip("Relative share of arrivals: only the proportions matter")
        self.priority = count_spin(1, 99)
        self.priority.setToolTip("1 is served first; larger numbers wait behind")
        self.patience = DistributionPicker(optional=True, none_text="never give up",
                                           default=Weibull(shape=1.5, scale=4, unit="weeks"))
        self.chase = QGroupBox("They chase while they wait")
        self.chase.setCheckable(True)
        self.chase_after = DurationEdit()
        self.chase_again = QCheckBox("and again every")
        self.chase_every = DurationEdit()
        self.chase_team = QComboBox()
        self.chase_work = DistributionPicker(default=Fixed(value=5, unit="minutes"))
        self.message = MessageLabel()
        self._layout()
        self.list.currentItemChanged.connect(lambda *_: self._show_segment())
        self.list.itemDoubleClicked.connect(lambda *_: self.rename_segment())
        self.add_button.clicked.connect(self.add_segment)
        self.rename_button.clicked.connect(self.rename_segment)
        self.remove_button.clicked.connect(self.remove_segment)
        self.share.valueChanged.connect(
            lambda v: self._update({"share": v}, f"Set share of {self.current_segment()} to {v:g}"))
        self.priority.valueChanged.connect(
            lambda v: self._update({"priority": v},
                                   f"Set priority of {self.current_segment()} to {v}"))
        self.patience.distributionChanged.connect(self._set_patience)
        self.chase.toggled.connect(self._toggle_chase)
        for signal in (self.chase_after.changed, self.chase_every.changed,
                       self.chase_again.toggled, self.chase_team.activated,
                       self.chase_work.distributionChanged):
            signal.connect(self._set_chase)
        document.segmentsChanged.connect(self.reload)
        document.teamsChanged.connect(self._show_segment)
        document.mapReplaced.connect(self.reload)
        self.reload()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        chase_form = QFormLayout(self.chase)
        chase_form.addRow("After", self.chase_after)
        chase_form.addRow(self.chase_again, self.chase_every)
        chase_form.addRow("Taken by", self.chase_team)
        chase_form.addRow(hint("Work for that team per chase:"))
        chase_form.addRow(self.chase_work)
        detail = QWidget()
        form = QFormLayout(detail)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.title)
        form.addRow("&Share", self.share)
        form.addRow("&Priority", self.priority)
        form.addRow(hint("Patience: how long they wait in a queue before giving up"))
        form.addRow(self.patience)
        form.addRow(self.chase)
        self.detail = detail
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(detail)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Kinds of customer. A map without segments simulates everyone "
                              "alike."))
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

    # -- showing -------------------------------------------------------------------------

    def current_segment(self) -> str | None:
        return current_name(self.list)

    def select_segment(self, name: str) -> None:
        select_name(self.list, name)

    def reload(self) -> None:
        refill(self.list, [(segment.name, None)
                           for segment in self.document.service_map.segments()])
        self._show_segment()

    def _show_segment(self) -> None:
        name = self.current_segment()
        service_map = self.document.service_map
        present = name is not None and service_map.has_segment(name)
        for widget in (self.rename_button, self.remove_button):
            widget.setEnabled(present)
        self.detail.setVisible(present)
        if not present:
            return
        segment = service_map.segment(name)
        chase = segment.chase
        with quiet(self.share, self.priority, self.chase, self.chase_again, self.chase_team):
            self.title.setText(segment.name)
            self.share.setValue(segment.share)
            self.priority.setValue(segment.priority)
            self.chase.setChecked(chase is not None)
            self.chase_team.clear()
            teams = [t.name for t in service_map.teams()]
            self.chase_team.addItems(teams)
            if chase is not None and chase.team not in teams:
                self.chase_team.addItem(chase.team)
            if chase is not None:
                self.chase_team.setCurrentText(chase.team)
            self.chase_again.setChecked(chase is not None and chase.every is not None)
        self.patience.set_distribution(segment.patience)
        self.chase_after.set_duration(chase.after if chase else Duration(2, "weeks"))
        self.chase_every.set_duration(chase.every if chase and chase.every else
                                      Duration(1, "weeks"))
        self.chase_every.setEnabled(self.chase_again.isChecked())
        self.chase_work.set_distribution(chase.work if chase else Fixed(value=5))
        self.message.clear()

    # -- editing -------------------------------------------------------------------------

    def _update(self, changes: dict[str, Any], text: str) -> None:
        name = self.current_segment()
        if name is None:
            return
        segment = self.document.service_map.segment(name)
        changes = {k: v for k, v in changes.items() if getattr(segment, k) != v}
        if not changes:
            return
        self.message.clear()
        self.document.undo_stack.push(UpdateSegment(self.document, name, changes, text=text))

    def add_segment(self) -> None:
        name = unused_name("Segment", {s.name for s in self.document.service_map.segments()})
        self.document.undo_stack.push(AddSegment(self.document, Segment(name=name)))
        self.select_segment(name)

    def rename_segment(self) -> None:
        name = self.current_segment()
        if name is None:
            return
        new, ok = QInputDialog.getText(self, "Rename segment", f"New name for '{name}':",
                                       text=name)
        new = new.strip()
        if not ok or new == name:
            return
        if not new:
            self.message.show_message("Every segment needs a name")
        elif self.document.service_map.has_segment(new):
            self.message.show_message(f"There is already a segment called '{new}'")
        else:
            self.document.undo_stack.push(UpdateSegment(self.document, name, {"name": new}))
            self.select_segment(new)

    def remove_segment(self) -> None:
        name = self.current_segment()
        if name is not None:
            self.document.undo_stack.push(RemoveSegment(self.document, name))

    def _set_patience(self, dist: Distribution | None) -> None:
        shown = dist.describe() if dist else "never give up"
        self._update({"patience": dist}, f"Set patience of {self.current_segment()} to {shown}")

    def _toggle_chase(self, on: bool) -> None:
        name = self.current_segment()
        if on:
            if not self.chase_team.count():
                self.message.show_message("Add a team first: chases need a team to take them")
                with quiet(self.chase):
                    self.chase.setChecked(False)
                return
            self._set_chase(text=f"Make {name} chase while they wait")
        else:
            self._update({"chase": None}, f"Stop {name} chasing")

    def _set_chase(self, *_: object, text: str | None = None) -> None:
        name = self.current_segment()
        self.chase_every.setEnabled(self.chase_again.isChecked())
        if name is None or not self.chase.isChecked():
            return
        try:
            rule = ChaseRule(after=self.chase_after.duration(), team=self.chase_team.currentText(),
                             work=self.chase_work.distribution() or Fixed(value=5),
                             every=self.chase_every.duration() if self.chase_again.isChecked()
                             else None)
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self._update({"chase": rule}, text or f"Change when {name} chase")
