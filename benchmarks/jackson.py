"""The benchmark network: an open Jackson network with a rework loop, as a ServiceMap
and as a minimal hand-written SimPy model of the same thing."""

from __future__ import annotations

import random

import simpy

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

ARRIVALS_PER_MINUTE = 1.0
# (name, staff, mean service minutes); the rework decision sends 20% back to Assess.
STATIONS = [("Assess", 2, 1.4), ("Treat", 3, 2.0), ("Review", 1, 0.6)]
REWORK = 0.2


def service_map(days: float, replications: int = 1, seed: int = 1) -> ServiceMap:
    m = ServiceMap(title="Jackson benchmark",
                   run=RunSettings(days=days, warmup_days=0, replications=replications,
                                   seed=seed))
    m.add(Entry(name="In", arrivals=Arrivals(per_day=ARRIVALS_PER_MINUTE * 1440)))
    previous = "In"
    for name, staff, mean in STATIONS:
        m.add_team(Team(name=name, shifts=always(staff)))
        m.add(Step(name=name, team=name, duration=Exponential(mean_value=mean)))
        m.connect(previous, name)
        previous = name
    m.add(Decision(name="Right first time?"))
    m.add(Exit(name="Done"))
    m.connect(previous, "Right first time?")
    m.connect("Right first time?", "Done", Handoff(probability=1 - REWORK))
    m.connect("Right first time?", STATIONS[0][0], Handoff(probability=REWORK))
    return m


def minimal_simpy(days: float, seed: int = 1) -> int:
    """The same network in plain SimPy, with no log and no measures; returns arrivals."""
    env = simpy.Environment()
    rng = random.Random(seed)
    desks = [(simpy.Resource(env, capacity=staff), mean) for _, staff, mean in STATIONS]
    count = [0]

    def customer():
        while True:
            for desk, mean in desks:
                with desk.request() as request:
                    yield request
                    yield env.timeout(rng.expovariate(1.0 / mean))
            if rng.random() >= REWORK:
                return

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(ARRIVALS_PER_MINUTE))
            count[0] += 1
            env.process(customer())

    env.process(arrivals())
    env.run(until=days * 1440)
    return count[0]
