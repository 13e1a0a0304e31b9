"""The replay index: where everyone is at a given minute, checked against the journey log
read customer by customer here, with plain Python and no numpy tricks."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pytest

from outsidein_desktop.analysis.replay import ReplayIndex
from outsidein_desktop.analysis.replay_spans import (
    AT_DELAY,
    IN_TRANSIT,
    QUEUEING,
    spans_of,
    transit_table,
)
from outsidein_desktop.analysis.replication_measures import queue_length_over_time
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
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.journey_log import Event
from outsidein_desktop.sim.runner import run_one

DAYS = 12


def busy_map() -> ServiceMap:
    """Queues that build by day and clear by night, timed handoffs into a decision, a
    delay, a rework loop with two timed ways out of one decision, giving up and chasing."""
    m = ServiceMap(title="Replay test", run=RunSettings(days=DAYS, warmup_days=2,
                                                         replications=1, seed=5))
    m.add_team(Team(name="Admin", shifts=always(1)))
    m.add_team(Team(name="Clinic", shifts=(Shift(start=9, end=17, staff=2),)))
    m.add_segment(Segment(name="Routine", share=3, priority=2,
                          patience=Exponential(mean_value=2, unit="days"),
                          chase=ChaseRule(after=Duration(1, "days"), team="Admin",
                                          work=Fixed(value=10))))
    m.add_segment(Segment(name="Urgent", share=1, priority=1))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=30)))
    m.add(Step(name="Register", team="Admin", duration=Exponential(mean_value=20)))
    m.add(Decision(name="Urgent?"))
    m.add(Delay(name="Waiting list", duration=Exponential(mean_value=1, unit="days")))
    m.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=20)))
    m.add(Decision(name="Sorted?"))
    m.add(Exit(name="Treated"))
    m.connect("Referral", "Register")
    m.connect("Register", "Urgent?", Handoff(delay=Exponential(mean_value=3, unit="hours")))
    m.connect("Urgent?", "Assess", Handoff(probability=0.3))
    m.connect("Urgent?", "Waiting list", Handoff(probability=0.7))
    m.connect("Waiting list", "Assess")
    m.connect("Assess", "Sorted?")
    m.connect("Sorted?", "Treated", Handoff(probability=0.8,
                                            delay=Exponential(mean_value=1, unit="days")))
    m.connect("Sorted?", "Register", Handoff(probability=0.2,
                                             delay=Exponential(mean_value=4, unit="hours")))
    return m


@pytest.fixture(scope="module")
def replayed():
    service_map = busy_map()
    compiled = compile_map(service_map)
    output = run_one(compiled, service_map.run, 0)
    return compiled, output, ReplayIndex(output, compiled, max_dots=5)


PLACE = {Event.ARRIVED: "instant", Event.FINISHED: "instant", Event.DELAY_ENDED: "instant",
         Event.QUEUED: "queueing", Event.STARTED: "being served",
         Event.DELAY_STARTED: "waiting", Event.HANDED_OFF: "travelling",
         Event.LEFT: "left", Event.GAVE_UP: "gave up", Event.STOPPED: "stopped"}


def journeys(output) -> dict[int, list[tuple[float, int, int]]]:
    """Each customer's place events (time, event, part), as logged."""
    ev = output.events
    found = defaultdict(list)
    for time, customer, event, node in zip(ev.time.tolist(), ev.customer.tolist(),
                                           ev.event.tolist(), ev.node.tolist(), strict=True):
        if event in PLACE:
            found[customer].append((time, event, node))
    return found


def state_at(journey: list[tuple[float, int, int]], minute: float) -> tuple[str, int] | None:
    """(state, part) of one customer at ``minute``: the last place event by then says it.
    For a traveller the part is the one they left. None before they arrive."""
    last = None
    for time, event, node in journey:
        if time > minute:
            break
        last = (PLACE[event], node)
    return last


def direct_counts(output, minute: float) -> Counter:
    counts = Counter()
    for journey in journeys(output).values():
        found = state_at(journey, minute)
        if found is not None:
            counts[found] += 1
    return counts


def chosen_times(output) -> list[float]:
    """A few times (by day and by night), none of them at an event's time."""
    times = [d * 1440 + h * 60 + 7.123 for d, h in ((1, 11), (4, 3), (6, 15), (9, 10),
                                                     (11, 23))]
    assert not np.isin(times, output.events.time).any()
    return times


def test_counts_at_chosen_times_equal_the_log_read_customer_by_customer(replayed):
    compiled, output, index = replayed
    names = compiled.node_names
    for minute in chosen_times(output):
        expected = direct_counts(output, minute)
        frame = index.frame(minute)
        for part, name in enumerate(names):
            assert frame.queueing[part] == expected[("queueing", part)], (minute, name)
            assert frame.in_service[part] == expected[("being served", part)], (minute, name)
            assert frame.at_delay[part] == expected[("waiting", part)], (minute, name)
            assert frame.left[part] == expected[("left", part)], (minute, name)
            assert frame.gave_up[part] == expected[("gave up", part)], (minute, name)
            leaving = [h for h, (source, _) in enumerate(index.handoffs) if source == part]
            assert frame.in_transit[leaving].sum() == expected[("travelling", part)]
        assert frame.arrived.sum() == sum(expected.values())
        assert not any(state == "instant" for state, _ in expected)
    # The run had something to show: queues, travellers, giving up.
    last = index.frame(chosen_times(output)[-1])
    assert last.queueing.sum() > 0 and last.in_transit.sum() > 0 and last.gave_up.sum() > 0


