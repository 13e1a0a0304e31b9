"""The open map as a Qt document: the ServiceMap, its scenarios, its file, its undo stack.

The domain map calls plain listeners; the document turns those calls into Qt signals, so
that the canvas, the inspector and the problems panel mirror the model without the model
knowing about Qt. Every edit goes through ``undo_stack`` (see commands.py).

The file holds a baseline map and its scenarios (redesigns: lists of changes to it). The
canvas shows one of them, ``service_map``: the baseline, or a scenario applied to it. Edits
made while a scenario is shown change that scenario's list of changes (worked out again
from the map after each edit), never the baseline's journey; gui/scenarios/editing.py says
how undo works across showing one and then another.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..domain.scenario import Scenario
from ..domain.scenario_diff import changes_between
from ..domain.service_map import ServiceMap
from ..errors import OutsideInError
from ..storage.files import load_map_and_scenarios, save_map
from .scenarios.editing import EditStack

log = logging.getLogger(__name__)

#: What a file has once, whichever map is shown: an edit of these while a scenario is shown
#: goes to the baseline (every scenario runs with the same settings and seed). So does where
#: a part is drawn: a scenario records redesigns, not layout (see domain/scenario_diff.py).
SHARED = ("title", "notes", "sources", "run")
#: How many earlier lists of changes a scenario remembers, to give them back after an undo.
KEEP_EARLIER = 20


class MapDocument(QObject):
    """One open map and its scenarios. ``service_map`` is replaced only by
    :meth:`replace_map` (open/new) and :meth:`show` (a scenario or the baseline).

    For views of every scenario (Compare): ``baseline``, ``scenarios`` and the signal
    ``scenariosChanged``; ``shown_name`` says which one the canvas shows."""

    nodeAdded = Signal(str)
    nodeRemoved = Signal(str)
    nodeChanged = Signal(str)
    nodeRenamed = Signal(str, str)
    handoffAdded = Signal(str, str)
    handoffRemoved = Signal(str, str)
    handoffChanged = Signal(str, str)
    teamsChanged = Signal()
    segmentsChanged = Signal()
    mapChanged = Signal()  # after any edit (for the problems panel, the title bar)
    mapReplaced = Signal()  # another map is shown (opened, created, a scenario): rebuild all
    mapOpened = Signal()  # another file was opened or a new map started
    scenariosChanged = Signal()  # the scenarios, their changes or which one is shown
    pathChanged = Signal()
    modifiedChanged = Signal(bool)

    def __init__(self, service_map: ServiceMap | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = EditStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._record_scenario_edit)
        # The stack outlives this object by a moment when both are destroyed; silence it so
        # it never signals into a deleted document.
        stack = self.undo_stack
        self.destroyed.connect(lambda *_: stack.blockSignals(True))
        self._map = ServiceMap(title="Untitled journey")
        self._baseline = self._map
        self._scenarios: list[Scenario] = []
        self._shown: str | None = None
        self._earlier: dict[str, list[tuple]] = {}  # per scenario, its earlier changes
        #: Why the last edit of the shown scenario could not be kept as changes ("" if it was).
        self.unrecorded = ""
        self.path: Path | None = None
        self.replace_map(service_map or self._map, path)

    @property
    def service_map(self) -> ServiceMap:
        """The map on the canvas: the baseline, or the shown scenario applied to it."""
        return self._map

    @property
    def baseline(self) -> ServiceMap:
        """The map as drawn, which every scenario changes."""
        return self._baseline

    @property
    def scenarios(self) -> list[Scenario]:
        """The redesigns of the baseline, in order (a copy: change them with commands)."""
        return list(self._scenarios)

    @property
    def shown_name(self) -> str | None:
        """The name of the scenario on the canvas, or None for the baseline."""
        return self._shown

    @property
    def shown_scenario(self) -> Scenario | None:
        return self.scenario(self._shown) if self._shown is not None else None

    def scenario(self, name: str) -> Scenario:
        for scenario in self._scenarios:
            if scenario.name == name:
                return scenario
        raise KeyError(name)

    def scenario_error(self, name: str) -> str | None:
        """Why the scenario ``name`` no longer fits the baseline, or None if it does."""
        if name == self._shown:
            return None
        try:
            self.scenario(name).apply(self._baseline)
        except OutsideInError as error:
            return str(error)
        return None

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def replace_map(self, service_map: ServiceMap, path: Path | None = None,
                    scenarios: Iterable[Scenario] = ()) -> None:
        """Show another map (after New or Open) with its scenarios; the undo history starts
        again and the canvas shows the baseline."""
        self._watch(service_map)
        self._baseline = service_map
        self._scenarios = list(scenarios)
        self._shown = None
        self._earlier = {}
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.path = Path(path) if path else None
        self.mapOpened.emit()
        self.mapReplaced.emit()
        self.scenariosChanged.emit()
        self.pathChanged.emit()
        self.modifiedChanged.emit(False)

    def open(self, path: str | Path) -> None:
        """Load ``path``; on any error (raised) the current map is left exactly as it was."""
        loaded, scenarios = load_map_and_scenarios(path)
        self.replace_map(loaded, Path(path), scenarios)

    # -- scenarios -------------------------------------------------------------------------

    def show(self, name: str | None) -> None:
        """Show (and edit) the scenario ``name`` on the canvas, or the baseline for None.

        Raises ScenarioError, showing what it showed, if the scenario no longer fits the
        baseline. Showing is a view, not an edit: it is not on the undo stack.
        """
        if name != self._shown:
            # Undoing several commands at once (the History panel) shows map after map with
            # no index change in between: keep what the last one did before leaving it.
            self._record_scenario_edit()
            self._display(name)
            self.scenariosChanged.emit()

    def set_scenarios(self, scenarios: Iterable[Scenario], shown: str | None) -> None:
        """Replace the list of scenarios and show ``shown`` (None, or one that is gone or no
        longer fits: the baseline). For the scenario commands only."""
        self._record_scenario_edit()
        before = self.shown_scenario
        self._scenarios = list(scenarios)
        target = shown if shown in {s.name for s in self._scenarios} else None
        after = self.scenario(target) if target is not None else None
        if before is not None and after is not None and before.changes == after.changes:
            self._shown = target  # renamed, or another with the same changes: no redraw
        elif before is not None or after is not None:
            try:
                self._display(target)
            except OutsideInError:
                log.info("scenario %r no longer fits; the baseline is shown", target)
                self._display(None)
        self.scenariosChanged.emit()

    def _display(self, name: str | None) -> None:
        shown = self.scenario(name).apply(self._baseline) if name is not None else None
        self._shown = name
        self._watch(shown if shown is not None else self._baseline)
        self.mapReplaced.emit()

    def _watch(self, service_map: ServiceMap) -> None:
        if self._map is not None and self._on_model_event in self._map._listeners:
            self._map.unsubscribe(self._on_model_event)
        self._map = service_map
        self._map.subscribe(self._on_model_event)

    def _record_scenario_edit(self) -> None:
        """After each edit, undo or redo: the shown scenario's changes become what now differs
        from the baseline (its title, notes and run settings go to the baseline)."""
        self.unrecorded = ""
        if self._shown is None:
            return
        live = self._map
        self._share_layout(live)
        scenario = self.scenario(self._shown)
        try:
            edited = self._changes_giving(scenario, live)
        except OutsideInError as error:
            self.unrecorded = str(error)
            return
        if edited is None:
            self.unrecorded = ("This edit cannot be written as a change to the baseline, so "
                               f"scenario '{scenario.name}' cannot keep it.")
            return
        if edited.changes != scenario.changes:
            self._earlier.setdefault(scenario.name, []).append(scenario.changes)
            del self._earlier[scenario.name][:-KEEP_EARLIER]
            self._scenarios[self._scenarios.index(scenario)] = edited
            self.scenariosChanged.emit()

    def _changes_giving(self, scenario: Scenario, live: ServiceMap) -> Scenario | None:
        """``scenario`` with changes that turn the baseline into ``live``: its own if they
        still do, else an earlier list of its own (after an undo, the words the user had,
        such as a scenario file's), else the changes worked out afresh."""
        for changes in (scenario.changes, *reversed(self._earlier.get(scenario.name, []))):
            candidate = dataclasses.replace(scenario, changes=changes)
            try:
                if not changes_between(candidate.apply(self._baseline), live):
                    return candidate
            except OutsideInError:
                continue
        candidate = dataclasses.replace(scenario, changes=changes_between(self._baseline, live))
        return None if changes_between(candidate.apply(self._baseline), live) else candidate

    def _share_layout(self, live: ServiceMap) -> None:
        """The baseline takes the shown scenario's map-wide settings and where its parts are
        drawn (its listeners are off while a scenario is shown: nothing is redrawn)."""
        for key in SHARED:
            setattr(self._baseline, key, getattr(live, key))
        for node in live.nodes():
            if self._baseline.has(node.name) and \
                    self._baseline.node(node.name).position != node.position:
                self._baseline.update(node.name, position=node.position)

    def save(self, path: str | Path | None = None) -> Path:
        """Save (atomically) to ``path`` or the current file; marks the document clean."""
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("save() needs a path for a map that has never been saved")
        save_map(self._baseline, target, scenarios=self._scenarios)
        if target != self.path:
            self.path = target
            self.pathChanged.emit()
        self.undo_stack.setClean()
        return target

    def _on_clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(not clean)

    # -- model events to Qt signals ------------------------------------------------------

    def _on_model_event(self, event: str, *details: str) -> None:
        signal = {
            "node_added": self.nodeAdded, "node_removed": self.nodeRemoved,
            "node_changed": self.nodeChanged, "node_renamed": self.nodeRenamed,
            "handoff_added": self.handoffAdded, "handoff_removed": self.handoffRemoved,
            "handoff_changed": self.handoffChanged,
        }.get(event)
        if signal is not None:
            signal.emit(*details)
        elif event.startswith("team_"):
            self.teamsChanged.emit()
        elif event.startswith("segment_"):
            self.segmentsChanged.emit()
        self.mapChanged.emit()
