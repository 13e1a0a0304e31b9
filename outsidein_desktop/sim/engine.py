"""One replication: customers walk the compiled map in a SimPy environment.

Each customer is a generator process moving from their entry to an exit: queueing for
and being served by team desks, travelling along handoffs, waiting at delays, chasing
when they have heard nothing for too long, and giving up when their patience runs out.
Times are minutes from midnight at the start of the run's first day.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Generator

import numpy as np
import simpy

from .compiled import DELAY, EXIT, STEP, CompiledMap
from .desk import Desk
from .journey_log import NO_TEAM, CustomerRecorder, Event, EventRecorder, ReplicationOutput
from .streams import PersonalDraws, stream

#: A customer who passes this many parts is stopped: a second line of defence (after
#: validation) against a loop that would never end.
MAX_VISITS = 10_000
MINUTES_PER_DAY = 1440.0
CHASE_GRACE = 1e-6  # minutes (60 microseconds)

ARRIVED, QUEUED, STARTED, FINISHED = Event.ARRIVED, Event.QUEUED, Event.STARTED, Event.FINISHED
HANDED_OFF, DELAY_STARTED, DELAY_ENDED = Event.HANDED_OFF, Event.DELAY_STARTED, Event.DELAY_ENDED
CHASED, CHASE_ANSWERED, GAVE_UP = Event.CHASED, Event.CHASE_ANSWERED, Event.GAVE_UP
LEFT, STORY_REPEATED, STOPPED = Event.LEFT, Event.STORY_REPEATED, Event.STOPPED


class Cancelled(Exception):
    """The run was cancelled by the user."""


class Journey:
    """One customer's running totals (read back for those still in the system at the end)."""

    __slots__ = ("cid", "segment", "node", "touch", "work", "queue", "handoff_delay", "delay",
                 "unowned", "handoffs", "story_repeats", "chases", "steps", "token", "entry",
                 "person", "visits", "waits")

    def __init__(self, cid: int, segment: int, node: int, entry: int, person: int) -> None:
        self.cid = cid
        self.segment = segment
        self.node = node
        # Who they are, for their own random draws: their entry (its place among the
        # entries) and their place in its arrivals; and how often they have been where.
        self.entry = entry
        self.person = person
        self.visits: dict[int, int] = {}
        self.waits = 0  # queues joined: each draws its own patience
        self.touch = self.work = self.queue = self.handoff_delay = self.delay = 0.0
        self.unowned = 0.0
        self.handoffs = self.story_repeats = self.chases = self.steps = 0
        self.token = 0  # changes whenever a wait ends, so a stale chase timer knows


