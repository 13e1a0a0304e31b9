"""Weekly calendars: days, hours, shifts, rosters and arrival patterns."""

import math

import numpy as np
import pytest

from outsidein_desktop.domain.calendar import (
    WEEKDAYS,
    Arrivals,
    Shift,
    always,
    format_days,
    parse_days,
    parse_hour,
    roster_of,
)
from outsidein_desktop.domain.parts import Team
from outsidein_desktop.errors import InvalidParameter

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Mon-Fri", (MON, TUE, WED, THU, FRI)),
        ("Sat,Sun", (SAT, SUN)),
        ("Sat, Sun", (SAT, SUN)),
        ("Fri-Mon", (MON, FRI, SAT, SUN)),
        ("Sun-Tue", (MON, TUE, SUN)),
        ("Mon,Wed,Fri", (MON, WED, FRI)),
        ("Mon-Tue,Thu-Fri", (MON, TUE, THU, FRI)),
        ("Wed", (WED,)),
        ("monday-friday", (MON, TUE, WED, THU, FRI)),
        ("Mon-Sun", tuple(range(7))),
        ("every day", tuple(range(7))),
        ("daily", tuple(range(7))),
    ],
)
def test_parse_days(text, days):
    assert parse_days(text) == days


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ((MON, TUE, WED, THU, FRI), "Mon-Fri"),
        ((SAT, SUN), "Sat-Sun"),
        ((MON, WED, FRI), "Mon,Wed,Fri"),
        ((MON, FRI, SAT, SUN), "Mon,Fri-Sun"),
        (tuple(range(7)), "Mon-Sun"),
        ((THU,), "Thu"),
    ],
)
def test_format_days(days, text):
    assert format_days(days) == text


@pytest.mark.parametrize(
    "text", ["Mon-Fri", "Sat,Sun", "Fri-Mon", "Mon,Wed,Fri", "Tue-Thu,Sun", "every day", "Sun"])
def test_days_round_trip(text):
    days = parse_days(text)
    assert parse_days(format_days(days)) == days


def test_every_set_of_days_round_trips():
    for bits in range(1, 128):
        days = tuple(d for d in range(7) if bits >> d & 1)
        assert parse_days(format_days(days)) == days


@pytest.mark.parametrize("text", ["", "Mon-", "Mo-Fr", "weekdays", "Mon-Wed-Fri", "1-5"])
def test_bad_days_are_refused_with_an_example(text):
    with pytest.raises(InvalidParameter, match="Mon-Fri"):
        parse_days(text)


@pytest.mark.parametrize(("text", "hour"),
                         [("09:00", 9), ("9", 9), (" 17:00 ", 17), ("00:00", 0), ("24:00", 24),
                          (13, 13), (0, 0)])
def test_parse_hour(text, hour):
    assert parse_hour(text) == hour


def test_a_time_off_the_hour_is_refused_saying_rosters_are_by_the_hour():
    with pytest.raises(InvalidParameter) as error:
        parse_hour("09:30")
    message = str(error.value)
    assert "'09:30'" in message
    assert "on the hour" in message
    assert "by the hour" in message


@pytest.mark.parametrize("text", ["25:00", "24:30", "99", 25, -1])
def test_an_hour_outside_the_day_is_refused(text):
    with pytest.raises(InvalidParameter, match=str(text)):
        parse_hour(text)


@pytest.mark.parametrize("text", ["9am", "nine", "", "9:0", True])
def test_something_that_is_not_a_time_is_refused_with_an_example(text):
    with pytest.raises(InvalidParameter, match="09:00"):
        parse_hour(text)


def test_shift_defaults_to_office_hours():
    shift = Shift()
    assert shift.days == (MON, TUE, WED, THU, FRI)
    assert (shift.start, shift.end, shift.staff, shift.hours) == (9, 17, 1, 8)
    assert shift.describe() == "Mon-Fri 09:00-17:00, 1 staff"


def test_whole_numbers_given_as_floats_are_kept_as_ints():
    # JSON may say "staff": 2.0; the roster is a table of whole numbers.
    shift = Shift(start=9.0, end=17.0, staff=2.0)
    assert (type(shift.start), type(shift.end), type(shift.staff)) == (int, int, int)
    assert roster_of((shift,)).sum() == 2 * 8 * 5


def test_an_absurd_number_of_staff_is_refused():
    with pytest.raises(InvalidParameter, match="staff on a shift must be at most 100000"):
        Shift(staff=10**30)


def test_shift_days_are_sorted_and_deduplicated():
    assert Shift(days=(FRI, MON, FRI)).days == (MON, FRI)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"days": ()}, "at least one day"),
        ({"days": (7,)}, "0 (Monday) to 6 (Sunday)"),
        ({"start": 9, "end": 9}, "start and end at the same time (09:00)"),
        ({"start": -1}, "the start hour"),
        ({"start": 8.5}, "the start hour must be a whole number"),
        ({"end": 25}, "24:00"),
        ({"start": 24, "end": 6}, "cannot start at 24:00"),
        ({"staff": 0}, "the number of staff on a shift must be at least 1"),
        ({"staff": 1.5}, "the number of staff on a shift must be a whole number"),
    ],
)
def test_shift_validation(changes, words):
    with pytest.raises(InvalidParameter) as error:
        Shift(**changes)
    assert words in str(error.value)


