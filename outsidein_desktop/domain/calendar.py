"""Weekly calendars: when teams work and when customers arrive, hour by hour.

A week is a 7 x 24 table (Monday first), the resolution the people who draw rosters use.
Time 0 in the engine is midnight at the start of the run's first day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from .units import check_number, check_whole

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOURS_PER_WEEK = 168
MOST_STAFF = 100_000  # per shift: far above any real team, far below numpy's integer limit
MINUTES_PER_HOUR = 60.0


_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = {**{d.lower(): d for d in WEEKDAYS}, **dict(zip(_FULL_NAMES, WEEKDAYS, strict=True)),
              "tues": "Tue", "weds": "Wed", "thur": "Thu", "thurs": "Thu"}


def parse_days(text: str) -> tuple[int, ...]:
    """Read "Mon-Fri", "Sat,Sun", "Mon-Sun", "every day" into weekday numbers (Mon = 0)."""
    cleaned = text.strip()
    if cleaned.lower() in {"every day", "daily", "all", "mon-sun"}:
        return tuple(range(7))
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", cleaned):
        ends = [_DAY_NAMES.get(p.strip().lower(), "") for p in part.split("-")]
        if not 1 <= len(ends) <= 2 or any(e not in WEEKDAYS for e in ends):
            raise InvalidParameter(
                f"'{text}' is not a set of days; write them like 'Mon-Fri' or 'Sat,Sun'")
        first, last = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[-1])
        if last < first:  # "Fri-Mon" wraps over the weekend
            days.update(range(first, 7))
            days.update(range(0, last + 1))
        else:
            days.update(range(first, last + 1))
    return tuple(sorted(days))


def format_days(days: tuple[int, ...]) -> str:
    """The inverse of :func:`parse_days`, as compact as possible ("Mon-Fri", "Sat,Sun")."""
    if len(days) == 7:
        return "Mon-Sun"
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [WEEKDAYS[r[0]] if len(r) == 1 else f"{WEEKDAYS[r[0]]}-{WEEKDAYS[r[-1]]}"
             for r in runs]
    return ",".join(parts)


def parse_hour(text: str | int) -> int:
    """Read "09:00" (or 9) as an hour of the day, 0-24. Rosters are kept by the hour."""
    if isinstance(text, int) and not isinstance(text, bool):
        hour, minute = text, 0
    else:
        match = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*", str(text))
        if not match:
            raise InvalidParameter(f"'{text}' is not a time of day; write it like '09:00'")
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if minute != 0:
        raise InvalidParameter(
            f"'{text}' does not start on the hour; OutsideIn keeps rosters by the hour")
    if not 0 <= hour <= 24:
        raise InvalidParameter(f"'{text}' is not a time of day between 00:00 and 24:00")
    return hour


def weekdays(days: tuple[int, ...], owner: str, what: str) -> tuple[int, ...]:
    """``days`` sorted without repeats, checked: "``owner`` needs at least one day"."""
    days = tuple(sorted(set(days)))
    if not days:
        raise InvalidParameter(f"{owner} needs at least one day of the week")
    if any(d not in range(7) for d in days):
        raise InvalidParameter(f"{what} are numbered 0 (Monday) to 6 (Sunday)")
    return days


@dataclass(frozen=True, kw_only=True)
class Shift:
    """``staff`` people at work on ``days`` from ``start`` to ``end`` (hours, 0-24).

    A shift whose end is before its start runs overnight into the next day.
    """

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    start: int = 9
    end: int = 17
    staff: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", weekdays(self.days, "a shift", "the days of a shift"))
        # Stored as int: "staff": 2.0 in a file must not turn the roster table to floats.
        object.__setattr__(self, "start", check_whole(self.start, "the start hour", minimum=0))
        object.__setattr__(self, "end", check_whole(self.end, "the end hour", minimum=0))
        if self.start > 23:
            raise InvalidParameter(
                f"a shift cannot start at {self.start:02d}:00; a shift that starts at "
                "midnight starts at 00:00")
        if self.end > 24:
            raise InvalidParameter(
                f"a shift cannot end at {self.end:02d}:00; shift hours run from 00:00 to 24:00")
        if self.start == self.end:
            raise InvalidParameter(
                f"a shift cannot start and end at the same time ({self.start:02d}:00)")
        object.__setattr__(self, "staff",
                           check_whole(self.staff, "the number of staff on a shift", minimum=1,
                                       maximum=MOST_STAFF))

    @property
    def hours(self) -> int:
        return self.end - self.start if self.end > self.start else 24 - self.start + self.end

    def describe(self) -> str:
        return (f"{format_days(self.days)} {self.start:02d}:00-{self.end:02d}:00, "
                f"{self.staff} staff")


def roster_of(shifts: tuple[Shift, ...]) -> np.ndarray:
    """Staff on duty per weekday and hour: a 7 x 24 integer table. Shifts add up."""
    table = np.zeros((7, 24), dtype=int)
    for shift in shifts:
        for day in shift.days:
            if shift.end > shift.start:
                table[day, shift.start:shift.end] += shift.staff
            else:
                table[day, shift.start:] += shift.staff
                table[(day + 1) % 7, :shift.end] += shift.staff
    return table


def always(staff: int) -> tuple[Shift, ...]:
    """Round-the-clock staffing (the textbook queue)."""
    return (Shift(days=tuple(range(7)), start=0, end=24, staff=staff),)


def parse_time_of_day(text: str | float) -> float:
    """Read "09:30" (or a number of hours, 9.5) as hours after midnight, 0 to 24."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        hours = float(check_number(text, "a time of day", minimum=0))
    else:
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(text))
        if not match or int(match.group(2)) > 59:
            raise InvalidParameter(f"'{text}' is not a time of day; write it like '09:30'")
        hours = int(match.group(1)) + int(match.group(2)) / 60
    if hours >= 24:
        raise InvalidParameter(f"'{text}' is not a time of day between 00:00 and 23:59")
    return hours


