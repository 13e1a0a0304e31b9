"""Undo commands for the list of scenarios: new, duplicate, import, rename, delete.

Each is one :class:`SetScenarios`: the list before and after, and which map the canvas
showed before and shows after, so that undo puts back both exactly. Names are checked by
:func:`name_problem` before a command is made; a command never fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from ...domain.scenario import Scenario
from ..document import MapDocument

BASELINE = "Baseline"


class SetScenarios(QUndoCommand):
    def __init__(self, document: MapDocument, scenarios: Sequence[Scenario], text: str,
                 shown: str | None) -> None:
        super().__init__(text)
        self.document = document
        self.before, self.after = document.scenarios, list(scenarios)
        self.shown_before, self.shown_after = document.shown_name, shown

    def redo(self) -> None:
        self.document.set_scenarios(self.after, self.shown_after)

    def undo(self) -> None:
        self.document.set_scenarios(self.before, self.shown_before)


def name_problem(document: MapDocument, name: str, renaming: str | None = None) -> str:
    """Why ``name`` cannot name a scenario ("" if it can)."""
    if not name.strip():
        return "Every scenario needs a name."
    if name.strip().casefold() == BASELINE.casefold():
        return f"'{BASELINE}' is the map as drawn; give the scenario another name."
    taken = {s.name for s in document.scenarios} - {renaming}
    if name.strip() in taken:
        return f"There is already a scenario called '{name.strip()}'."
    return ""


def unused_name(document: MapDocument, stem: str) -> str:
    """``stem``, or ``stem (2)``, ``stem (3)``… whichever no scenario has yet."""
    taken = {s.name for s in document.scenarios}
    name, n = stem, 1
    while name in taken or name.casefold() == BASELINE.casefold():
        n += 1
        name = f"{stem} ({n})"
    return name


def add_scenario(document: MapDocument, scenario: Scenario, text: str) -> SetScenarios:
    """Add ``scenario`` at the end and show it on the canvas, to be edited there."""
    return SetScenarios(document, [*document.scenarios, scenario], text, scenario.name)


def new_scenario(document: MapDocument, name: str) -> SetScenarios:
    """A scenario with no changes yet: the baseline, to be redesigned on the canvas."""
    return add_scenario(document, Scenario(name=name), f"New scenario '{name}'")


def duplicate_scenario(document: MapDocument, name: str, new_name: str) -> SetScenarios:
    copy = dataclasses.replace(document.scenario(name), name=new_name)
    return add_scenario(document, copy, f"Duplicate scenario '{name}'")


def rename_scenario(document: MapDocument, name: str, new_name: str) -> SetScenarios:
    scenarios = [dataclasses.replace(s, name=new_name) if s.name == name else s
                 for s in document.scenarios]
    shown = new_name if document.shown_name == name else document.shown_name
    return SetScenarios(document, scenarios, f"Rename scenario '{name}' to '{new_name}'",
                        shown)


def delete_scenario(document: MapDocument, name: str) -> SetScenarios:
    scenarios = [s for s in document.scenarios if s.name != name]
    shown = None if document.shown_name == name else document.shown_name
    return SetScenarios(document, scenarios, f"Delete scenario '{name}'", shown)
