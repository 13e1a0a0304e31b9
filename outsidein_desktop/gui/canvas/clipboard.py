"""Copy, paste and duplicate parts, with the handoffs between them.

What is copied is a small map (the parts, the handoffs among them and their teams) in the
file format, so it can be pasted into another open map, even in another window. Pasted
parts get new names ("Triage (copy)", "Triage (copy 2)") and are offset from the originals;
a paste is one undo entry.
"""

from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from ...domain.parts import Step
from ...domain.service_map import ServiceMap
from ...errors import OutsideInError
from ...storage import map_from_dict, map_to_dict
from ..commands import AddPart, AddTeam, Connect
from ..document import MapDocument

MIME_TYPE = "application/x-outsidein-parts"
OFFSET = 40.0


def extract(service_map: ServiceMap, names: list[str]) -> ServiceMap:
    """The parts ``names``, the handoffs among them and the teams their steps use."""
    piece = ServiceMap(title="Clipboard")
    chosen = [n for n in names if service_map.has(n)]
    for team in service_map.teams():
        if any(isinstance(service_map.node(n), Step) and service_map.node(n).team == team.name
               for n in chosen):
            piece.add_team(team)
    for name in chosen:
        piece.add(service_map.node(name))
    for source, target, handoff in service_map.handoffs():
        if source in chosen and target in chosen:
            piece.connect(source, target, handoff)
    return piece


def to_mime(piece: ServiceMap) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(map_to_dict(piece)).encode("utf-8"))
    mime.setText("\n".join(part.name for part in piece.nodes()))
    return mime


def from_mime(mime: QMimeData | None) -> ServiceMap | None:
    """The copied parts, or None if the clipboard holds none (or something unreadable)."""
    if mime is None or not mime.hasFormat(MIME_TYPE):
        return None
    try:
        return map_from_dict(json.loads(bytes(mime.data(MIME_TYPE)).decode("utf-8")))
    except (OutsideInError, ValueError):
        return None


def copy(service_map: ServiceMap, names: list[str]) -> int:
    """Put the parts on the system clipboard; returns how many."""
    piece = extract(service_map, names)
    if len(piece):
        QGuiApplication.clipboard().setMimeData(to_mime(piece))
    return len(piece)


def clipboard_piece() -> ServiceMap | None:
    return from_mime(QGuiApplication.clipboard().mimeData())


def copy_name(service_map: ServiceMap, name: str, taken: set[str]) -> str:
    """"Triage (copy)", or "Triage (copy 2)" ... if that is taken already."""
    candidate, number = f"{name} (copy)", 2
    while service_map.has(candidate) or candidate in taken:
        candidate = f"{name} (copy {number})"
        number += 1
    return candidate


def paste(document: MapDocument, piece: ServiceMap, offset: float = OFFSET) -> list[str]:
    """Add copies of ``piece``'s parts and handoffs as one undo entry; returns the new names.

    Teams the copies need that this map lacks are added too.
    """
    service_map = document.service_map
    parts = piece.nodes()
    if not parts:
        return []
    renamed: dict[str, str] = {}
    for part in parts:
        renamed[part.name] = copy_name(service_map, part.name, set(renamed.values()))
    stack = document.undo_stack
    what = f"'{renamed[parts[0].name]}'" if len(parts) == 1 else f"{len(parts)} parts"
    stack.beginMacro(f"Paste {what}")
    try:
        for team in piece.teams():
            if not service_map.has_team(team.name):
                stack.push(AddTeam(document, team))
        for part in parts:
            x, y = part.position
            copy_ = dataclasses.replace(part, name=renamed[part.name],
                                        position=(x + offset, y + offset))
            stack.push(AddPart(document, copy_))
        for source, target, handoff in piece.handoffs():
            stack.push(Connect(document, renamed[source], renamed[target], handoff))
    finally:
        stack.endMacro()
    return list(renamed.values())
