"""The map page of the inspector (nothing selected): title, notes and run settings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from ...errors import InvalidParameter
from ..commands import SetMapInfo
from ..document import MapDocument
from .part_editors import Page
from .widgets import NotesEdit, count_spin, heading, hint, number_spin, quiet

MAX_SEED = 2**31 - 1  # what a QSpinBox holds


class MapEditor(Page):
    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.form.addRow(heading("The map"))
        self.form.addRow(hint("Nothing is selected. Click a part or a handoff on the map to "
                              "edit it; here are the map's title, notes and run settings."))
        self.title_edit = QLineEdit()
        self.form.addRow("&Title", self.title_edit)
        self.notes = NotesEdit()
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.form.addRow("&Notes", self.notes)
        self.form.addRow(heading("Run settings"))
        self.days = number_spin(maximum=100_000, decimals=1)
        self.days.setSuffix(" days")
        self.days.setToolTip("How long each replication simulates")
        self.form.addRow("&Length", self.days)
        self.warmup = number_spin(maximum=100_000, decimals=1)
        self.warmup.setSuffix(" days")
        self.warmup.setToolTip("The first days are left out of the figures, so the run starts "
                               "from a service already in its normal state")
        self.form.addRow("&Warm-up", self.warmup)
        self.replications = count_spin(1, 10_000)
        self.replications.setToolTip("Independent runs; more give narrower confidence intervals")
        self.form.addRow("&Replications", self.replications)
        self.seed = count_spin(0, MAX_SEED)
        self.seed.setToolTip("The same seed gives the same results")
        self.form.addRow("S&eed", self.seed)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("ddd d MMM yyyy")
        self.start.setToolTip("The date of the first simulated day (weekdays follow from it)")
        self.form.addRow("&Start date", self.start)
        self.form.addRow(self.message)
        self.title_edit.editingFinished.connect(self._set_title)
        self.notes.editingFinished.connect(self._set_notes)
        self.days.valueChanged.connect(
            lambda v: self._set_run("days", v, f"Set run length to {v:g} days"))
        self.warmup.valueChanged.connect(
            lambda v: self._set_run("warmup_days", v, f"Set warm-up to {v:g} days"))
        self.replications.valueChanged.connect(
            lambda v: self._set_run("replications", v, f"Set replications to {v}"))
        self.seed.valueChanged.connect(lambda v: self._set_run("seed", v, f"Set seed to {v}"))
        self.start.dateChanged.connect(self._set_start)

    def load(self) -> None:
        service_map = self.document.service_map
        run = service_map.run
        with quiet(self.title_edit, self.days, self.warmup, self.replications, self.seed,
                   self.start):
            self.title_edit.setText(service_map.title)
            self.title_edit.setCursorPosition(0)  # a long title shows its beginning
            self.days.setValue(run.days)
            self.warmup.setValue(run.warmup_days)
            self.replications.setValue(run.replications)
            self.seed.setValue(min(run.seed, MAX_SEED))
            self.start.setDate(QDate(run.start_date.year, run.start_date.month,
                                     run.start_date.day))
        self.notes.set_text(service_map.notes)
        self.message.clear()

    def _set_title(self) -> None:
        title = self.title_edit.text().strip()
        if title != self.document.service_map.title:
            self.push(SetMapInfo(self.document, {"title": title},
                                 text=f"Rename the map to '{title}'"))

    def _set_notes(self) -> None:
        notes = self.notes.toPlainText()
        if notes != self.document.service_map.notes:
            self.push(SetMapInfo(self.document, {"notes": notes}, text="Edit the map's notes"))

    def _set_run(self, field: str, value: Any, text: str) -> None:
        run = self.document.service_map.run
        if getattr(run, field) == value:
            return
        try:
            new = dataclasses.replace(run, **{field: value})
        except InvalidParameter as error:
            self.message.show_message(str(error))
            return
        self.message.clear()
        self.push(SetMapInfo(self.document, {"run": new}, text=text))

    def _set_start(self, date: QDate) -> None:
        day = dt.date(date.year(), date.month(), date.day())
        self._set_run("start_date", day, f"Set start date to {day:%a %d %b %Y}")
