"""The canvas's edits, as undo commands: new parts with sensible defaults, connecting, and
deleting. Each function pushes one command (or one macro) and never raises to the user: what
cannot be done comes back as a sentence for the status bar.
"""

from __future__ import annotations

from ...domain.calendar import Arrivals
from ...domain.distributions import Exponential, Fixed
from ...domain.layout import left_to_right
from ...domain.parts import Decision, Delay, Entry, Exit, Node, Step
from ...domain.service_map import ServiceMap
from ...errors import OutsideInError
from ..commands import AddPart, Connect, MoveParts, RemoveParts
from ..document import MapDocument
from .style import KIND_LABELS

ARRANGE_TEXT = "Arrange left to right"


def unique_name(service_map: ServiceMap, base: str) -> str:
    """``base`` followed by the first number not yet used: "Step 1", "Step 2" ..."""
    number = 1
    while service_map.has(f"{base} {number}"):
        number += 1
    return f"{base} {number}"


def new_part(service_map: ServiceMap, kind: str, position: tuple[float, float]) -> Node:
    """A part of ``kind`` with a new name and defaults a user would start from.

    A step goes to the map's first team ("Team 1" if there is none yet; validation then
    asks for the team), exponential with a mean of 10 minutes; a delay is a fixed day; an
    entry brings 10 customers a day.
    """
    name = unique_name(service_map, KIND_LABELS[kind])
    x, y = round(position[0], 1), round(position[1], 1)
    if kind == "entry":
        return Entry(name=name, position=(x, y), arrivals=Arrivals(per_day=10))
    if kind == "step":
        teams = service_map.teams()
        return Step(name=name, position=(x, y), team=teams[0].name if teams else "Team 1",
                    duration=Exponential(mean_value=10, unit="minutes"))
    if kind == "decision":
        return Decision(name=name, position=(x, y))
    if kind == "delay":
        return Delay(name=name, position=(x, y), duration=Fixed(value=1, unit="days"))
    if kind == "exit":
        return Exit(name=name, position=(x, y))
    raise ValueError(f"no part of kind {kind!r}")


def add_part(document: MapDocument, kind: str, position: tuple[float, float]) -> str:
    """Push an AddPart for a new ``kind`` part centred at ``position``; returns its name."""
    part = new_part(document.service_map, kind, position)
    document.undo_stack.push(AddPart(document, part))
    return part.name


def why_not_connect(service_map: ServiceMap, source: str, target: str) -> str | None:
    """Why ``source`` cannot be handed on to ``target``, or None if it can."""
    if not (service_map.has(source) and service_map.has(target)):
        return "That part is no longer on the map."
    if source == target:
        return f"'{source}' cannot hand customers on to itself; draw the loop through a decision."
    if isinstance(service_map.node(target), Entry):
        return f"'{target}' is an entry: customers only come in there, nothing leads to it."
    if isinstance(service_map.node(source), Exit):
        return f"'{source}' is an exit: the journey ends there."
    if service_map.has_handoff(source, target):
        return f"'{source}' already hands on to '{target}'."
    return None


def connect(document: MapDocument, source: str, target: str) -> str | None:
    """Push a Connect; returns None, or the reason it was refused."""
    problem = why_not_connect(document.service_map, source, target)
    if problem is None:
        try:
            document.undo_stack.push(Connect(document, source, target))
        except OutsideInError as error:  # the model refused after all: say why
            return str(error)
    return problem


def delete(document: MapDocument, names: list[str],
           handoffs: list[tuple[str, str]]) -> bool:
    """One RemoveParts for the parts and handoffs (those of removed parts go with them)."""
    service_map = document.service_map
    names = [n for n in names if service_map.has(n)]
    handoffs = [h for h in handoffs if service_map.has_handoff(*h)]
    if not names and not handoffs:
        return False
    document.undo_stack.push(RemoveParts(document, names, handoffs))
    return True


def arrange(document: MapDocument) -> bool:
    """Move every part to the left-to-right layout, as one undo entry. False if none moved."""
    service_map = document.service_map
    moves = {}
    for name, new in left_to_right(service_map).items():
        old = service_map.node(name).position
        if (abs(old[0] - new[0]) > 0.01) or (abs(old[1] - new[1]) > 0.01):
            moves[name] = (old, (float(new[0]), float(new[1])))
    if not moves:
        return False
    command = MoveParts(document, moves)
    command.setText(ARRANGE_TEXT)
    # A macro, so that a following drag of the same parts does not merge into it.
    document.undo_stack.beginMacro(ARRANGE_TEXT)
    document.undo_stack.push(command)
    document.undo_stack.endMacro()
    return True
