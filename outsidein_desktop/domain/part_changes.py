"""Scenario changes to the parts of a map and the handoffs between them.

These are the plain edits a person makes on the canvas (add a part, remove one, rename it,
change its team, draw or delete an arrow). :class:`RemovePart` differs from
:class:`~.scenario.RemoveStep`: it takes the part and its handoffs away and reconnects
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import ModelError
from .calendar import Arrivals
from .change import Change, Update, field_change_words, words
from .distributions import Distribution
from .parts import Decision, Delay, Entry, Exit, Handoff, Node, Step, _check_name
from .service_map import ServiceMap
from .units import check_whole, format_minutes


def part_words(part: Node) -> str:
    """What a new part is, in brackets after its name: "(Admin, 2 min)"."""
    if isinstance(part, Step):
        return f"({part.team}, {format_minutes(part.duration.mean)})"
    if isinstance(part, Delay):
        return f"(a wait of {format_minutes(part.duration.mean)})"
    if isinstance(part, Entry):
        return f"(an entry, {part.arrivals.per_day:g} a day)"
    if isinstance(part, Decision):
        return "(a decision)"
    if isinstance(part, Exit):
        return "(an exit)"
    return f"({part.kind})"


@dataclass(frozen=True, kw_only=True)
class AddPart(Change):
    """A new part of any kind, where it is drawn included; handoffs to it come separately."""

    action: ClassVar[str] = "add_part"
    part: Node

    def apply(self, service_map: ServiceMap) -> None:
        service_map.add(self.part)

    def describe(self, service_map: ServiceMap) -> str:
        return f"{self.part.name} added {part_words(self.part)}"


@dataclass(frozen=True, kw_only=True)
class RemovePart(Change):
    """A part taken off the map with every handoff into or out of it; nothing is
    reconnected (that is :class:`~.scenario.RemoveStep`)."""

    action: ClassVar[str] = "remove_part"
    part: str

    def apply(self, service_map: ServiceMap) -> None:
        service_map.remove(self.part)

    def describe(self, service_map: ServiceMap) -> str:
        return f"{self.part} removed"


@dataclass(frozen=True, kw_only=True)
class RenamePart(Change):
    """A part gets a new name; its handoffs follow it."""

    action: ClassVar[str] = "rename_part"
    part: str
    name: str

    def __post_init__(self) -> None:
        _check_name(self.name, "part")

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update(self.part, name=self.name)

    def describe(self, service_map: ServiceMap) -> str:
        return f"{self.part} renamed {self.name}"


@dataclass(frozen=True, kw_only=True)
class UpdatePart(Update):
    """Any other change to a part: a step's team, staff needed, presence of the customer,
    time to repeat the story or patience; an entry's arrivals pattern or segment mix; an
    exit's outcome and whether it means giving up; any part's notes. (Times of steps and
    delays: ``set_duration``; only the number of arrivals: ``set_arrivals``.)"""

    action: ClassVar[str] = "update_part"
    subject: ClassVar[str] = "part"
    part: str
    team: str | None = None
    staff_needed: int | None = None
    customer_present: bool | None = None
    repeat_story_time: Distribution | None = None
    no_repeat_story_time: bool = False
    patience: Distribution | None = None
    no_patience: bool = False
    arrivals: Arrivals | None = None
    segment_mix: dict[str, float] | None = None
    outcome: str | None = None
    gave_up: bool | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.staff_needed is not None:
            object.__setattr__(self, "staff_needed", check_whole(
                self.staff_needed, f"the staff needed for '{self.part}'", minimum=1))

    def apply(self, service_map: ServiceMap) -> None:
        node = service_map.node(self.part)
        patch = self.patch()
        for name in patch:
            if not hasattr(node, name):
                what = name.replace("_", " ")
                article = "an" if node.kind[0] in "aeiou" else "a"
                raise ModelError(f"'{self.part}' is {article} {node.kind}, which has no {what}.")
        service_map.update(self.part, **patch)

    def describe(self, service_map: ServiceMap) -> str:
        old = service_map.node(self.part) if service_map.has(self.part) else None
        return f"{self.part}: {field_change_words(old, self.patch())}"


@dataclass(frozen=True, kw_only=True)
class AddHandoff(Change):
    """A new handoff (an arrow) from ``source`` to ``target``; both parts must exist."""

    action: ClassVar[str] = "add_handoff"
    source: str
    target: str
    probability: float = 1.0
    by_segment: dict[str, float] = field(default_factory=dict)
    delay: Distribution | None = None
    info_travels: float = 1.0
    notes: str = ""

    def __post_init__(self) -> None:
        self.handoff()  # checks the probabilities

    def handoff(self) -> Handoff:
        return Handoff(probability=self.probability, by_segment=dict(self.by_segment),
                       delay=self.delay, info_travels=self.info_travels, notes=self.notes)

    def apply(self, service_map: ServiceMap) -> None:
        service_map.connect(self.source, self.target, self.handoff())

    def describe(self, service_map: ServiceMap) -> str:
        details = [f"{self.probability:.0%}"] if self.probability != 1 else []
        if self.by_segment:
            details.append(words(self.by_segment, percent=True))
        if self.delay is not None:
            details.append(f"delay {format_minutes(self.delay.mean)}")
        if self.info_travels != 1:
            details.append(f"information travels {self.info_travels:.0%}")
        said = f" ({'; '.join(details)})" if details else ""
        return f"Handoff {self.source} → {self.target} added{said}"


@dataclass(frozen=True, kw_only=True)
class RemoveHandoff(Change):
    """The handoff from ``source`` to ``target`` is taken away."""

    action: ClassVar[str] = "remove_handoff"
    source: str
    target: str

    def apply(self, service_map: ServiceMap) -> None:
        service_map.disconnect(self.source, self.target)

    def describe(self, service_map: ServiceMap) -> str:
        return f"Handoff {self.source} → {self.target} removed"


@dataclass(frozen=True, kw_only=True)
class UpdateHandoff(Update):
    """A handoff's probabilities for named segments (the whole ``by_segment`` table is
    replaced) or its notes. (Its probability: ``set_routing``; its delay and whether
    information travels: ``set_handoff``.)"""

    action: ClassVar[str] = "update_handoff"
    subject: ClassVar[str] = "source"
    source: str
    target: str
    by_segment: dict[str, float] | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        Handoff(by_segment=dict(self.by_segment or {}))  # checks the probabilities

    def patch(self) -> dict[str, object]:
        return {k: v for k, v in super().patch().items() if k != "target"}

    def apply(self, service_map: ServiceMap) -> None:
        service_map.update_handoff(self.source, self.target, **self.patch())

    def describe(self, service_map: ServiceMap) -> str:
        old = (service_map.handoff(self.source, self.target)
               if service_map.has_handoff(self.source, self.target) else None)
        return f"{self.source} → {self.target}: {field_change_words(old, self.patch())}"


PART_CHANGES: tuple[type[Change], ...] = (AddPart, RemovePart, RenamePart, UpdatePart,
                                          AddHandoff, RemoveHandoff, UpdateHandoff)
