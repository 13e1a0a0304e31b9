"""Time units. The engine counts minutes; people read hours, days and weeks."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import InvalidParameter

MINUTES_PER: dict[str, float] = {
    "seconds": 1 / 60,
    "minutes": 1.0,
    "hours": 60.0,
    "days": 1440.0,
    "weeks": 10080.0,
}

_ALIASES = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours",
    "d": "days", "day": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks",
}


def unit_name(text: str) -> str:
    """The canonical unit for ``text`` ("min", "hour", "days" ...); raises InvalidParameter."""
    if not isinstance(text, str):
        raise InvalidParameter(f"{text!r} is not a time unit; use one of {', '.join(MINUTES_PER)}")
    key = text.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in MINUTES_PER:
        known = ", ".join(MINUTES_PER)
        raise InvalidParameter(f"'{text}' is not a time unit; use one of {known}")
    return key


def check_number(value: object, what: str, *, minimum: float | None = None,
                 strictly_above: float | None = None, maximum: float | None = None) -> float:
    """Return ``value`` as a float, or raise InvalidParameter naming ``what``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidParameter(f"{what} must be a number (got {value!r})")
    try:
        number = float(value)
    except OverflowError:  # a whole number with hundreds of digits
        number = math.inf
    if not math.isfinite(number):
        shown = f"{value!r}" if isinstance(value, float) else "a number too large to use"
        raise InvalidParameter(f"{what} must be a finite number (got {shown})")
    if strictly_above is not None and number <= strictly_above:
        raise InvalidParameter(f"{what} must be greater than {strictly_above:g} (got {number:g})")
    if minimum is not None and number < minimum:
        raise InvalidParameter(f"{what} must be at least {minimum:g} (got {number:g})")
    if maximum is not None and number > maximum:
        raise InvalidParameter(f"{what} must be at most {maximum:g} (got {number:g})")
    return number


def check_whole(value: object, what: str, *, minimum: int = 0,
                maximum: int | None = None) -> int:
    """Return ``value`` as an int (no fractions), or raise InvalidParameter."""
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or (isinstance(value, float) and not value.is_integer())):
        raise InvalidParameter(f"{what} must be a whole number (got {value!r})")
    if value < minimum:
        raise InvalidParameter(f"{what} must be at least {minimum} (got {int(value)})")
    if maximum is not None and value > maximum:
        shown = f"{value:g}" if value < 1e300 else "a number too large to use"
        raise InvalidParameter(f"{what} must be at most {maximum} (got {shown})")
    return int(value)


@dataclass(frozen=True)
class Duration:
    """A plain length of time, such as a chase threshold ("6 weeks")."""

    value: float
    unit: str = "minutes"

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", unit_name(self.unit))
        object.__setattr__(self, "value", check_number(self.value, "a duration", minimum=0))

    @property
    def minutes(self) -> float:
        return self.value * MINUTES_PER[self.unit]

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read "6 weeks", "90 min", "1.5 days"."""
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s*([A-Za-z]+)\s*", text)
        if not match:
            raise InvalidParameter(
                f"'{text}' is not a length of time; write a number and a unit, like '6 weeks'")
        return cls(float(match.group(1)), match.group(2))

    def __str__(self) -> str:
        unit = self.unit if self.value != 1 else self.unit.rstrip("s")
        return f"{self.value:g} {unit}"


def _unit_for(minutes: float) -> tuple[float, str]:
    """(minutes per unit, its short name) a person would use for ``minutes``."""
    if minutes < 1:
        return 1 / 60, "s"
    if minutes < 90:
        return 1.0, "min"
    if minutes < 48 * 60:
        return 60.0, "hours"
    if minutes < 10 * 10080:
        return 1440.0, "days"
    return 10080.0, "weeks"


def format_minutes(minutes: float, like: float | None = None) -> str:
    """A length of time in the unit a person would use: "45 min", "3.5 hours", "12 days".
    ``like`` chooses the unit instead (a mean, for its confidence limits to share its
    unit: "64.6 days (95% CI 57.8 days to 71.4 days)", not "… to 10.2 weeks")."""
    if not math.isfinite(minutes):
        return "never"
    chosen = like if like is not None and math.isfinite(like) else minutes
    per, name = _unit_for(abs(chosen))
    if name == "s":
        return f"{minutes * 60:.0f} s"
    shown = f"{minutes / per:.3g}"
    return f"{shown} {name.removesuffix('s') if shown == '1' else name}"


def format_share(share: float) -> str:
    """A share (0 to 1) as a percentage with enough decimals that a value near 0% or 100%
    does not round to it: "62.5%", "99.96%", "0.04%", ">99.999%". Not finite: "n/a"."""
    if not math.isfinite(share):
        return "n/a"
    value = 100 * share
    near = min(abs(value), abs(100 - value))
    if near == 0 or near >= 1:
        return f"{value:.1f}%"
    if near < 0.001:
        return "<0.001%" if abs(value) < 50 else ">99.999%"
    decimals = min(3, max(1, -math.floor(math.log10(near))))
    return f"{value:.{decimals}f}%"


def counted(n: int, word: str) -> str:
    """"1 replication", "3 replications", "1,250 customers"."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"
