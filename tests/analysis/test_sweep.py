"""Sweeps: reading what to vary, setting it on a map, the knee, and real sweeps."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from sweep_maps import one_queue, referral_line

from outsidein_desktop.analysis.knee import LEAST_BEND, find_knee, is_flat
from outsidein_desktop.analysis.results import CUSTOMER_MEASURES
from outsidein_desktop.analysis.sweep import (
    SweepSpecError,
    check_measure,
    make_parameter,
    parse_vary,
    sweep,
    sweep_rows,
    sweep_to_dict,
    write_sweep_csv,
    write_sweep_json,
)
from outsidein_desktop.analysis.sweep_parameters import scaled_to_mean
from outsidein_desktop.analysis.sweep_values import read_values
from outsidein_desktop.domain import Gamma, Lognormal, RunSettings, Triangular, Weibull
from outsidein_desktop.errors import InvalidParameter

# --- reading values -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "values"), [
    ("1..6", (1, 2, 3, 4, 5, 6)),
    ("5..30/5", (5, 10, 15, 20, 25, 30)),
    ("5..32/5", (5, 10, 15, 20, 25, 30)),  # the end is not a step: stop before it
    ("1,2,4,8", (1, 2, 4, 8)),
    ("8, 1 ,4", (1, 4, 8)),  # sorted, spaces allowed
    ("0..1/0.1", tuple(round(0.1 * i, 10) for i in range(11))),
])
def test_values_are_read_as_ranges_steps_and_lists(text, values):
    read, unit = read_values(text, default_unit="staff")
    assert read == values
    assert unit == "staff"
    assert 0.3 in read_values("0..1/0.1")[0]  # not 0.30000000000000004


def test_times_may_carry_units_and_take_the_first_one_written():
    assert read_values("30min..2h/30min", timed=True, default_unit="minutes") == (
        (30, 60, 90, 120), "minutes")
    assert read_values("1..3h", timed=True, default_unit="minutes") == ((1, 2, 3), "hours")
    assert read_values("1,2", timed=True, default_unit="days") == ((1, 2), "days")
    assert read_values("1w, 10d", timed=True, default_unit="days") == ((1, 10 / 7), "weeks")


# --- reading what to vary: every mistake says what is wrong --------------------------------


@pytest.mark.parametrize(("text", "said"), [
    ("team:Triag.staff=1..6", "there is no team called 'Triag' on the map — did you mean "
                              "'Triage'?"),
    ("team:Nurses.staff=1..6", "there is no team called 'Nurses' on the map; the teams are: "
                               "'Triage'."),
    ("team:Triage.staf=1..6", "a team has no field 'staf' — did you mean 'staff'?"),
    ("team:Triage.colour=1..6", "A sweep can vary these fields of a team: 'staff'"),
    ("tema:Triage.staff=1..6", "a sweep cannot vary a 'tema' — did you mean 'team'?"),
    ("Triage staff 1 to 6", "does not say what to vary; write it as KIND:NAME.FIELD=VALUES"),
    ("team:Triage=1..6", "name the part and then its field after a dot"),
    ("team:Triage.staff", "say which values to try after '='"),
    ("team:Triage.staff=", "there are no values after '='"),
    ("team:Triage.staff=6..1", "the range '6..1' is empty: it runs down from 6 to 1. Write "
                               "the smaller value first, like '1..6'."),
    ("team:Triage.staff=1..4/0", "the step in '1..4/0' must be more than zero."),
    ("team:Triage.staff=1..4/-1", "the step in '1..4/-1' must be more than zero."),
    ("team:Triage.staff=4", "'4' gives only one value; a sweep needs two or more."),
    ("team:Triage.staff=1,2,2", "the value 2 is given twice"),
    ("team:Triage.staff=1..200", "gives 200 values; a sweep tries at most 50"),
    ("team:Triage.staff=1..1e12", "gives 1,000,000,000,000 values; a sweep tries at most"),
    ("team:Triage.staff=one,two", "'one' is not a number."),
    ("team:Triage.staff=1min..3min", "staff values are plain numbers, without a unit"),
    ("team:Triage.staff=0..3", "the value 0 staff cannot be used: the staff must be at "
                               "least 1 (got 0)."),
    ("team:Triage.staff=1..3/0.5", "the value 1.5 staff cannot be used: the staff must be a "
                                   "whole number (got 1.5)."),
    ("step:Asses.mean=10..30/10", "there is no step called 'Asses' on the map — did you "
                                  "mean 'Assess'?"),
    ("step:Assess.mean=0..30/10", "the value 0 minutes cannot be used: a mean time must be "
                                  "more than zero."),
    ("step:Assess.mean=10parsecs..20parsecs", "'parsecs' is not a time unit"),
    ("entry:Calls.per_day=-10..10/10", "the value -10 a day cannot be used: arrivals per day "
                                       "must be at least 0 (got -10)."),
    ("entry:Assess.per_day=10,20", "'Assess' is a step, not an entry (write "
                                   "'step:Assess.…')."),
    ("entry:Reception.per_day=10,20", "there is no entry called 'Reception' on the map; the "
                                      "entries are: 'Calls'."),
    ("step:Calls.mean=1..3", "'Calls' is an entry, not a step (write 'entry:Calls.…')."),
    ("entry:Done.per_day=1..3", "'Done' is an exit, not an entry."),
    ("segment:Everyone.patience=1..3", "there is no segment called 'Everyone': the map has "
                                       "no segments."),
    ("handoff:Calls.info_travels=0,1", "'Calls' does not name a handoff; write it as "
                                       "SOURCE->TARGET"),
    ("handoff:Calls->Done.info_travels=0,1", "there is no handoff from 'Calls' to 'Done'; "
                                             "the handoffs from 'Calls' are 'Calls->Assess'."),
    ("handoff:Calls->Asess.info_travels=0,1", "there is no part called 'Asess' on the map — "
                                              "did you mean 'Assess'?"),
    ("handoff:Calls->Assess.info_travels=0.5,1.5", "the value 150% cannot be used: the "
                                                   "chance that information travels must be "
                                                   "at most 1 (got 1.5)."),
    ("handoff:Calls->Assess.delay=1..3", "The handoff from 'Calls' to 'Assess' has no delay "
                                         "to stretch: give it one on the map first."),
])
def test_every_mistake_names_the_text_and_what_is_wrong(text, said):
    with pytest.raises(SweepSpecError) as error:
        parse_vary(text, one_queue())
    message = str(error.value)
    assert said in message
    if ":" in text and "=" in text.partition(":")[2]:
        assert message.startswith(f"In '{text}': ")


@pytest.mark.parametrize(("text", "said"), [
    ("segment:Urgent.chase_after=1..3", "In 'segment:Urgent.chase_after=1..3': Customers of "
                                        "segment 'Urgent' never chase on this map: give the "
                                        "segment a chase rule first"),
    ("segment:Urgent.patience=1..3", "Customers of segment 'Urgent' never give up on this map"),
    ("segment:Routin.patience=1..3", "there is no segment called 'Routin' on the map — did "
                                     "you mean 'Routine'?"),
    ("segment:Routine.chase_after=0,1", "the value 0 days cannot be used: a chase threshold "
                                        "must be more than zero."),
])
def test_segment_mistakes(text, said):
    with pytest.raises(SweepSpecError, match=".") as error:
        parse_vary(text, referral_line())
    assert said in str(error.value)


def test_a_sweep_mistake_is_an_invalid_parameter_for_callers_that_catch_those():
    with pytest.raises(InvalidParameter):
        parse_vary("team:Triag.staff=1..6", one_queue())


def test_an_unknown_measure_is_named_with_a_suggestion():
    with pytest.raises(SweepSpecError, match="did you mean 'end_to_end_median'"):
        check_measure("end_to_end_medain")


# --- what each field sets -------------------------------------------------------------------


def test_staff_is_set_on_every_shift_and_the_map_is_left_alone():
    base = referral_line()
    parameter = parse_vary("team:Booking.staff=1..3", base)
    assert parameter.values == (1, 2, 3) and parameter.unit == "staff"
    changed = parameter.applied(base, 3)
    assert [s.staff for s in changed.team("Booking").shifts] == [3, 3]
    assert [s.staff for s in base.team("Booking").shifts] == [2, 1]
    assert parameter.label == "staff of team 'Booking'"


def test_a_mean_time_stretches_the_distribution_and_keeps_its_shape():
    base = referral_line()
    parameter = parse_vary("step:Book.mean=6..24/6", base)
    changed = parameter.applied(base, 24).node("Book").duration
    assert isinstance(changed, Lognormal)
    assert changed.mean == pytest.approx(24)
    assert changed.std / changed.mean == pytest.approx(0.5)  # 6/12 as before
    hours = parse_vary("step:Book.mean=0.1h..0.4h/0.1h", base)
    assert hours.unit == "hours"
    assert hours.applied(base, 0.4).node("Book").duration.mean == pytest.approx(24)


@pytest.mark.parametrize("distribution", [
    Triangular(low=2, mode=4, high=9), Gamma(mean_value=3, sd=1, unit="days"),
    Weibull(shape=1.5, scale=10)])
def test_every_kind_of_distribution_stretches_to_a_mean(distribution):
    stretched = scaled_to_mean(distribution, 3 * distribution.mean, "step 'X'")
    assert stretched.mean == pytest.approx(3 * distribution.mean)
    assert stretched.std == pytest.approx(3 * distribution.std)


def test_arrivals_chasing_patience_and_information_are_set():
    base = referral_line()
    per_day = parse_vary("entry:Referral.per_day=40..80/20", base)
    assert per_day.applied(base, 80).node("Referral").arrivals.per_day == 80
    chase = parse_vary("segment:Routine.chase_after=1..4", base)
    assert chase.unit == "days"
    assert chase.applied(base, 4).segment("Routine").chase.after.minutes == 4 * 1440
    patience = parse_vary("segment:Routine.patience=1w,2w", base)
    assert patience.applied(base, 2).segment("Routine").patience.mean == pytest.approx(
        14 * 1440)
    info = parse_vary("handoff:Book->See.info_travels=0..1/0.5", base)
    assert info.applied(base, 1.0).handoff("Book", "See").info_travels == 1.0
    assert info.value_text(0.5) == "50%"
    delay = parse_vary("handoff:Book->See.delay=1h..3h", base)
    assert delay.applied(base, 3).handoff("Book", "See").delay.mean == pytest.approx(180)


def test_a_parameter_can_be_made_without_text_as_a_dialog_would():
    base = one_queue()
    parameter = make_parameter(base, "team", "Triage", "staff", [3, 1, 2])
    assert parameter.values == (1, 2, 3)
    with pytest.raises(SweepSpecError, match="the value 0 staff cannot be used"):
        make_parameter(base, "team", "Triage", "staff", [0, 1])


# --- the knee -------------------------------------------------------------------------------


def test_the_knee_of_diminishing_returns_is_where_the_curve_levels_off():
    x = np.arange(1, 7)
    knee = find_knee(x, 1 / x)
    assert knee.value == 2 and knee.flattens
    # Saturating: more helps less and less. Scaled to 0..1, the curve is 0, 0.64, 0.87,
    # 0.96, 0.99, 1 against a chord of 0, 0.2, ... 1: farthest (0.47) at 3.
    rising = find_knee(x, 1 - np.exp(-x))
    assert rising.value == 3 and rising.flattens
    assert rising.bend == pytest.approx(0.47, abs=0.01)


def test_a_hockey_stick_has_its_knee_where_it_takes_off():
    x = np.arange(10, 101, 10, dtype=float)
    y = 1 / (1.05 - x / 100)  # a queue's wait as the load nears capacity
    knee = find_knee(x, y)
    assert knee is not None and not knee.flattens
    assert 70 <= knee.value <= 90


def test_flat_and_straight_curves_have_no_knee():
    x = np.arange(1, 7, dtype=float)
    assert find_knee(x, np.full(6, 3.0)) is None
    assert find_knee(x, 2 * x + 1) is None
    assert find_knee(x, 10 - x) is None
    rng = np.random.default_rng(5)
    assert find_knee(x, 2 * x + rng.normal(0, 0.05, 6)) is None  # straight, a little noise
    noisy_flat = 5 + rng.normal(0, 0.2, 6)
    assert find_knee(x, noisy_flat) is not None  # read alone, noise looks like a bend
    assert np.ptp(noisy_flat) == pytest.approx(0.57, abs=0.01)
    assert is_flat(noisy_flat, noise=0.6)  # it moves less than its noise: flat
    assert find_knee(x, noisy_flat, noise=0.6) is None
    assert not is_flat(noisy_flat, noise=0.5)
    assert find_knee(x, noisy_flat, noise=0.5) is None  # it moves, but its bend is noise


def test_a_blip_of_chance_does_not_make_a_knee():
    # The second point is above the first by chance; the curve bends at 3 all the same.
    y = [2.67, 2.87, 2.05, 1.87, 1.80, 1.78]
    assert find_knee(np.arange(1, 7), y).value == 3


def test_a_knee_needs_three_points_and_skips_missing_ones():
    assert find_knee([1, 2], [5, 1]) is None
    knee = find_knee([1, 2, 3, 4, 5, 6], [1.0, 0.5, math.nan, 0.25, 0.2, 1 / 6])
    assert knee.value == 2 and knee.index == 1


def test_a_gentle_bend_is_not_a_knee():
    x = np.linspace(0, 1, 11)
    gentle = x + 0.3 * LEAST_BEND * np.sin(np.pi * x)
    assert find_knee(x, gentle) is None


# --- real sweeps ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staff_sweep():
    m = one_queue()
    return sweep(m, parse_vary("team:Triage.staff=1..4", m))


def test_more_staff_on_a_small_queue_means_shorter_waits(staff_sweep):
    waits = staff_sweep.estimates("waiting_mean")
    means = [e.mean for e in waits]
    assert all(a > b for a, b in zip(means, means[1:], strict=False))
    assert waits[0].low > waits[-1].high  # not chance: the CIs are far apart
    # The same customers come in at every point (the same seed).
    arrivals = staff_sweep.per_replication("arrivals_per_day")
    assert np.all(arrivals == arrivals[0])


def test_a_real_sweep_has_its_knee_where_the_waits_level_off(staff_sweep):
    knee = staff_sweep.find_knee("waiting_mean")
    assert knee is not None and knee.flattens
    assert knee.value == 2  # 0.69 erlangs: one more person takes most of the wait away
    assert staff_sweep.knee("arrivals_per_day") is None  # the same arrivals: flat
    assert staff_sweep.is_flat("arrivals_per_day")


def test_each_point_is_named_and_simulated_as_changed(staff_sweep):
    assert [p.values for p in staff_sweep.points] == [(1,), (2,), (3,), (4,)]
    assert staff_sweep.points[2].results.scenario == "staff of team 'Triage' 3 staff"
    x, estimates = staff_sweep.series("end_to_end_median")
    assert list(x) == [1, 2, 3, 4] and len(estimates) == 4


def test_local_processes_give_identical_results_to_one_process():
    m = referral_line()
    parameter = parse_vary("segment:Routine.chase_after=1..3", m)
    serial = sweep(m, parameter, jobs=1)
    parallel = sweep(m, parameter, jobs=2)
    for measure in CUSTOMER_MEASURES:
        np.testing.assert_array_equal(serial.per_replication(measure),
                                      parallel.per_replication(measure))


def test_two_parameters_make_the_grid():
    m = referral_line(RunSettings(days=10, warmup_days=1, replications=2, seed=3))
    staff = parse_vary("team:Clinic.staff=2..3", m)
    info = parse_vary("handoff:Book->See.info_travels=0,0.5,1", m)
    grid = sweep(m, [staff, info])
    assert [p.values for p in grid.points] == [(2, 0), (3, 0), (2, 0.5), (3, 0.5), (2, 1),
                                               (3, 1)]
    lines = grid.lines("story_repeats_per_customer")
    assert list(lines) == [0, 0.5, 1]
    repeats = {at: [e.mean for e in estimates] for at, (_, estimates) in lines.items()}
    assert repeats[1] == [0, 0]  # information always travels: no one repeats their story
    assert min(repeats[0]) > 0.9  # it never does: nearly everyone who got through does
    with pytest.raises(ValueError, match="Say which value"):
        grid.series("end_to_end_median")


def test_a_sweep_varies_one_or_two_different_things():
    m = one_queue()
    staff = parse_vary("team:Triage.staff=1..2", m)
    with pytest.raises(SweepSpecError, match="Both parameters vary the staff of team"):
        sweep(m, [staff, parse_vary("team:Triage.staff=3..4", m)])
    with pytest.raises(SweepSpecError, match="one or two parameters"):
        sweep(m, [staff, staff, staff])


def test_the_sweep_goes_to_json_and_csv(staff_sweep, tmp_path):
    data = json.loads(json.dumps(sweep_to_dict(staff_sweep), allow_nan=False))
    assert data["parameters"][0]["values"] == [1, 2, 3, 4]
    assert len(data["points"]) == 4
    assert data["knees"]["waiting_mean"] == 2
    assert len(data["points"][0]["per_replication"]["waiting_mean"]) == 5
    write_sweep_json(staff_sweep, tmp_path / "sweep.json")
    assert json.loads((tmp_path / "sweep.json").read_text())["map"] == "One queue"
    write_sweep_csv(staff_sweep, tmp_path / "sweep.csv")
    with open(tmp_path / "sweep.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["staff of team 'Triage' (staff)", "measure", "mean", "low", "high",
                       "unit", "replications", "unsettled"]
    assert len(rows) == 1 + 4 * len(CUSTOMER_MEASURES)
    wait_rows = [r for r in rows if r[1] == "waiting_mean"]
    assert [r[0] for r in wait_rows] == ["1", "2", "3", "4"]
    first = staff_sweep.estimates("waiting_mean")[0]
    assert float(wait_rows[0][2]) == pytest.approx(first.mean, rel=1e-5)
    assert wait_rows[0][5] == "minutes" and wait_rows[0][6] == "5"
    header, only = sweep_rows(staff_sweep, ["gave_up_share"])
    assert len(only) == 4 and only[0][5] == "fraction"
