"""Durations as probability distributions, with scipy.stats underneath.

A distribution knows its own mean, describes itself in the user's units, validates its
parameters when it is made, and samples into minutes (the engine's unit) from a numpy
``Generator`` it is given. Parameters are written in the distribution's own ``unit``
("an exponential wait with a mean of 2 days") because that is how people think of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, ClassVar

import numpy as np
from scipy import stats

from ..errors import InvalidParameter
from .units import MINUTES_PER, check_number, format_minutes, unit_name


@dataclass(frozen=True, kw_only=True)
class Distribution:
    """Base of all duration distributions. Subclasses add their parameters as fields."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    unit: str = "minutes"

    def __post_init__(self) -> None:
        object.__setattr__(self, "unit", unit_name(self.unit))
        self._check()

    def _check(self) -> None:
        """Raise InvalidParameter if a parameter is out of range."""

    # scipy's frozen distribution, in the distribution's own unit.
    def _scipy(self) -> Any:
        raise NotImplementedError

    @cached_property
    def _frozen(self) -> Any:
        return self._scipy()

    @property
    def scale_to_minutes(self) -> float:
        return MINUTES_PER[self.unit]

    @property
    def mean(self) -> float:
        """The mean, in minutes."""
        return float(self._frozen.mean()) * self.scale_to_minutes

    @property
    def std(self) -> float:
        """The standard deviation, in minutes."""
        return float(self._frozen.std()) * self.scale_to_minutes

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws, in minutes, never negative."""
        draws = np.asarray(self._frozen.rvs(size=n, random_state=rng), dtype=float)
        return draws * self.scale_to_minutes

    def quantile(self, q: float | np.ndarray) -> np.ndarray:
        """Quantiles in minutes (for previews and sanity checks)."""
        return np.asarray(self._frozen.ppf(q), dtype=float) * self.scale_to_minutes

    def params(self) -> dict[str, Any]:
        """The parameters as written by the user (in ``unit``), without ``unit``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "unit"}

    def describe(self) -> str:
        """e.g. "exponential, mean 2 days"."""
        return f"{self.label}, mean {format_minutes(self.mean)}"

    def __str__(self) -> str:
        return self.describe()


def _positive(value: float, what: str) -> float:
    return check_number(value, what, strictly_above=0)


@dataclass(frozen=True, kw_only=True)
class Fixed(Distribution):
    """Always the same time (a 10-minute appointment slot)."""

    kind: ClassVar[str] = "fixed"
    label: ClassVar[str] = "fixed"
    value: float

    def _check(self) -> None:
        check_number(self.value, "the fixed time", minimum=0)

    def _scipy(self) -> Any:
        return None  # scipy has no point mass; handled directly below

    @property
    def mean(self) -> float:
        return self.value * self.scale_to_minutes

    @property
    def std(self) -> float:
        return 0.0

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return np.full(n, self.value * self.scale_to_minutes)

    def quantile(self, q: float | np.ndarray) -> np.ndarray:
        return np.full(np.shape(q), self.mean)

    def describe(self) -> str:
        return f"fixed, {format_minutes(self.mean)}"


@dataclass(frozen=True, kw_only=True)
class Exponential(Distribution):
    """Memoryless times: many short, a few long (phone-call waits, arrivals)."""

    kind: ClassVar[str] = "exponential"
    label: ClassVar[str] = "exponential"
    mean_value: float = field(metadata={"file_name": "mean"})

    def _check(self) -> None:
        _positive(self.mean_value, "the mean")

    def _scipy(self) -> Any:
        return stats.expon(scale=self.mean_value)


@dataclass(frozen=True, kw_only=True)
class Uniform(Distribution):
    """Any time between a low and a high value, equally likely."""

    kind: ClassVar[str] = "uniform"
    label: ClassVar[str] = "uniform"
    low: float
    high: float

    def _check(self) -> None:
        check_number(self.low, "the low value", minimum=0)
        check_number(self.high, "the high value", minimum=0)
        if self.high <= self.low:
            raise InvalidParameter(
                f"the high value ({self.high:g}) must be greater than the low value ({self.low:g})")

    def _scipy(self) -> Any:
        return stats.uniform(loc=self.low, scale=self.high - self.low)


@dataclass(frozen=True, kw_only=True)
class Triangular(Distribution):
    """A shortest, a most likely and a longest time: how people estimate a task."""

    kind: ClassVar[str] = "triangular"
    label: ClassVar[str] = "triangular"
    low: float
    mode: float
    high: float

    def _check(self) -> None:
        check_number(self.low, "the lowest value", minimum=0)
        check_number(self.mode, "the most likely value", minimum=0)
        check_number(self.high, "the highest value", minimum=0)
        if self.high <= self.low:
            raise InvalidParameter(
                f"the highest value ({self.high:g}) must be greater than the lowest ({self.low:g})")
        if not self.low <= self.mode <= self.high:
            raise InvalidParameter(
                f"the most likely value ({self.mode:g}) must lie between the lowest "
                f"({self.low:g}) and the highest ({self.high:g})")

    def _scipy(self) -> Any:
        width = self.high - self.low
        return stats.triang(c=(self.mode - self.low) / width, loc=self.low, scale=width)


@dataclass(frozen=True, kw_only=True)
class Normal(Distribution):
    """A bell curve cut off at zero (times cannot be negative)."""

    kind: ClassVar[str] = "normal"
    label: ClassVar[str] = "normal (cut at 0)"
    mean_value: float = field(metadata={"file_name": "mean"})
    sd: float

    def _check(self) -> None:
        _positive(self.mean_value, "the mean")
        _positive(self.sd, "the standard deviation")

    def _scipy(self) -> Any:
        return stats.truncnorm(a=-self.mean_value / self.sd, b=math.inf,
                               loc=self.mean_value, scale=self.sd)


