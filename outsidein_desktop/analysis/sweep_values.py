"""The values a sweep tries, read from text: ``1..6`` (whole steps), ``5..30/5`` (with a
step) or ``1,2,4,8``; lengths of time may carry units (``30min..2h/30min``)."""

from __future__ import annotations

import math
import re

import numpy as np

from ..domain.units import MINUTES_PER, unit_name
from ..errors import InvalidParameter

#: More points than this would take hours and make an unreadable chart.
MOST_VALUES = 50


class SweepSpecError(InvalidParameter):
    """A sweep that cannot be read or does not fit the map; the message says which."""


_NUMBER = re.compile(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]*)\s*")


def _read_number(token: str, timed: bool, default_unit: str) -> tuple[float, str | None]:
    """A value and the unit written after it (None when none was written)."""
    match = _NUMBER.fullmatch(token)
    if not match:
        raise SweepSpecError(f"'{token.strip()}' is not a number.")
    value, unit = float(match.group(1)), match.group(2)
    if not unit:
        return value, None
    if not timed:
        raise SweepSpecError(f"'{token.strip()}': {default_unit} values are plain numbers, "
                             "without a unit.")
    try:
        return value, unit_name(unit)
    except InvalidParameter as error:
        raise SweepSpecError(str(error)) from None


def read_values(text: str, timed: bool = False,
                default_unit: str = "") -> tuple[tuple[float, ...], str]:
    """The values of ``1..6`` (whole steps), ``5..30/5`` (a step) or ``1,2,4,8``, sorted,
    and their unit. Values of times may carry units ("30min..2h/30min"): they are all
    given in the first unit written, or ``default_unit`` if none is."""
    body = text.strip()
    if not body:
        raise SweepSpecError("there are no values after '='; write them like '1..6', "
                             "'5..30/5' or '1,2,4,8'.")
    if ".." in body:
        first, _, rest = body.partition("..")
        last, slash, step = rest.partition("/")
        tokens = [first, last] + ([step] if slash else [])
    else:
        tokens = body.split(",")
    read = [_read_number(t, timed, default_unit) for t in tokens]
    units = [u for _, u in read if u]
    unit = units[0] if units else default_unit
    numbers = [v * MINUTES_PER[u] / MINUTES_PER[unit] if u else v for v, u in read]
    if ".." in body:
        values = _range(body, numbers)
    else:
        values = sorted(numbers)
        twice = [v for v, n in zip(values, values[1:], strict=False) if v == n]
        if twice:
            raise SweepSpecError(f"the value {twice[0]:g} is given twice in '{body}'.")
    if len(values) < 2:
        raise SweepSpecError(f"'{body}' gives only one value; a sweep needs two or more.")
    if len(values) > MOST_VALUES:
        raise SweepSpecError(f"'{body}' gives {len(values)} values; a sweep tries at most "
                             f"{MOST_VALUES}. Use a larger step.")
    return tuple(values), unit


def _range(body: str, numbers: list[float]) -> list[float]:
    low, high = numbers[0], numbers[1]
    step = numbers[2] if len(numbers) > 2 else 1.0
    if step <= 0:
        raise SweepSpecError(f"the step in '{body}' must be more than zero.")
    if high < low:
        raise SweepSpecError(f"the range '{body}' is empty: it runs down from {low:g} to "
                             f"{high:g}. Write the smaller value first, like "
                             f"'{high:g}..{low:g}'.")
    count = math.floor((high - low) / step + 1e-9) + 1
    if count > MOST_VALUES:
        raise SweepSpecError(f"'{body}' gives {count:,} values; a sweep tries at most "
                             f"{MOST_VALUES}. Use a larger step.")
    # Rounded so that 0.1 steps give 0.3, not 0.30000000000000004.
    return [float(v) for v in np.round(low + step * np.arange(count), 10)]
