"""Scenario files (``scenarios/*.json``): a base map reference and a list of changes."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..domain.distributions import Distribution
from ..domain.parts import Step
from ..domain.scenario import CHANGES, Change, Scenario
from .codec import (
    FORMAT_VERSION,
    distribution_from_dict,
    distribution_to_dict,
    node_from_dict,
    node_to_dict,
    shift_from_dict,
    shift_to_dict,
)
from .reader import NUMBER, FormatProblem, at, expect, only, take

# How each kind of change field is written in a file.
_DISTRIBUTION_FIELDS = {"duration", "delay"}


def change_to_dict(change: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"action": change.action}
    for f in dataclasses.fields(change):
        value = getattr(change, f.name)
        if value is None or (f.name == "no_delay" and not value):
            continue
        if isinstance(value, Distribution):
            value = distribution_to_dict(value)
        elif isinstance(value, Step):
            value = node_to_dict(value)
        elif f.name == "shifts":
            value = [shift_to_dict(s) for s in value]
        elif isinstance(value, dict):
            value = dict(value)
        out[f.name] = value
    return out


def _change_value(name: str, value: Any, element: str) -> Any:
    if name in _DISTRIBUTION_FIELDS:
        return distribution_from_dict(value, f"{element}, {name}")
    if name == "step":
        node = node_from_dict(value, f"{element}, step")
        if not isinstance(node, Step):
            raise FormatProblem(element, "'step' should describe a step (\"type\": \"step\").")
        return node
    if name == "shifts":
        items = expect(value, list, element, name)
        return tuple(shift_from_dict(s, f"{element}, shift {i}")
                     for i, s in enumerate(items, start=1))
    if name == "probabilities":
        expect(value, dict, element, name)
        return {k: expect(v, NUMBER, element, name) for k, v in value.items()}
    if name == "no_delay":
        return expect(value, bool, element, name)
    if name in {"staff", "per_day", "info_travels"}:
        return expect(value, NUMBER, element, name)
    return expect(value, str, element, name)


def change_from_dict(data: Any, number: int) -> Change:
    element = f"change {number}"
    expect(data, dict, element)
    action = take(data, "action", str, element)
    cls = CHANGES.get(action)
    if cls is None:
        raise FormatProblem(element, f"'{action}' is not a change OutsideIn knows; use one of "
                            f"{', '.join(CHANGES)}.")
    element = f"change {number} ({action})"
    names = {f.name for f in dataclasses.fields(cls)}
    required = {f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    only(data, names | {"action"}, element)
    missing = sorted(required - {k for k, v in data.items() if v is not None})
    if missing:
        raise FormatProblem(element, f"'{missing[0]}' is missing.")
    values = {k: _change_value(k, v, element) for k, v in data.items()
              if k != "action" and v is not None}
    with at(element):
        return cls(**values)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "name": scenario.name,
            "description": scenario.description, "base": scenario.base,
            "changes": [change_to_dict(c) for c in scenario.changes]}


def scenario_from_dict(data: Any) -> Scenario:
    element = "the scenario"
    expect(data, dict, element)
    only(data, {"$schema", "format_version", "name", "description", "base", "changes"},
         element)
    changes = take(data, "changes", list, element, [])
    with at(element):
        return Scenario(name=take(data, "name", str, element),
                        description=take(data, "description", str, element, ""),
                        base=take(data, "base", str, element, ""),
                        changes=tuple(change_from_dict(c, i)
                                      for i, c in enumerate(changes, start=1)))
