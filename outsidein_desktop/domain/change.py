"""The base of every scenario change, and the plain words changes are described in.

Kept apart from :mod:`.scenario` so that the modules holding the many kinds of change
(:mod:`.part_changes`, :mod:`.team_segment_changes`) can build on it without an import
cycle; :mod:`.scenario` registers them all in ``CHANGES``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import InvalidParameter
from .calendar import Arrivals
from .distributions import Distribution
from .parts import ChaseRule
from .service_map import ServiceMap
from .units import format_minutes

# How a field is named in a sentence ("Clinic: staff needed 1 → 2").
FIELD_WORDS = {
    "staff_needed": "staff needed",
    "customer_present": "customer present",
    "repeat_story_time": "time to repeat the story",
    "segment_mix": "segment mix",
    "by_segment": "by segment",
    "chase": "chasing",
    "info_travels": "information travels",
    "gave_up": "counts as giving up",
}


@dataclass(frozen=True, kw_only=True)
class Change:
    """One named change. Subclasses say what it does to a map and how to say it."""

    action: ClassVar[str] = ""

    def apply(self, service_map: ServiceMap) -> None:
        """Change ``service_map`` in place (it is the scenario's own copy)."""
        raise NotImplementedError

    def describe(self, service_map: ServiceMap) -> str:
        """The change in plain words, with before and after from ``service_map``."""
        raise NotImplementedError


# Fields holding chances, said as percentages.
PERCENT_FIELDS = {"probability", "by_segment", "info_travels"}


def words(value: Any, percent: bool = False) -> str:
    """A field's value as a person would say it: "none", "yes", "exponential, mean 2 days";
    numbers as percentages when ``percent``."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Distribution):
        return value.describe()
    if isinstance(value, ChaseRule):
        again = f", again every {value.every}" if value.every else ""
        return f"after {value.after}{again} ({value.team}, {format_minutes(value.work.mean)})"
    if isinstance(value, Arrivals):
        plain = Arrivals(per_day=value.per_day, schedule=value.schedule)
        booked = "; ".join(b.describe() for b in value.schedule)
        return (f"{value.per_day:g} a day" + (f" + {booked}" if booked else "")
                + ("" if value == plain else " (own pattern)"))
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {words(v, percent)}" for k, v in value.items()) or "none"
    if isinstance(value, int | float) and percent:
        return f"{value:.0%}"
    if isinstance(value, int | float):
        return f"{value:g}"
    return str(value) or "(empty)"


def field_change_words(old: Any, patch: Mapping[str, Any]) -> str:
    """"team Outpatients → Day unit; notes changed" for each field ``patch`` sets on ``old``
    ("?" for a field ``old`` lacks, or when it is None: missing from the map)."""
    said = []
    for name, new in patch.items():
        label = FIELD_WORDS.get(name, name)
        if name == "notes":
            said.append("notes changed")
            continue
        percent = name in PERCENT_FIELDS
        before = words(getattr(old, name), percent) if hasattr(old, name) else "?"
        said.append(f"{label} {before} → {words(new, percent)}")
    return "; ".join(said)


@dataclass(frozen=True, kw_only=True)
class Update(Change):
    """A change to some fields of one named thing. Fields left None stay as they are; a
    ``no_<field>`` flag set to True clears an optional field (a patience, a chase rule).

    Subclasses name the field that says *which* thing (``subject``).
    """

    subject: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            if f.name.startswith("no_") and getattr(self, f.name) \
                    and getattr(self, f.name[3:]) is not None:
                raise InvalidParameter(f"a change cannot both set and clear '{f.name[3:]}'")
        if not self.patch():
            raise InvalidParameter(f"the change to '{self.subject_name}' names nothing to change")

    @property
    def subject_name(self) -> str:
        return getattr(self, self.subject)

    def patch(self) -> dict[str, Any]:
        """The fields this change sets, with None for those it clears."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == self.subject or f.name.startswith("no_"):
                continue
            if getattr(self, f"no_{f.name}", False):
                out[f.name] = None
            elif getattr(self, f.name) is not None:
                out[f.name] = getattr(self, f.name)
        return out


def patch_fields(old: Any, new: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The ``names`` whose value differs from ``old`` to ``new``, as Update keyword
    arguments (a field that became None is cleared with its ``no_`` flag)."""
    out: dict[str, Any] = {}
    for name in names:
        after = getattr(new, name)
        if getattr(old, name) != after:
            if after is None:
                out[f"no_{name}"] = True
            else:
                out[name] = after
    return out
