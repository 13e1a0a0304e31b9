"""Replications summarised one by one, as each comes in, give the same results as
summarising them all at the end; and the vectorised measures the summaries are built from
agree with plain, event-by-event reference computations."""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict

import numpy as np
import pytest

from outsidein_desktop.analysis.by_customer import JOURNEY_EVENTS, customer_events
from outsidein_desktop.analysis.replication_measures import (
    mean_queue_length,
    queue_length_over_time,
    step_indices,
)
from outsidein_desktop.analysis.replication_summary import summarise_replication
from outsidein_desktop.analysis.results import summarise, summarise_replications
from outsidein_desktop.analysis.run import simulate
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
from outsidein_desktop.sim.compiled import STEP
from outsidein_desktop.sim.journey_log import Event

SETTINGS = RunSettings(days=12, warmup_days=2, replications=3, seed=23)


def busy_map() -> ServiceMap:
    """Queues that form and clear (an office-hours team), giving up, chasing, a delay,
    rework, and a queue still waiting at the end of the run."""
    service_map = ServiceMap(title="Repairs", run=SETTINGS)
    service_map.add_team(Team(name="Contact centre", shifts=always(1)))
    service_map.add_team(Team(name="Surveyors", shifts=(Shift(start=9, end=17, staff=2),)))
    service_map.add_segment(Segment(
        name="Tenant", share=3, priority=2, patience=Exponential(mean_value=2, unit="days"),
        chase=ChaseRule(after=Duration(1, "days"), team="Contact centre", work=Fixed(value=8),
                        every=Duration(1, "days"))))
    service_map.add_segment(Segment(name="Emergency", share=1, priority=1))
    service_map.add(Entry(name="Report", arrivals=Arrivals(per_day=30)))
    service_map.add(Step(name="Log repair", team="Contact centre",
                         duration=Exponential(mean_value=12)))
    service_map.add(Delay(name="Parts", duration=Exponential(mean_value=4, unit="hours")))
    service_map.add(Step(name="Survey", team="Surveyors", duration=Exponential(mean_value=35),
                         customer_present=False))
    service_map.add(Decision(name="Fixed?"))
    service_map.add(Exit(name="Repaired"))
    service_map.connect("Report", "Log repair")
    service_map.connect("Log repair", "Parts", Handoff(delay=Exponential(mean_value=1,
                                                                          unit="hours")))
    service_map.connect("Parts", "Survey", Handoff(info_travels=0.5))
    service_map.connect("Survey", "Fixed?")
    service_map.connect("Fixed?", "Repaired", Handoff(probability=0.75))
    service_map.connect("Fixed?", "Log repair", Handoff(probability=0.25))
    return service_map


@pytest.fixture(scope="module")
def run():
    return simulate(busy_map())


