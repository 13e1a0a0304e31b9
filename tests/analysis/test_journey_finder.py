"""Picking a person to follow, and finding the same person under a redesign."""

import numpy as np
import pytest
from journey_maps import MORE_CLINICIANS, SETTINGS, referral_map, run_map

from outsidein_desktop.analysis.journey_finder import (
    Filters,
    NobodyMatches,
    find_customer,
    same_person,
)
from outsidein_desktop.domain import Arrivals
from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.sim.runner import run_one


@pytest.fixture(scope="module")
def referral():
    return run_map(referral_map())


def completed_times(output):
    c = output.customers
    keep = (c["arrival"] >= output.warmup_minutes) & (c["outcome"] >= 0)
    return (c["end"] - c["arrival"])[keep]


def e2e(output, customer):
    c = output.customers
    return c["end"][customer] - c["arrival"][customer]


def test_the_median_journey_has_half_the_journeys_at_or_below_it(referral):
    output, compiled = referral
    pick = find_customer(output, compiled, "median")
    times = completed_times(output)
    mine = e2e(output, pick.customer)
    assert np.mean(times < mine) < 0.5 <= np.mean(times <= mine)
    assert output.customers["outcome"][pick.customer] >= 0
    assert output.customers["arrival"][pick.customer] >= output.warmup_minutes
    assert "median journey" in pick.why and f"among {len(times):,}" in pick.why


def test_the_90th_percentile_and_the_longest(referral):
    output, compiled = referral
    times = completed_times(output)
    mine = e2e(output, find_customer(output, compiled, "p90").customer)
    assert np.mean(times < mine) < 0.9 <= np.mean(times <= mine)
    assert e2e(output, find_customer(output, compiled, "longest").customer) == times.max()


def test_someone_who_gave_up_or_chased(referral):
    output, compiled = referral
    c = output.customers
    gave_up = find_customer(output, compiled, "gave-up").customer
    assert c["gave_up_at"][gave_up] >= 0 and c["outcome"][gave_up] == -1
    chased = find_customer(output, compiled, "chased").customer
    assert c["chases"][chased] > 0 and c["outcome"][chased] >= 0


def test_random_is_repeatable_by_seed(referral):
    output, compiled = referral
    picks = {find_customer(output, compiled, "random", seed=s).customer for s in range(8)}
    assert len(picks) > 1
    assert (find_customer(output, compiled, "random", seed=3)
            == find_customer(output, compiled, "random", seed=3))


def test_filters_narrow_the_people(referral):
    output, compiled = referral
    c = output.customers
    urgent = find_customer(output, compiled, "median", filters=Filters(segment="Urgent"))
    assert compiled.segments[c["segment"][urgent.customer]].name == "Urgent"
    elsewhere = find_customer(output, compiled, "longest",
                              filters=Filters(outcome="Referred elsewhere"))
    assert compiled.node_names[c["outcome"][elsewhere.customer]] == "Referred elsewhere"
    letter = find_customer(output, compiled, "median", filters=Filters(step="Write letter"))
    assert compiled.node_names[c["outcome"][letter.customer]] == "Treated"
    with pytest.raises(OutsideInError, match="no segment called 'VIP'.*Routine, Urgent"):
        find_customer(output, compiled, filters=Filters(segment="VIP"))
    with pytest.raises(OutsideInError, match="'quickest' is not a kind"):
        find_customer(output, compiled, "quickest")


def test_pooled_over_replications(referral):
    output, compiled = referral
    other = run_one(compiled, SETTINGS, 1)
    pick = find_customer([output, other], compiled, "longest")
    assert e2e([output, other][pick.index], pick.customer) == max(
        completed_times(output).max(), completed_times(other).max())
    assert pick.replication == pick.index


def test_nobody_matches_is_said_plainly():
    service_map = referral_map()
    service_map.update_segment("Routine", patience=None)
    output, compiled = run_map(service_map)
    with pytest.raises(NobodyMatches, match="Nobody gave up waiting after the warm-up"):
        find_customer(output, compiled, "gave-up")
    with pytest.raises(NobodyMatches, match="in segment 'Urgent'"):
        find_customer(output, compiled, "chased", filters=Filters(segment="Urgent"))


def test_the_same_person_arrives_at_the_same_time_under_a_redesign(referral):
    output, compiled = referral
    redesign, redesign_compiled = run_map(MORE_CLINICIANS.apply(referral_map()))
    a, b = output.customers, redesign.customers
    # Common random numbers: every arrival is the same, in time, entry and segment.
    assert np.array_equal(a["arrival"], b["arrival"])
    assert np.array_equal(a["entry"], b["entry"])
    assert np.array_equal(a["segment"], b["segment"])
    self_referral = compiled.node_names.index("Self referral")
    customer = int(np.flatnonzero(a["entry"] == self_referral)[3])
    match = same_person(output, compiled, customer, redesign, redesign_compiled)
    assert match.customer == customer and match.order == 4 and match.same_arrival
    assert match.entry == "Self referral"


def test_the_same_person_when_the_other_entry_changes(referral):
    output, compiled = referral
    busier = referral_map()
    busier.update("Referral", arrivals=Arrivals(per_day=60))
    other, other_compiled = run_map(busier)
    self_referral = compiled.node_names.index("Self referral")
    customer = int(np.flatnonzero(output.customers["entry"] == self_referral)[5])
    match = same_person(output, compiled, customer, other, other_compiled)
    # Numbered differently (more people came in the other way), but the same person.
    assert match.customer != customer and match.same_arrival
    assert other.customers["arrival"][match.customer] == output.customers["arrival"][customer]
    with pytest.raises(NobodyMatches, match="same replication"):
        same_person(output, compiled, customer, run_one(other_compiled, SETTINGS, 1),
                    other_compiled)
