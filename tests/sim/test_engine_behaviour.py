"""How the engine behaves, read back from its journey log.

Each test builds a small map with the domain API, runs it, and checks a rule of the
service from the events (working hours, rosters, priority, arrivals by hour and weekday,
handoffs, routing, chasing, patience), or that a bad run ends with a clear warning or
error rather than a hang or a traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import signal
import threading
import time
from contextlib import contextmanager

import numpy as np
import pytest

from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.analysis.summary_text import format_summary
from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.validate import errors, validate
from outsidein_desktop.sim import compiled as compiled_module
from outsidein_desktop.sim.compiled import MapNotRunnable, compile_map
from outsidein_desktop.sim.engine import MAX_VISITS, Cancelled, Replication
from outsidein_desktop.sim.journey_log import Event
from outsidein_desktop.sim.runner import run_replications

MONDAY = dt.date(2026, 1, 5)
THURSDAY = dt.date(2026, 1, 8)
EVERY_DAY = tuple(range(7))


def settings(days: float, warmup: float = 0.0, replications: int = 1, seed: int = 7,
             start_date: dt.date = MONDAY) -> RunSettings:
    return RunSettings(days=days, warmup_days=warmup, replications=replications, seed=seed,
                       start_date=start_date)


def line_map(run: RunSettings, *, team: Team, duration, per_day: float,
             arrivals: Arrivals | None = None) -> ServiceMap:
    """In -> Serve (done by ``team``) -> Out."""
    service_map = ServiceMap(title="Line", run=run)
    service_map.add_team(team)
    service_map.add(Entry(name="In", arrivals=arrivals or Arrivals(per_day=per_day)))
    service_map.add(Step(name="Serve", team=team.name, duration=duration))
    service_map.add(Exit(name="Out"))
    service_map.connect("In", "Serve")
    service_map.connect("Serve", "Out")
    return service_map


def index_of(service_map: ServiceMap, name: str) -> int:
    return compile_map(service_map).node_names.index(name)


def clock(start_date: dt.date, minutes: float) -> dt.datetime:
    """The real date-time of an engine time (minutes from midnight of the start date)."""
    return dt.datetime.combine(start_date, dt.time()) + dt.timedelta(minutes=float(minutes))


def events_of(output, kind: Event, node: int | None = None) -> np.ndarray:
    ev = output.events
    mask = ev.event == kind
    if node is not None:
        mask &= ev.node == node
    return np.flatnonzero(mask)


def by_customer(output) -> dict[int, list[tuple[float, int, int]]]:
    """Each customer's events in order: (time, event, node)."""
    ev = output.events
    journeys: dict[int, list[tuple[float, int, int]]] = {}
    for t, c, e, n in zip(ev.time.tolist(), ev.customer.tolist(), ev.event.tolist(),
                          ev.node.tolist(), strict=True):
        journeys.setdefault(c, []).append((t, e, n))
    return journeys


@contextmanager
def deadline(seconds: float):
    """Fail (rather than hang the suite) if the block takes longer than ``seconds``."""
    def expire(_signum, _frame):
        raise TimeoutError(f"still running after {seconds} s: the engine hangs")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- working hours and rosters -----------------------------------------------------------