def format_time_of_day(hours: float) -> str:
    """09:30 for 9.5: the inverse of :func:`parse_time_of_day` to the minute."""
    minutes = round(hours * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, kw_only=True)
class ScheduledArrivals:
    """``count`` customers who come in together at ``at`` (hours after midnight: 9.5 is
    09:30) on each of ``days``: a clinic list booked for Tuesday at nine, the post
    opened at 08:00. They arrive on time, every week of the run."""

    days: tuple[int, ...] = (0, 1, 2, 3, 4)
    at: float = 9.0
    count: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "days", weekdays(self.days, "a time of scheduled arrivals",
                                                  "the days of scheduled arrivals"))
        object.__setattr__(self, "at", parse_time_of_day(self.at))
        object.__setattr__(self, "count", check_whole(
            self.count, "the number of people arriving at a scheduled time", minimum=1))

    @property
    def per_week(self) -> int:
        return self.count * len(self.days)

    def describe(self) -> str:
        return f"{self.count} at {format_time_of_day(self.at)} {format_days(self.days)}"


@dataclass(frozen=True, kw_only=True)
class Arrivals:
    """How many customers come in: a daily average shaped by weekday and hour, and any who
    come at fixed times.

    ``per_day`` is the mean on an average day of those who come at random (a Poisson
    process). ``by_weekday`` (7 numbers, Monday first) and ``by_hour`` (24 numbers, from
    midnight) are relative weights: only their proportions matter, so "Monday is twice as
    busy" is ``[2, 1, 1, 1, 1, 0, 0]``. ``schedule`` adds people who come at set times
    every week (a booked list); with ``per_day`` 0 the schedule is all there is.
    """

    per_day: float
    by_weekday: tuple[float, ...] = (1.0,) * 7
    by_hour: tuple[float, ...] = (1.0,) * 24
    schedule: tuple[ScheduledArrivals, ...] = ()

    def __post_init__(self) -> None:
        check_number(self.per_day, "arrivals per day", minimum=0)
        object.__setattr__(self, "schedule", tuple(self.schedule))
        for name, weights, size in (("by_weekday", self.by_weekday, 7),
                                    ("by_hour", self.by_hour, 24)):
            weights = tuple(float(check_number(w, f"a {name} weight", minimum=0))
                            for w in weights)
            if len(weights) != size:
                raise InvalidParameter(
                    f"{name} needs {size} numbers, one per "
                    f"{'day, Monday first' if size == 7 else 'hour from midnight'} "
                    f"(got {len(weights)})")
            if sum(weights) <= 0:
                raise InvalidParameter(f"the {name} weights are all zero")
            object.__setattr__(self, name, weights)

    def random_rate_table(self) -> np.ndarray:
        """Expected random (Poisson) arrivals per minute in each weekday-hour, 7 x 24."""
        day_share = np.asarray(self.by_weekday) / sum(self.by_weekday)
        hour_share = np.asarray(self.by_hour) / sum(self.by_hour)
        per_hour = self.per_day * 7 * np.outer(day_share, hour_share)
        return per_hour / MINUTES_PER_HOUR

    def rate_table(self) -> np.ndarray:
        """Expected arrivals per minute in each weekday-hour, scheduled ones included, as
        if each hour's scheduled people were spread over it: a 7 x 24 float table."""
        table = self.random_rate_table()
        for booked in self.schedule:
            for day in booked.days:
                table[day, int(booked.at)] += booked.count / MINUTES_PER_HOUR
        return table

    def per_weekday(self) -> np.ndarray:
        """Expected arrivals on each day of the week (7 numbers, Monday first), booked ones
        included: what "``per_day`` a day" means on a Monday, a Saturday..."""
        return self.rate_table().sum(axis=1) * MINUTES_PER_HOUR

    @property
    def scheduled_per_week(self) -> int:
        return sum(booked.per_week for booked in self.schedule)

    @property
    def mean_per_day(self) -> float:
        """Everyone who comes in, on an average day."""
        return self.per_day + self.scheduled_per_week / 7

    @property
    def mean_per_minute(self) -> float:
        return self.mean_per_day / 1440.0

    def describe(self) -> str:
        """ "30 a day", "12 booked a week" or "30 a day + 12 booked a week"."""
        said = [f"{self.per_day:g} a day"] if self.per_day or not self.schedule else []
        if self.schedule:
            said.append(f"{self.scheduled_per_week:,} booked a week")
        return " + ".join(said)

    def scheduled_times(self, start_weekday: int, run_minutes: float) -> list[tuple[float, int]]:
        """(minute, people) of every scheduled arrival in a run of ``run_minutes`` whose
        first day is ``start_weekday``, in time order; time 0 is midnight of the first day."""
        times = []
        for booked in self.schedule:
            for day in booked.days:
                first = ((day - start_weekday) % 7) * 1440.0 + booked.at * MINUTES_PER_HOUR
                times.extend((minute, booked.count)
                             for minute in np.arange(first, run_minutes, 7 * 1440.0).tolist())
        return sorted(times)
