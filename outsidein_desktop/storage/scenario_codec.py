"""Scenarios in files: scenario files (``scenarios/*.json``: a base map reference and a list
of changes), and the scenarios a map file keeps under its ``"scenarios"`` key.

A change is written as its action and its fields; each field is read and written by its
type (a distribution, a part, a team, a list of shifts...), so a new kind of change needs
no code here unless it brings a new type of field.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Sequence
from typing import Any

from ..domain.calendar import Arrivals, Shift
from ..domain.distributions import Distribution
from ..domain.parts import ChaseRule, Node, Segment, Step, Team
from ..domain.scenario import CHANGES, Change, Scenario
from .codec import (
    FORMAT_VERSION,
    _chase_from_dict,
    _chase_to_dict,
    arrivals_from_dict,
    arrivals_to_dict,
    distribution_from_dict,
    distribution_to_dict,
    node_from_dict,
    node_to_dict,
    segment_from_dict,
    segment_to_dict,
    shift_from_dict,
    shift_to_dict,
    team_from_dict,
    team_to_dict,
)
from .reader import NUMBER, FormatProblem, at, expect, only, take

# How a field of each type is written, checked in order (Step before Node).
_WRITERS: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (Distribution, distribution_to_dict), (Node, node_to_dict), (Team, team_to_dict),
    (Segment, segment_to_dict), (ChaseRule, _chase_to_dict), (Arrivals, arrivals_to_dict),
    (dict, dict),
)


def _write_value(value: Any) -> Any:
    if isinstance(value, tuple) and value and all(isinstance(s, Shift) for s in value):
        return [shift_to_dict(s) for s in value]
    for kind, write in _WRITERS:
        if isinstance(value, kind):
            return write(value)
    return value


def _is_default(f: dataclasses.Field, value: Any) -> bool:
    if f.default is not dataclasses.MISSING:
        return value == f.default
    if f.default_factory is not dataclasses.MISSING:
        return value == f.default_factory()
    return False


def change_to_dict(change: Change) -> dict[str, Any]:
    """The change as it is written in a file: its action and every field not left as it
    would be by default (so an added handoff's probability of 1 is not written)."""
    out: dict[str, Any] = {"action": change.action}
    for f in dataclasses.fields(change):
        value = getattr(change, f.name)
        if value is None or _is_default(f, value):
            continue
        out[f.name] = _write_value(value)
    return out


@functools.cache
def _field_types(cls: type[Change]) -> dict[str, Any]:
    """Each field's type, with ``X | None`` read as X (null means "left out")."""
    out = {}
    for name, hint in typing.get_type_hints(cls).items():
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        out[name] = args[0] if type(None) in typing.get_args(hint) and len(args) == 1 else hint
    return out


def _read_value(kind: Any, name: str, value: Any, element: str) -> Any:
    inner = f"{element}, {name}"
    if kind is Distribution:
        return distribution_from_dict(value, inner)
    if kind in (Node, Step):
        node = node_from_dict(value, inner)
        if kind is Step and not isinstance(node, Step):
            raise FormatProblem(element, f"'{name}' should describe a step (\"type\": \"step\").")
        return node
    readers = {Team: team_from_dict, Segment: segment_from_dict, ChaseRule: _chase_from_dict,
               Arrivals: arrivals_from_dict}
    if kind in readers:
        return readers[kind](value, inner)
    if typing.get_origin(kind) is tuple:  # the shifts of set_hours
        items = expect(value, list, element, name)
        return tuple(shift_from_dict(s, f"{element}, shift {i}")
                     for i, s in enumerate(items, start=1))
    if typing.get_origin(kind) is dict:
        expect(value, dict, element, name)
        return {k: expect(v, NUMBER, element, name) for k, v in value.items()}
    if kind is bool:
        return expect(value, bool, element, name)
    if kind in (int, float):
        return expect(value, NUMBER, element, name)
    return expect(value, str, element, name)


def _change_value(cls: type[Change], name: str, value: Any, element: str) -> Any:
    try:
        return _read_value(_field_types(cls)[name], name, value, element)
    except FormatProblem as problem:
        # A team or a part names itself ("team 'Pharmacy'"); say which change it is in.
        if problem.element.startswith(element):
            raise
        raise FormatProblem(f"{element}, {problem.element}", problem.problem) from None


def change_from_dict(data: Any, number: int, within: str = "") -> Change:
    """Change ``number`` of a list; ``within`` names the scenario it is in, for messages."""
    prefix = f"{within}, " if within else ""
    element = f"{prefix}change {number}"
    expect(data, dict, element)
    action = take(data, "action", str, element)
    cls = CHANGES.get(action)
    if cls is None:
        raise FormatProblem(element, f"'{action}' is not a change OutsideIn knows; use one of "
                            f"{', '.join(CHANGES)}.")
    element = f"{prefix}change {number} ({action})"
    names = {f.name for f in dataclasses.fields(cls)}
    required = {f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    only(data, names | {"action"}, element)
    missing = sorted(required - {k for k, v in data.items() if v is not None})
    if missing:
        raise FormatProblem(element, f"'{missing[0]}' is missing.")
    values = {k: _change_value(cls, k, v, element) for k, v in data.items()
              if k != "action" and v is not None}
    with at(element):
        return cls(**values)


def _changes_from_list(data: dict, element: str, within: str = "") -> tuple[Change, ...]:
    changes = take(data, "changes", list, element, [])
    return tuple(change_from_dict(c, i, within) for i, c in enumerate(changes, start=1))


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "name": scenario.name,
            "description": scenario.description, "base": scenario.base,
            "changes": [change_to_dict(c) for c in scenario.changes]}


def scenario_from_dict(data: Any) -> Scenario:
    element = "the scenario"
    expect(data, dict, element)
    if "nodes" in data and "changes" not in data:
        raise FormatProblem("the file", "this is a map file, not a scenario: open it as a "
                            "map, or choose a scenario file (one with a list of changes).")
    only(data, {"$schema", "format_version", "name", "description", "base", "changes"},
         element)
    with at(element):
        return Scenario(name=take(data, "name", str, element),
                        description=take(data, "description", str, element, ""),
                        base=take(data, "base", str, element, ""),
                        changes=_changes_from_list(data, element))


# -- scenarios kept in a map file -----------------------------------------------------------


def check_scenario_names(names: Sequence[str]) -> None:
    """Each scenario kept in a map needs a name of its own (the app lists them by name)."""
    seen: set[str] = set()
    for number, name in enumerate(names, start=1):
        if not name.strip():
            raise FormatProblem(f"scenario {number}", "Every scenario needs a name.")
        if name in seen:
            raise FormatProblem(f"scenario {number}", f"There is already a scenario called "
                                f"'{name}' in this map; give each scenario its own name.")
        seen.add(name)


def map_scenarios_to_list(scenarios: Sequence[Scenario]) -> list[dict[str, Any]]:
    """The ``"scenarios"`` of a map file. They have no ``base``: it is the map they are in."""
    check_scenario_names([s.name for s in scenarios])
    return [{"name": s.name, "description": s.description,
             "changes": [change_to_dict(c) for c in s.changes]} for s in scenarios]


def map_scenarios_from_dict(data: Any) -> list[Scenario]:
    """The scenarios under a map file's ``"scenarios"`` key (none if it has none)."""
    items = take(data, "scenarios", list, "the map", [])
    scenarios = []
    for number, item in enumerate(items, start=1):
        element = f"scenario {number}"
        expect(item, dict, element)
        name = take(item, "name", str, element)
        element = f"scenario '{name}'" if name.strip() else element
        only(item, {"name", "description", "changes"}, element)
        scenarios.append(Scenario(name=name,
                                  description=take(item, "description", str, element, ""),
                                  changes=_changes_from_list(item, element, within=element)))
    check_scenario_names([s.name for s in scenarios])
    return scenarios