@pytest.mark.parametrize("start_date", [MONDAY, THURSDAY], ids=["Monday", "Thursday"])
@pytest.mark.parametrize("minutes", [60, 90], ids=["60-min", "90-min"])
def test_office_hours_team_starts_work_only_in_its_hours(start_date, minutes):
    """Mon-Fri 09:00-17:00: nothing starts outside; work under way at 17:00 is finished.

    With 60-minute jobs from 09:00, one ends exactly at 17:00: the next must not start.
    """
    run = settings(days=21, start_date=start_date)
    team = Team(name="Office", shifts=(Shift(days=(0, 1, 2, 3, 4), start=9, end=17,
                                             staff=2),))
    service_map = line_map(run, team=team, duration=Fixed(value=minutes), per_day=6)
    (output,) = run_replications(service_map)
    ev = output.events
    started = events_of(output, Event.STARTED)
    finished = events_of(output, Event.FINISHED)
    assert len(started) > 50
    for t in ev.time[started]:
        when = clock(start_date, t)
        assert when.weekday() < 5, f"work started on a {when:%A} ({when})"
        assert 9 <= when.hour < 17, f"work started at {when:%H:%M} on {when:%A}"
    # Every job that started runs its full time, even across 17:00 (nobody downs tools)
    assert ev.time[finished] - ev.time[started[:len(finished)]] == pytest.approx(minutes)
    assert len(started) - len(finished) <= 2  # at most the two in hand at the end
    if minutes == 90:  # 09:00, 10:30, ... 16:30: the last job of the day ends at 18:00
        ends = [clock(start_date, t) for t in ev.time[finished]]
        assert any(e.hour == 18 and e.minute == 0 for e in ends)
    busy = np.cumsum(np.where(ev.event[np.sort(np.r_[started, finished])] == Event.STARTED,
                              1, -1))
    assert busy.max() == 2


def test_a_roster_never_has_more_busy_than_on_duty():
    """1 on duty 08:00-12:00, 3 on duty 12:00-18:00, every day; reconstructed from the log."""
    roster = (Shift(days=EVERY_DAY, start=8, end=12, staff=1),
              Shift(days=EVERY_DAY, start=12, end=18, staff=3))
    team = Team(name="Clinic", shifts=roster)
    run = settings(days=14)
    service_map = line_map(run, team=team, duration=Exponential(mean_value=30), per_day=40)
    on_duty = team.roster()
    (output,) = run_replications(service_map)
    ev = output.events
    busy = 0
    most = {1: 0, 3: 0}
    for t, kind in zip(ev.time.tolist(), ev.event.tolist(), strict=True):
        if kind == Event.FINISHED:
            busy -= 1
        elif kind == Event.STARTED:
            busy += 1
            when = clock(MONDAY, t)
            staff = on_duty[when.weekday(), when.hour]
            assert busy <= staff, f"{busy} busy at {when} with {staff} on duty"
            most[staff] = max(most[staff], busy)
    assert most == {1: 1, 3: 3}  # both parts of the roster were used to the full


# -- priority ----------------------------------------------------------------------------


def test_priority_one_is_served_before_priority_two():
    """M/M/1 at 80% shared by two equal segments; non-preemptive priority.

    Cobham's formula: W1 = W0 / (1 - rho1), W2 = W0 / ((1 - rho1)(1 - rho)), with
    W0 = lambda E[S^2] / 2 = 0.8 minutes: 1.33 and 6.67 minutes.
    """
    run = settings(days=6, warmup=0.5, replications=3)
    service_map = line_map(run, team=Team(name="Desk", shifts=always(1)),
                           duration=Exponential(mean_value=1.0), per_day=0.8 * 1440)
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add_segment(Segment(name="Routine", share=1, priority=2))
    outputs = run_replications(service_map)
    waits = {0: [], 1: []}
    for output in outputs:
        c = output.customers
        done = (c["arrival"] >= output.warmup_minutes) & (c["outcome"] >= 0)
        for segment in waits:
            waits[segment].append(c["queue"][done & (c["segment"] == segment)].mean())
        # first come, first served within a segment
        journeys = by_customer(output)
        for segment in waits:
            mine = [j for cid, j in journeys.items() if c["segment"][cid] == segment]
            queued = [(j[1][0], j[2][0]) for j in mine if len(j) > 2 and j[1][1] == Event.QUEUED]
            start_order = [s for _, s in sorted(queued)]
            assert start_order == sorted(start_order)
    urgent, routine = np.mean(waits[0]), np.mean(waits[1])
    assert urgent < routine / 3
    assert urgent == pytest.approx(0.8 / 0.6, rel=0.15)
    assert routine == pytest.approx(0.8 / (0.6 * 0.2), rel=0.25)


