"""Each person carries their own random numbers: the same person meets the same luck in a
redesign wherever the redesign leaves their journey alone."""

from __future__ import annotations

import numpy as np

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Entry,
    Exit,
    Exponential,
    Handoff,
    RunSettings,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.distributions import Lognormal
from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.sim import streams
from outsidein_desktop.sim.runner import run_replications
from outsidein_desktop.sim.streams import PERSON_BLOCK, PersonalDraws

RUN = RunSettings(days=15, warmup_days=0, replications=2, seed=5)


def rework_map() -> ServiceMap:
    """Assess (busy) -> Treat -> Check, which sends 30% back to Treat."""
    m = ServiceMap(title="Rework", run=RUN)
    m.add_team(Team(name="Assessors", shifts=always(2)))
    m.add_team(Team(name="Clinic", shifts=always(4)))
    m.add(Entry(name="In", arrivals=Arrivals(per_day=90)))
    m.add(Step(name="Assess", team="Assessors", duration=Exponential(mean_value=28)))
    m.add(Step(name="Treat", team="Clinic", duration=Lognormal(mean_value=30, sd=10)))
    m.add(Decision(name="Check"))
    m.add(Exit(name="Out"))
    m.connect("In", "Assess")
    m.connect("Assess", "Treat")
    m.connect("Treat", "Check")
    m.connect("Check", "Treat", Handoff(probability=0.3))
    m.connect("Check", "Out", Handoff(probability=0.7))
    return m


def test_the_same_person_gets_the_same_work_and_route_when_only_queues_change():
    base = run_replications(rework_map(), RUN)
    faster = Scenario(name="Third assessor", changes=(SetStaff(team="Assessors", staff=3),))
    redesign = run_replications(faster.apply(rework_map()), RUN)
    for a, b in zip(base, redesign, strict=True):
        np.testing.assert_array_equal(a.customers["arrival"], b.customers["arrival"])
        done = (a.customers["outcome"] >= 0) & (b.customers["outcome"] >= 0)
        assert done.sum() > 500
        # Work and the number of steps depend only on the person, not on who was ahead.
        np.testing.assert_array_equal(a.customers["work"][done], b.customers["work"][done])
        np.testing.assert_array_equal(a.customers["steps"][done], b.customers["steps"][done])
        # ... while the queues, which the redesign does change, differ.
        assert not np.array_equal(a.customers["queue"][done], b.customers["queue"][done])


def test_a_person_s_draws_do_not_depend_on_the_order_they_are_asked_for():
    dist = Exponential(mean_value=10)
    forward = PersonalDraws(dist, 1, 0, "duration:X", ["In", "Walk-in"])
    backward = PersonalDraws(dist, 1, 0, "duration:X", ["In", "Walk-in"])
    people = [(e, p, v) for e in (0, 1) for p in (0, 5, 300, 1000) for v in (0, 1)]
    ahead = [forward(*who) for who in people]
    behind = [backward(*who) for who in reversed(people)][::-1]
    assert ahead == behind
    assert len(set(ahead)) == len(ahead)  # entries, people and visits all draw apart


def test_a_dropped_block_is_made_again_identically(monkeypatch):
    monkeypatch.setattr(streams, "CACHED_BLOCKS", 2)
    draws = PersonalDraws(None, 3, 1, "route:Check", ["In"])
    first = draws(0, 7)
    for block in range(1, 5):  # push the first block out of the cache
        draws(0, block * PERSON_BLOCK)
    assert 0 not in draws._cache  # block 0, visit 0, entry 0
    assert draws(0, 7) == first


def test_the_entry_is_known_by_name_not_by_its_place():
    one = PersonalDraws(None, 3, 0, "route:Check", ["GP", "A&E"])
    other = PersonalDraws(None, 3, 0, "route:Check", ["A&E", "GP"])
    assert one(0, 42) == other(1, 42)