def assert_same(a, b, path="results"):
    """Equal field by field: numbers exactly (NaN equal to NaN), arrays element by element."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), path
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            assert_same(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, np.ndarray):
        np.testing.assert_array_equal(a, b, err_msg=path)
    elif isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b), path
    else:
        assert a == b, path


def test_the_run_has_what_the_checks_need(run):
    """Guards the checks below against passing for want of data."""
    ev = np.concatenate([o.events.event for o in run.outputs])
    for kind in (Event.QUEUED, Event.GAVE_UP, Event.CHASE_ANSWERED, Event.LEFT):
        assert (ev == kind).sum() > 5, kind.name
    at_end = np.stack([queue_length_over_time(o, 2, np.array([o.run_minutes]))[:, 0]
                       for o in run.outputs])
    assert at_end.sum() > 0  # someone is still queueing when the run stops


def test_summarising_as_replications_come_in_gives_what_summarising_at_the_end_gives(run):
    at_the_end = summarise(run.outputs, run.compiled, run.settings, title="Repairs")
    # simulate puts its warnings about overloaded teams (known before the run) first.
    as_they_came = dataclasses.replace(
        run.results, warnings=run.results.warnings[len(run.results.warnings)
                                                    - len(at_the_end.warnings):])
    assert_same(as_they_came, at_the_end)


def test_replications_may_come_in_any_order(run):
    summaries = [summarise_replication(o, run.compiled, run.settings,
                                       with_capability=o.replication == 0)
                 for o in reversed(run.outputs)]
    assert_same(summarise_replications(summaries, run.compiled, run.settings),
                summarise(run.outputs[::-1], run.compiled, run.settings))


def test_customer_events_are_each_customers_journey_events_in_time_order(run):
    output = run.outputs[1]
    ev = output.events
    expected = defaultdict(list)
    for i, (customer, kind) in enumerate(zip(ev.customer, ev.event, strict=True)):
        if kind in JOURNEY_EVENTS:
            expected[int(customer)].append(i)
    journeys = customer_events(output)
    grouped = defaultdict(list)
    for position, customer in zip(journeys.position, journeys.customer, strict=True):
        grouped[int(customer)].append(int(position))
    assert grouped == expected
    assert np.all(np.diff(journeys.customer) >= 0)
    for column in ("customer", "time", "node", "team"):
        np.testing.assert_array_equal(getattr(journeys, column),
                                      getattr(ev, column)[journeys.position])
    np.testing.assert_array_equal(journeys.kind, ev.event[journeys.position])


def queue_intervals(output) -> list[tuple[int, float, float]]:
    """(team, joined, left) of every wait in a queue, walking the log event by event; those
    still waiting at the end of the run never leave."""
    ev = output.events
    waiting: dict[int, tuple[int, float]] = {}
    intervals = []
    for time, customer, kind, team in zip(ev.time, ev.customer, ev.event, ev.team,
                                          strict=True):
        if kind == Event.QUEUED:
            waiting[int(customer)] = (int(team), float(time))
        elif kind in (Event.STARTED, Event.GAVE_UP) and int(customer) in waiting:
            team_of, joined = waiting.pop(int(customer))
            intervals.append((team_of, joined, float(time)))
    intervals += [(team, joined, math.inf) for team, joined in waiting.values()]
    return intervals


def test_queue_lengths_are_the_waits_in_progress(run):
    output = run.outputs[0]
    intervals = np.array(queue_intervals(output))
    team, joined, left = intervals[:, 0], intervals[:, 1], intervals[:, 2]
    edges = np.linspace(output.warmup_minutes, output.run_minutes, 11)
    means = mean_queue_length(output, 2, edges)
    grid = np.sort(np.r_[edges, joined[:50], left[:50]])  # moments of change, too
    lengths = queue_length_over_time(output, 2, grid)
    for t in range(2):
        mine = team == t
        for i, (a, b) in enumerate(zip(edges[:-1], edges[1:], strict=True)):
            overlap = np.clip(np.minimum(left[mine], b) - np.maximum(joined[mine], a), 0, None)
            assert means[t, i] == pytest.approx(overlap.sum() / (b - a), rel=1e-9, abs=1e-12)
        # At a moment of change, the length after every change at that moment.
        waiting = (joined[mine][:, None] <= grid) & (left[mine][:, None] > grid)
        np.testing.assert_array_equal(lengths[t], waiting.sum(axis=0))


def customer_journeys(output) -> dict[int, list[tuple[float, int, int]]]:
    """Each customer's (time, event, node), in log order, for the time budget's events."""
    ev = output.events
    kinds = (Event.ARRIVED, Event.QUEUED, Event.STARTED, Event.FINISHED, Event.LEFT)
    journeys = defaultdict(list)
    for time, customer, kind, node in zip(ev.time, ev.customer, ev.event, ev.node,
                                          strict=True):
        if kind in kinds:
            journeys[int(customer)].append((float(time), int(kind), int(node)))
    return journeys


def test_time_budget_cuts_each_finished_journey_into_pieces_by_place(run):
    compiled = run.compiled
    pieces = defaultdict(float)
    finished = 0
    for output in run.outputs:
        c = output.customers
        for customer, events in customer_journeys(output).items():
            if c["arrival"][customer] < output.warmup_minutes or c["outcome"][customer] < 0:
                continue
            finished += 1
            for (before, kind_before, _), (time, kind, node) in zip(events, events[1:],
                                                                    strict=False):
                if kind == Event.STARTED and kind_before == Event.QUEUED:
                    piece = "queue"
                elif kind == Event.FINISHED:
                    piece = "touch" if compiled.nodes[node].customer_present else "back_office"
                else:
                    piece = "getting_there"
                pieces[piece, compiled.nodes[node].name] += time - before
    budget = run.results.time_budget
    for piece, minutes in budget.minutes.items():
        for place, value in zip(budget.places, minutes, strict=True):
            assert value == pytest.approx(pieces[piece, place] / finished, rel=1e-9, abs=1e-9)
    assert {place for _, place in pieces} == set(budget.places)
    pooled = np.concatenate([(o.customers["end"] - o.customers["arrival"])[
        (o.customers["arrival"] >= o.warmup_minutes) & (o.customers["outcome"] >= 0)]
        for o in run.outputs])
    assert budget.total() == pytest.approx(pooled.mean(), rel=1e-9)


def test_step_waits_and_chases_of_one_replication(run):
    output = run.outputs[2]
    compiled = run.compiled
    summary = summarise_replication(output, compiled, run.settings)
    ev = output.events
    arrival = output.customers["arrival"]
    waits, queued_since = defaultdict(list), {}
    chases = np.zeros(len(compiled.team_names))
    for time, customer, kind, node, team in zip(ev.time, ev.customer, ev.event, ev.node,
                                                ev.team, strict=True):
        if kind == Event.QUEUED:
            queued_since[int(customer)] = float(time)
        elif kind in (Event.STARTED, Event.GAVE_UP):
            since = queued_since.pop(int(customer), float(time))
            if arrival[customer] >= output.warmup_minutes:
                waits[int(node)].append(float(time) - since)
        elif kind == Event.CHASE_ANSWERED and time >= output.warmup_minutes:
            chases[team] += 1
    steps = step_indices(compiled)
    assert all(compiled.nodes[i].kind == STEP for i in steps)
    for i, index in enumerate(steps):
        assert waits[index], compiled.nodes[index].name
        assert summary.step_visits[i] == len(waits[index])
        assert summary.step_mean_wait[i] == pytest.approx(np.mean(waits[index]), rel=1e-9)
        assert summary.step_p90_wait[i] == pytest.approx(np.percentile(waits[index], 90),
                                                         rel=1e-9)
    np.testing.assert_array_equal(summary.team_chases_answered, chases)
    assert summary.capability is None  # only asked for of one replication


def test_a_run_in_which_nobody_arrives_is_summarised_as_unknowns():
    service_map = busy_map()
    service_map.update("Report", arrivals=Arrivals(per_day=0.001))
    run = simulate(service_map, RunSettings(days=2, warmup_days=1, replications=2, seed=1))
    assert all(len(o.events) == 0 for o in run.outputs)
    results = run.results
    assert math.isnan(results.customer["end_to_end_mean"].mean)
    assert results.customer["arrivals_per_day"].mean == 0
    assert results.time_budget.places == []
    assert np.all(results.queue_length["Surveyors"][0] == 0)