# -- arrivals ----------------------------------------------------------------------------


def test_no_arrivals_in_hours_with_zero_weight():
    """Arrivals from 07:00 to 19:00 only, 120 a day on average."""
    by_hour = (0,) * 7 + (1,) * 12 + (0,) * 5
    run = settings(days=14, replications=2)
    service_map = line_map(run, team=Team(name="Desk", shifts=always(20)),
                           duration=Fixed(value=1), per_day=120,
                           arrivals=Arrivals(per_day=120, by_hour=by_hour))
    counts = []
    for output in run_replications(service_map):
        arrived = output.customers["arrival"]
        hours = (arrived % 1440) // 60
        assert ((hours >= 7) & (hours < 19)).all()
        counts.append(len(arrived))
    # both hours-of-the-day edges are used (the rate is flat from 07:00 to 19:00)
    assert np.mean(counts) / 14 == pytest.approx(120, rel=0.1)


def test_monday_weight_two_gets_twice_the_arrivals():
    """by_weekday Monday 2, other days 1; the run starts on a Thursday."""
    run = settings(days=28, replications=2, start_date=THURSDAY)
    arrivals = Arrivals(per_day=100, by_weekday=(2, 1, 1, 1, 1, 1, 1))
    service_map = line_map(run, team=Team(name="Desk", shifts=always(20)),
                           duration=Fixed(value=1), per_day=100, arrivals=arrivals)
    per_weekday = np.zeros(7)
    for output in run_replications(service_map):
        for t in output.customers["arrival"]:
            per_weekday[clock(THURSDAY, t).weekday()] += 1
    others = per_weekday[1:].mean()
    assert per_weekday[0] / others == pytest.approx(2.0, abs=0.25)
    assert per_weekday[1:].min() / per_weekday[1:].max() > 0.8
    # the daily average is still per_day: 100 x 7 x 2/8 = 175 on a Monday
    assert per_weekday.sum() / (28 * 2) == pytest.approx(100, rel=0.08)


# -- handoffs, story repeats, routing ----------------------------------------------------


def handoff_map(run: RunSettings, info_travels: float) -> ServiceMap:
    """In -> Reception (10 min) -[30 min in the post; information travels or not]->
    Clinic (20 min, plus 5 min if the customer tells their story again) -> Out."""
    service_map = ServiceMap(title="Handoff", run=run)
    service_map.add_team(Team(name="Front", shifts=always(20)))
    service_map.add_team(Team(name="Back", shifts=always(20)))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=100)))
    service_map.add(Step(name="Reception", team="Front", duration=Fixed(value=10)))
    service_map.add(Step(name="Clinic", team="Back", duration=Fixed(value=20),
                         repeat_story_time=Fixed(value=5)))
    service_map.add(Exit(name="Out"))
    service_map.connect("In", "Reception")
    service_map.connect("Reception", "Clinic",
                        Handoff(delay=Fixed(value=30), info_travels=info_travels))
    service_map.connect("Clinic", "Out")
    return service_map


def test_lost_information_makes_every_customer_repeat_their_story_once():
    run = settings(days=5)
    service_map = handoff_map(run, info_travels=0.0)
    clinic = index_of(service_map, "Clinic")
    reception = index_of(service_map, "Reception")
    (output,) = run_replications(service_map)
    c = output.customers
    done = c["outcome"] >= 0
    assert done.sum() > 300
    assert (c["story_repeats"][done] == 1).all()
    assert (c["handoffs"][done] == 1).all()
    assert c["handoff_delay"][done] == pytest.approx(30)
    assert c["work"][done] == pytest.approx(10 + 20 + 5)  # the story adds its time
    assert c["touch"][done] == pytest.approx(35)
    assert (c["queue"][done] == 0).all()  # 20 staff for ~100 a day: nobody queues
    assert c["unowned"][done] == pytest.approx(30)  # the time in the post
    passed = len(events_of(output, Event.FINISHED, reception))
    assert len(events_of(output, Event.STORY_REPEATED)) == passed
    assert len(events_of(output, Event.HANDED_OFF)) == passed
    ev = output.events
    starts = ev.time[events_of(output, Event.STARTED, clinic)]
    ends = ev.time[events_of(output, Event.FINISHED, clinic)]
    assert ends - starts[:len(ends)] == pytest.approx(25)
    # the clinic starts 30 minutes (the handoff's delay) after reception finishes
    for journey in by_customer(output).values():
        times = {(e, n): t for t, e, n in journey}
        if (Event.STARTED, clinic) in times:
            assert (times[Event.STARTED, clinic] - times[Event.FINISHED, reception]
                    == pytest.approx(30))


