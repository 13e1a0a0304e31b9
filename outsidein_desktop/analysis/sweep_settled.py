"""Whether a sweep point's run settled, and how to say that it did not.

A point whose run did not settle (a queue still growing at the end, a team offered more work
than it can do, many people still in the journey) has figures that depend on how long the
run was: its median counts only the journeys that finished, and a longer run would show it
worse. Such a point must not carry a sweep's finding unnoticed.

Which warnings say so is not decided here by a rule of our own: the rules that made the
run's warnings (the end-of-run rules in :mod:`.results` and :func:`.run.overload_warnings`)
are applied again to the point's results and map, and the warnings they give are the point's
"unsettled" warnings. The loop watchdog's warning (customers stopped after going round a
loop) is left out: it is about the map, not about the run's length.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .results import Results, end_of_run_warnings
from .run import overload_warnings

if TYPE_CHECKING:
    from ..domain.service_map import ServiceMap
    from .sweep import SweepPoint, SweepResult
    from .sweep_parameters import Parameter

#: What every unsettled point's figures suffer from, for notes and keys.
DEPENDS_ON_RUN = "figures depend on the run length"


def unsettled_warnings(results: Results, service_map: ServiceMap | None = None) -> list[str]:
    """Those of ``results.warnings`` that say the run had not settled by its end: the
    warnings the results' own end-of-run rules give (a queue kept growing, many still in the
    journey) and, if the map simulated is given, the overload warnings (a team offered more
    work than it can do), as they were made for the run."""
    signs = set(end_of_run_warnings(results, 0))  # 0: not the loop watchdog's warning
    if service_map is not None:
        signs.update(overload_warnings(service_map, []))
    return [w for w in results.warnings if w in signs]


def growing_teams(point: SweepPoint) -> list[str]:
    """The teams whose queue an unsettled warning of ``point`` names (kept growing, or
    offered more work than it can do), as :func:`.run.overload_warnings` tells a warning
    about a team: by its quoted name."""
    return [t.name for t in point.results.teams
            if any(f"'{t.name}'" in w for w in point.unsettled_warnings)]


def reason(points: Iterable[SweepPoint]) -> str:
    """What happened at the end of the run at ``points`` (all unsettled): "the queue for
    team 'Triage' was still growing", "many people were still in the journey", or, when
    the points differ, one or the other."""
    points = list(points)
    teams = list(dict.fromkeys(t for p in points for t in growing_teams(p)))
    stuck = any(not growing_teams(p) for p in points)
    said = []
    if len(teams) == 1:
        said.append(f"the queue for team '{teams[0]}' was still growing")
    elif teams:
        named = _and([f"'{t}'" for t in teams])
        said.append(f"the queues for teams {named} were still growing")
    if stuck or not teams:
        said.append("many people were still in the journey")
    return " or ".join(said)


def key_text(result: SweepResult) -> str:
    """The chart's key for its unsettled points: "Queue still growing at the end of the
    run: figures depend on the run length"."""
    unsettled = result.unsettled_points
    queues = any(growing_teams(p) for p in unsettled)
    stuck = any(not growing_teams(p) for p in unsettled)
    what = ("Not settled" if queues and stuck else "Queue still growing" if queues
            else "Many still in the journey")
    return f"{what} at the end of the run: {DEPENDS_ON_RUN}"


def values_text(parameter: Parameter, values: Sequence[float]) -> str:
    """Some of a parameter's values in words: "1 staff", "1 and 2 staff", "2 to 5 staff"
    (a run of three or more neighbours), "1, 2 and 4 staff"."""
    texts = [parameter.value_text(v) for v in values]
    if len(texts) == 1:
        return texts[0]
    heads = [t.split(" ")[0] for t in texts]
    every = list(parameter.values)
    positions = [every.index(v) for v in values]
    if len(values) >= 3 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{heads[0]} to {texts[-1]}"
    return f"{', '.join(heads[:-1])} and {texts[-1]}"


def point_text(result: SweepResult, point: SweepPoint) -> str:
    """A point by its values: "1 staff", or "1 staff, 200 a day" in a grid."""
    return ", ".join(p.value_text(v) for p, v in zip(result.parameters, point.values,
                                                      strict=True))


def unsettled_clause(result: SweepResult) -> str:
    """Which points had not settled and why, for the end of a finding ("" if all did):
    "at 1 staff the queue for team 'Triage' was still growing at the end of the run"."""
    unsettled = result.unsettled_points
    if not unsettled:
        return ""
    if len(unsettled) == len(result.points):
        where = "every point"
    elif result.second is not None and len(unsettled) == 1:
        where = " and ".join(p.value_text(v) for p, v in zip(result.parameters,
                                                             unsettled[0].values, strict=True))
    elif result.second is not None:
        where = f"{len(unsettled)} of the {len(result.points)} points (hollow triangles)"
    else:
        where = values_text(result.first, [p.values[0] for p in unsettled])
    return f"at {where} {reason(unsettled)} at the end of the run"


def grouped_warnings(result: SweepResult) -> list[tuple[str, list[SweepPoint]]]:
    """Every point's warnings, each text once with the points that gave it: identical texts
    only (a queue of about 935 at one point and 82 at the next are two warnings). The
    groups come in the order of the texts in their points' lists, then of the points."""
    seen: dict[str, list[SweepPoint]] = {}
    place: dict[str, int] = {}  # where the text first came in its point's list
    for point in result.points:
        for n, warning in enumerate(point.results.warnings):
            seen.setdefault(warning, []).append(point)
            place.setdefault(warning, n)
    # The first warning of each point before the second: like with like (the queue at each
    # point, then those still in the journey), each in the points' order.
    return sorted(seen.items(), key=lambda item: place[item[0]])


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


__all__ = ["DEPENDS_ON_RUN", "grouped_warnings", "growing_teams", "key_text", "point_text",
           "reason", "unsettled_clause", "unsettled_warnings", "values_text"]
