"""The story of one journey: real dates, counts and totals that match the log."""

import datetime as dt
import re

import numpy as np
import pytest
from journey_maps import START, referral_map, run_map

from outsidein_desktop.analysis.journey import follow
from outsidein_desktop.analysis.journey_calendar import say_minutes, weekend_and_night
from outsidein_desktop.analysis.journey_finder import find_customer
from outsidein_desktop.analysis.journey_story import compare_line, headline, ordinal, tell, times


@pytest.fixture(scope="module")
def referral():
    return run_map(referral_map())


def customer_with(output, **at_least):
    c = output.customers
    keep = np.isfinite(c["end"]) & (c["outcome"] >= 0)
    for name, n in at_least.items():
        keep &= c[name] >= n
    return int(np.flatnonzero(keep)[0])


def test_say_minutes_reads_like_a_person():
    assert say_minutes(0) == "no time"
    assert say_minutes(0.5) == "under a minute"
    assert say_minutes(25) == "25 minutes"
    assert say_minutes(61) == "1 hour 1 minute"
    assert say_minutes(3 * 1440 + 4 * 60) == "3 days 4 hours"
    assert say_minutes(12.4 * 1440) == "12 days"
    assert ordinal(3) == "third" and ordinal(11) == "11th" and ordinal(22) == "22nd"


def test_weekends_and_nights_are_counted_on_the_calendar():
    # The run starts on a Monday: Friday 18:00 to Monday 09:00 is 2 whole weekend days,
    # Friday 20:00-24:00 and Monday 00:00-08:00 at night.
    friday = 4 * 1440
    weekend, night = weekend_and_night(friday + 18 * 60, 7 * 1440 + 9 * 60, START.weekday())
    assert weekend == 2 * 1440
    assert night == 4 * 60 + 8 * 60


def test_the_story_counts_and_totals_match_the_log(referral):
    output, compiled = referral
    c = output.customers
    customer = customer_with(output, story_repeats=2, chases=1)
    journey = follow(output, compiled, customer)
    story = tell(journey, START)
    text = story.text()
    assert text.count("Chased Admin for news") == c["chases"][customer]
    for n in range(2, c["story_repeats"][customer] + 2):
        assert f"Told their story for the {ordinal(n)} time" in text
    assert f"Told their story for the {ordinal(c['story_repeats'][customer] + 2)}" not in text
    e2e = c["end"][customer] - c["arrival"][customer]
    assert story.totals.startswith(f"In all: {say_minutes(e2e)} from first contact to "
                                   f"'{compiled.node_names[c['outcome'][customer]]}'")
    assert f"{say_minutes(c['touch'][customer])} of it with someone" in story.totals
    assert f"{say_minutes(c['unowned'][customer])} between teams" in story.totals
    assert f"told their story {times(c['story_repeats'][customer] + 1)}" in story.totals
    assert f"chased {times(c['chases'][customer])}" in story.totals
    # Each wait in the story is a span of the journey, in the same words.
    waits = [s for s in journey.spans if s.kind == "wait"]
    for span in waits:
        assert f"waited {say_minutes(span.minutes)} for {span.place}".lower() in text.lower()


def test_the_story_is_dated_from_the_run_start(referral):
    output, compiled = referral
    customer = customer_with(output)
    journey = follow(output, compiled, customer)
    story = tell(journey, START)
    arrived = dt.datetime.combine(START, dt.time()) + dt.timedelta(
        minutes=float(output.customers["arrival"][customer]))
    assert story.lines[0][0] == (f"Day 0, {arrived:%A} {arrived.day} {arrived:%B}, "
                                 f"{arrived:%H:%M}")
    days = [int(re.match(r"Day (\d+)", stamp).group(1)) for stamp, _ in story.lines]
    assert days == sorted(days)
    ended = dt.datetime.combine(START, dt.time()) + dt.timedelta(
        minutes=float(output.customers["end"][customer]))
    assert days[-1] == (ended.date() - arrived.date()).days


def test_first_person_and_markdown(referral):
    output, compiled = referral
    pick = find_customer(output, compiled, "gave-up")
    journey = follow(output, compiled, pick.customer)
    story = tell(journey, START, first_person=True, person="patient", why=pick.why)
    assert all(words.startswith("I ") for _, words in story.lines)
    assert "I gave up waiting for" in story.text()
    assert "my story" in story.totals and "their" not in story.text()
    markdown = story.markdown()
    assert markdown.startswith(f"### Patient {pick.customer + 1:,} gave up after")
    assert "- **Day 0, " in markdown and pick.why in markdown


def test_headline_names_the_time_between_teams(referral):
    output, compiled = referral
    journey = follow(output, compiled, customer_with(output))
    assert headline(journey, "patient").startswith(f"Patient {journey.customer + 1:,} waited")


def test_compare_line_says_sooner_or_longer(referral):
    output, compiled = referral
    a = follow(output, compiled, customer_with(output))
    b = follow(output, compiled, customer_with(output, story_repeats=2))
    line = compare_line(a, b, "Redesign")
    change = b.totals.end_to_end - a.totals.end_to_end
    assert ("sooner" if change < 0 else "longer") in line
    assert f"{say_minutes(abs(change))}" in line