class Replication:
    """The SimPy model of one replication."""

    def __init__(self, compiled: CompiledMap, *, seed: int, replication: int,
                 days: float, warmup_days: float, start_weekday: int,
                 record_events: bool = True) -> None:
        self.compiled = compiled
        self.replication = replication
        self.env = simpy.Environment()
        self.run_minutes = days * MINUTES_PER_DAY
        self.warmup_minutes = warmup_days * MINUTES_PER_DAY
        self.start_weekday = start_weekday
        self.log = EventRecorder()
        self.record = self.log.add if record_events else (lambda *args: None)
        self.rows = CustomerRecorder()
        self.active: dict[int, Journey] = {}
        self.stopped = 0
        self.desks = [Desk(self.env, roster, start_weekday) for roster in compiled.rosters]
        # Staff-minutes worked before the warm-up ends are not counted in utilisation.
        self._busy_at_warmup = np.zeros(len(self.desks))
        self.env.timeout(self.warmup_minutes).callbacks.append(self._note_warmup)

        nodes = compiled.nodes
        # A person's draws are keyed by their "place": the entry they came in by, counted
        # separately for those who come at random and those who come at set times.
        random_names = [nodes[e.node].name for e in compiled.entries]
        entry_names = random_names + [f"{name}|scheduled" for name in random_names]

        def draws(dist, purpose):  # noqa: ANN001, ANN202
            return PersonalDraws(dist, seed, replication, purpose, entry_names) if dist else None

        def uniforms(purpose: str) -> PersonalDraws:
            return PersonalDraws(None, seed, replication, purpose, entry_names)

        self.duration = [draws(n.duration, f"duration:{n.name}") for n in nodes]
        self.story_time = [draws(n.repeat_story_time, f"story:{n.name}") for n in nodes]
        self.step_patience = [draws(n.patience, f"patience:step:{n.name}") for n in nodes]
        self.route = [uniforms(f"route:{n.name}") for n in nodes]
        self.info = [uniforms(f"info:{n.name}") for n in nodes]
        self.way_delay = [[draws(w.delay, f"handoff:{w.name}") for w in n.ways] for n in nodes]
        segments = compiled.segments
        self.patience = [draws(s.patience, f"patience:{s.name}") for s in segments]
        self.chase_work = [draws(s.chase.work if s.chase else None, f"chase:{s.name}")
                           for s in segments]
        self.chase_after = [s.chase.after.minutes if s.chase else math.inf for s in segments]
        self.chase_every = [s.chase.every.minutes if s.chase and s.chase.every else math.inf
                            for s in segments]
        self.priority = [s.priority for s in segments]
        for place, entry in enumerate(compiled.entries):
            name = nodes[entry.node].name
            self.env.process(self._arrivals(entry.node, place, entry.rates, entry.mix,
                                            stream(seed, replication, f"arrivals:{name}")))
            times = entry.arrivals.scheduled_times(start_weekday, self.run_minutes)
            if times:
                self.env.process(self._scheduled(
                    entry.node, len(compiled.entries) + place, times, entry.mix,
                    stream(seed, replication, f"scheduled:{name}")))

    def _note_warmup(self, _event: simpy.Event) -> None:
        now = self.env.now
        self._busy_at_warmup = np.array([d.busy_minutes(now) for d in self.desks])

    # -- arrivals ------------------------------------------------------------------------

    def _arrivals(self, node: int, place: int, rates: np.ndarray, cumulative_mix: list[float],
                  rng: np.random.Generator) -> Generator[simpy.Event, None, None]:
        """A non-homogeneous Poisson process by thinning, from the weekday-hour rate table."""
        by_hour = np.roll(rates.reshape(-1), -self.start_weekday * 24)
        peak = float(by_hour.max())
        if peak <= 0:
            return
        constant = bool(by_hour.min() == peak)
        by_hour_list = by_hour.tolist()
        env = self.env
        t = 0.0
        person = 0
        while True:
            gaps = rng.exponential(1.0 / peak, 256).tolist()
            accept = rng.random(256).tolist()
            segment_draws = rng.random(256).tolist()
            for gap, u, s in zip(gaps, accept, segment_draws, strict=True):
                t += gap
                if t >= self.run_minutes:
                    return
                if not constant and u * peak >= by_hour_list[int(t // 60.0) % 168]:
                    continue
                yield env.timeout(t - env.now)
                segment = bisect_right(cumulative_mix, s) if len(cumulative_mix) > 1 else 0
                env.process(self._journey(node, segment, place, person))
                person += 1

    def _scheduled(self, node: int, place: int, times: list[tuple[float, int]],
                   cumulative_mix: list[float],
                   rng: np.random.Generator) -> Generator[simpy.Event, None, None]:
        """People who come at set times (a booked list): ``people`` at each ``minute``."""
        segment_draws = rng.random(sum(people for _, people in times)).tolist()
        env = self.env
        person = 0
        for minute, people in times:
            yield env.timeout(minute - env.now)
            for _ in range(people):
                segment = bisect_right(cumulative_mix, segment_draws[person])
                env.process(self._journey(node, segment, place, person))
                person += 1

    # -- one customer --------------------------------------------------------------------

    def _new_customer(self, node: int, segment: int, place: int, person: int) -> Journey:
        cid = len(self.rows)
        columns = self.rows.columns
        now = self.env.now
        for column in columns.values():
            column.append(0)
        columns["arrival"][cid] = now
        columns["end"][cid] = math.nan
        columns["entry"][cid] = node
        columns["segment"][cid] = segment
        columns["outcome"][cid] = -1
        columns["gave_up_at"][cid] = -1
        journey = Journey(cid, segment, node, place, person)
        self.active[cid] = journey
        return journey

    def _finish(self, journey: Journey, outcome: int, gave_up_at: int) -> None:
        columns = self.rows.columns
        cid = journey.cid
        columns["end"][cid] = self.env.now
        columns["outcome"][cid] = outcome
        columns["gave_up_at"][cid] = gave_up_at
        self._write_totals(journey)
        del self.active[cid]

    def _write_totals(self, journey: Journey) -> None:
        columns = self.rows.columns
        cid = journey.cid
        for name in ("touch", "work", "queue", "handoff_delay", "delay", "unowned",
                     "handoffs", "story_repeats", "chases", "steps"):
            columns[name][cid] = getattr(journey, name)

    def _journey(self, entry: int, segment: int, place: int,
                 person: int) -> Generator[simpy.Event, object, None]:
        env = self.env
        record = self.record
        nodes = self.compiled.nodes
        journey = self._new_customer(entry, segment, place, person)
        cid = journey.cid
        visits = journey.visits
        record(env.now, cid, ARRIVED, entry, NO_TEAM)
        priority = self.priority[segment]
        patience = self.patience[segment]
        chases = self.chase_after[segment] < math.inf
        if chases:
            self._wait_for_news(journey)
        node = nodes[entry]
        last_place = entry  # the last step or delay: where someone who gives up gave up
        last_team = NO_TEAM
        gap_start = env.now
        story_pending = False
        parts_passed = 0
        while True:
            kind = node.kind
            here = node.index
            journey.node = here
            visit = visits.get(here, 0)
            visits[here] = visit + 1
            if kind == STEP:
                team = node.team
                desk = self.desks[team]
                need = node.staff_needed
                queued_at = env.now
                ticket = desk.request(priority, need)
                if ticket is not None:
                    record(queued_at, cid, QUEUED, here, team)
                    step_patience = self.step_patience[here]
                    if step_patience is not None:
                        limit = step_patience(place, person, visit)
                    elif patience is not None:
                        limit = patience(place, person, journey.waits)
                    else:
                        limit = None
                    journey.waits += 1
                    if limit is not None:
                        timer = env.timeout(limit)
                        timer.callbacks.append(lambda _e, d=desk, t=ticket: d.give_up(t))
                    served = yield ticket.event
                    journey.queue += env.now - queued_at
                    if not served:
                        record(env.now, cid, GAVE_UP, here, team)
                        self._finish(journey, -1, here)
                        return
                started = env.now
                if node.customer_present:
                    journey.token += 1  # they hear from the service: chase timers are stale
                if last_team != team and last_team != NO_TEAM:
                    journey.handoffs += 1
                    journey.unowned += started - gap_start
                record(started, cid, STARTED, here, team)
                minutes = self.duration[here](place, person, visit)
                if story_pending:
                    story_pending = False
                    extra = self.story_time[here]
                    if extra is not None:
                        minutes += extra(place, person, visit)
                yield env.timeout(minutes)
                desk.release(need)
                end = env.now
                record(end, cid, FINISHED, here, team)
                journey.work += minutes
                if node.customer_present:
                    journey.touch += minutes
                journey.steps += 1
                last_team = team
                last_place = here
                gap_start = end
                if chases and node.customer_present:
                    self._wait_for_news(journey)
            elif kind == EXIT:
                record(env.now, cid, LEFT, here, NO_TEAM)
                journey.token += 1
                if node.gave_up:
                    self._finish(journey, -1, last_place)
                else:
                    self._finish(journey, here, -1)
                return
            elif kind == DELAY:
                record(env.now, cid, DELAY_STARTED, here, NO_TEAM)
                minutes = self.duration[here](place, person, visit)
                yield env.timeout(minutes)
                journey.delay += minutes
                last_place = here
                record(env.now, cid, DELAY_ENDED, here, NO_TEAM)
            ways = node.ways
            if len(ways) == 1:
                choice = 0
            else:
                choice = bisect_right(node.cumulative[segment],
                                      self.route[here](place, person, visit))
            way = ways[choice]
            if way.info_travels < 1.0 and \
                    self.info[here](place, person, visit) >= way.info_travels:
                journey.story_repeats += 1
                story_pending = True
                record(env.now, cid, STORY_REPEATED, here, NO_TEAM)
            delay = self.way_delay[here][choice]
            if delay is not None:
                record(env.now, cid, HANDED_OFF, here, NO_TEAM)
                minutes = delay(place, person, visit)
                yield env.timeout(minutes)
                journey.handoff_delay += minutes
            node = nodes[way.target]
            parts_passed += 1
            if parts_passed > MAX_VISITS:
                record(env.now, cid, STOPPED, node.index, NO_TEAM)
                self.stopped += 1
                self._finish(journey, -1, -1)
                return

    # -- chasing -------------------------------------------------------------------------

    def _wait_for_news(self, journey: Journey) -> None:
        """Start the clock on a wait: if nothing happens in time, the customer chases."""
        self._schedule_chase(journey, journey.token, self.env.now, 0)

    def _schedule_chase(self, journey: Journey, token: int, since: float, done: int) -> None:
        # Chase times are counted from the start of the wait, not from the last chase, so
        # rounding does not accumulate; and a chase falls due a moment (CHASE_GRACE) after
        # its time, so a wait that ends exactly then (fixed times) ends without a chase.
        segment = journey.segment
        every = self.chase_every[segment]
        if done and every == math.inf:
            return  # they chase once per wait
        due = since + self.chase_after[segment] + (done * every if done else 0.0)
        if due >= self.run_minutes:
            return
        timer = self.env.timeout(due + CHASE_GRACE - self.env.now)
        timer.callbacks.append(lambda _e: self._chase(journey, token, since, done))

    def _chase(self, journey: Journey, token: int, since: float, done: int) -> None:
        if journey.token != token or journey.cid not in self.active:
            return  # they heard something (or left) before the chase was due
        journey.chases += 1
        self.env.process(self._chase_work(journey, journey.chases - 1))
        self._schedule_chase(journey, token, since, done + 1)

    def _chase_work(self, journey: Journey,
                    number: int) -> Generator[simpy.Event, object, None]:
        """The chase is work for the team the segment's rule names: failure demand."""
        env = self.env
        segment = journey.segment
        team = self.compiled.chase_team[segment]
        desk = self.desks[team]
        self.record(env.now, journey.cid, CHASED, journey.node, team)
        ticket = desk.request(self.priority[segment], 1)
        if ticket is not None:
            yield ticket.event
        yield env.timeout(self.chase_work[segment](journey.entry, journey.person, number))
        desk.release(1)
        self.record(env.now, journey.cid, CHASE_ANSWERED, journey.node, team)

    # -- running -------------------------------------------------------------------------

    def run(self, on_day: Callable[[float], None] | None = None,
            cancelled: Callable[[], bool] | None = None, chunk_days: float = 7.0) -> None:
        """Run to the end, a chunk of simulated days at a time (to report and to cancel)."""
        step = chunk_days * MINUTES_PER_DAY
        until = 0.0
        while until < self.run_minutes:
            until = min(until + step, self.run_minutes)
            self.env.run(until=until)
            if on_day is not None:
                on_day(until / MINUTES_PER_DAY)
            if cancelled is not None and cancelled():
                raise Cancelled()

    def output(self) -> ReplicationOutput:
        """Freeze what was recorded; customers still in the system keep NaN as their end."""
        for journey in self.active.values():
            self._write_totals(journey)
        end = self.env.now
        busy = np.array([desk.busy_minutes(end) for desk in self.desks]) - self._busy_at_warmup
        return ReplicationOutput(
            replication=self.replication, events=self.log.freeze(),
            customers=self.rows.freeze(), busy_minutes=busy,
            run_minutes=self.run_minutes, warmup_minutes=self.warmup_minutes,
            stopped_by_watchdog=self.stopped)
