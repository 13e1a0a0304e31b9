"""One simulated person's journey, as spans of time on lanes and marks in time.

The journey log records what happened to each customer (queued, started, finished, handed
off, ...). :func:`follow` turns one customer's events into :class:`Span` s that tile their
journey from arrival to the end with no gaps or overlaps, so the spans add up to the
end-to-end time; and :class:`Mark` s for the moments that take no time of their own
(telling their story again, chasing, giving up, the outcome).

Each span sits on a lane: the team doing the work (or whose queue the customer is in), or
"Between teams" for everything from the end of one team's work to the start of another
team's (the engine's unowned time), or "Waiting at home" for the rest (a delay such as the
post, or a handoff, that no team's figures show and that is not between two teams).
Times are minutes from the start of the run, as in the engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..errors import OutsideInError
from ..sim.compiled import CompiledMap
from ..sim.journey_log import Event, ReplicationOutput

BETWEEN_TEAMS = "Between teams"
AT_HOME = "Waiting at home"

#: Span kinds: waiting in a team's queue, work by a team, travelling along a handoff (a
#: referral in the post), waiting at a delay part (a test result).
WAIT, WORK, HANDOFF, DELAY = "wait", "work", "handoff", "delay"
#: Mark kinds.
ARRIVED, STORY, CHASE, GAVE_UP, LEFT, STOPPED, RUN_ENDED = (
    "arrived", "story", "chase", "gave up", "left", "stopped", "run ended")


class JourneyNotFound(OutsideInError):
    """The customer asked for is not in the run."""


@dataclass(frozen=True)
class Span:
    """A stretch of the journey: ``kind`` at ``place`` on ``lane``, minutes from the run's
    start. ``team`` is the team of a wait or a piece of work ("" otherwise)."""

    lane: str
    kind: str
    start: float
    end: float
    place: str
    team: str = ""
    customer_present: bool = True

    @property
    def minutes(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Mark:
    """A moment: ``kind`` at ``time`` (minutes), at ``place``. ``count`` numbers story
    repeats and chases (1 for the first); ``end`` is when a chase was answered (NaN if
    never), else ``time``; ``team`` the team chased."""

    kind: str
    time: float
    place: str
    lane: str
    team: str = ""
    count: int = 0
    end: float = math.nan


@dataclass(frozen=True)
class JourneyTotals:
    """What the person felt, in minutes (and counts), from the spans and marks."""

    end_to_end: float
    work: float  # work done for them, with them present or not
    touch: float  # work with them present
    queue: float  # in teams' queues
    handoff_delay: float
    delay: float
    between_teams: float
    at_home: float
    handoffs: int  # passes from one team to another
    story_repeats: int
    chases: int
    steps: int

    @property
    def waiting(self) -> float:
        """Time not being served face to face."""
        return self.end_to_end - self.touch


@dataclass(frozen=True)
class Journey:
    """One customer's journey in one replication (``replication`` is 0-based, as in the
    engine; ``customer`` is their 0-based number in arrival order)."""

    replication: int
    customer: int
    entry: str
    segment: str
    arrival: float
    end: float  # the end of the journey, or of the run if they were still in it
    finished: bool
    outcome: str  # the exit they reached ("" if none)
    gave_up_at: str  # the step they gave up at ("" if none)
    spans: tuple[Span, ...]
    marks: tuple[Mark, ...]
    totals: JourneyTotals
    # The exit that says they gave up ("went private"), when they did not give up in a queue.
    gave_up_exit: str = ""

    @property
    def lanes(self) -> list[str]:
        """Teams in the order the journey meets them (teams only chased last), then
        between teams, then at home."""
        teams = [s.lane for s in self.spans if s.lane not in (BETWEEN_TEAMS, AT_HOME)]
        chased = [m.team for m in self.marks if m.kind == CHASE]
        return [*dict.fromkeys(teams + chased), BETWEEN_TEAMS, AT_HOME]


@dataclass
class _Raw:
    kind: str
    start: float
    end: float
    node: int
    team: int


_OPENS = {Event.QUEUED: WAIT, Event.STARTED: WORK, Event.HANDED_OFF: HANDOFF,
          Event.DELAY_STARTED: DELAY}
_ENDS = {Event.GAVE_UP: GAVE_UP, Event.LEFT: LEFT, Event.STOPPED: STOPPED}


def follow(output: ReplicationOutput, compiled: CompiledMap, customer: int) -> Journey:
    """The journey of ``customer`` (0-based, in arrival order) in ``output``.

    Raises JourneyNotFound if there is no such customer."""
    table = output.customers
    count = len(table["arrival"])
    if not 0 <= customer < count:
        raise JourneyNotFound(f"There is no customer {customer + 1:,} in replication "
                              f"{output.replication + 1}: it had {count:,} customers.")
    ev = output.events
    rows = np.flatnonzero(ev.customer == customer)
    names, teams = compiled.node_names, compiled.team_names
    arrival = float(table["arrival"][customer])
    end = float(table["end"][customer])
    finished = math.isfinite(end)
    stop = end if finished else output.run_minutes
    raws, moments = _walk(ev, rows, arrival, stop)
    spans = _on_lanes(raws, compiled)
    marks = _marks(moments, spans, names, teams, finished, stop)
    outcome = int(table["outcome"][customer])
    gave_up_at = int(table["gave_up_at"][customer])
    last = rows[-1] if len(rows) else -1
    by_exit = gave_up_at >= 0 and last >= 0 and ev.event[last] == Event.LEFT
    return Journey(
        replication=output.replication, customer=customer,
        entry=names[int(table["entry"][customer])],
        segment=compiled.segments[int(table["segment"][customer])].name,
        arrival=arrival, end=stop, finished=finished,
        outcome=names[outcome] if outcome >= 0 else "",
        gave_up_at=names[gave_up_at] if gave_up_at >= 0 else "",
        spans=tuple(spans), marks=tuple(marks), totals=_totals(spans, marks, arrival, stop),
        gave_up_exit=names[int(ev.node[last])] if by_exit else "")


def _walk(ev, rows: np.ndarray, arrival: float,  # noqa: ANN001 - EventColumns
          stop: float) -> tuple[list[_Raw], list[tuple[int, float, int, int]]]:
    """The customer's events as back-to-back stretches (each lasting until the next event
    that changes what they are doing) and the moments in between."""
    raws: list[_Raw] = []
    moments = []
    state, node, team, since = "", -1, -1, arrival
    for i in rows:
        kind, t = int(ev.event[i]), float(ev.time[i])
        if kind in (Event.STORY_REPEATED, Event.CHASED, Event.CHASE_ANSWERED, *_ENDS):
            moments.append((kind, t, int(ev.node[i]), int(ev.team[i])))
            if kind not in _ENDS:
                continue
        if t > since or state == WORK:
            # Moving on from a finished step or the entry takes no time in the engine; if
            # rounding ever leaves a sliver, it belongs to the handoff that follows.
            raws.append(_Raw(state or HANDOFF, since, t, node, team))
        state, since = _OPENS.get(kind, ""), t
        node, team = int(ev.node[i]), int(ev.team[i])
        if kind in _ENDS:
            return raws, moments
    if stop > since:  # still in the journey when the run stopped
        raws.append(_Raw(state or HANDOFF, since, stop, node, team))
    return raws, moments


def _on_lanes(raws: list[_Raw], compiled: CompiledMap) -> list[Span]:
    """Put each stretch on its lane. Between teams is everything from one team's work to
    the start of a different team's work, as the engine counts unowned time."""
    teams = compiled.team_names
    work_teams = [r.team if r.kind == WORK else None for r in raws]
    spans = []
    last = None
    for i, raw in enumerate(raws):
        later = next((t for t in work_teams[i + 1:] if t is not None), None)
        node = compiled.nodes[raw.node] if raw.node >= 0 else None
        team = teams[raw.team] if raw.team >= 0 else ""
        if raw.kind == WORK:
            lane = team
            last = raw.team
        elif last is not None and later is not None and later != last:
            lane = BETWEEN_TEAMS
        elif raw.kind == WAIT:
            lane = team
        else:
            lane = AT_HOME
        spans.append(Span(lane=lane, kind=raw.kind, start=raw.start, end=raw.end,
                          place=node.name if node else "", team=team,
                          customer_present=node.customer_present if node else True))
    return spans


