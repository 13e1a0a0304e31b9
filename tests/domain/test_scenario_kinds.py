"""The change kinds the editor records: what each does to a map, how it is said, and the
message when it does not fit."""

from __future__ import annotations

import pytest

from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Fixed,
    Handoff,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.domain.scenario import (
    AddHandoff,
    AddPart,
    AddSegment,
    AddTeam,
    RemoveHandoff,
    RemovePart,
    RemoveSegment,
    RemoveStep,
    RemoveTeam,
    RenamePart,
    RenameSegment,
    RenameTeam,
    Scenario,
    UpdateHandoff,
    UpdatePart,
    UpdateSegment,
    UpdateTeam,
)
from outsidein_desktop.errors import InvalidParameter, ScenarioError

CHASE = ChaseRule(after=Duration(2, "weeks"), team="Admin", work=Fixed(value=5))


@pytest.fixture
def clinic() -> ServiceMap:
    """Referral -> Booking (Admin) -> Letter (delay) -> Clinic (Outpatients) -> Seen."""
    m = ServiceMap(title="Clinic")
    m.add_team(Team(name="Admin", shifts=(Shift(staff=2),)))
    m.add_team(Team(name="Outpatients", shifts=(Shift(staff=3),)))
    m.add_segment(Segment(name="Routine", share=3, priority=2, chase=CHASE))
    m.add_segment(Segment(name="Urgent", share=1))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=10),
                segment_mix={"Routine": 3, "Urgent": 1}))
    m.add(Step(name="Booking", team="Admin", duration=Fixed(value=5)))
    m.add(Delay(name="Letter", duration=Fixed(value=3, unit="days")))
    m.add(Step(name="Clinic", team="Outpatients", duration=Fixed(value=20)))
    m.add(Exit(name="Seen"))
    m.connect("Referral", "Booking")
    m.connect("Booking", "Letter", Handoff(by_segment={"Urgent": 1.0}))
    m.connect("Letter", "Clinic")
    m.connect("Clinic", "Seen")
    return m


def apply(service_map: ServiceMap, *changes) -> ServiceMap:
    return Scenario(name="Redesign", changes=changes).apply(service_map)


def said(service_map: ServiceMap, *changes) -> list[str]:
    return Scenario(name="Redesign", changes=changes).describe(service_map)


def test_remove_part_takes_its_handoffs_and_reconnects_nothing(clinic):
    plain = apply(clinic, RemovePart(part="Letter"))
    reconnected = apply(clinic, RemoveStep(part="Letter"))

    assert not plain.has("Letter") and not plain.ways_out("Booking")
    assert reconnected.has_handoff("Booking", "Clinic")
    assert clinic.has("Letter")  # the base map is untouched


def test_a_renamed_team_takes_its_steps_and_chases_along(clinic):
    new = apply(clinic, RenameTeam(team="Admin", name="Office"))
    assert new.node("Booking").team == "Office"
    assert new.segment("Routine").chase.team == "Office"


def test_a_renamed_segment_takes_mixes_and_routing_along(clinic):
    new = apply(clinic, RenameSegment(segment="Urgent", name="Two-week wait"))
    assert new.node("Referral").segment_mix == {"Routine": 3, "Two-week wait": 1}
    assert new.handoff("Booking", "Letter").by_segment == {"Two-week wait": 1.0}


def test_updates_set_and_clear_fields(clinic):
    new = apply(clinic,
                UpdatePart(part="Clinic", staff_needed=2, patience=Fixed(value=1, unit="days")),
                UpdatePart(part="Clinic", no_patience=True, customer_present=False),
                UpdateSegment(segment="Routine", no_chase=True, priority=1),
                UpdateTeam(team="Admin", colour="#EE6677"),
                UpdateHandoff(source="Booking", target="Letter", by_segment={}, notes="Post"))

    assert new.node("Clinic") == Step(name="Clinic", team="Outpatients",
                                      duration=Fixed(value=20), staff_needed=2,
                                      customer_present=False)
    assert new.segment("Routine") == Segment(name="Routine", share=3, priority=1)
    assert new.team("Admin").colour == "#EE6677"
    assert new.handoff("Booking", "Letter") == Handoff(notes="Post")


def test_added_things_arrive_as_given(clinic):
    text = Step(name="Text", team="Pharmacy", position=(10, 20), duration=Fixed(value=2))
    new = apply(clinic, AddTeam(team=Team(name="Pharmacy")), AddPart(part=text),
                AddHandoff(source="Booking", target="Text", probability=0.5, info_travels=0.5),
                AddSegment(segment=Segment(name="Frail", share=0.5)),
                RemoveHandoff(source="Letter", target="Clinic"),
                RemoveSegment(segment="Urgent"), RemoveTeam(team="Outpatients"))

    assert new.node("Text") == text
    assert new.handoff("Booking", "Text") == Handoff(probability=0.5, info_travels=0.5)
    assert [s.name for s in new.segments()] == ["Routine", "Frail"]
    assert [t.name for t in new.teams()] == ["Admin", "Pharmacy"]
    assert not new.has_handoff("Letter", "Clinic")


