"""Shares written as percentages that never round to a false 0% or 100%."""

import math

import pytest

from outsidein_desktop.domain.units import format_share


@pytest.mark.parametrize(("share", "text"), [
    (0.625, "62.5%"), (0.998, "99.8%"), (0.9996, "99.96%"), (0.99996, "99.996%"),
    (0.999999, ">99.999%"), (0.0004, "0.04%"), (0.0000001, "<0.001%"), (0.0, "0.0%"),
    (1.0, "100.0%"), (0.05, "5.0%"), (math.nan, "n/a"),
])
def test_a_share_keeps_the_decimals_that_tell_it_from_0_or_100(share, text):
    assert format_share(share) == text


def test_confidence_limits_can_share_the_unit_of_their_mean():
    from outsidein_desktop.domain.units import format_minutes

    assert format_minutes(64.6 * 1440) == "64.6 days"
    assert format_minutes(71.4 * 1440) == "10.2 weeks"
    assert format_minutes(71.4 * 1440, like=64.6 * 1440) == "71.4 days"
    assert format_minutes(100, like=30) == "100 min"
    assert format_minutes(float("nan"), like=30) == "never"