def _lane_at(spans: list[Span], t: float) -> str:
    """The lane of the span going on at ``t`` (the one starting at ``t`` if two meet)."""
    for span in spans:
        if span.start <= t < span.end or (span.start == t and span.kind == WORK):
            return span.lane
    return spans[-1].lane if spans else AT_HOME


def _marks(moments: list[tuple[int, float, int, int]], spans: list[Span], names: list[str],
           teams: list[str], finished: bool, stop: float) -> list[Mark]:
    marks = []
    stories = chases = 0
    open_chases: list[int] = []
    for kind, t, node, team in moments:
        place = names[node] if node >= 0 else ""
        if kind == Event.STORY_REPEATED:
            stories += 1
            # They tell it again to the next team that works with them.
            after = next((s for s in spans if s.start >= t and s.kind == WORK), None)
            marks.append(Mark(STORY, t, after.place if after else place,
                              after.lane if after else AT_HOME,
                              team=after.team if after else "", count=stories))
        elif kind == Event.CHASED:
            chases += 1
            open_chases.append(len(marks))
            marks.append(Mark(CHASE, t, place, _lane_at(spans, t), team=teams[team],
                              count=chases))
        elif kind == Event.CHASE_ANSWERED and open_chases:
            answered = open_chases.pop(0)
            marks[answered] = replace(marks[answered], end=t)
        elif kind in _ENDS:
            marks.append(Mark(_ENDS[kind], t, place, _lane_at(spans, t - 1e-9)))
    if not finished:
        marks.append(Mark(RUN_ENDED, stop, "", spans[-1].lane if spans else AT_HOME))
    return marks


def _totals(spans: list[Span], marks: list[Mark], arrival: float,
            stop: float) -> JourneyTotals:
    def total(**match: object) -> float:
        return float(sum(s.minutes for s in spans
                         if all(getattr(s, k) == v for k, v in match.items())))

    work_teams = [s.team for s in spans if s.kind == WORK]
    return JourneyTotals(
        end_to_end=stop - arrival,
        work=total(kind=WORK), touch=total(kind=WORK, customer_present=True),
        queue=total(kind=WAIT), handoff_delay=total(kind=HANDOFF), delay=total(kind=DELAY),
        between_teams=total(lane=BETWEEN_TEAMS), at_home=total(lane=AT_HOME),
        handoffs=sum(a != b for a, b in zip(work_teams, work_teams[1:], strict=False)),
        story_repeats=sum(m.kind == STORY for m in marks),
        chases=sum(m.kind == CHASE for m in marks), steps=len(work_teams))
