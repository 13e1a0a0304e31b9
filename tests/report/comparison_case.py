"""A small real comparison, simulated once for the comparison and paper tests: a busy
booking team (2 staff at 83%) then a quiet clinic. "Third booker" adds a booker (clearly
better); "Slower clinic" makes the clinic's work a little longer (clearly worse)."""

from __future__ import annotations

import functools

from outsidein_desktop.analysis.compare import Comparison, compare
from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    RunSettings,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.scenario import Scenario, SetDuration, SetStaff

SETTINGS = RunSettings(days=12, warmup_days=2, replications=4, seed=11)


def two_teams() -> ServiceMap:
    m = ServiceMap(title="Two teams", notes="Made up for the tests.",
                   sources=("The test suite",), run=SETTINGS)
    m.add_team(Team(name="Booking", shifts=always(2)))
    m.add_team(Team(name="Clinic", shifts=always(3)))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=100), position=(0, 0)))
    m.add(Step(name="Book", team="Booking", duration=Exponential(mean_value=24),
               position=(200, 0)))
    m.add(Step(name="See", team="Clinic", duration=Exponential(mean_value=15),
               position=(400, 0)))
    m.add(Exit(name="Done", position=(600, 0)))
    m.connect("Referral", "Book")
    m.connect("Book", "See")
    m.connect("See", "Done")
    return m


THIRD_BOOKER = Scenario(name="Third booker", description="One more person booking.",
                        changes=(SetStaff(team="Booking", staff=3),))
SLOWER_CLINIC = Scenario(name="Slower clinic", changes=(
    SetDuration(part="See", duration=Exponential(mean_value=30)),))


@functools.cache
def small_comparison() -> Comparison:
    return compare(two_teams(), [THIRD_BOOKER, SLOWER_CLINIC])