@pytest.mark.parametrize(("info_travels", "share"), [(1.0, 0.0), (0.5, 0.5)])
def test_story_repeats_follow_the_chance_that_information_travels(info_travels, share):
    (output,) = run_replications(handoff_map(settings(days=5), info_travels))
    c = output.customers
    done = c["outcome"] >= 0
    repeated = c["story_repeats"][done]
    assert set(np.unique(repeated)) <= {0, 1}
    assert repeated.mean() == pytest.approx(share, abs=0.06)
    assert c["work"][done] == pytest.approx(30 + 5 * repeated)


def test_routing_by_segment():
    """Urgent customers always take the fast track; the rest take it 30% of the time."""
    run = settings(days=10, replications=2)
    service_map = ServiceMap(title="Routing", run=run)
    service_map.add_segment(Segment(name="Routine", share=1))
    service_map.add_segment(Segment(name="Urgent", share=1))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=200)))
    service_map.add(Decision(name="Which way?"))
    service_map.add(Exit(name="Fast track"))
    service_map.add(Exit(name="Usual route"))
    service_map.connect("In", "Which way?")
    service_map.connect("Which way?", "Fast track",
                        Handoff(probability=0.3, by_segment={"Urgent": 1.0}))
    service_map.connect("Which way?", "Usual route",
                        Handoff(probability=0.7, by_segment={"Urgent": 0.0}))
    fast = index_of(service_map, "Fast track")
    routine_fast = []
    for output in run_replications(service_map):
        c = output.customers
        urgent = c["segment"] == 1
        assert urgent.sum() > 500 and (~urgent).sum() > 500
        assert (c["outcome"][urgent] == fast).all()
        routine_fast.append((c["outcome"][~urgent] == fast).mean())
    assert np.mean(routine_fast) == pytest.approx(0.3, abs=0.04)


def test_rework_loop_sends_the_right_share_back():
    """A decision sending 25% back: visits per customer average 1 / 0.75."""
    run = settings(days=10)
    service_map = line_map(run, team=Team(name="Desk", shifts=always(3)),
                           duration=Exponential(mean_value=5), per_day=100)
    service_map.disconnect("Serve", "Out")
    service_map.add(Decision(name="Right first time?"))
    service_map.connect("Serve", "Right first time?")
    service_map.connect("Right first time?", "Out", Handoff(probability=0.75))
    service_map.connect("Right first time?", "Serve", Handoff(probability=0.25))
    (output,) = run_replications(service_map)
    c = output.customers
    done = c["outcome"] >= 0
    assert c["steps"][done].mean() == pytest.approx(1 / 0.75, rel=0.06)
    assert c["steps"][done].min() == 1 and c["steps"][done].max() >= 3


# -- chasing -----------------------------------------------------------------------------


