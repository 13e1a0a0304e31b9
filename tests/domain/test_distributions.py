"""Distributions: their means in the user's units, their samples, and their complaints."""

import math
import pickle

import numpy as np
import pytest
from scipy import stats

from outsidein_desktop.domain.distributions import (
    DISTRIBUTIONS,
    Empirical,
    Exponential,
    Fixed,
    Normal,
    Triangular,
    Weibull,
    file_params,
    make_distribution,
)
from outsidein_desktop.errors import InvalidParameter, OutsideInError

MINUTES_IN = {"minutes": 1.0, "hours": 60.0, "days": 1440.0, "weeks": 10080.0}


def _truncated_normal_mean(mu: float, sd: float) -> float:
    """Mean of a normal(mu, sd) cut at 0, from the textbook formula."""
    alpha = -mu / sd
    return mu + sd * stats.norm.pdf(alpha) / (1 - stats.norm.cdf(alpha))


# (kind, parameters as written in files, the mean in the distribution's own unit by theory)
CASES = [
    ("fixed", {"value": 10}, 10.0),
    ("exponential", {"mean": 2.5}, 2.5),
    ("uniform", {"low": 1, "high": 4}, 2.5),
    ("triangular", {"low": 1, "mode": 2, "high": 6}, 3.0),
    ("normal", {"mean": 3, "sd": 2}, _truncated_normal_mean(3, 2)),
    ("lognormal", {"mean": 4, "sd": 3}, 4.0),
    ("gamma", {"mean": 5, "sd": 2}, 5.0),
    ("weibull", {"shape": 1.5, "scale": 3}, 3 * math.gamma(1 + 1 / 1.5)),
    ("empirical", {"values": [1, 2, 2, 7, 0.5]}, 2.5),
]
CASE_IDS = [kind for kind, _, _ in CASES]


def test_every_kind_is_covered():
    assert set(CASE_IDS) == set(DISTRIBUTIONS)


@pytest.mark.parametrize("unit", list(MINUTES_IN))
@pytest.mark.parametrize(("kind", "params", "theory"), CASES, ids=CASE_IDS)
def test_mean_in_minutes_matches_theory_for_every_unit(kind, params, theory, unit):
    dist = make_distribution(kind, unit, **params)
    assert dist.unit == unit
    assert dist.mean == pytest.approx(theory * MINUTES_IN[unit], rel=1e-9)


def test_truncated_normal_mean_is_above_the_untruncated_mean():
    # Cutting off the negative side lifts the mean: the engine must use the lifted one.
    dist = Normal(mean_value=1, sd=2)
    assert dist.mean == pytest.approx(_truncated_normal_mean(1, 2))
    assert dist.mean > 1


@pytest.mark.parametrize(("kind", "params", "theory"), CASES, ids=CASE_IDS)
def test_sampled_mean_agrees_within_five_standard_errors(kind, params, theory):
    n = 200_000
    dist = make_distribution(kind, "hours", **params)
    draws = dist.sample(np.random.default_rng(20261125), n)
    assert draws.shape == (n,)
    standard_error = draws.std(ddof=1) / math.sqrt(n)
    assert abs(draws.mean() - dist.mean) <= 5 * standard_error + 1e-9 * dist.mean


@pytest.mark.parametrize(
    ("kind", "params"),
    [  # shapes with much of their mass near zero, where a sign slip would show
        ("normal", {"mean": 0.5, "sd": 5}),
        ("lognormal", {"mean": 0.5, "sd": 5}),
        ("gamma", {"mean": 0.5, "sd": 5}),
        ("weibull", {"shape": 0.4, "scale": 0.5}),
        ("exponential", {"mean": 0.01}),
        ("uniform", {"low": 0, "high": 0.1}),
        ("triangular", {"low": 0, "mode": 0, "high": 1}),
        ("empirical", {"values": [0, 0, 0.1]}),
        ("fixed", {"value": 0}),
    ],
)
def test_samples_are_never_negative(kind, params):
    draws = make_distribution(kind, **params).sample(np.random.default_rng(1), 100_000)
    assert np.all(draws >= 0)
    assert np.all(np.isfinite(draws))


@pytest.mark.parametrize(("kind", "params", "theory"), CASES, ids=CASE_IDS)
def test_the_same_seed_gives_the_same_samples(kind, params, theory):
    dist = make_distribution(kind, "days", **params)
    first = dist.sample(np.random.default_rng(42), 1000)
    again = dist.sample(np.random.default_rng(42), 1000)
    np.testing.assert_array_equal(first, again)
    if kind != "fixed":
        other = dist.sample(np.random.default_rng(43), 1000)
        assert not np.array_equal(first, other)


def test_samples_are_in_minutes():
    draws = Fixed(value=2, unit="days").sample(np.random.default_rng(0), 3)
    np.testing.assert_array_equal(draws, [2880.0, 2880.0, 2880.0])
    observed = Empirical(values=(1, 2), unit="hours").sample(np.random.default_rng(0), 1000)
    assert set(observed) == {60.0, 120.0}


def test_empirical_with_one_observation_always_gives_it():
    draws = Empirical(values=(3, 3), unit="minutes").sample(np.random.default_rng(0), 5)
    np.testing.assert_array_equal(draws, [3.0] * 5)


def test_quantiles_are_in_minutes():
    median = Exponential(mean_value=1, unit="hours").quantile(0.5)
    assert median == pytest.approx(60 * math.log(2))


