"""The parts of a service map, as plain frozen data.

Names are the user's words (DOMAIN.md). Every part checks its own values when made, so a
map can never hold a negative staff count or a probability of 1.4; what depends on the
whole map (a team that does not exist, probabilities that do not add up) is for
:mod:`outsidein_desktop.domain.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import InvalidParameter
from .calendar import Arrivals, Shift, roster_of
from .distributions import Distribution
from .units import Duration, check_number, check_whole

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _check_name(name: object, what: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidParameter(f"every {what} needs a name")
    if name != name.strip():
        raise InvalidParameter(f"the {what} name '{name}' starts or ends with a space")
    return name


def _check_probability(value: object, what: str) -> float:
    return check_number(value, what, minimum=0, maximum=1)


@dataclass(frozen=True, kw_only=True)
class Team:
    """People who do steps, with the hours they work."""

    name: str
    colour: str = "#4477AA"
    shifts: tuple[Shift, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "team")
        if not _COLOUR.fullmatch(self.colour):
            raise InvalidParameter(f"'{self.colour}' is not a colour; write it like '#4477AA'")
        object.__setattr__(self, "shifts", tuple(self.shifts))

    def roster(self) -> np.ndarray:
        """Staff on duty per weekday (Mon first) and hour: 7 x 24 integers."""
        return roster_of(self.shifts)

    @property
    def staff(self) -> int:
        """The most staff ever on duty at once."""
        return int(self.roster().max()) if self.shifts else 0

    @property
    def staff_hours_per_week(self) -> int:
        return int(self.roster().sum())

    @property
    def works_around_the_clock(self) -> bool:
        roster = self.roster()
        return bool(roster.min() == roster.max() and roster.max() > 0)


@dataclass(frozen=True, kw_only=True)
class ChaseRule:
    """When a waiting customer contacts the service to ask what is happening.

    After ``after`` without hearing anything (waiting for a team, in a handoff or a delay),
    the customer chases; ``team`` takes the call or letter, which costs it ``work``; then
    again every ``every`` (if given) while the wait goes on.
    """

    after: Duration
    team: str
    work: Distribution
    every: Duration | None = None

    def __post_init__(self) -> None:
        if self.after.minutes <= 0:
            raise InvalidParameter("the time before a customer chases must be more than zero")
        if self.every is not None and self.every.minutes <= 0:
            raise InvalidParameter("the time between chases must be more than zero")
        _check_name(self.team, "chasing team")


@dataclass(frozen=True, kw_only=True)
class Segment:
    """A kind of customer: their share of arrivals, priority, patience and chasing.

    Priority 1 is served first; larger numbers wait behind. ``patience`` is how long they
    will queue before giving up (None: they never give up).
    """

    name: str
    share: float = 1.0
    priority: int = 1
    patience: Distribution | None = None
    chase: ChaseRule | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        _check_name(self.name, "segment")
        check_number(self.share, f"the share of segment '{self.name}'", minimum=0)
        object.__setattr__(self, "priority", check_whole(
            self.priority, f"the priority of segment '{self.name}'", minimum=1))


@dataclass(frozen=True, kw_only=True)
class Node:
    """A place on the map. ``position`` is where the editor draws it (scene units)."""

    name: str
    position: tuple[float, float] = (0.0, 0.0)
    notes: str = ""

    kind = "node"

    def __post_init__(self) -> None:
        _check_name(self.name, self.kind)
        x, y = self.position
        object.__setattr__(self, "position", (check_number(x, "x position"),
                                              check_number(y, "y position")))

    @property
    def label(self) -> str:
        """How messages name this part: "step 'Triage'"."""
        return f"{self.kind} '{self.name}'"


@dataclass(frozen=True, kw_only=True)
class Entry(Node):
    """Where customers come in. ``segment_mix`` overrides the segments' shares here."""

    kind = "entry"
    arrivals: Arrivals
    segment_mix: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        for segment, share in self.segment_mix.items():
            check_number(share, f"the share of segment '{segment}'", minimum=0)


@dataclass(frozen=True, kw_only=True)
class Step(Node):
    """A piece of work done by one team for the customer.

    ``customer_present`` marks touch time (the customer is there while it happens, and
    hears from the service: it stops the clock on chasing). ``repeat_story_time`` is extra
    work when the customer must tell their story again. ``patience`` is how long people will
    queue for this step before giving up (a phone queue's few minutes); when it is None, the
    customer's segment's patience applies.
    """

    kind = "step"
    team: str
    duration: Distribution
    staff_needed: int = 1
    customer_present: bool = True
    repeat_story_time: Distribution | None = None
    patience: Distribution | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "staff_needed", check_whole(
            self.staff_needed, f"the staff needed for step '{self.name}'", minimum=1))


@dataclass(frozen=True, kw_only=True)
class Decision(Node):
    """A branch: takes no time; the handoffs out of it carry the probabilities."""

    kind = "decision"


@dataclass(frozen=True, kw_only=True)
class Delay(Node):
    """Time passing with no team working (a test result, a letter in the post)."""

    kind = "delay"
    duration: Distribution


@dataclass(frozen=True, kw_only=True)
class Exit(Node):
    """An outcome. ``outcome`` is the label reports use (the name if empty).

    ``gave_up`` marks an exit that means the customer gave up on the service (hung up
    after redialling, went private, stopped reporting the repair): those who end here
    count as giving up, at the last step or delay they went through, not as an outcome.
    """

    kind = "exit"
    outcome: str = ""
    gave_up: bool = False

    @property
    def outcome_label(self) -> str:
        return self.outcome or self.name


NODE_TYPES: dict[str, type[Node]] = {
    cls.kind: cls for cls in (Entry, Step, Decision, Delay, Exit)
}


@dataclass(frozen=True, kw_only=True)
class Handoff:
    """The customer passing from one place to the next.

    ``probability`` is the chance of taking this way out (``by_segment`` overrides it for
    named segments); ``delay`` the time in transit; ``info_travels`` the chance that the
    customer's information goes with them (if not, they repeat their story).
    """

    probability: float = 1.0
    by_segment: dict[str, float] = field(default_factory=dict)
    delay: Distribution | None = None
    info_travels: float = 1.0
    notes: str = ""

    def __post_init__(self) -> None:
        _check_probability(self.probability, "the probability of a handoff")
        for segment, p in self.by_segment.items():
            _check_probability(p, f"the probability for segment '{segment}'")
        _check_probability(self.info_travels, "the chance that information travels")

    def probability_for(self, segment: str) -> float:
        return self.by_segment.get(segment, self.probability)


@dataclass(frozen=True, kw_only=True)
class RunSettings:
    """How long to simulate and how often. Stored with the map."""

    days: float = 365.0
    warmup_days: float = 28.0
    replications: int = 10
    seed: int = 20261125
    start_date: dt.date = dt.date(2026, 1, 5)  # a Monday

    def __post_init__(self) -> None:
        check_number(self.days, "the run length in days", strictly_above=0)
        check_number(self.warmup_days, "the warm-up in days", minimum=0)
        if self.warmup_days >= self.days:
            raise InvalidParameter(
                f"the warm-up ({self.warmup_days:g} days) must be shorter than the run "
                f"({self.days:g} days)")
        object.__setattr__(self, "replications",
                           check_whole(self.replications, "the number of replications", minimum=1))
        object.__setattr__(self, "seed", check_whole(self.seed, "the seed", minimum=0))
