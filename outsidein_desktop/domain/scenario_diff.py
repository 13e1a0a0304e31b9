"""The changes between two maps: how an edit on the canvas becomes a scenario's changes.

:func:`changes_between` compares a base map with an edited copy and returns the changes
that turn one into the other, in the most specific words the scenario kinds have
("Triage: staff 2 → 3" rather than "team Nurses updated").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from .calendar import Shift
from .change import Change, patch_fields
from .parts import Delay, Entry, Step
from .scenario import (
    AddHandoff,
    AddPart,
    AddSegment,
    AddTeam,
    RemoveHandoff,
    RemovePart,
    RemoveSegment,
    RemoveTeam,
    RenamePart,
    RenameSegment,
    RenameTeam,
    SetArrivals,
    SetDuration,
    SetHandoff,
    SetHours,
    SetRouting,
    SetStaff,
    UpdateHandoff,
    UpdatePart,
    UpdateSegment,
    UpdateTeam,
)
from .service_map import ServiceMap

# The part fields UpdatePart carries (a part's time and its number of arrivals have
# their own, more specific changes).
_PART_FIELDS = ("team", "staff_needed", "customer_present", "repeat_story_time", "patience",
                "segment_mix", "outcome", "gave_up", "notes")


def changes_between(base: ServiceMap, edited: ServiceMap) -> tuple[Change, ...]:
    """The changes that turn ``base`` into ``edited``, in an order that applies cleanly.

    ``Scenario(name=..., changes=changes_between(base, edited)).apply(base) == edited``
    holds except for what a scenario does not record, because it is not a redesign:

    - where an existing part is drawn (moving a part on the canvas records nothing; a new
      part keeps the position it was added at);
    - the map's title, notes, sources and run settings.

    Renames are recognised where a removed and an added name pair up unambiguously (a
    part of the same kind drawn at the same place or otherwise identical; a team or a
    segment otherwise identical, or a team that took over all the steps of another);
    anything else reads as one removed and one added, which gives the same map.
    ``changes_between(m, m.copy()) == ()``.
    """
    work = _Work(base.copy())
    for old, new in _renamed_teams(base, edited):
        work.do(RenameTeam(team=old, name=new))
    for old, new in _renamed(base.segments(), edited.segments(), _same_but_name):
        work.do(RenameSegment(segment=old, name=new))
    for old, new in _renamed(base.nodes(), edited.nodes(), _same_part_renamed):
        work.do(RenamePart(part=old, name=new))
    _teams_and_segments(work, edited)
    _parts(work, edited)
    _handoffs(work, edited)
    for segment in work.map.segments():
        if not edited.has_segment(segment.name):
            work.do(RemoveSegment(segment=segment.name))
    for team in work.map.teams():
        if not edited.has_team(team.name):
            work.do(RemoveTeam(team=team.name))
    return tuple(work.changes)


class _Work:
    """The changes so far and the map they make: each change is made as it is found, so
    every later comparison is against the map as the scenario will have it then."""

    def __init__(self, service_map: ServiceMap) -> None:
        self.map = service_map
        self.changes: list[Change] = []

    def do(self, change: Change) -> None:
        change.apply(self.map)
        self.changes.append(change)


# -- renames ------------------------------------------------------------------------------


def _renamed(old: Iterable[Any], new: Iterable[Any],
             same: Callable[[Any, Any], bool]) -> list[tuple[str, str]]:
    """(old name, new name) for the things gone from ``old`` and new in ``new`` that pair
    up one to one by ``same``."""
    old_names = {x.name for x in old}
    new_names = {x.name for x in new}
    gone = [x for x in old if x.name not in new_names]
    came = [x for x in new if x.name not in old_names]
    matches = {g.name: [c.name for c in came if same(g, c)] for g in gone}
    taken = [n for names in matches.values() for n in names]
    return [(g, names[0]) for g, names in matches.items()
            if len(names) == 1 and taken.count(names[0]) == 1]


def _same_but_name(old: Any, new: Any) -> bool:
    return dataclasses.replace(old, name=new.name) == new


def _same_part_renamed(old: Any, new: Any) -> bool:
    if type(old) is not type(new):
        return False
    return old.position == new.position or \
        dataclasses.replace(old, name=new.name, position=new.position) == new


def _renamed_teams(base: ServiceMap, edited: ServiceMap) -> list[tuple[str, str]]:
    def took_over(old: Any, new: Any) -> bool:
        kept = [s.name for s in base.steps_of(old.name) if edited.has(s.name)]
        return bool(kept) and all(getattr(edited.node(s), "team", None) == new.name
                                  for s in kept)

    return _renamed(base.teams(), edited.teams(),
                    lambda old, new: _same_but_name(old, new) or took_over(old, new))


# -- teams and segments -------------------------------------------------------------------


def _teams_and_segments(work: _Work, edited: ServiceMap) -> None:
    for team in edited.teams():
        if not work.map.has_team(team.name):
            work.do(AddTeam(team=team))
    for segment in edited.segments():
        if not work.map.has_segment(segment.name):
            work.do(AddSegment(segment=segment))
    for team in edited.teams():
        old = work.map.team(team.name)
        if old.shifts != team.shifts:
            staff = _only_staff_changed(old.shifts, team.shifts)
            work.do(SetHours(team=team.name, shifts=team.shifts) if staff is None
                    else SetStaff(team=team.name, staff=staff))
        patch = patch_fields(old, team, ("colour", "notes"))
        if patch:
            work.do(UpdateTeam(team=team.name, **patch))
    for segment in edited.segments():
        patch = patch_fields(work.map.segment(segment.name), segment,
                             ("share", "priority", "patience", "chase", "notes"))
        if patch:
            work.do(UpdateSegment(segment=segment.name, **patch))


def _only_staff_changed(old: tuple[Shift, ...], new: tuple[Shift, ...]) -> int | None:
    """The one staff number every shift now has, if that is all that changed."""
    staff = {s.staff for s in new}
    if not old or len(old) != len(new) or len(staff) != 1:
        return None
    (number,) = staff
    same = all(dataclasses.replace(a, staff=number) == b for a, b in zip(old, new, strict=True))
    return number if same else None


# -- parts --------------------------------------------------------------------------------


def _parts(work: _Work, edited: ServiceMap) -> None:
    for node in work.map.nodes():
        if not edited.has(node.name) or type(edited.node(node.name)) is not type(node):
            work.do(RemovePart(part=node.name))
    for node in edited.nodes():
        if not work.map.has(node.name):
            work.do(AddPart(part=node))
    for node in edited.nodes():
        old = work.map.node(node.name)
        patch = patch_fields(old, node, tuple(f for f in _PART_FIELDS if hasattr(old, f)))
        if isinstance(old, Step | Delay) and old.duration != node.duration:
            work.do(SetDuration(part=node.name, duration=node.duration))
        if isinstance(old, Entry) and isinstance(node, Entry) and old.arrivals != node.arrivals:
            if dataclasses.replace(old.arrivals, per_day=node.arrivals.per_day) == node.arrivals:
                work.do(SetArrivals(entry=node.name, per_day=node.arrivals.per_day))
            else:
                patch["arrivals"] = node.arrivals
        if patch:
            work.do(UpdatePart(part=node.name, **patch))


# -- handoffs -----------------------------------------------------------------------------


def _handoffs(work: _Work, edited: ServiceMap) -> None:
    for source, target, _ in work.map.handoffs():
        if not edited.has_handoff(source, target):
            work.do(RemoveHandoff(source=source, target=target))
    for source, target, handoff in edited.handoffs():
        if not work.map.has_handoff(source, target):
            work.do(AddHandoff(source=source, target=target, probability=handoff.probability,
                               by_segment=dict(handoff.by_segment), delay=handoff.delay,
                               info_travels=handoff.info_travels, notes=handoff.notes))
    routing: dict[str, dict[str, float]] = {}
    for source, target, handoff in edited.handoffs():
        if work.map.handoff(source, target).probability != handoff.probability:
            routing.setdefault(source, {})[target] = handoff.probability
    for source, probabilities in routing.items():
        work.do(SetRouting(part=source, probabilities=probabilities))
    for source, target, handoff in edited.handoffs():
        old = work.map.handoff(source, target)
        changed: dict[str, Any] = {}
        if old.delay != handoff.delay:
            changed.update(delay=handoff.delay, no_delay=handoff.delay is None)
        if old.info_travels != handoff.info_travels:
            changed["info_travels"] = handoff.info_travels
        if changed:
            work.do(SetHandoff(source=source, target=target, **changed))
        patch = patch_fields(old, handoff, ("by_segment", "notes"))
        if patch:
            work.do(UpdateHandoff(source=source, target=target, **patch))
