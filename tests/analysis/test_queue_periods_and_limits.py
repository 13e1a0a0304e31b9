"""Two things the charts need from the analysis: queue lengths averaged over whole periods
(not sampled at moments, which swing with the time of day), and XmR process limits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from outsidein_desktop.analysis.process_limits import XMR_FACTOR, process_limits
from outsidein_desktop.analysis.replication_measures import (
    mean_queue_length,
    queue_length_over_time,
    queue_periods,
)
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    RunSettings,
    ServiceMap,
    Shift,
    Step,
    Team,
)


def office_hours_map() -> ServiceMap:
    """Work arrives round the clock for a team on duty 9 to 5: the queue swings daily."""
    service_map = ServiceMap(title="Office hours",
                             run=RunSettings(days=9, warmup_days=2, replications=2, seed=5))
    service_map.add_team(Team(name="Desk", shifts=(Shift(start=9, end=17, staff=2),)))
    service_map.add(Entry(name="Calls", arrivals=Arrivals(per_day=40)))
    service_map.add(Step(name="Answer", team="Desk", duration=Exponential(mean_value=15)))
    service_map.add(Exit(name="Done"))
    service_map.connect("Calls", "Answer")
    service_map.connect("Answer", "Done")
    return service_map


@pytest.fixture(scope="module")
def run():
    return simulate(office_hours_map())


def test_the_mean_queue_over_a_period_is_the_area_under_it(run):
    output = run.outputs[0]
    edges = np.arange(2, 10) * 1440.0  # whole days after the warm-up
    exact = mean_queue_length(output, 1, edges)[0]
    # The queue sampled every 6 seconds and averaged over each day: the same to within
    # the width of one sample per change of the queue.
    fine = np.arange(edges[0], edges[-1], 0.1)
    sampled = queue_length_over_time(output, 1, fine)[0].reshape(len(edges) - 1, -1)
    assert exact == pytest.approx(sampled.mean(axis=1), abs=0.02)
    assert exact.max() > 1  # the queue is there to measure


def test_results_average_queues_over_whole_periods(run):
    results = run.results
    times = results.queue_times_days
    step = np.diff(times)
    assert step == pytest.approx(np.full(len(step), step[0]))
    assert step[0] in (pytest.approx(1.0), pytest.approx(1 / 24), pytest.approx(7.0))
    mean, low, high = results.queue_length["Desk"]
    assert len(mean) == len(times)
    assert np.all(low[np.isfinite(low)] <= mean[np.isfinite(low)] + 1e-9)


@pytest.mark.parametrize(("days", "period", "count"), [(182, 7.0, 26), (40, 1.0, 40),
                                                       (10, 1 / 24, 240)])
def test_queue_periods_are_the_longest_whole_periods_giving_enough_points(days, period,
                                                                          count):
    edges = queue_periods(0.0, days * 1440.0, most=400)
    assert len(edges) == count + 1
    assert np.diff(edges) == pytest.approx(np.full(count, period * 1440.0))


def test_a_remainder_shorter_than_a_period_is_left_out():
    edges = queue_periods(28 * 1440.0, (28 + 150) * 1440.0)  # 21 weeks and 3 days
    assert len(edges) == 22
    assert edges[-1] == 28 * 1440.0 + 21 * 10080.0


def test_xmr_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges():
    values = np.array([10.0, 20.0, 12.0, 18.0, 5.0])
    limits = process_limits(values)
    moving = np.mean([10, 8, 6, 13])
    assert limits.mean == pytest.approx(13.0)
    assert limits.mean_moving_range == pytest.approx(moving)
    assert limits.upper == pytest.approx(13.0 + XMR_FACTOR * moving)
    assert limits.lower == 0.0  # 13 - 24.6 would be negative: a time cannot be
    assert process_limits(values, floor=None).lower == pytest.approx(13.0 - XMR_FACTOR * moving)
    assert limits.n == 5


def test_xmr_limits_of_too_few_values_are_unknown():
    assert math.isnan(process_limits(np.array([5.0])).upper)
    assert math.isnan(process_limits(np.array([])).mean)
    assert process_limits(np.array([1.0, np.nan, 3.0])).n == 2
