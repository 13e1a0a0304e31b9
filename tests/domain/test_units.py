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
