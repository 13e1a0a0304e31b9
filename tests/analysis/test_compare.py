"""Comparisons are fair: common random numbers, paired differences, honest verdicts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from outsidein_desktop.analysis.compare import (
    BASELINE,
    Verdict,
    compare,
    paired_difference,
    verdict_of,
)
from outsidein_desktop.analysis.estimates import Estimate
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    RunSettings,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.scenario import Scenario, SetDuration, SetStaff
from outsidein_desktop.errors import ScenarioError

SETTINGS = RunSettings(days=20, warmup_days=2, replications=6, seed=11)


def two_teams() -> ServiceMap:
    """Booking (busy: 2 staff at 83%) then Clinic (quiet)."""
    m = ServiceMap(title="Two teams", run=SETTINGS)
    m.add_team(Team(name="Booking", shifts=always(2)))
    m.add_team(Team(name="Clinic", shifts=always(3)))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=100)))
    m.add(Step(name="Book", team="Booking", duration=Exponential(mean_value=24)))
    m.add(Step(name="See", team="Clinic", duration=Exponential(mean_value=15)))
    m.add(Exit(name="Done"))
    m.connect("Referral", "Book")
    m.connect("Book", "See")
    m.connect("See", "Done")
    return m


def test_a_scenario_that_changes_nothing_differs_by_exactly_zero():
    same = Scenario(name="Same again", changes=())
    comparison = compare(two_teams(), [same])
    diffs = comparison.differences["Same again"]
    for measure, difference in diffs.items():
        values = comparison.options[1].results.per_replication[measure]
        if np.isfinite(values).any():
            assert difference.difference.mean == 0.0, measure
        assert difference.verdict is Verdict.UNCLEAR


def test_more_staff_at_the_bottleneck_is_a_significant_improvement():
    more = Scenario(name="Third booker", changes=(SetStaff(team="Booking", staff=3),))
    comparison = compare(two_teams(), [more])
    median = comparison.differences["Third booker"]["end_to_end_median"]
    assert median.difference.high < 0
    assert median.verdict is Verdict.BETTER
    assert comparison.differences["Third booker"]["waiting_share"].verdict is Verdict.BETTER


def test_a_redesign_that_leaves_the_journey_as_it_was_shows_no_clear_difference():
    # Written as a change, but the team already has two staff.
    same = Scenario(name="Two bookers", changes=(SetStaff(team="Booking", staff=2),))
    comparison = compare(two_teams(), [same])
    for difference in comparison.differences["Two bookers"].values():
        assert difference.verdict is Verdict.UNCLEAR


def test_common_random_numbers_detect_even_a_small_real_improvement():
    # Paired replications see the same customers, so a 0.1% faster clinic shows through.
    tweak = Scenario(name="Tweak", changes=(
        SetDuration(part="See", duration=Exponential(mean_value=14.98)),))
    comparison = compare(two_teams(), [tweak])
    assert comparison.differences["Tweak"]["end_to_end_mean"].verdict is Verdict.BETTER


def test_the_baseline_of_a_comparison_is_the_plain_run():
    comparison = compare(two_teams(), [])
    alone = simulate(two_teams(), SETTINGS)
    assert comparison.options[0].name == BASELINE
    for measure, value in alone.results.per_replication.items():
        np.testing.assert_array_equal(comparison.baseline.results.per_replication[measure],
                                      value)


def test_common_random_numbers_make_paired_replications_swing_together():
    # Quicker booking: both options stay busy. With their own random numbers each, the
    # variance of a difference would be the sum of the two variances; sharing them, the
    # replications rise and fall together and most of that variance cancels.
    quicker = Scenario(name="Quicker booking", changes=(
        SetDuration(part="Book", duration=Exponential(mean_value=22)),))
    comparison = compare(two_teams(), [quicker])
    base, redesign = (o.results.per_replication["end_to_end_mean"] for o in comparison.options)
    assert np.corrcoef(base, redesign)[0, 1] > 0.9
    # Independent runs would give a ratio near 1; the two options' spreads differ, so even
    # perfectly matched replications leave some.
    assert np.var(redesign - base, ddof=1) < 0.5 * (np.var(base, ddof=1)
                                                    + np.var(redesign, ddof=1))


def test_parallel_and_serial_comparisons_agree_exactly():
    more = Scenario(name="Third booker", changes=(SetStaff(team="Booking", staff=3),))
    serial = compare(two_teams(), [more], jobs=1)
    parallel = compare(two_teams(), [more], jobs=2)
    for a, b in zip(serial.options, parallel.options, strict=True):
        for measure, values in a.results.per_replication.items():
            np.testing.assert_array_equal(values, b.results.per_replication[measure])


def test_the_changes_are_listed_in_plain_words():
    more = Scenario(name="Third booker", changes=(SetStaff(team="Booking", staff=3),))
    comparison = compare(two_teams(), [more])
    assert comparison.redesigns[0].changes == ["Booking: staff 2 → 3"]
    assert comparison.baseline.changes == []


def test_two_scenarios_with_one_name_are_refused():
    a = Scenario(name="A")
    with pytest.raises(ValueError, match="Two options are called 'A'"):
        compare(two_teams(), [a, a])
    with pytest.raises(ValueError, match="'Baseline'"):
        compare(two_teams(), [Scenario(name="Baseline")])


def test_a_scenario_that_no_longer_fits_fails_before_anything_runs():
    stale = Scenario(name="Stale", changes=(SetStaff(team="Triage", staff=2),))
    with pytest.raises(ScenarioError, match="Stale"):
        compare(two_teams(), [stale])


def test_paired_difference_drops_replications_missing_either_value():
    diff = paired_difference(np.array([1.0, math.nan, 3.0]), np.array([2.0, 5.0, 5.0]))
    assert diff.n == 2 and diff.mean == 1.5


def test_paired_difference_needs_equal_replications():
    with pytest.raises(ValueError, match="equal in number"):
        paired_difference(np.zeros(3), np.zeros(4))


@pytest.mark.parametrize(("measure", "low", "high", "verdict"), [
    ("end_to_end_median", -5, -1, Verdict.BETTER),
    ("end_to_end_median", 1, 5, Verdict.WORSE),
    ("end_to_end_median", -1, 5, Verdict.UNCLEAR),
    ("flow_efficiency", 0.01, 0.05, Verdict.BETTER),
    ("completed_per_day", -3, -1, Verdict.WORSE),
    ("arrivals_per_day", 5, 9, Verdict.UNCLEAR),
    ("gave_up_share", math.nan, math.nan, Verdict.UNCLEAR),
])
def test_verdicts_follow_the_direction_of_each_measure(measure, low, high, verdict):
    assert verdict_of(measure, Estimate((low + high) / 2, low, high, 10)) is verdict
