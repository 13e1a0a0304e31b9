"""Scenario changes to the teams and the segments (kinds of customer) of a map.

A team's hours and staff change through ``set_hours`` and ``set_staff``
(:mod:`.scenario`); these cover the rest: adding, removing, renaming, and a team's colour
and notes, a segment's share, priority, patience, chase rule and notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .change import Change, Update, field_change_words
from .distributions import Distribution
from .parts import ChaseRule, Segment, Team, _check_name
from .service_map import ServiceMap


@dataclass(frozen=True, kw_only=True)
class AddTeam(Change):
    """A new team, with its hours."""

    action: ClassVar[str] = "add_team"
    team: Team

    def apply(self, service_map: ServiceMap) -> None:
        service_map.add_team(self.team)

    def describe(self, service_map: ServiceMap) -> str:
        staff = f"{self.team.staff} staff" if self.team.shifts else "no hours yet"
        return f"Team {self.team.name} added ({staff})"


@dataclass(frozen=True, kw_only=True)
class RemoveTeam(Change):
    """A team taken off the map (steps still naming it are for validation to report)."""

    action: ClassVar[str] = "remove_team"
    team: str

    def apply(self, service_map: ServiceMap) -> None:
        service_map.remove_team(self.team)

    def describe(self, service_map: ServiceMap) -> str:
        return f"Team {self.team} removed"


@dataclass(frozen=True, kw_only=True)
class RenameTeam(Change):
    """A team gets a new name; its steps and the chase rules it answers follow it."""

    action: ClassVar[str] = "rename_team"
    team: str
    name: str

    def __post_init__(self) -> None:
        _check_name(self.name, "team")

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_team(self.team, name=self.name)

    def describe(self, service_map: ServiceMap) -> str:
        return f"Team {self.team} renamed {self.name}"


@dataclass(frozen=True, kw_only=True)
class UpdateTeam(Update):
    """A team's colour or notes (its hours: ``set_hours`` and ``set_staff``)."""

    action: ClassVar[str] = "update_team"
    subject: ClassVar[str] = "team"
    team: str
    colour: str | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.colour is not None:
            Team(name=self.team, colour=self.colour)  # checks the colour

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_team(self.team, **self.patch())

    def describe(self, service_map: ServiceMap) -> str:
        old = service_map.team(self.team) if service_map.has_team(self.team) else None
        return f"{self.team}: {field_change_words(old, self.patch())}"


@dataclass(frozen=True, kw_only=True)
class AddSegment(Change):
    """A new kind of customer."""

    action: ClassVar[str] = "add_segment"
    segment: Segment

    def apply(self, service_map: ServiceMap) -> None:
        service_map.add_segment(self.segment)

    def describe(self, service_map: ServiceMap) -> str:
        return (f"Segment {self.segment.name} added (share {self.segment.share:g}, "
                f"priority {self.segment.priority})")


@dataclass(frozen=True, kw_only=True)
class RemoveSegment(Change):
    """A kind of customer taken off the map."""

    action: ClassVar[str] = "remove_segment"
    segment: str

    def apply(self, service_map: ServiceMap) -> None:
        service_map.remove_segment(self.segment)

    def describe(self, service_map: ServiceMap) -> str:
        return f"Segment {self.segment} removed"


@dataclass(frozen=True, kw_only=True)
class RenameSegment(Change):
    """A segment gets a new name; entries' mixes and handoffs' routing by segment follow."""

    action: ClassVar[str] = "rename_segment"
    segment: str
    name: str

    def __post_init__(self) -> None:
        _check_name(self.name, "segment")

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_segment(self.segment, name=self.name)

    def describe(self, service_map: ServiceMap) -> str:
        return f"Segment {self.segment} renamed {self.name}"


@dataclass(frozen=True, kw_only=True)
class UpdateSegment(Update):
    """A segment's share, priority, patience, chase rule or notes."""

    action: ClassVar[str] = "update_segment"
    subject: ClassVar[str] = "segment"
    segment: str
    share: float | None = None
    priority: int | None = None
    patience: Distribution | None = None
    no_patience: bool = False
    chase: ChaseRule | None = None
    no_chase: bool = False
    notes: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        Segment(name=self.segment, share=1 if self.share is None else self.share,
                priority=1 if self.priority is None else self.priority)  # checks the numbers

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_segment(self.segment, **self.patch())

    def describe(self, service_map: ServiceMap) -> str:
        old = service_map.segment(self.segment) if service_map.has_segment(self.segment) \
            else None
        return f"{self.segment}: {field_change_words(old, self.patch())}"


TEAM_SEGMENT_CHANGES: tuple[type[Change], ...] = (
    AddTeam, RemoveTeam, RenameTeam, UpdateTeam,
    AddSegment, RemoveSegment, RenameSegment, UpdateSegment)
