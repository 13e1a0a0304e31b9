"""A scenario's changes as a short list a board can read.

:meth:`Scenario.describe` says each change on its own line. :func:`summary` says the same
in fewer lines, the way a person would: a new part with the plain handoffs drawn to it is
one line ("Text message added after Booking, before Clinic (Admin, 2 min)"); a part that
takes the place of a removed one shares its line ("Letter to patient removed; Text message
added after Booking (Admin, 2 min)"); changes to the same team, part, segment or handoff
share a line ("Clinic: time fixed, 20 min → fixed, 15 min; team Outpatients → Day unit").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import InvalidParameter, ModelError
from .change import Change
from .part_changes import AddHandoff, AddPart, RemovePart, UpdateHandoff, UpdatePart, part_words
from .scenario import SetArrivals, SetDuration, SetHandoff, SetHours, SetRouting, SetStaff
from .service_map import ServiceMap
from .team_segment_changes import UpdateSegment, UpdateTeam

# Changes said as "Subject: what changed", by what kind of thing the subject is.
_SUBJECTS: dict[type[Change], str] = {
    SetStaff: "team", SetHours: "team", UpdateTeam: "team",
    SetDuration: "part", SetRouting: "part", SetArrivals: "part", UpdatePart: "part",
    UpdateSegment: "segment", SetHandoff: "handoff", UpdateHandoff: "handoff",
}


@dataclass
class _Line:
    change: Change
    text: str
    neighbours: set[str] = field(default_factory=set)  # of a removed part, before removal
    dropped: bool = False


def summary(base: ServiceMap, changes: Sequence[Change]) -> list[str]:
    """``changes``, made one after another on a copy of ``base``, in as few plain lines as
    say them fully. Stops after a change that does not fit the map (as describe does)."""
    lines = _described(base, changes)
    _fold_new_parts(lines)
    _fold_same_subject(lines)
    return [line.text for line in lines if not line.dropped]


def _described(base: ServiceMap, changes: Sequence[Change]) -> list[_Line]:
    current = base.copy()
    lines = []
    for change in changes:
        line = _Line(change, change.describe(current))
        if isinstance(change, RemovePart) and current.has(change.part):
            line.neighbours = {n for n, _ in current.ways_in(change.part)} | \
                {n for n, _ in current.ways_out(change.part)}
        lines.append(line)
        try:
            change.apply(current)
        except (ModelError, InvalidParameter):
            break
    return lines


def _is_plain(change: AddHandoff) -> bool:
    return (change.delay is None and change.info_travels == 1 and not change.by_segment
            and not change.notes)


def _fold_new_parts(lines: list[_Line]) -> None:
    for i, line in enumerate(lines):
        if not isinstance(line.change, AddPart):
            continue
        part = line.change.part
        after, before, touching = [], [], set()
        for later in lines[i + 1:]:
            handoff = later.change
            if isinstance(handoff, AddHandoff) and _is_plain(handoff) and \
                    part.name in (handoff.source, handoff.target) and not later.dropped:
                chance = f" ({handoff.probability:.0%})" if handoff.probability != 1 else ""
                touching |= {handoff.source, handoff.target} - {part.name}
                if handoff.target == part.name:
                    after.append(handoff.source + chance)
                else:
                    before.append(handoff.target + chance)
                later.dropped = True
        where = "".join(f"{word} {' and '.join(names)}, " for word, names
                        in (("after", after), ("before", before)) if names)
        line.text = f"{part.name} added {where.removesuffix(', ')} {part_words(part)}" \
            if where else line.text
        replaced = next((r for r in lines[:i] if isinstance(r.change, RemovePart)
                         and not r.dropped and r.neighbours & touching), None)
        if replaced is not None:
            replaced.text = f"{replaced.text}; {line.text}"
            line.dropped = True


def _subject(line: _Line) -> tuple[str, str] | None:
    kind = _SUBJECTS.get(type(line.change))
    if kind is None:
        return None
    return kind, line.text.partition(": ")[0]


def _fold_same_subject(lines: list[_Line]) -> None:
    first: dict[tuple[str, str], _Line] = {}
    for line in lines:
        key = _subject(line)
        if key is None or line.dropped:
            continue
        if key in first:
            first[key].text += "; " + line.text.partition(": ")[2]
            line.dropped = True
        else:
            first[key] = line