def chasing_map(run: RunSettings) -> ServiceMap:
    """A 5-day gap between two steps; customers chase after 1 day, then every day."""
    service_map = ServiceMap(title="Chasing", run=run)
    service_map.add_team(Team(name="Office", shifts=always(5)))
    service_map.add_team(Team(name="Contact centre", shifts=always(5)))
    service_map.add_segment(Segment(
        name="Everyone", chase=ChaseRule(after=Duration(1, "days"), team="Contact centre",
                                         work=Fixed(value=10), every=Duration(1, "days"))))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=10)))
    service_map.add(Step(name="Apply", team="Office", duration=Fixed(value=5)))
    service_map.add(Step(name="Decide", team="Office", duration=Fixed(value=5)))
    service_map.add(Exit(name="Decided"))
    service_map.connect("In", "Apply")
    service_map.connect("Apply", "Decide", Handoff(delay=Fixed(value=5, unit="days")))
    service_map.connect("Decide", "Decided")
    return service_map


def test_customers_chase_every_day_of_a_five_day_wait():
    run = settings(days=30, warmup=0)
    service_map = chasing_map(run)
    apply = index_of(service_map, "Apply")
    run_ = simulate(service_map, run)
    (output,) = run_.outputs
    c = output.customers
    done = c["outcome"] >= 0
    assert done.sum() > 200
    assert (c["chases"][done] == 4).all()  # at days 1, 2, 3 and 4 of the 5-day wait
    ev = output.events
    for journey in by_customer(output).values():
        times = {(e, n): t for t, e, n in journey}
        chased = [t for t, e, _ in journey if e == Event.CHASED]
        if (Event.FINISHED, apply) in times and chased:
            gaps = np.array(chased) - times[Event.FINISHED, apply]
            assert gaps == pytest.approx(1440.0 * np.arange(1, len(chased) + 1))
    # the chase is work for the contact centre: 10 minutes each, no queue with 5 staff
    chased = events_of(output, Event.CHASED)
    answered = events_of(output, Event.CHASE_ANSWERED)
    assert ev.time[answered] - ev.time[chased[:len(answered)]] == pytest.approx(10)
    assert set(ev.team[chased]) == {1}
    expected_busy = np.minimum(10.0, output.run_minutes - ev.time[chased]).sum()
    assert output.busy_minutes[1] == pytest.approx(expected_busy)
    assert output.busy_minutes[1] > 0
    team = run_.results.teams[1]
    assert team.name == "Contact centre"
    assert team.chases_per_day.mean == pytest.approx(len(answered) / 30)
    assert team.utilisation.mean == pytest.approx(expected_busy / (30 * 1440 * 5))


@pytest.mark.parametrize("seed", [2, 3])
def test_no_chase_at_the_instant_the_wait_ends(seed):
    """With these seeds one customer's 5-day wait ends at the same instant (up to float
    rounding) as their 5th daily chase timer: the wait is over, so they must not chase."""
    run = settings(days=30, warmup=0, seed=seed)
    (output,) = run_replications(chasing_map(run))
    c = output.customers
    done = c["outcome"] >= 0
    assert (c["chases"][done] == 4).all()


def test_customers_who_hear_back_in_time_never_chase():
    run = settings(days=20)
    service_map = chasing_map(run)
    service_map.update_handoff("Apply", "Decide", delay=Fixed(value=23, unit="hours"))
    (output,) = run_replications(service_map)
    assert len(events_of(output, Event.CHASED)) == 0
    assert (output.customers["chases"] == 0).all()


# -- patience ----------------------------------------------------------------------------


