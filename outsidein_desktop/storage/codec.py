"""The map file format (JSON) to and from the domain model.

``map_from_dict`` reads data that came from a person or a script, so every value is
checked and every complaint names its element ("step 'Triage', duration: the mean must be
greater than 0"). ``map_to_dict`` writes the same shape back, so that
``map_from_dict(map_to_dict(m)) == m``. See docs/file-format.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain.calendar import (
    Arrivals,
    ScheduledArrivals,
    Shift,
    format_days,
    format_time_of_day,
    parse_days,
    parse_hour,
)
from ..domain.distributions import Distribution, file_params, make_distribution
from ..domain.parts import (
    NODE_TYPES,
    ChaseRule,
    Decision,
    Delay,
    Entry,
    Exit,
    Handoff,
    Node,
    RunSettings,
    Segment,
    Step,
    Team,
)
from ..domain.service_map import ServiceMap
from ..domain.units import Duration
from .reader import NUMBER, FormatProblem, at, expect, only, take

FORMAT_VERSION = 2

# -- distributions and durations ----------------------------------------------------------


def distribution_to_dict(dist: Distribution) -> dict[str, Any]:
    return {"kind": dist.kind, **file_params(dist), "unit": dist.unit}


def distribution_from_dict(data: Any, element: str) -> Distribution:
    expect(data, dict, element)
    kind = take(data, "kind", str, element)
    unit = take(data, "unit", str, element, "minutes")
    params = {k: v for k, v in data.items() if k not in {"kind", "unit"}}
    for key, value in params.items():
        if key == "values":
            expect(value, list, element, key)
            for item in value:
                expect(item, NUMBER, element, "values")
        else:
            expect(value, NUMBER, element, key)
    with at(element):
        return make_distribution(kind, unit, **params)


def _optional_distribution(obj: dict, key: str, element: str) -> Distribution | None:
    value = obj.get(key)
    return None if value is None else distribution_from_dict(value, f"{element}, {key}")


def duration_to_text(duration: Duration) -> str:
    """"6 weeks"; with every digit when six are not enough to read the same value back."""
    text = str(duration)
    return text if Duration.parse(text) == duration else f"{duration.value!r} {duration.unit}"


def duration_from_text(value: Any, element: str) -> Duration:
    expect(value, str, element)
    with at(element):
        return Duration.parse(value)


# -- teams, segments, run settings --------------------------------------------------------


def shift_to_dict(shift: Shift) -> dict[str, Any]:
    return {"days": format_days(shift.days), "start": f"{shift.start:02d}:00",
            "end": f"{shift.end:02d}:00", "staff": shift.staff}


def shift_from_dict(data: Any, element: str) -> Shift:
    expect(data, dict, element)
    only(data, {"days", "start", "end", "staff"}, element)
    with at(element):
        days = data.get("days", "Mon-Fri")
        if isinstance(days, list):
            days = ",".join(expect(d, str, element, "days") for d in days)
        return Shift(days=parse_days(expect(days, str, element, "days")),
                     start=parse_hour(take(data, "start", (str, int), element)),
                     end=parse_hour(take(data, "end", (str, int), element)),
                     staff=take(data, "staff", NUMBER, element))


def team_to_dict(team: Team) -> dict[str, Any]:
    out: dict[str, Any] = {"name": team.name, "colour": team.colour,
                           "shifts": [shift_to_dict(s) for s in team.shifts]}
    if team.notes:
        out["notes"] = team.notes
    return out


def team_from_dict(data: Any, element: str) -> Team:
    expect(data, dict, element)
    name = take(data, "name", str, element)
    element = f"team '{name}'"
    only(data, {"name", "colour", "shifts", "notes"}, element)
    shifts = take(data, "shifts", list, element, [])
    with at(element):
        return Team(name=name, colour=take(data, "colour", str, element, "#4477AA"),
                    shifts=tuple(shift_from_dict(s, f"{element}, shift {i}")
                                 for i, s in enumerate(shifts, start=1)),
                    notes=take(data, "notes", str, element, ""))


def _chase_to_dict(chase: ChaseRule) -> dict[str, Any]:
    out: dict[str, Any] = {"after": duration_to_text(chase.after), "team": chase.team,
                           "work": distribution_to_dict(chase.work)}
    if chase.every is not None:
        out["every"] = duration_to_text(chase.every)
    return out


def _chase_from_dict(data: Any, element: str) -> ChaseRule:
    expect(data, dict, element)
    only(data, {"after", "every", "team", "work"}, element)
    every = data.get("every")
    with at(element):
        return ChaseRule(after=duration_from_text(take(data, "after", str, element),
                                                  f"{element}, after"),
                         every=None if every is None else duration_from_text(
                             every, f"{element}, every"),
                         team=take(data, "team", str, element),
                         work=distribution_from_dict(take(data, "work", dict, element),
                                                     f"{element}, work"))


def segment_to_dict(segment: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"name": segment.name, "share": segment.share,
                           "priority": segment.priority}
    if segment.patience is not None:
        out["patience"] = distribution_to_dict(segment.patience)
    if segment.chase is not None:
        out["chase"] = _chase_to_dict(segment.chase)
    if segment.notes:
        out["notes"] = segment.notes
    return out


def segment_from_dict(data: Any, element: str) -> Segment:
    expect(data, dict, element)
    name = take(data, "name", str, element)
    element = f"segment '{name}'"
    only(data, {"name", "share", "priority", "patience", "chase", "notes"}, element)
    chase = data.get("chase")
    with at(element):
        return Segment(name=name, share=take(data, "share", NUMBER, element, 1.0),
                       priority=take(data, "priority", NUMBER, element, 1),
                       patience=_optional_distribution(data, "patience", element),
                       chase=None if chase is None else _chase_from_dict(
                           chase, f"{element}, chase"),
                       notes=take(data, "notes", str, element, ""))


def run_to_dict(run: RunSettings) -> dict[str, Any]:
    return {"days": run.days, "warmup_days": run.warmup_days,
            "replications": run.replications, "seed": run.seed,
            "start_date": run.start_date.isoformat()}


def run_from_dict(data: Any) -> RunSettings:
    element = "run settings"
    expect(data, dict, element)
    only(data, {"days", "warmup_days", "replications", "seed", "start_date"}, element)
    defaults = RunSettings()
    start = take(data, "start_date", str, element, defaults.start_date.isoformat())
    try:
        start_date = dt.date.fromisoformat(start)
    except ValueError:
        raise FormatProblem(element, f"The start date '{start}' is not a date; write it "
                            "like 2026-01-05.") from None
    with at(element):
        return RunSettings(days=take(data, "days", NUMBER, element, defaults.days),
                           warmup_days=take(data, "warmup_days", NUMBER, element,
                                            defaults.warmup_days),
                           replications=take(data, "replications", NUMBER, element,
                                             defaults.replications),
                           seed=take(data, "seed", NUMBER, element, defaults.seed),
                           start_date=start_date)


# -- parts and handoffs -------------------------------------------------------------------

_NODE_COMMON = {"type", "name", "position", "notes"}
_NODE_KEYS = {
    "entry": {"arrivals", "segment_mix"},
    "step": {"team", "duration", "staff_needed", "customer_present", "repeat_story_time",
             "patience"},
    "decision": set(),
    "delay": {"duration"},
    "exit": {"outcome", "gave_up"},
}


def node_to_dict(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"type": node.kind, "name": node.name,
                           "position": [node.position[0], node.position[1]]}
    if isinstance(node, Entry):
        out["arrivals"] = arrivals_to_dict(node.arrivals)
        if node.segment_mix:
            out["segment_mix"] = dict(node.segment_mix)
    elif isinstance(node, Step):
        out.update(team=node.team, duration=distribution_to_dict(node.duration),
                   staff_needed=node.staff_needed, customer_present=node.customer_present)
        if node.repeat_story_time is not None:
            out["repeat_story_time"] = distribution_to_dict(node.repeat_story_time)
        if node.patience is not None:
            out["patience"] = distribution_to_dict(node.patience)
    elif isinstance(node, Delay):
        out["duration"] = distribution_to_dict(node.duration)
    elif isinstance(node, Exit):
        if node.outcome:
            out["outcome"] = node.outcome
        if node.gave_up:
            out["gave_up"] = True
    if node.notes:
        out["notes"] = node.notes
    return out


def arrivals_to_dict(arrivals: Arrivals) -> dict[str, Any]:
    out: dict[str, Any] = {"per_day": arrivals.per_day,
                           "by_weekday": list(arrivals.by_weekday),
                           "by_hour": list(arrivals.by_hour)}
    if arrivals.schedule:
        out["schedule"] = [{"days": format_days(b.days), "at": format_time_of_day(b.at),
                            "count": b.count} for b in arrivals.schedule]
    return out


def _scheduled_from_dict(data: Any, element: str) -> ScheduledArrivals:
    expect(data, dict, element)
    only(data, {"days", "at", "count"}, element)
    with at(element):
        days = data.get("days", "Mon-Fri")
        if isinstance(days, list):
            days = ",".join(expect(d, str, element, "days") for d in days)
        when = take(data, "at", (str, *NUMBER), element)
        return ScheduledArrivals(days=parse_days(expect(days, str, element, "days")),
                                 at=when, count=take(data, "count", NUMBER, element, 1))


def arrivals_from_dict(data: Any, element: str) -> Arrivals:
    expect(data, dict, element)
    only(data, {"per_day", "by_weekday", "by_hour", "schedule"}, element)
    weights = {}
    for key in ("by_weekday", "by_hour"):
        if key in data:
            values = expect(data[key], list, element, key)
            weights[key] = tuple(expect(v, NUMBER, element, key) for v in values)
    schedule = tuple(_scheduled_from_dict(item, f"{element}, scheduled arrivals {i}")
                     for i, item in enumerate(take(data, "schedule", list, element, []),
                                              start=1))
    # With a schedule, random arrivals are optional: a booked list may be all there is.
    per_day = (take(data, "per_day", NUMBER, element, 0) if schedule
               else take(data, "per_day", NUMBER, element))
    with at(element):
        return Arrivals(per_day=per_day, schedule=schedule, **weights)


def _number_map(data: dict, key: str, element: str) -> dict[str, float]:
    mapping = take(data, key, dict, element, {})
    return {name: expect(value, NUMBER, element, key) for name, value in mapping.items()}


def node_from_dict(data: Any, element: str) -> Node:
    expect(data, dict, element)
    kind = take(data, "type", str, element)
    if kind not in NODE_TYPES:
        raise FormatProblem(element, f"'{kind}' is not a kind of part; use one of "
                            f"{', '.join(NODE_TYPES)}.")
    name = take(data, "name", str, element)
    element = f"{kind} '{name}'"
    only(data, _NODE_COMMON | _NODE_KEYS[kind], element)
    position = take(data, "position", list, element, [0.0, 0.0])
    if len(position) != 2:
        raise FormatProblem(element, "'position' should be two numbers, [x, y].")
    common: dict[str, Any] = {
        "name": name, "notes": take(data, "notes", str, element, ""),
        "position": tuple(expect(v, NUMBER, element, "position") for v in position)}
    with at(element):
        if kind == "entry":
            return Entry(**common, arrivals=arrivals_from_dict(
                take(data, "arrivals", dict, element), f"{element}, arrivals"),
                segment_mix=_number_map(data, "segment_mix", element))
        if kind == "step":
            return Step(**common, team=take(data, "team", str, element),
                        duration=distribution_from_dict(take(data, "duration", dict, element),
                                                        f"{element}, duration"),
                        staff_needed=take(data, "staff_needed", NUMBER, element, 1),
                        customer_present=take(data, "customer_present", bool, element, True),
                        repeat_story_time=_optional_distribution(data, "repeat_story_time",
                                                                 element),
                        patience=_optional_distribution(data, "patience", element))
        if kind == "delay":
            return Delay(**common, duration=distribution_from_dict(
                take(data, "duration", dict, element), f"{element}, duration"))
        if kind == "exit":
            return Exit(**common, outcome=take(data, "outcome", str, element, ""),
                        gave_up=take(data, "gave_up", bool, element, False))
        return Decision(**common)


def handoff_to_dict(source: str, target: str, handoff: Handoff) -> dict[str, Any]:
    out: dict[str, Any] = {"from": source, "to": target, "probability": handoff.probability}
    if handoff.by_segment:
        out["by_segment"] = dict(handoff.by_segment)
    if handoff.delay is not None:
        out["delay"] = distribution_to_dict(handoff.delay)
    out["info_travels"] = handoff.info_travels
    if handoff.notes:
        out["notes"] = handoff.notes
    return out


def _add_handoff(service_map: ServiceMap, data: Any, number: int) -> None:
    element = f"handoff {number}"
    expect(data, dict, element)
    source = take(data, "from", str, element)
    target = take(data, "to", str, element)
    element = f"handoff '{source}' → '{target}'"
    only(data, {"from", "to", "probability", "by_segment", "delay", "info_travels", "notes"},
         element)
    for name in (source, target):
        if not service_map.has(name):
            raise FormatProblem(element, f"There is no part called '{name}' on the map.")
    with at(element):
        handoff = Handoff(probability=take(data, "probability", NUMBER, element, 1.0),
                          by_segment=_number_map(data, "by_segment", element),
                          delay=_optional_distribution(data, "delay", element),
                          info_travels=take(data, "info_travels", NUMBER, element, 1.0),
                          notes=take(data, "notes", str, element, ""))
        service_map.connect(source, target, handoff)


# -- the whole map ------------------------------------------------------------------------

# "$schema" lets an editor check the file against docs/schema/map.schema.json; it is ignored.
# "scenarios" are read by storage.scenario_codec (load_map_and_scenarios); the map has none.
_MAP_KEYS = {"$schema", "format_version", "title", "notes", "sources", "run", "teams",
             "segments", "nodes", "handoffs", "scenarios"}


def map_to_dict(service_map: ServiceMap) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "title": service_map.title,
        "notes": service_map.notes,
        "sources": list(service_map.sources),
        "run": run_to_dict(service_map.run),
        "teams": [team_to_dict(t) for t in service_map.teams()],
        "segments": [segment_to_dict(s) for s in service_map.segments()],
        "nodes": [node_to_dict(n) for n in service_map.nodes()],
        "handoffs": [handoff_to_dict(s, t, h) for s, t, h in service_map.handoffs()],
    }


def map_from_dict(data: Any) -> ServiceMap:
    """A ServiceMap from current-format data; raises FormatProblem naming the element."""
    expect(data, dict, "the map")
    if "changes" in data and "nodes" not in data:
        base = data.get("base")
        of = f" of {base}" if isinstance(base, str) and base else ""
        raise FormatProblem("the file", f"this is a scenario file (a redesign{of}), not a "
                            "map. Open its map, then import the scenario (Scenarios ▸ "
                            "Import…), or give it to the command line with --scenario.")
    only(data, _MAP_KEYS, "the map")
    sources = take(data, "sources", list, "the map", [])
    service_map = ServiceMap(
        title=take(data, "title", str, "the map", ""),
        notes=take(data, "notes", str, "the map", ""),
        sources=tuple(expect(s, str, "the map", "sources") for s in sources),
        run=run_from_dict(data["run"]) if data.get("run") is not None else None)
    for i, item in enumerate(take(data, "teams", list, "the map", []), start=1):
        team = team_from_dict(item, f"team {i}")
        with at(f"team '{team.name}'"):
            service_map.add_team(team)
    for i, item in enumerate(take(data, "segments", list, "the map", []), start=1):
        segment = segment_from_dict(item, f"segment {i}")
        with at(f"segment '{segment.name}'"):
            service_map.add_segment(segment)
    for i, item in enumerate(take(data, "nodes", list, "the map", []), start=1):
        node = node_from_dict(item, f"part {i}")
        with at(node.label):
            service_map.add(node)
    for i, item in enumerate(take(data, "handoffs", list, "the map", []), start=1):
        _add_handoff(service_map, item, i)
    return service_map
