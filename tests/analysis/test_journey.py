"""Following one person: the spans tile the journey and add up to what the log says."""

import math

import numpy as np
import pytest
from journey_maps import example, referral_map, run_map

from outsidein_desktop.analysis.journey import (
    AT_HOME,
    BETWEEN_TEAMS,
    CHASE,
    GAVE_UP,
    LEFT,
    RUN_ENDED,
    STORY,
    WORK,
    JourneyNotFound,
    follow,
)


@pytest.fixture(scope="module")
def referral():
    return run_map(referral_map())


@pytest.fixture(scope="module")
def nhs():
    return run_map(example("nhs_referral_to_treatment", days=200, warmup=20))


def finished(output):
    return np.flatnonzero(np.isfinite(output.customers["end"]))


@pytest.mark.parametrize("which", ["referral", "nhs"])
def test_spans_tile_the_journey_and_add_up_to_end_to_end(which, request):
    output, compiled = request.getfixturevalue(which)
    c = output.customers
    for customer in finished(output)[:400]:
        journey = follow(output, compiled, int(customer))
        spans = journey.spans
        assert spans[0].start == pytest.approx(c["arrival"][customer], abs=1e-9)
        assert spans[-1].end == pytest.approx(c["end"][customer], abs=1e-9)
        for before, after in zip(spans, spans[1:], strict=False):
            assert after.start == before.end  # no gap, no overlap
            assert after.minutes >= 0
        assert sum(s.minutes for s in spans) == pytest.approx(
            c["end"][customer] - c["arrival"][customer], rel=1e-9, abs=1e-6)
        assert journey.totals.end_to_end == pytest.approx(
            c["end"][customer] - c["arrival"][customer], abs=1e-6)


@pytest.mark.parametrize("which", ["referral", "nhs"])
def test_totals_match_the_customer_table(which, request):
    output, compiled = request.getfixturevalue(which)
    c = output.customers
    for customer in finished(output)[:400]:
        totals = follow(output, compiled, int(customer)).totals
        for name in ("work", "touch", "queue", "handoff_delay", "delay"):
            assert getattr(totals, name) == pytest.approx(c[name][customer], abs=1e-6), name
        for name in ("handoffs", "story_repeats", "chases", "steps"):
            assert getattr(totals, name) == c[name][customer], name
        if c["gave_up_at"][customer] < 0:
            # Between teams is the engine's unowned time.
            assert totals.between_teams == pytest.approx(c["unowned"][customer], abs=1e-6)
        assert (totals.between_teams + totals.at_home
                + sum(s.minutes for s in follow(output, compiled, int(customer)).spans
                      if s.lane not in (BETWEEN_TEAMS, AT_HOME))) == pytest.approx(
            totals.end_to_end, abs=1e-6)


def test_lanes_are_teams_then_between_then_home(referral):
    output, compiled = referral
    journey = follow(output, compiled, int(finished(output)[0]))
    assert journey.lanes[-2:] == [BETWEEN_TEAMS, AT_HOME]
    assert set(journey.lanes[:-2]) <= set(compiled.team_names)
    assert all(s.lane == s.team for s in journey.spans if s.kind == WORK)


def test_marks_count_story_repeats_chases_and_endings(referral):
    output, compiled = referral
    c = output.customers
    gave_up = int(np.flatnonzero(c["gave_up_at"] >= 0)[0])
    journey = follow(output, compiled, gave_up)
    assert [m.kind for m in journey.marks][-1] == GAVE_UP
    assert journey.gave_up_at == compiled.node_names[c["gave_up_at"][gave_up]]
    story = int(np.flatnonzero((c["story_repeats"] >= 2) & np.isfinite(c["end"]))[0])
    marks = follow(output, compiled, story).marks
    assert [m.count for m in marks if m.kind == STORY] == list(
        range(1, c["story_repeats"][story] + 1))
    assert marks[-1].kind == LEFT
    chaser = int(np.flatnonzero(c["chases"] >= 2)[0])
    chases = [m for m in follow(output, compiled, chaser).marks if m.kind == CHASE]
    assert len(chases) == c["chases"][chaser]
    assert all(m.team == "Admin" for m in chases)
    assert all(math.isnan(m.end) or m.end >= m.time for m in chases)


def test_someone_still_in_the_journey_ends_at_the_end_of_the_run(referral):
    output, compiled = referral
    still = int(np.flatnonzero(np.isnan(output.customers["end"]))[0])
    journey = follow(output, compiled, still)
    assert not journey.finished
    assert journey.spans[-1].end == output.run_minutes
    assert journey.marks[-1].kind == RUN_ENDED


def test_a_customer_who_does_not_exist_is_named(referral):
    output, compiled = referral
    with pytest.raises(JourneyNotFound, match="no customer 100,000 in replication 1"):
        follow(output, compiled, 99_999)
