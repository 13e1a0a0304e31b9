"""Scenarios: a redesign written as a readable list of changes to a base map.

A scenario never edits its base map: :meth:`Scenario.apply` returns a changed copy. A
change that no longer fits the map (it names a step that was renamed) raises
:class:`ScenarioError` saying which change, what it names and what is missing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import InvalidParameter, ModelError, ScenarioError
from .calendar import MOST_STAFF, Arrivals, Shift, roster_of
from .change import Change
from .distributions import Distribution
from .part_changes import (
    PART_CHANGES,
    AddHandoff,
    AddPart,
    RemoveHandoff,
    RemovePart,
    RenamePart,
    UpdateHandoff,
    UpdatePart,
)
from .parts import Delay, Handoff, Step, Team
from .service_map import ServiceMap
from .team_segment_changes import (
    TEAM_SEGMENT_CHANGES,
    AddSegment,
    AddTeam,
    RemoveSegment,
    RemoveTeam,
    RenameSegment,
    RenameTeam,
    UpdateSegment,
    UpdateTeam,
)
from .units import check_number, check_whole


def _shifts_text(shifts: tuple[Shift, ...]) -> str:
    return "; ".join(s.describe() for s in shifts) or "no hours"


@dataclass(frozen=True, kw_only=True)
class SetStaff(Change):
    """Every shift of ``team`` gets ``staff`` people (a team with a roster keeps its hours)."""

    action: ClassVar[str] = "set_staff"
    team: str
    staff: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff", check_whole(self.staff, "the staff", minimum=1,
                                                      maximum=MOST_STAFF))

    def _shifts(self, team: Team) -> tuple[Shift, ...]:
        return tuple(dataclasses.replace(s, staff=self.staff) for s in team.shifts)

    def apply(self, service_map: ServiceMap) -> None:
        team = service_map.team(self.team)
        if not team.shifts:
            raise ModelError(f"Team '{self.team}' has no working hours to staff; "
                             "give it hours (set_hours) first.")
        service_map.update_team(self.team, shifts=self._shifts(team))

    def describe(self, service_map: ServiceMap) -> str:
        if not service_map.has_team(self.team):
            return f"{self.team}: staff ? → {self.staff}"
        team = service_map.team(self.team)
        # "Staff" is the most on duty at once, which overlapping shifts add up to.
        after = roster_of(self._shifts(team)).max() if team.shifts else self.staff
        return f"{self.team}: staff {team.staff} → {after}"


@dataclass(frozen=True, kw_only=True)
class SetHours(Change):
    """``team`` works these shifts instead (a new calendar or roster)."""

    action: ClassVar[str] = "set_hours"
    team: str
    shifts: tuple[Shift, ...]

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_team(self.team, shifts=tuple(self.shifts))

    def describe(self, service_map: ServiceMap) -> str:
        before = (_shifts_text(service_map.team(self.team).shifts)
                  if service_map.has_team(self.team) else "?")
        return f"{self.team}: hours {before} → {_shifts_text(tuple(self.shifts))}"


@dataclass(frozen=True, kw_only=True)
class SetDuration(Change):
    """A step or a delay takes a different time."""

    action: ClassVar[str] = "set_duration"
    part: str
    duration: Distribution

    def apply(self, service_map: ServiceMap) -> None:
        node = service_map.node(self.part)
        if not isinstance(node, Step | Delay):
            raise ModelError(f"'{self.part}' is a {node.kind}; only steps and delays take time.")
        service_map.update(self.part, duration=self.duration)

    def describe(self, service_map: ServiceMap) -> str:
        before = getattr(service_map.node(self.part), "duration", None) \
            if service_map.has(self.part) else None
        was = before.describe() if before else "?"
        return f"{self.part}: time {was} → {self.duration.describe()}"


@dataclass(frozen=True, kw_only=True)
class SetRouting(Change):
    """New probabilities for the ways out of ``part`` (ways not named keep theirs)."""

    action: ClassVar[str] = "set_routing"
    part: str
    probabilities: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for target, p in self.probabilities.items():
            check_number(p, f"the probability of going to '{target}'", minimum=0, maximum=1)

    def apply(self, service_map: ServiceMap) -> None:
        service_map.node(self.part)
        for target, p in self.probabilities.items():
            service_map.update_handoff(self.part, target, probability=p)

    def describe(self, service_map: ServiceMap) -> str:
        parts = []
        for target, p in self.probabilities.items():
            before = (f"{service_map.handoff(self.part, target).probability:.0%}"
                      if service_map.has_handoff(self.part, target) else "?")
            parts.append(f"to '{target}' {before} → {p:.0%}")
        return f"{self.part}: " + ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class SetHandoff(Change):
    """A handoff changes: its delay (letters replaced by texts) or whether information
    travels with the customer. ``None`` fields are left as they are."""

    action: ClassVar[str] = "set_handoff"
    source: str
    target: str
    delay: Distribution | None = None
    no_delay: bool = False
    info_travels: float | None = None

    def __post_init__(self) -> None:
        if self.info_travels is not None:
            check_number(self.info_travels, "the chance that information travels",
                         minimum=0, maximum=1)

    def apply(self, service_map: ServiceMap) -> None:
        changes: dict[str, object] = {}
        if self.no_delay:
            changes["delay"] = None
        elif self.delay is not None:
            changes["delay"] = self.delay
        if self.info_travels is not None:
            changes["info_travels"] = self.info_travels
        service_map.update_handoff(self.source, self.target, **changes)

    def describe(self, service_map: ServiceMap) -> str:
        old = (service_map.handoff(self.source, self.target)
               if service_map.has_handoff(self.source, self.target) else None)
        words = []
        if self.no_delay or self.delay is not None:
            was = old.delay.describe() if old and old.delay else "no delay"
            now = self.delay.describe() if self.delay and not self.no_delay else "no delay"
            words.append(f"delay {was} → {now}")
        if self.info_travels is not None:
            was = f"{old.info_travels:.0%}" if old else "?"
            words.append(f"information travels {was} → {self.info_travels:.0%}")
        return f"{self.source} → {self.target}: " + "; ".join(words)


@dataclass(frozen=True, kw_only=True)
class RemoveStep(Change):
    """Take a part out of the journey; whoever came to it goes straight on to what
    followed it, with the probabilities multiplied through."""

    action: ClassVar[str] = "remove_step"
    part: str

    def apply(self, service_map: ServiceMap) -> None:
        ways_in = [(s, h) for s, h in service_map.ways_in(self.part) if s != self.part]
        ways_out = [(t, h) for t, h in service_map.ways_out(self.part) if t != self.part]
        if not ways_out:
            raise ModelError(f"'{self.part}' has no way out to reconnect its customers to.")
        loop = (service_map.handoff(self.part, self.part)
                if service_map.has_handoff(self.part, self.part) else Handoff(probability=0))
        named = {s for _, h in [*ways_in, *ways_out, (None, loop)] for s in h.by_segment}

        def through(into: Handoff, out: Handoff, segment: str) -> float:
            # A loop on the part itself only delays leaving it: divide it out.
            stay = loop.probability_for(segment)
            if stay >= 1:
                raise ModelError(f"Customers never leave '{self.part}', so there is nowhere "
                                 "to send them instead.")
            return into.probability_for(segment) * out.probability_for(segment) / (1 - stay)

        service_map.remove(self.part)
        for source, into in ways_in:
            for target, out in ways_out:
                p = through(into, out, "")  # no segment is called "": the plain probability
                if service_map.has_handoff(source, target):
                    old = service_map.handoff(source, target)
                    by = {s: old.probability_for(s) + through(into, out, s)
                          for s in named | set(old.by_segment)}
                    service_map.update_handoff(source, target, probability=old.probability + p,
                                               by_segment=by)
                else:
                    service_map.connect(source, target, dataclasses.replace(
                        into, probability=p, by_segment={s: through(into, out, s)
                                                         for s in named}))

    def describe(self, service_map: ServiceMap) -> str:
        return f"{self.part} removed"


@dataclass(frozen=True, kw_only=True)
class AddStep(Change):
    """Put a new step on the handoff from ``after`` to ``before``."""

    action: ClassVar[str] = "add_step"
    step: Step
    after: str
    before: str

    def apply(self, service_map: ServiceMap) -> None:
        old = service_map.disconnect(self.after, self.before)
        service_map.add(self.step)
        service_map.connect(self.after, self.step.name, old)
        service_map.connect(self.step.name, self.before, Handoff())

    def describe(self, service_map: ServiceMap) -> str:
        return (f"{self.step.name} added between {self.after} and {self.before} "
                f"({self.step.team}, {self.step.duration.describe()})")


@dataclass(frozen=True, kw_only=True)
class MergeTeams(Change):
    """``team`` joins ``into``: its steps and its staff move across."""

    action: ClassVar[str] = "merge_teams"
    team: str
    into: str

    def apply(self, service_map: ServiceMap) -> None:
        if self.team == self.into:
            raise ModelError(f"Team '{self.team}' cannot be merged into itself.")
        moving = service_map.team(self.team)
        target = service_map.team(self.into)
        for step in service_map.steps_of(self.team):
            service_map.update(step.name, team=self.into)
        for segment in service_map.segments():
            if segment.chase and segment.chase.team == self.team:
                chase = dataclasses.replace(segment.chase, team=self.into)
                service_map.update_segment(segment.name, chase=chase)
        service_map.update_team(self.into, shifts=target.shifts + moving.shifts)
        service_map.remove_team(self.team)

    def describe(self, service_map: ServiceMap) -> str:
        return f"{self.team} merged into {self.into}"


@dataclass(frozen=True, kw_only=True)
class SetArrivals(Change):
    """More or fewer customers come in at an entry (same weekly pattern)."""

    action: ClassVar[str] = "set_arrivals"
    entry: str
    per_day: float

    def __post_init__(self) -> None:
        Arrivals(per_day=self.per_day)  # checks the number

    def apply(self, service_map: ServiceMap) -> None:
        entry = service_map.node(self.entry)
        arrivals = getattr(entry, "arrivals", None)
        if arrivals is None:
            raise ModelError(f"'{self.entry}' is a {entry.kind}, not an entry.")
        service_map.update(self.entry, arrivals=dataclasses.replace(arrivals,
                                                                    per_day=self.per_day))

    def describe(self, service_map: ServiceMap) -> str:
        before = "?"
        if service_map.has(self.entry) and hasattr(service_map.node(self.entry), "arrivals"):
            before = f"{service_map.node(self.entry).arrivals.per_day:g}"
        return f"{self.entry}: arrivals {before} → {self.per_day:g} a day"


CHANGES: dict[str, type[Change]] = {
    cls.action: cls for cls in (SetStaff, SetHours, SetDuration, SetRouting, SetHandoff,
                                RemoveStep, AddStep, MergeTeams, SetArrivals,
                                *PART_CHANGES, *TEAM_SEGMENT_CHANGES)
}


@dataclass(frozen=True, kw_only=True)
class Scenario:
    """A named redesign of a base map."""

    name: str
    description: str = ""
    base: str = ""
    changes: tuple[Change, ...] = ()

    def apply(self, service_map: ServiceMap) -> ServiceMap:
        """A new map with every change made; the base map is left as it was."""
        changed = service_map.copy()
        for number, change in enumerate(self.changes, start=1):
            try:
                said = change.describe(changed)
            except (ModelError, InvalidParameter, KeyError):
                said = change.action
            try:
                change.apply(changed)
            except (ModelError, InvalidParameter) as error:
                raise ScenarioError(
                    f"Scenario '{self.name}', change {number} ({said}): {error} "
                    "The map may have changed since the scenario was written.") from error
        return changed

    def describe(self, service_map: ServiceMap) -> list[str]:
        """Each change in plain words, as made one after another on ``service_map``."""
        lines = []
        current = service_map.copy()
        for change in self.changes:
            lines.append(change.describe(current))
            try:
                change.apply(current)
            except (ModelError, InvalidParameter):
                break
        return lines


# The kinds defined beside this module are importable from here with the rest.
__all__ = [
    "Change", "Scenario", "CHANGES", "SetStaff", "SetHours", "SetDuration", "SetRouting",
    "SetHandoff", "RemoveStep", "AddStep", "MergeTeams", "SetArrivals",
    "AddPart", "RemovePart", "RenamePart", "UpdatePart", "AddHandoff", "RemoveHandoff",
    "UpdateHandoff", "AddTeam", "RemoveTeam", "RenameTeam", "UpdateTeam",
    "AddSegment", "RemoveSegment", "RenameSegment", "UpdateSegment",
]
