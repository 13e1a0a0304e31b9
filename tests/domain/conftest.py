"""Small service maps for the domain tests, built with the API as the editor would."""

import pytest

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)


@pytest.fixture
def tiny_map() -> ServiceMap:
    """Referral -> Triage (Nurses, Mon-Fri 09-17, 2 staff) -> Seen. Valid; 10 a day."""
    service_map = ServiceMap(title="Tiny")
    service_map.add_team(Team(name="Nurses", shifts=(Shift(staff=2),)))
    service_map.add(Entry(name="Referral", arrivals=Arrivals(per_day=10)))
    service_map.add(Step(name="Triage", team="Nurses",
                         duration=Exponential(mean_value=20, unit="minutes")))
    service_map.add(Exit(name="Seen"))
    service_map.connect("Referral", "Triage")
    service_map.connect("Triage", "Seen")
    return service_map


@pytest.fixture
def rework_map() -> ServiceMap:
    """Calls -> Fix (Repairs, always 2 staff) -> Fixed? -> Done, or back to Fix with p 0.2.

    72 calls a day (0.05 a minute) and 30 minutes of work each.
    """
    service_map = ServiceMap(title="Rework")
    service_map.add_team(Team(name="Repairs", shifts=always(2)))
    service_map.add(Entry(name="Calls", arrivals=Arrivals(per_day=72)))
    service_map.add(Step(name="Fix", team="Repairs", duration=Fixed(value=30)))
    service_map.add(Decision(name="Fixed?"))
    service_map.add(Exit(name="Done"))
    service_map.connect("Calls", "Fix")
    service_map.connect("Fix", "Fixed?")
    service_map.connect("Fixed?", "Done", Handoff(probability=0.8))
    service_map.connect("Fixed?", "Fix", Handoff(probability=0.2))
    return service_map