@pytest.mark.parametrize(
    ("dist", "text"),
    [
        (Exponential(mean_value=2, unit="days"), "exponential, mean 2 days"),
        (Exponential(mean_value=45, unit="minutes"), "exponential, mean 45 min"),
        (Fixed(value=10), "fixed, 10 min"),
        (Fixed(value=3, unit="hours"), "fixed, 3 hours"),
        (Triangular(low=1, mode=2, high=6, unit="hours"), "triangular, mean 3 hours"),
        (Weibull(shape=1, scale=6, unit="weeks"), "Weibull, mean 42 days"),
        (Empirical(values=(1, 2, 3), unit="days"), "from observed times (3), mean 2 days"),
        (make_distribution("uniform", "weeks", low=20, high=24), "uniform, mean 22 weeks"),
        (Exponential(mean_value=90, unit="minutes"), "exponential, mean 1.5 hours"),
    ],
)
def test_describe_reads_well(dist, text):
    assert dist.describe() == text
    assert str(dist) == text


def test_normal_says_it_is_cut_at_zero():
    assert Normal(mean_value=30, sd=5).describe() == "normal (cut at 0), mean 30 min"


@pytest.mark.parametrize(("kind", "params", "theory"), CASES, ids=CASE_IDS)
def test_file_params_rebuild_the_same_distribution(kind, params, theory):
    dist = make_distribution(kind, "weeks", **params)
    assert file_params(dist) == params
    assert make_distribution(dist.kind, dist.unit, **file_params(dist)) == dist


def test_units_have_aliases():
    assert make_distribution("fixed", "hrs", value=1).unit == "hours"
    assert make_distribution("fixed", "Day", value=1).unit == "days"


@pytest.mark.parametrize(
    ("kind", "unit", "params", "words"),
    [
        ("exponential", "minutes", {"mean": 0}, ["the mean", "greater than 0"]),
        ("exponential", "minutes", {"mean": -3}, ["the mean", "greater than 0", "-3"]),
        ("normal", "minutes", {"mean": 0, "sd": 1}, ["the mean"]),
        ("normal", "minutes", {"mean": 5, "sd": 0}, ["the standard deviation"]),
        ("lognormal", "minutes", {"mean": 5, "sd": -1}, ["the standard deviation"]),
        ("gamma", "minutes", {"mean": 5, "sd": 0}, ["the standard deviation"]),
        ("gamma", "minutes", {"mean": -5, "sd": 1}, ["the mean"]),
        ("uniform", "minutes", {"low": 5, "high": 5}, ["high value", "low value"]),
        ("uniform", "minutes", {"low": 5, "high": 2}, ["high value", "low value"]),
        ("uniform", "minutes", {"low": -1, "high": 2}, ["the low value", "at least 0"]),
        ("triangular", "minutes", {"low": 1, "mode": 9, "high": 5}, ["most likely", "between"]),
        ("triangular", "minutes", {"low": 3, "mode": 1, "high": 5}, ["most likely", "between"]),
        ("triangular", "minutes", {"low": 5, "mode": 5, "high": 5}, ["highest", "lowest"]),
        ("weibull", "minutes", {"shape": 0, "scale": 1}, ["the shape"]),
        ("weibull", "minutes", {"shape": 1, "scale": -1}, ["the scale"]),
        ("fixed", "minutes", {"value": -1}, ["the fixed time", "at least 0"]),
        ("exponential", "minutes", {"mean": math.nan}, ["the mean", "finite"]),
        ("normal", "minutes", {"mean": 5, "sd": math.inf}, ["the standard deviation", "finite"]),
        ("uniform", "minutes", {"low": 0, "high": math.inf}, ["the high value", "finite"]),
        ("exponential", "minutes", {"mean": "5"}, ["the mean", "must be a number"]),
        ("exponential", "minutes", {"mean": True}, ["the mean", "must be a number"]),
        ("empirical", "minutes", {"values": []}, ["observed times", "empty"]),
        ("empirical", "minutes", {"values": [1, -2]}, ["observed time number 2"]),
        ("empirical", "minutes", {"values": [1, 2, math.nan]}, ["observed time number 3"]),
        ("poisson", "minutes", {"mean": 1}, ["'poisson'", "not a kind of distribution",
                                             "exponential"]),
        ("uniform", "minutes", {"low": 1}, ["needs 'high'"]),
        ("triangular", "minutes", {"low": 1, "high": 3}, ["needs 'mode'"]),
        ("exponential", "minutes", {"mean": 1, "sd": 2}, ["no parameter 'sd'", "takes mean"]),
        ("exponential", "minutes", {"mean_value": 1}, ["no parameter 'mean_value'"]),
        ("exponential", "fortnights", {"mean": 1}, ["'fortnights'", "not a time unit", "weeks"]),
        ("exponential", "", {"mean": 1}, ["not a time unit"]),
        ("exponential", None, {"mean": 1}, ["not a time unit"]),
    ],
)
def test_invalid_parameters_are_refused_naming_the_parameter(kind, unit, params, words):
    with pytest.raises(InvalidParameter) as error:
        make_distribution(kind, unit, **params)
    assert isinstance(error.value, OutsideInError)
    for word in words:
        assert word in str(error.value)


def test_messages_use_the_right_article():
    with pytest.raises(InvalidParameter, match="an exponential distribution"):
        make_distribution("exponential", maen=5)
    with pytest.raises(InvalidParameter, match="a uniform distribution"):
        make_distribution("uniform", low=1, hi=2)


def test_distributions_are_frozen_and_pickle():
    dist = make_distribution("empirical", "days", values=[1, 2, 3])
    dist.sample(np.random.default_rng(0), 10)  # fills the cached scipy object
    with pytest.raises(AttributeError):
        dist.unit = "hours"
    clone = pickle.loads(pickle.dumps(dist))
    assert clone == dist
    np.testing.assert_array_equal(clone.sample(np.random.default_rng(5), 50),
                                  dist.sample(np.random.default_rng(5), 50))
