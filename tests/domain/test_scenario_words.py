"""summary: a scenario's changes in as few plain lines as say them fully."""

from __future__ import annotations

import dataclasses

import pytest

from outsidein_desktop.domain import (
    Arrivals,
    Delay,
    Entry,
    Exit,
    Fixed,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.domain.scenario import Scenario, SetStaff, UpdatePart
from outsidein_desktop.domain.scenario_diff import changes_between
from outsidein_desktop.domain.scenario_words import summary


@pytest.fixture
def line() -> ServiceMap:
    """Referral -> Booking (Admin) -> Letter to patient (a delay) -> Clinic -> Seen."""
    m = ServiceMap(title="Line")
    m.add_team(Team(name="Admin", shifts=(Shift(staff=2),)))
    m.add_team(Team(name="Outpatients", shifts=(Shift(staff=4),)))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=10)))
    m.add(Step(name="Booking", team="Admin", duration=Fixed(value=5)))
    m.add(Delay(name="Letter to patient", duration=Fixed(value=3, unit="days")))
    m.add(Step(name="Clinic", team="Outpatients", duration=Fixed(value=20)))
    m.add(Exit(name="Seen"))
    for a, b in [("Referral", "Booking"), ("Booking", "Letter to patient"),
                 ("Letter to patient", "Clinic"), ("Clinic", "Seen")]:
        m.connect(a, b)
    return m


def summarised(base: ServiceMap, edited: ServiceMap) -> list[str]:
    return summary(base, changes_between(base, edited))


def test_a_letter_replaced_by_a_text_message_is_one_line(line):
    edited = line.copy()
    edited.remove("Letter to patient")
    edited.add(Step(name="Text message", team="Admin", duration=Fixed(value=2)))
    edited.connect("Booking", "Text message")
    edited.connect("Text message", "Clinic")

    assert summarised(line, edited) == [
        "Letter to patient removed; Text message added after Booking, before Clinic "
        "(Admin, 2 min)"]


def test_a_new_part_keeps_handoffs_with_details_on_their_own_line(line):
    edited = line.copy()
    edited.add(Step(name="Phone call", team="Admin", duration=Fixed(value=4)))
    edited.update_handoff("Booking", "Letter to patient", probability=0.7)
    edited.connect("Booking", "Phone call", Handoff(probability=0.3))
    edited.connect("Phone call", "Clinic", Handoff(info_travels=0.5))

    assert summarised(line, edited) == [
        "Phone call added after Booking (30%) (Admin, 4 min)",
        "Handoff Phone call → Clinic added (information travels 50%)",
        "Booking: to 'Letter to patient' 100% → 70%",
    ]


def test_changes_to_one_thing_share_a_line(line):
    edited = line.copy()
    edited.update("Clinic", duration=Fixed(value=15), team="Admin")
    edited.update_team("Admin", shifts=(Shift(staff=3),), notes="Busy")

    assert summarised(line, edited) == [
        "Admin: staff 2 → 3; notes changed",
        "Clinic: time fixed, 20 min → fixed, 15 min; team Outpatients → Admin",
    ]


def test_a_team_and_a_part_of_the_same_name_keep_their_own_lines(line):
    base = line.copy()
    base.add_team(Team(name="Clinic", shifts=(Shift(staff=1),)))
    changes = (SetStaff(team="Clinic", staff=2), UpdatePart(part="Clinic", staff_needed=2))
    assert summary(base, changes) == ["Clinic: staff 1 → 2", "Clinic: staff needed 1 → 2"]


def test_the_summary_says_no_more_lines_than_describe(line):
    edited = line.copy()
    edited.update("Referral", arrivals=dataclasses.replace(
        line.node("Referral").arrivals, per_day=12))
    edited.remove("Seen")
    edited.add(Exit(name="Discharged", position=(500, 0), outcome="Home"))
    edited.connect("Clinic", "Discharged")
    changes = changes_between(line, edited)

    lines = summary(line, changes)
    assert lines == ["Seen removed; Discharged added after Clinic (an exit)",
                     "Referral: arrivals 10 → 12 a day"]
    assert len(lines) < len(Scenario(name="x", changes=changes).describe(line))
