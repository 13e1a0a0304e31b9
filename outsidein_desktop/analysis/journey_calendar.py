"""Where a stretch of a journey falls on the calendar: real dates from the run's start date,
and how much of it fell at weekends or at night (when most services are shut, and a wait
feels longer than the working days in it).

Times are minutes from midnight at the start of the run's first day, as in the engine.
"""

from __future__ import annotations

import datetime as dt
import math

from ..domain.units import counted

MINUTES_PER_DAY = 1440.0
#: "Night" is 20:00 to 08:00 on a weekday night; weekends are Saturday and Sunday, whole.
NIGHT_ENDS = 8 * 60.0
NIGHT_STARTS = 20 * 60.0


def moment(start: dt.date, minutes: float) -> dt.datetime:
    """The date and time ``minutes`` after midnight at the start of ``start``."""
    return dt.datetime.combine(start, dt.time()) + dt.timedelta(minutes=round(minutes, 6))


def day_number(start: dt.date, since: float, minutes: float) -> int:
    """Days from the calendar day of ``since`` to the calendar day of ``minutes`` (Day 0 is
    the day they came in)."""
    return (moment(start, minutes).date() - moment(start, since).date()).days


def weekend_and_night(start_minute: float, end_minute: float,
                      start_weekday: int) -> tuple[float, float]:
    """Minutes of [start_minute, end_minute) that fell at weekends, and at night on
    weekdays. ``start_weekday`` is the weekday of the run's first day (Monday 0)."""
    weekend = night = 0.0
    if not (math.isfinite(start_minute) and math.isfinite(end_minute)):
        return weekend, night
    first = int(start_minute // MINUTES_PER_DAY)
    last = int(end_minute // MINUTES_PER_DAY)
    for day in range(first, last + 1):
        midnight = day * MINUTES_PER_DAY

        def overlap(a: float, b: float, midnight: float = midnight) -> float:
            return max(0.0, min(end_minute, midnight + b) - max(start_minute, midnight + a))

        if (start_weekday + day) % 7 >= 5:
            weekend += overlap(0.0, MINUTES_PER_DAY)
        else:
            night += overlap(0.0, NIGHT_ENDS) + overlap(NIGHT_STARTS, MINUTES_PER_DAY)
    return weekend, night


def say_minutes(minutes: float) -> str:
    """A length of time as a person says it: "12 days", "3 days 4 hours", "2 hours 5
    minutes", "25 minutes", "under a minute"."""
    if not math.isfinite(minutes):
        return "an unknown time"
    if minutes <= 0:
        return "no time"
    if minutes < 1:
        return "under a minute"
    whole = round(minutes)
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    if days >= 10:
        return counted(round(minutes / 1440), "day")
    if days:
        return counted(days, "day") + (f" {counted(hours, 'hour')}" if hours else "")
    if hours:
        return counted(hours, "hour") + (f" {counted(mins, 'minute')}" if mins else "")
    return counted(mins, "minute")