def test_travellers_are_on_the_handoff_they_took(replayed):
    """Register's one timed way leads into a decision: its trips end at the Assess queue or
    the waiting list, and are still put on Register → Urgent?."""
    compiled, output, index = replayed
    names = compiled.node_names
    register, urgent = names.index("Register"), names.index("Urgent?")
    handoff = index.handoffs.index((register, urgent))
    table, _ = transit_table(compiled)
    assert table[register, names.index("Assess")] == handoff
    assert table[register, names.index("Waiting list")] == handoff
    for minute in chosen_times(output):
        expected = direct_counts(output, minute)[("travelling", register)]
        assert index.frame(minute).in_transit[handoff] == expected


def test_only_trips_under_way_at_the_end_have_their_handoff_assumed(replayed):
    compiled, output, _ = replayed
    spans = spans_of(output, compiled)
    open_trips = (spans.kind == IN_TRANSIT) & np.isinf(spans.end)
    assert spans.guessed == open_trips.sum()
    assert (spans.place[spans.kind == IN_TRANSIT] >= 0).all()


def test_everyone_in_the_system_is_somewhere(replayed):
    _, output, index = replayed
    for minute in np.random.default_rng(3).uniform(0, index.run_minutes, 50):
        frame = index.frame(minute)
        placed = (frame.queueing.sum() + frame.in_service.sum() + frame.at_delay.sum()
                  + frame.in_transit.sum())
        assert placed == frame.in_system


def test_the_last_frame_shows_who_was_left_in_the_system_at_the_end(replayed):
    compiled, output, index = replayed
    frame = index.frame(index.run_minutes)
    still_in = int(np.isnan(output.customers["end"]).sum())
    assert frame.in_system == still_in > 0
    assert frame.arrived.sum() == index.customers == len(output.customers["arrival"])
    # The queues left at the end, per team, as the results compute them.
    teams = len(compiled.team_names)
    at_end = queue_length_over_time(output, teams, np.array([index.run_minutes]))[:, 0]
    for t in range(teams):
        steps = [n.index for n in compiled.nodes if n.team == t]
        assert frame.queueing[steps].sum() == at_end[t]
    assert index.frame(index.run_minutes + 1e6).minute == index.run_minutes


def test_dots_move_along_handoffs_and_the_ones_not_drawn_are_counted(replayed):
    _, output, index = replayed
    for minute in np.linspace(60, index.run_minutes, 40):
        frame = index.frame(minute)
        for h in range(len(index.handoffs)):
            progress = frame.dots[h]
            assert ((progress >= 0) & (progress <= 1)).all()
            assert len(progress) <= index.max_dots
            assert len(progress) + frame.hidden[h] == frame.in_transit[h]
            assert len(set(frame.dot_customers[h].tolist())) == len(progress)
    # A dot moves forward as time passes, and the same traveller stays drawn.
    frame = index.frame(5 * 1440 + 600)
    handoff = int(np.argmax([len(d) for d in frame.dots]))
    later = index.frame(frame.minute + 1)
    before = dict(zip(frame.dot_customers[handoff].tolist(), frame.dots[handoff].tolist(),
                      strict=True))
    after = dict(zip(later.dot_customers[handoff].tolist(), later.dots[handoff].tolist(),
                     strict=True))
    kept = set(before) & set(after)
    assert kept and all(after[c] >= before[c] for c in kept)
    assert index.frame(frame.minute, max_dots=0).hidden.sum() == frame.in_transit.sum()


def test_a_chosen_customer_is_followed(replayed):
    compiled, output, index = replayed
    found = journeys(output)
    seen = set()
    for customer in (0, 7, 40, index.customers - 1):
        for minute in chosen_times(output):
            where = index.where(customer, minute)
            expected = state_at(found[customer], minute)
            if expected is None:
                assert where.state == "not arrived yet"
                continue
            state, part = expected
            assert where.state == state
            assert where.part == part
            if state == "travelling":
                assert index.handoffs[where.handoff][0] == part
                assert 0 <= where.progress <= 1
            seen.add(state)
            assert index.describe(where).startswith(f"Customer {customer + 1:,}: ")
    assert {"left"} <= seen
    with pytest.raises(ValueError, match="There is no customer number 99999"):
        index.where(99_999, 0)


def test_a_traveller_is_described_in_words(replayed):
    compiled, output, index = replayed
    frame = index.frame(5 * 1440 + 600)
    handoff = int(np.argmax(frame.in_transit))
    customer = int(frame.dot_customers[handoff][0])
    where = index.where(customer, frame.minute)
    source, target = (compiled.node_names[i] for i in index.handoffs[handoff])
    assert where.state == "travelling" and where.handoff == handoff
    assert f"on the way from {source} to {target}" in index.describe(where)
    assert index.peak_queue.max() >= frame.queueing.max()


def test_the_peaks_are_the_most_held_at_once(replayed):
    """A part's peak is its count just after some customer joined it, and never beaten."""
    compiled, output, index = replayed
    spans = spans_of(output, compiled)
    for kind, peaks, field in ((QUEUEING, index.peak_queue, "queueing"),
                               (AT_DELAY, index.peak_waiting, "at_delay")):
        for part in range(len(compiled.nodes)):
            joins = spans.start[(spans.kind == kind) & (spans.place == part)]
            if not len(joins):
                assert peaks[part] == 0
                continue
            held = [getattr(index.frame(t), field)[part] for t in joins]
            assert peaks[part] == max(held) > 0