def test_office_hours_roster():
    roster = roster_of((Shift(days=(MON, TUE, WED, THU, FRI), start=9, end=17, staff=3),))
    assert roster.shape == (7, 24)
    assert roster[MON, 9] == 3 and roster[FRI, 16] == 3
    assert roster[MON, 8] == 0 and roster[MON, 17] == 0
    assert roster[SAT].sum() == 0 and roster[SUN].sum() == 0
    assert roster.sum() == 3 * 8 * 5


def test_an_overnight_shift_spills_into_the_next_day():
    shift = Shift(days=(MON, SUN), start=22, end=6, staff=2)
    assert shift.hours == 8
    roster = roster_of((shift,))
    assert list(roster[MON, 22:]) == [2, 2]
    assert list(roster[TUE, :6]) == [2] * 6
    assert roster[TUE, 6] == 0
    # Sunday night runs on into Monday morning (the week wraps round).
    assert list(roster[SUN, 22:]) == [2, 2]
    assert list(roster[MON, :6]) == [2] * 6
    assert roster.sum() == 2 * 8 * 2


def test_a_shift_ending_at_midnight():
    assert Shift(start=16, end=24).hours == 8
    assert Shift(start=16, end=0).hours == 8
    np.testing.assert_array_equal(roster_of((Shift(start=16, end=24),)),
                                  roster_of((Shift(start=16, end=0),)))


def test_stacked_shifts_add_up():
    early = Shift(days=(MON,), start=8, end=16, staff=2)
    late = Shift(days=(MON,), start=12, end=20, staff=3)
    roster = roster_of((early, late))
    assert list(roster[MON, 8:12]) == [2] * 4
    assert list(roster[MON, 12:16]) == [5] * 4
    assert list(roster[MON, 16:20]) == [3] * 4
    team = Team(name="Repairs", shifts=(early, late))
    assert team.staff == 5
    assert team.staff_hours_per_week == 2 * 8 + 3 * 8
    assert not team.works_around_the_clock


def test_always_staffs_every_hour():
    team = Team(name="Call centre", shifts=always(4))
    assert (team.roster() == 4).all()
    assert team.works_around_the_clock
    assert team.staff_hours_per_week == 4 * 168


def test_a_team_with_no_shifts_has_no_staff():
    team = Team(name="Ghosts")
    assert team.staff == 0
    assert team.staff_hours_per_week == 0
    assert not team.works_around_the_clock


def test_weekday_names_start_on_monday():
    assert WEEKDAYS[0] == "Mon" and WEEKDAYS[6] == "Sun"


def test_flat_arrivals_rate_table():
    arrivals = Arrivals(per_day=48)
    table = arrivals.rate_table()
    assert table.shape == (7, 24)
    np.testing.assert_allclose(table, 2 / 60)  # 2 an hour, in customers per minute
    assert arrivals.mean_per_minute == pytest.approx(48 / 1440)


def test_shaped_arrivals_keep_the_weekly_total():
    by_weekday = (2, 1, 1, 1, 1, 0.5, 0)
    by_hour = (0,) * 8 + (3, 2, 2, 2, 1, 1, 1, 1, 1) + (0,) * 7
    arrivals = Arrivals(per_day=100, by_weekday=by_weekday, by_hour=by_hour)
    table = arrivals.rate_table()
    # per minute x 60 = per hour; a week holds per_day x 7 customers.
    assert table.sum() * 60 == pytest.approx(100 * 7)
    assert table[SUN].sum() == 0
    assert table[MON].sum() == pytest.approx(2 * table[TUE].sum())
    assert table[MON, 3] == 0
    assert table[MON, 8] == pytest.approx(3 * table[MON, 12])
    # Only proportions matter: doubling every weight changes nothing.
    doubled = Arrivals(per_day=100, by_weekday=tuple(2 * w for w in by_weekday),
                       by_hour=tuple(2 * w for w in by_hour))
    np.testing.assert_allclose(doubled.rate_table(), table)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"per_day": -1}, "arrivals per day"),
        ({"per_day": math.nan}, "arrivals per day"),
        ({"by_weekday": (1,) * 6}, "by_weekday needs 7 numbers, one per day, Monday first"),
        ({"by_hour": (1,) * 25}, "by_hour needs 24 numbers, one per hour from midnight"),
        ({"by_weekday": (0,) * 7}, "by_weekday weights are all zero"),
        ({"by_hour": (1,) * 23 + (-1,)}, "a by_hour weight must be at least 0"),
        ({"by_weekday": (1,) * 6 + (math.inf,)}, "a by_weekday weight must be a finite"),
        ({"by_hour": ("1",) * 24}, "a by_hour weight must be a number"),
    ],
)
def test_arrival_weights_validation(changes, words):
    with pytest.raises(InvalidParameter) as error:
        Arrivals(**{"per_day": 10, **changes})
    assert words in str(error.value)


def test_no_arrivals_is_allowed():
    assert Arrivals(per_day=0).rate_table().sum() == 0


def test_per_weekday_says_what_an_average_day_means_on_each_day():
    from outsidein_desktop.domain import Arrivals, ScheduledArrivals

    weekdays_only = Arrivals(per_day=20, by_weekday=(1, 1, 1, 1, 1, 0, 0),
                             schedule=(ScheduledArrivals(days=(1,), at=9.5, count=12),))
    assert weekdays_only.per_weekday().tolist() == pytest.approx([28, 40, 28, 28, 28, 0, 0])