def test_customers_give_up_only_while_queueing():
    """Patience (30 min on average) is shorter than the post (2 h) and the handoff (1 h),
    so only the queue for a team can make anyone give up."""
    run = settings(days=10)
    service_map = ServiceMap(title="Patience", run=run)
    service_map.add_team(Team(name="Desk", shifts=always(1)))
    service_map.add_segment(Segment(name="Callers", patience=Exponential(mean_value=30)))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=110)))
    service_map.add(Delay(name="Post", duration=Fixed(value=2, unit="hours")))
    service_map.add(Step(name="Serve", team="Desk", duration=Exponential(mean_value=12)))
    service_map.add(Exit(name="Out"))
    service_map.connect("In", "Post")
    service_map.connect("Post", "Serve", Handoff(delay=Fixed(value=60)))
    service_map.connect("Serve", "Out")
    serve = index_of(service_map, "Serve")
    (output,) = run_replications(service_map)
    c = output.customers
    gave_up = c["gave_up_at"] >= 0
    assert 20 < gave_up.sum() < 0.5 * len(gave_up)
    assert (c["gave_up_at"][gave_up] == serve).all()
    assert (c["outcome"][gave_up] == -1).all()
    for cid, journey in by_customer(output).items():
        kinds = [e for _, e, _ in journey]
        if Event.GAVE_UP not in kinds:
            continue
        at = kinds.index(Event.GAVE_UP)
        assert at == len(kinds) - 1  # nothing happens to them afterwards
        queued_time, queued_kind, queued_node = journey[at - 1]
        assert queued_kind == Event.QUEUED and queued_node == serve
        assert Event.STARTED not in kinds
        assert c["end"][cid] == journey[at][0]
        assert c["queue"][cid] == pytest.approx(journey[at][0] - queued_time)
    # served customers (including those who never queued) finished their journey
    served = np.unique(output.events.customer[events_of(output, Event.STARTED)])
    assert not gave_up[served].any()


# -- bad runs end with a clear warning or error ------------------------------------------


def endless_loop_map(run: RunSettings) -> ServiceMap:
    """Two decisions handing customers to each other in no time, for ever."""
    service_map = ServiceMap(title="Endless", run=run)
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=10)))
    service_map.add(Decision(name="Ask"))
    service_map.add(Decision(name="Ask again"))
    service_map.add(Exit(name="Out"))
    service_map.connect("In", "Ask")
    service_map.connect("Ask", "Ask again", Handoff(probability=1.0))
    service_map.connect("Ask", "Out", Handoff(probability=0.0))
    service_map.connect("Ask again", "Ask")
    return service_map


def test_validation_refuses_an_endless_loop():
    service_map = endless_loop_map(settings(days=2))
    found = errors(validate(service_map))
    assert any("loop" in p.message for p in found)
    with pytest.raises(MapNotRunnable):
        compile_map(service_map)


def test_the_watchdog_stops_an_endless_loop_that_got_past_validation(monkeypatch):
    run = settings(days=3, replications=2)
    service_map = endless_loop_map(run)
    monkeypatch.setattr(compiled_module, "errors", lambda problems: [])
    compiled = compile_map(service_map)
    # the engine itself, constructed directly
    model = Replication(compiled, seed=1, replication=0, days=3, warmup_days=0,
                        start_weekday=0)
    with deadline(30):
        model.run()
    output = model.output()
    arrived = len(output.customers["arrival"])
    assert arrived > 10
    assert output.stopped_by_watchdog == arrived
    assert len(events_of(output, Event.STOPPED)) == arrived
    assert (output.customers["outcome"] == -1).all()
    assert np.isfinite(output.customers["end"]).all()  # stopped, not left inside
    # and through the whole run, a warning says so
    with deadline(30):
        results = simulate(service_map).results
    assert any("loop" in w and f"{MAX_VISITS:,}" in w for w in results.warnings)


def heavy_map(days: float = 365, replications: int = 4) -> ServiceMap:
    run = settings(days=days, warmup=1, replications=replications)
    return line_map(run, team=Team(name="Desk", shifts=always(2)),
                    duration=Exponential(mean_value=1), per_day=1440)