def test_every_kind_is_said_in_plain_words(clinic):
    changes = [
        AddPart(part=Step(name="Text message", team="Admin", duration=Fixed(value=2))),
        AddPart(part=Delay(name="Wait", duration=Fixed(value=2, unit="days"))),
        AddPart(part=Entry(name="Walk-ins", arrivals=Arrivals(per_day=4))),
        AddPart(part=Decision(name="Urgent?")),
        AddPart(part=Exit(name="Elsewhere")),
        RenamePart(part="Letter", name="Letter to patient"),
        RemovePart(part="Letter to patient"),
        UpdatePart(part="Clinic", team="Admin", customer_present=False),
        UpdatePart(part="Referral", arrivals=Arrivals(per_day=12, by_hour=(1,) * 12 + (0,) * 12)),
        AddHandoff(source="Booking", target="Text message", probability=0.3,
                   delay=Fixed(value=1, unit="days")),
        UpdateHandoff(source="Booking", target="Text message", by_segment={"Urgent": 0.5}),
        RemoveHandoff(source="Booking", target="Text message"),
        AddTeam(team=Team(name="Pharmacy", shifts=(Shift(staff=2),))),
        RenameTeam(team="Pharmacy", name="Medicines"),
        UpdateTeam(team="Medicines", notes="Hospital"),
        RemoveTeam(team="Medicines"),
        AddSegment(segment=Segment(name="Frail", share=0.5)),
        RenameSegment(segment="Frail", name="Frail elderly"),
        UpdateSegment(segment="Frail elderly", patience=Fixed(value=3, unit="weeks")),
        RemoveSegment(segment="Frail elderly"),
    ]
    assert said(clinic, *changes) == [
        "Text message added (Admin, 2 min)",
        "Wait added (a wait of 2 days)",
        "Walk-ins added (an entry, 4 a day)",
        "Urgent? added (a decision)",
        "Elsewhere added (an exit)",
        "Letter renamed Letter to patient",
        "Letter to patient removed",
        "Clinic: team Outpatients → Admin; customer present yes → no",
        "Referral: arrivals 10 a day → 12 a day (own pattern)",
        "Handoff Booking → Text message added (30%; delay 24 hours)",
        "Booking → Text message: by segment none → Urgent 50%",
        "Handoff Booking → Text message removed",
        "Team Pharmacy added (2 staff)",
        "Team Pharmacy renamed Medicines",
        "Medicines: notes changed",
        "Team Medicines removed",
        "Segment Frail added (share 0.5, priority 1)",
        "Segment Frail renamed Frail elderly",
        "Frail elderly: patience none → fixed, 21 days",
        "Segment Frail elderly removed",
    ]


@pytest.mark.parametrize(("change", "message"), [
    (UpdatePart(part="Letter", team="Admin"), "'Letter' is a delay, which has no team."),
    (UpdatePart(part="Seen", arrivals=Arrivals(per_day=1)),
     "'Seen' is an exit, which has no arrivals."),
    (UpdatePart(part="Gone", notes=""), "There is no part called 'Gone' on the map."),
    (AddPart(part=Exit(name="Seen")), "There is already a part called 'Seen' on the map."),
    (RenamePart(part="Clinic", name="Seen"), "There is already a part called 'Seen'"),
    (AddHandoff(source="Booking", target="Gone"), "There is no part called 'Gone'"),
    (AddHandoff(source="Letter", target="Clinic"), "'Letter' is already handed on to 'Clinic'"),
    (RemoveHandoff(source="Clinic", target="Booking"),
     "There is no handoff from 'Clinic' to 'Booking'."),
    (UpdateHandoff(source="Clinic", target="Booking", notes="x"),
     "There is no handoff from 'Clinic' to 'Booking'."),
    (RenameTeam(team="Admin", name="Outpatients"), "There is already a team called"),
    (UpdateTeam(team="Nobody", notes="x"), "There is no team called 'Nobody'."),
    (RemoveSegment(segment="Nobody"), "There is no segment called 'Nobody'."),
    (AddSegment(segment=Segment(name="Urgent")), "There is already a segment called 'Urgent'."),
])
def test_a_change_that_does_not_fit_says_which_and_why(clinic, change, message):
    with pytest.raises(ScenarioError, match="Scenario 'Redesign', change 2 ") as caught:
        apply(clinic, UpdateTeam(team="Admin", notes="First"), change)
    assert message in str(caught.value)


@pytest.mark.parametrize(("make", "message"), [
    (lambda: UpdatePart(part="Clinic"), "names nothing to change"),
    (lambda: UpdateSegment(segment="Urgent"), "names nothing to change"),
    (lambda: UpdatePart(part="Clinic", patience=Fixed(value=1), no_patience=True),
     "cannot both set and clear 'patience'"),
    (lambda: UpdateTeam(team="Admin", colour="blue"), "'blue' is not a colour"),
    (lambda: UpdateSegment(segment="Urgent", priority=0), "must be at least 1"),
    (lambda: AddHandoff(source="A", target="B", info_travels=2), "at most 1"),
    (lambda: UpdateHandoff(source="A", target="B", by_segment={"U": -1}), "at least 0"),
])
def test_a_change_checks_its_own_values(make, message):
    with pytest.raises(InvalidParameter, match=message):
        make()
