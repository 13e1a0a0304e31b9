"""Undo commands: every edit of the map is one named QUndoCommand that changes the model.

A command never touches the canvas: the canvas listens to the document's signals. Each
command keeps what it needs to put the model back exactly as it was.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtGui import QUndoCommand

from ..domain.parts import Handoff, Node, Segment, Team
from .document import MapDocument

MOVE_ID = 1001


class DocumentCommand(QUndoCommand):
    """An edit of the map on the canvas. It remembers which map that was (the baseline or a
    scenario, see gui/scenarios/editing.py) and shows it again before undoing or redoing."""

    def __init__(self, document: MapDocument, text: str) -> None:
        made_on = document.shown_name
        if made_on is not None:
            text = f"{text} (scenario '{made_on}')"
        super().__init__(text)
        self.document = document
        self.made_on = made_on

    @property
    def map(self):  # noqa: ANN201 - a ServiceMap
        self.document.show(self.made_on)
        return self.document.service_map


class AddPart(DocumentCommand):
    def __init__(self, document: MapDocument, node: Node) -> None:
        super().__init__(document, f"Add {node.kind} '{node.name}'")
        self.node = node

    def redo(self) -> None:
        self.map.add(self.node)

    def undo(self) -> None:
        self.map.remove(self.node.name)


class RemoveParts(DocumentCommand):
    """Remove parts and handoffs together (the handoffs of removed parts go with them)."""

    def __init__(self, document: MapDocument, names: list[str],
                 handoffs: list[tuple[str, str]] = ()) -> None:
        m = document.service_map
        what = f"'{names[0]}'" if len(names) == 1 else f"{len(names)} parts"
        if not names:
            what = "handoff" if len(handoffs) == 1 else f"{len(handoffs)} handoffs"
        super().__init__(document, f"Delete {what}")
        self.nodes = [m.node(n) for n in names]
        touching = {(s, t) for s, t, _ in m.handoffs() if s in names or t in names}
        wanted = touching | set(handoffs)
        self.handoffs = [(s, t, h) for s, t, h in m.handoffs() if (s, t) in wanted]

    def redo(self) -> None:
        for source, target, _ in self.handoffs:
            if self.map.has_handoff(source, target):
                self.map.disconnect(source, target)
        for node in self.nodes:
            self.map.remove(node.name)

    def undo(self) -> None:
        for node in self.nodes:
            self.map.add(node)
        for source, target, handoff in self.handoffs:
            self.map.connect(source, target, handoff)


class MoveParts(DocumentCommand):
    """Move parts to new positions; consecutive moves of the same parts merge into one."""

    def __init__(self, document: MapDocument,
                 moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> None:
        names = list(moves)
        what = f"'{names[0]}'" if len(names) == 1 else f"{len(names)} parts"
        super().__init__(document, f"Move {what}")
        self.moves = dict(moves)

    def id(self) -> int:
        return MOVE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, MoveParts) or set(other.moves) != set(self.moves) \
                or other.made_on != self.made_on:
            return False
        self.moves = {n: (self.moves[n][0], other.moves[n][1]) for n in self.moves}
        return True

    def redo(self) -> None:
        for name, (_, new) in self.moves.items():
            self.map.update(name, position=new)

    def undo(self) -> None:
        for name, (old, _) in self.moves.items():
            self.map.update(name, position=old)


class UpdatePart(DocumentCommand):
    """Change fields of a part (a new ``name`` renames it)."""

    def __init__(self, document: MapDocument, name: str, changes: dict[str, Any],
                 text: str | None = None) -> None:
        old = document.service_map.node(name)
        super().__init__(document, text or _describe_change(f"'{name}'", changes))
        self.name = name
        self.new_name = changes.get("name", name)
        self.changes = dict(changes)
        self.before = {k: getattr(old, k) for k in changes}

    def redo(self) -> None:
        self.map.update(self.name, **self.changes)

    def undo(self) -> None:
        self.map.update(self.new_name, **self.before)


class Connect(DocumentCommand):
    def __init__(self, document: MapDocument, source: str, target: str,
                 handoff: Handoff | None = None) -> None:
        super().__init__(document, f"Connect '{source}' to '{target}'")
        self.source, self.target = source, target
        self.handoff = handoff or Handoff()

    def redo(self) -> None:
        self.map.connect(self.source, self.target, self.handoff)

    def undo(self) -> None:
        self.map.disconnect(self.source, self.target)


class UpdateHandoff(DocumentCommand):
    def __init__(self, document: MapDocument, source: str, target: str,
                 changes: dict[str, Any], text: str | None = None) -> None:
        old = document.service_map.handoff(source, target)
        super().__init__(document, text or _describe_change(f"'{source}' → '{target}'", changes))
        self.source, self.target = source, target
        self.changes = dict(changes)
        self.before = {k: getattr(old, k) for k in changes}

    def redo(self) -> None:
        self.map.update_handoff(self.source, self.target, **self.changes)

    def undo(self) -> None:
        self.map.update_handoff(self.source, self.target, **self.before)


class AddTeam(DocumentCommand):
    def __init__(self, document: MapDocument, team: Team) -> None:
        super().__init__(document, f"Add team '{team.name}'")
        self.team = team

    def redo(self) -> None:
        self.map.add_team(self.team)

    def undo(self) -> None:
        self.map.remove_team(self.team.name)


class _UpdateNamed(DocumentCommand):
    """Change a team or a segment; a new ``name`` renames it everywhere it is used."""

    kind = ""

    def __init__(self, document: MapDocument, name: str, changes: dict[str, Any],
                 text: str | None = None) -> None:
        old = getattr(document.service_map, self.kind)(name)
        super().__init__(document, text or _describe_change(f"{self.kind} '{name}'", changes))
        self.name = name
        self.new_name = changes.get("name", name)
        self.changes = dict(changes)
        self.before = {k: getattr(old, k) for k in changes}

    def _update(self, name: str, values: dict[str, Any]) -> None:
        getattr(self.map, f"update_{self.kind}")(name, **values)

    def redo(self) -> None:
        self._update(self.name, self.changes)

    def undo(self) -> None:
        self._update(self.new_name, self.before)


class UpdateTeam(_UpdateNamed):
    kind = "team"


class RemoveTeam(DocumentCommand):
    """Remove a team; the steps that used it keep its name (validation flags them)."""

    def __init__(self, document: MapDocument, name: str) -> None:
        super().__init__(document, f"Delete team '{name}'")
        self.team = document.service_map.team(name)

    def redo(self) -> None:
        self.map.remove_team(self.team.name)

    def undo(self) -> None:
        self.map.add_team(self.team)


class AddSegment(DocumentCommand):
    def __init__(self, document: MapDocument, segment: Segment) -> None:
        super().__init__(document, f"Add segment '{segment.name}'")
        self.segment = segment

    def redo(self) -> None:
        self.map.add_segment(self.segment)

    def undo(self) -> None:
        self.map.remove_segment(self.segment.name)


class UpdateSegment(_UpdateNamed):
    kind = "segment"


class RemoveSegment(DocumentCommand):
    def __init__(self, document: MapDocument, name: str) -> None:
        super().__init__(document, f"Delete segment '{name}'")
        self.segment = document.service_map.segment(name)

    def redo(self) -> None:
        self.map.remove_segment(self.segment.name)

    def undo(self) -> None:
        self.map.add_segment(self.segment)


class SetMapInfo(DocumentCommand):
    """Change the map's title, notes or run settings."""

    def __init__(self, document: MapDocument, changes: dict[str, Any],
                 text: str | None = None) -> None:
        super().__init__(document, text or _describe_change("the map", changes))
        self.changes = dict(changes)
        self.before = {k: getattr(document.service_map, k) for k in changes}

    def _set(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            setattr(self.map, key, value)
        self.document.mapChanged.emit()

    def redo(self) -> None:
        self._set(self.changes)

    def undo(self) -> None:
        self._set(self.before)


def _describe_change(subject: str, changes: dict[str, Any]) -> str:
    """A readable name for the Edit menu: "Set staff of Booking to 4", "Rename 'A' to 'B'"."""
    if set(changes) == {"name"}:
        return f"Rename {subject} to '{changes['name']}'"
    if len(changes) == 1:
        key, value = next(iter(changes.items()))
        shown = getattr(value, "describe", None)
        shown = shown() if callable(shown) else value
        if dataclasses.is_dataclass(value) and not callable(getattr(value, "describe", None)):
            shown = "new value"
        if isinstance(shown, tuple | list | dict):
            shown = "new value"
        return f"Set {key.replace('_', ' ')} of {subject} to {shown}"
    return f"Change {subject}"