@pytest.mark.parametrize("jobs", [1, 2])
def test_cancel_from_the_progress_callback_stops_quickly(jobs):
    """A run that would take a minute or more stops within seconds of the request."""
    cancel = threading.Event()
    heard = []

    def progress(report):
        heard.append(report)
        cancel.set()

    began = time.perf_counter()
    with deadline(60), pytest.raises(Cancelled):
        run_replications(heavy_map(), jobs=jobs, progress=progress, cancel=cancel)
    assert time.perf_counter() - began < 10
    assert heard and heard[0].replications_done == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_reports_grow_to_one(jobs):
    service_map = heavy_map(days=15, replications=3)
    heard = []
    run_replications(service_map, jobs=jobs, progress=heard.append)
    fractions = [p.fraction for p in heard]
    assert len(fractions) >= 3
    assert all(b >= a for a, b in zip(fractions, fractions[1:], strict=False))
    assert 0 <= fractions[0] < 1
    assert fractions[-1] == 1.0
    assert heard[-1].replications_done == heard[-1].replications == 3
    assert heard[-1].simulated_days == heard[-1].total_days == 45
    done = [p.replications_done for p in heard]
    assert done == sorted(done)


def unstable_map(run: RunSettings) -> ServiceMap:
    """1.2 customers an hour for a team that can do 1 an hour: a load of 120%."""
    return line_map(run, team=Team(name="Overloaded desk", shifts=always(1)),
                    duration=Exponential(mean_value=60), per_day=1.2 * 24)


def test_an_unstable_map_finishes_warns_and_reports_the_growing_queue():
    service_map = unstable_map(settings(days=40, warmup=2, replications=2))
    assert any("More work arrives" in p.message for p in validate(service_map))
    with deadline(60):
        run = simulate(service_map)
    results = run.results
    assert any("Overloaded desk" in w and "growing" in w for w in results.warnings)
    # about 0.2 an hour more arrive than are served: ~180 waiting after 38 days
    assert results.teams[0].queue_at_end.mean > 100
    queue = results.queue_length["Overloaded desk"][0]
    third = len(queue) // 3
    assert queue[-third:].mean() > 2 * queue[:third].mean()
    assert results.teams[0].utilisation.mean > 0.95


def test_an_unstable_map_warns_with_the_default_warm_up():
    service_map = unstable_map(settings(days=100, warmup=28, replications=2))
    results = simulate(service_map).results
    assert results.teams[0].queue_at_end.mean > 300  # the backlog is obvious ...
    assert any("Overloaded desk" in w for w in results.warnings)  # ... and reported


def test_no_arrivals_gives_empty_results_not_a_crash():
    run = settings(days=5, warmup=1, replications=2)
    service_map = line_map(run, team=Team(name="Desk", shifts=always(1)),
                           duration=Exponential(mean_value=5), per_day=0)
    run_ = simulate(service_map)
    for output in run_.outputs:
        assert len(output.customers["arrival"]) == 0
        assert len(output.events) == 0
    results = run_.results
    c = results.customer
    assert c["arrivals_per_day"].mean == 0
    assert c["completed_per_day"].mean == 0
    assert math.isnan(c["end_to_end_mean"].mean)
    assert math.isnan(results.steps[0].mean_wait.mean)
    assert results.teams[0].utilisation.mean == 0
    assert json.dumps(results.to_dict(), allow_nan=False)
    assert "n/a" in format_summary(results)


def test_a_map_with_errors_is_not_run_and_every_error_is_listed():
    service_map = ServiceMap(title="Broken", run=settings(days=2))
    service_map.add_team(Team(name="Nobody on duty"))
    service_map.add(Entry(name="In", arrivals=Arrivals(per_day=10)))
    service_map.add(Step(name="Triage", team="Nurses", duration=Fixed(value=5)))
    service_map.add(Step(name="Review", team="Nobody on duty", duration=Fixed(value=5)))
    service_map.connect("In", "Triage")
    service_map.connect("Triage", "Review")
    found = errors(validate(service_map))
    assert len(found) >= 3  # no exit, no team 'Nurses', a team with no hours ...
    with pytest.raises(MapNotRunnable) as raised:
        compile_map(service_map)
    message = str(raised.value)
    for problem in found:
        assert problem.message in message
        assert str(problem.element) in message
    with pytest.raises(MapNotRunnable):
        run_replications(service_map)
    with pytest.raises(MapNotRunnable):
        simulate(service_map)