@dataclass(frozen=True, kw_only=True)
class Lognormal(Distribution):
    """Skewed times with a long tail (most jobs quick, some very long). Given by mean and sd."""

    kind: ClassVar[str] = "lognormal"
    label: ClassVar[str] = "lognormal"
    mean_value: float = field(metadata={"file_name": "mean"})
    sd: float

    def _check(self) -> None:
        _positive(self.mean_value, "the mean")
        _positive(self.sd, "the standard deviation")

    def _scipy(self) -> Any:
        sigma2 = math.log1p((self.sd / self.mean_value) ** 2)
        return stats.lognorm(s=math.sqrt(sigma2),
                             scale=math.exp(math.log(self.mean_value) - sigma2 / 2))


@dataclass(frozen=True, kw_only=True)
class Gamma(Distribution):
    """Skewed times, lighter-tailed than lognormal. Given by mean and sd."""

    kind: ClassVar[str] = "gamma"
    label: ClassVar[str] = "gamma"
    mean_value: float = field(metadata={"file_name": "mean"})
    sd: float

    def _check(self) -> None:
        _positive(self.mean_value, "the mean")
        _positive(self.sd, "the standard deviation")

    def _scipy(self) -> Any:
        return stats.gamma(a=(self.mean_value / self.sd) ** 2, scale=self.sd**2 / self.mean_value)


@dataclass(frozen=True, kw_only=True)
class Weibull(Distribution):
    """Times to an event whose chance rises (shape > 1) or falls (shape < 1) with time."""

    kind: ClassVar[str] = "weibull"
    label: ClassVar[str] = "Weibull"
    shape: float
    scale: float

    def _check(self) -> None:
        _positive(self.shape, "the shape")
        _positive(self.scale, "the scale")

    def _scipy(self) -> Any:
        return stats.weibull_min(c=self.shape, scale=self.scale)


@dataclass(frozen=True, kw_only=True)
class Empirical(Distribution):
    """Times drawn from a list of observed times (each observation equally likely)."""

    kind: ClassVar[str] = "empirical"
    label: ClassVar[str] = "from observed times"
    values: tuple[float, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(self.values))
        super().__post_init__()

    def _check(self) -> None:
        if not self.values:
            raise InvalidParameter("the list of observed times is empty")
        for i, value in enumerate(self.values, start=1):
            check_number(value, f"observed time number {i}", minimum=0)

    def _scipy(self) -> Any:
        # A discrete distribution on the observations: resampling, as a bootstrap does.
        observed, counts = np.unique(np.asarray(self.values, dtype=float), return_counts=True)
        if len(observed) == 1:
            return None
        return stats.rv_discrete(values=(np.arange(len(observed)), counts / counts.sum()))

    @cached_property
    def _observed(self) -> np.ndarray:
        return np.unique(np.asarray(self.values, dtype=float))

    @property
    def mean(self) -> float:
        return float(np.mean(self.values)) * self.scale_to_minutes

    @property
    def std(self) -> float:
        return float(np.std(self.values)) * self.scale_to_minutes

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if self._frozen is None:
            return np.full(n, self._observed[0] * self.scale_to_minutes)
        index = np.asarray(self._frozen.rvs(size=n, random_state=rng), dtype=int)
        return self._observed[index] * self.scale_to_minutes

    def quantile(self, q: float | np.ndarray) -> np.ndarray:
        return np.quantile(np.asarray(self.values, dtype=float), q) * self.scale_to_minutes

    def describe(self) -> str:
        return f"{self.label} ({len(self.values)}), mean {format_minutes(self.mean)}"


DISTRIBUTIONS: dict[str, type[Distribution]] = {
    cls.kind: cls
    for cls in (Fixed, Exponential, Uniform, Triangular, Normal, Lognormal, Gamma, Weibull,
                Empirical)
}


def param_file_name(f: Any) -> str:
    """The name a parameter has in files and in the editor ("mean" for ``mean_value``)."""
    return f.metadata.get("file_name", f.name)


def make_distribution(kind: str, unit: str = "minutes", **params: Any) -> Distribution:
    """Build a distribution from its kind and its parameters as named in files.

    Raises InvalidParameter for an unknown kind, a missing or unknown parameter, or a value
    out of range.
    """
    cls = DISTRIBUTIONS.get(kind)
    if cls is None:
        raise InvalidParameter(
            f"'{kind}' is not a kind of distribution; use one of {', '.join(DISTRIBUTIONS)}")
    wanted = {param_file_name(f): f.name for f in fields(cls) if f.name != "unit"}
    article = "an" if kind[:1] in "aeio" else "a"  # "a uniform", "an exponential"
    unknown = sorted(set(params) - set(wanted))
    if unknown:
        raise InvalidParameter(
            f"{article} {kind} distribution has no parameter '{unknown[0]}'; "
            f"it takes {', '.join(wanted)}")
    missing = [name for name in wanted if name not in params]
    if missing:
        raise InvalidParameter(
            f"{article} {kind} distribution needs '{missing[0]}' (it takes {', '.join(wanted)})")
    return cls(unit=unit, **{wanted[name]: value for name, value in params.items()})


def file_params(dist: Distribution) -> dict[str, Any]:
    """The parameters under the names files use, the inverse of :func:`make_distribution`."""
    return {param_file_name(f): (list(getattr(dist, f.name)) if f.name == "values"
                                 else getattr(dist, f.name))
            for f in fields(dist) if f.name != "unit"}
