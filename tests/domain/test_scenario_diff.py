"""changes_between: the changes found between a map and an edited copy rebuild the copy.

The property is checked over random sequences of edits (made through the ServiceMap API,
as the editor makes them) of the three example maps, and on hand-made edits whose changes
and words are known.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from outsidein_desktop.domain import (
    NODE_TYPES,
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Handoff,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    make_distribution,
)
from outsidein_desktop.domain.part_changes import (
    AddHandoff,
    AddPart,
    RemoveHandoff,
    RemovePart,
    RenamePart,
    UpdateHandoff,
    UpdatePart,
)
from outsidein_desktop.domain.scenario import (
    Scenario,
    SetArrivals,
    SetDuration,
    SetHandoff,
    SetHours,
    SetRouting,
    SetStaff,
)
from outsidein_desktop.domain.scenario_diff import changes_between
from outsidein_desktop.domain.team_segment_changes import (
    AddSegment,
    AddTeam,
    RemoveSegment,
    RemoveTeam,
    RenameSegment,
    RenameTeam,
    UpdateSegment,
    UpdateTeam,
)
from outsidein_desktop.storage import load_map

MODELS = sorted((Path(__file__).resolve().parents[2] / "models").glob("*.json"))
COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44")


@pytest.fixture(scope="module", params=MODELS, ids=[p.stem for p in MODELS])
def example(request) -> ServiceMap:
    return load_map(request.param)


def rebuilt(base: ServiceMap, edited: ServiceMap) -> ServiceMap:
    return Scenario(name="x", changes=changes_between(base, edited)).apply(base)


# -- random edits, as the editor makes them ----------------------------------------------

Edit = Callable[[ServiceMap, np.random.Generator], None]


def _pick(rng: np.random.Generator, items: list):
    return items[int(rng.integers(len(items)))] if items else None


def _dist(rng: np.random.Generator):
    return make_distribution("exponential", str(_pick(rng, ["minutes", "hours", "days"])),
                             mean=float(rng.uniform(1, 30)))


def _new_name(m: ServiceMap, rng: np.random.Generator, what: str) -> str:
    return f"New {what} {int(rng.integers(1_000_000))}"


def staff_all_shifts(m, rng):
    team = _pick(rng, [t for t in m.teams() if t.shifts])
    staff = int(rng.integers(1, 9))
    m.update_team(team.name, shifts=tuple(dataclasses.replace(s, staff=staff)
                                          for s in team.shifts))


def change_hours(m, rng):
    team = _pick(rng, m.teams())
    start = int(rng.integers(0, 12))
    m.update_team(team.name, shifts=(Shift(start=start, end=start + 8,
                                           staff=int(rng.integers(1, 5))),))


def team_colour_and_notes(m, rng):
    team = _pick(rng, m.teams())
    m.update_team(team.name, colour=_pick(rng, list(COLOURS)), notes=str(rng.integers(9)))


def rename_team(m, rng):
    m.update_team(_pick(rng, m.teams()).name, name=_new_name(m, rng, "team"))


def add_team(m, rng):
    m.add_team(Team(name=_new_name(m, rng, "team"), shifts=(Shift(staff=2),)))


def remove_team(m, rng):
    m.remove_team(_pick(rng, m.teams()).name)


def add_segment(m, rng):
    m.add_segment(Segment(name=_new_name(m, rng, "segment"), share=float(rng.uniform(0, 3)),
                          priority=int(rng.integers(1, 4))))


def remove_segment(m, rng):
    if m.segments():
        m.remove_segment(_pick(rng, m.segments()).name)


def rename_segment(m, rng):
    if m.segments():
        m.update_segment(_pick(rng, m.segments()).name, name=_new_name(m, rng, "segment"))


def update_segment(m, rng):
    if not m.segments() or not m.teams():
        return
    segment = _pick(rng, m.segments())
    chase = _pick(rng, [None, ChaseRule(after=Duration(2, "weeks"), team=m.teams()[0].name,
                                        work=_dist(rng))])
    m.update_segment(segment.name, share=float(rng.uniform(0, 2)),
                     priority=int(rng.integers(1, 4)),
                     patience=_pick(rng, [None, _dist(rng)]), chase=chase)


def rename_part(m, rng):
    m.update(_pick(rng, m.nodes()).name, name=_new_name(m, rng, "part"))


def swap_part_names(m, rng):
    a, b = _pick(rng, m.nodes()), _pick(rng, m.nodes())
    if a.name != b.name:
        m.update(a.name, name="swap")
        m.update(b.name, name=a.name)
        m.update("swap", name=b.name)
        # Each name now sits where the other was drawn: a move, which a scenario ignores.
        m.update(a.name, position=a.position)
        m.update(b.name, position=b.position)


def add_part_on_a_handoff(m, rng):
    source, target, handoff = _pick(rng, m.handoffs())
    name = _new_name(m, rng, "part")
    position = (float(rng.uniform(0, 900)), float(rng.uniform(0, 500)))
    part = _pick(rng, [
        Step(name=name, position=position, team=m.teams()[0].name, duration=_dist(rng)),
        Delay(name=name, position=position, duration=_dist(rng)),
        Decision(name=name, position=position)])
    m.add(part)
    m.disconnect(source, target)
    m.connect(source, name, handoff)
    m.connect(name, target, Handoff(info_travels=float(rng.uniform(0, 1))))


def add_entry_and_exit(m, rng):
    entry = Entry(name=_new_name(m, rng, "entry"), position=(1.5, 2.5),
                  arrivals=Arrivals(per_day=float(rng.uniform(0, 20))))
    out = Exit(name=_new_name(m, rng, "exit"), outcome="Elsewhere")
    m.add(entry)
    m.add(out)
    m.connect(entry.name, out.name)


def remove_part(m, rng):
    m.remove(_pick(rng, m.nodes()).name)


def change_kind_of_part(m, rng):
    old = _pick(rng, m.nodes())
    ways_in, ways_out = m.ways_in(old.name), m.ways_out(old.name)
    m.remove(old.name)
    m.add(Delay(name=old.name, position=old.position, duration=_dist(rng))
          if not isinstance(old, Delay) else Decision(name=old.name, position=old.position))
    for source, handoff in ways_in:
        if source != old.name:
            m.connect(source, old.name, handoff)
    for target, handoff in ways_out:
        m.connect(old.name, target, handoff)


def change_a_step(m, rng):
    step = _pick(rng, m.steps())
    m.update(step.name, team=_pick(rng, m.teams()).name, duration=_dist(rng),
             staff_needed=int(rng.integers(1, 3)), customer_present=bool(rng.integers(2)),
             repeat_story_time=_pick(rng, [None, _dist(rng)]),
             patience=_pick(rng, [None, _dist(rng)]))


def change_step_duration(m, rng):
    m.update(_pick(rng, m.steps()).name, duration=_dist(rng))


def change_notes_or_outcome(m, rng):
    part = _pick(rng, m.nodes())
    m.update(part.name, notes=f"note {rng.integers(100)}")
    if m.exits():
        m.update(_pick(rng, m.exits()).name, outcome=f"Outcome {rng.integers(5)}")
        m.update(_pick(rng, m.exits()).name, gave_up=bool(rng.integers(2)))


def change_arrivals(m, rng):
    entry = _pick(rng, m.entries())
    arrivals = dataclasses.replace(entry.arrivals, per_day=float(rng.uniform(0, 50)))
    if rng.integers(2):
        arrivals = dataclasses.replace(arrivals, by_weekday=(2, 1, 1, 1, 1, 0, 0))
    mix = {s.name: float(rng.uniform(0, 2)) for s in m.segments()} if rng.integers(2) else {}
    m.update(entry.name, arrivals=arrivals, segment_mix=mix)


def change_a_handoff(m, rng):
    source, target, _ = _pick(rng, m.handoffs())
    by = {s.name: float(rng.uniform(0, 1)) for s in m.segments() if rng.integers(2)}
    m.update_handoff(source, target, probability=float(rng.uniform(0, 1)), by_segment=by,
                     delay=_pick(rng, [None, _dist(rng)]),
                     info_travels=float(rng.uniform(0, 1)), notes=str(rng.integers(3)))


def change_routing(m, rng):
    source, _, _ = _pick(rng, m.handoffs())
    for target, _ in m.ways_out(source):
        m.update_handoff(source, target, probability=float(rng.uniform(0, 1)))


def add_or_remove_a_handoff(m, rng):
    if rng.integers(2):
        m.disconnect(*_pick(rng, m.handoffs())[:2])
        return
    a, b = _pick(rng, m.nodes()), _pick(rng, m.nodes())
    if not m.has_handoff(a.name, b.name):
        m.connect(a.name, b.name, Handoff(probability=float(rng.uniform(0, 1)),
                                          delay=_pick(rng, [None, _dist(rng)])))


EDITS: list[Edit] = [
    staff_all_shifts, change_hours, team_colour_and_notes, rename_team, add_team, remove_team,
    add_segment, remove_segment, rename_segment, update_segment, rename_part,
    swap_part_names, add_part_on_a_handoff, add_entry_and_exit, remove_part,
    change_kind_of_part, change_a_step, change_step_duration, change_notes_or_outcome,
    change_arrivals, change_a_handoff, change_routing, add_or_remove_a_handoff,
]


def random_edit(base: ServiceMap, seed: int) -> ServiceMap:
    """A copy of ``base`` after one to eight random edits."""
    rng = np.random.default_rng(seed)
    edited = base.copy()
    for _ in range(int(rng.integers(1, 9))):
        if edited.handoffs() and edited.teams() and edited.steps() and edited.entries():
            EDITS[int(rng.integers(len(EDITS)))](edited, rng)
    return edited


# -- the property -------------------------------------------------------------------------


def test_a_map_and_its_copy_differ_by_nothing(example):
    assert changes_between(example, example.copy()) == ()


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_each_kind_of_edit_is_rebuilt(example, edit):
    for seed in range(5):
        edited = example.copy()
        edit(edited, np.random.default_rng(seed))
        assert rebuilt(example, edited) == edited, f"seed {seed}"


@pytest.mark.parametrize("seed", range(40))
def test_random_sequences_of_edits_are_rebuilt(example, seed):
    edited = random_edit(example, seed)
    changes = changes_between(example, edited)
    scenario = Scenario(name="x", changes=changes)

    assert scenario.apply(example) == edited
    assert changes_between(scenario.apply(example), edited) == ()
    assert len(scenario.describe(example)) == len(changes)
    assert all(isinstance(line, str) and line for line in scenario.describe(example))


@pytest.mark.parametrize("seed", range(10))
def test_moving_existing_parts_records_nothing(example, seed):
    edited = random_edit(example, seed)
    moved = edited.copy()
    rng = np.random.default_rng(seed)
    for part in moved.nodes():
        # A part whose kind changed is a new part, and keeps where it was drawn.
        if example.has(part.name) and type(example.node(part.name)) is type(part):
            moved.update(part.name, position=(float(rng.uniform(-50, 50)), 3.0))

    assert rebuilt(example, moved) == rebuilt(example, edited) == edited


def test_map_settings_are_not_part_of_a_scenario(example):
    edited = example.copy()
    edited.title, edited.notes = "Another title", "Other notes"
    edited.run = dataclasses.replace(edited.run, seed=1)
    assert changes_between(example, edited) == ()


# -- what the changes are, on a small map -------------------------------------------------


@pytest.fixture
def line() -> ServiceMap:
    """Referral -> Booking (Admin, 2 staff) -> Letter to patient (a delay) -> Clinic -> Seen."""
    m = ServiceMap(title="Line")
    m.add_team(Team(name="Admin", shifts=(Shift(staff=2), Shift(days=(5,), start=9, end=12,
                                                                  staff=2))))
    m.add_team(Team(name="Outpatients", shifts=(Shift(staff=4),)))
    m.add_segment(Segment(name="Routine", share=3, priority=2))
    m.add(Entry(name="Referral", arrivals=Arrivals(per_day=10)))
    m.add(Step(name="Booking", team="Admin", position=(100, 0),
               duration=make_distribution("fixed", value=5)))
    m.add(Delay(name="Letter to patient", position=(200, 0),
                duration=make_distribution("fixed", "days", value=3)))
    m.add(Step(name="Clinic", team="Outpatients", position=(300, 0),
               duration=make_distribution("exponential", mean=20)))
    m.add(Exit(name="Seen", position=(400, 0)))
    for a, b in [("Referral", "Booking"), ("Booking", "Letter to patient"),
                 ("Letter to patient", "Clinic"), ("Clinic", "Seen")]:
        m.connect(a, b)
    return m


def said(base: ServiceMap, edited: ServiceMap) -> list[str]:
    return Scenario(name="x", changes=changes_between(base, edited)).describe(base)


def test_staff_numbers_alone_are_set_staff(line):
    edited = line.copy()
    edited.update_team("Admin", shifts=tuple(dataclasses.replace(s, staff=3)
                                             for s in line.team("Admin").shifts))
    assert changes_between(line, edited) == (SetStaff(team="Admin", staff=3),)
    assert said(line, edited) == ["Admin: staff 2 → 3"]


def test_other_hours_are_set_hours(line):
    edited = line.copy()
    edited.update_team("Admin", shifts=(Shift(staff=3),))
    assert changes_between(line, edited) == (SetHours(team="Admin", shifts=(Shift(staff=3),)),)


def test_a_letter_replaced_by_a_text_message(line):
    edited = line.copy()
    edited.remove("Letter to patient")
    text = Step(name="Text message", team="Admin", position=(200, 50),
                duration=make_distribution("fixed", value=2), customer_present=False)
    edited.add(text)
    edited.connect("Booking", "Text message")
    edited.connect("Text message", "Clinic", Handoff(info_travels=0.9))

    assert changes_between(line, edited) == (
        RemovePart(part="Letter to patient"),
        AddPart(part=text),
        AddHandoff(source="Booking", target="Text message"),
        AddHandoff(source="Text message", target="Clinic", info_travels=0.9),
    )
    assert said(line, edited) == [
        "Letter to patient removed",
        "Text message added (Admin, 2 min)",
        "Handoff Booking → Text message added",
        "Handoff Text message → Clinic added (information travels 90%)",
    ]
    assert rebuilt(line, edited).node("Text message").position == (200, 50)


def test_a_rename_in_place_is_a_rename(line):
    edited = line.copy()
    edited.update("Clinic", name="Outpatient clinic", team="Admin")
    assert changes_between(line, edited) == (
        RenamePart(part="Clinic", name="Outpatient clinic"),
        UpdatePart(part="Outpatient clinic", team="Admin"))
    assert said(line, edited) == ["Clinic renamed Outpatient clinic",
                                  "Outpatient clinic: team Outpatients → Admin"]


def test_a_renamed_team_carries_its_steps(line):
    edited = line.copy()
    edited.update_team("Outpatients", name="Day unit", colour="#EE6677")
    assert changes_between(line, edited) == (
        RenameTeam(team="Outpatients", name="Day unit"),
        UpdateTeam(team="Day unit", colour="#EE6677"))
    assert said(line, edited)[1] == "Day unit: colour #4477AA → #EE6677"


def test_part_fields_and_clearing_them(line):
    with_patience = line.copy()
    patience = make_distribution("exponential", "days", mean=30)
    with_patience.update("Clinic", patience=patience, staff_needed=2)
    assert changes_between(line, with_patience) == (
        UpdatePart(part="Clinic", staff_needed=2, patience=patience),)
    assert said(line, with_patience) == [
        "Clinic: staff needed 1 → 2; patience none → exponential, mean 30 days"]
    assert changes_between(with_patience, line) == (
        UpdatePart(part="Clinic", staff_needed=1, no_patience=True),)


def test_durations_arrivals_and_routing_use_their_own_kinds(line):
    edited = line.copy()
    edited.update("Letter to patient", duration=make_distribution("fixed", "days", value=1))
    edited.update("Referral", arrivals=Arrivals(per_day=12))
    edited.add(Exit(name="Elsewhere"))
    edited.update_handoff("Clinic", "Seen", probability=0.9)
    edited.connect("Clinic", "Elsewhere", Handoff(probability=0.1))
    edited.update_handoff("Booking", "Letter to patient", delay=patience_like(),
                          by_segment={"Routine": 1.0}, notes="Post")
    assert changes_between(line, edited) == (
        AddPart(part=Exit(name="Elsewhere")),
        SetArrivals(entry="Referral", per_day=12),
        SetDuration(part="Letter to patient",
                    duration=make_distribution("fixed", "days", value=1)),
        AddHandoff(source="Clinic", target="Elsewhere", probability=0.1),
        SetRouting(part="Clinic", probabilities={"Seen": 0.9}),
        SetHandoff(source="Booking", target="Letter to patient", delay=patience_like()),
        UpdateHandoff(source="Booking", target="Letter to patient",
                      by_segment={"Routine": 1.0}, notes="Post"),
    )
    assert said(line, edited)[-1] == ("Booking → Letter to patient: by segment none → "
                                      "Routine 100%; notes changed")


def patience_like():
    return make_distribution("uniform", "days", low=1, high=2)


def test_removing_a_delay_clears_it(line):
    with_delay = line.copy()
    with_delay.update_handoff("Clinic", "Seen", delay=patience_like())
    assert changes_between(with_delay, line) == (
        SetHandoff(source="Clinic", target="Seen", no_delay=True),)


def test_teams_and_segments_added_removed_and_changed(line):
    edited = line.copy()
    edited.add_team(Team(name="Pharmacy", shifts=(Shift(staff=1),)))
    edited.remove_team("Outpatients")
    edited.update("Clinic", team="Admin")
    edited.update_segment("Routine", name="Standard")
    edited.add_segment(Segment(name="Urgent", priority=1))
    chase = ChaseRule(after=Duration(3, "weeks"), team="Admin",
                      work=make_distribution("fixed", value=5))
    edited.update_segment("Standard", chase=chase, priority=3)

    assert changes_between(line, edited) == (
        AddTeam(team=Team(name="Pharmacy", shifts=(Shift(staff=1),))),
        AddSegment(segment=Segment(name="Standard", share=3, priority=3, chase=chase)),
        AddSegment(segment=Segment(name="Urgent", priority=1)),
        UpdatePart(part="Clinic", team="Admin"),
        RemoveSegment(segment="Routine"),
        RemoveTeam(team="Outpatients"),
    )
    assert said(line, edited) == [
        "Team Pharmacy added (1 staff)",
        "Segment Standard added (share 3, priority 3)",
        "Segment Urgent added (share 1, priority 1)",
        "Clinic: team Outpatients → Admin",
        "Segment Routine removed",
        "Team Outpatients removed",
    ]


def test_a_segment_renamed_or_changed(line):
    edited = line.copy()
    edited.update_segment("Routine", name="Standard")
    assert changes_between(line, edited) == (RenameSegment(segment="Routine", name="Standard"),)
    chase = ChaseRule(after=Duration(3, "weeks"), team="Admin",
                      work=make_distribution("fixed", value=5))
    back = line.copy()
    back.update_segment("Routine", chase=chase, share=1)
    assert changes_between(line, back) == (UpdateSegment(segment="Routine", share=1,
                                                         chase=chase),)
    assert said(line, back) == [
        "Routine: share 3 → 1; chasing none → after 3 weeks (Admin, 5 min)"]
    assert changes_between(back, line) == (UpdateSegment(segment="Routine", share=3,
                                                         no_chase=True),)


def test_a_team_that_takes_over_all_the_steps_of_a_removed_one_was_renamed(line):
    edited = line.copy()
    edited.add_team(Team(name="Day unit", shifts=(Shift(staff=6),)))
    edited.update("Clinic", team="Day unit")
    edited.remove_team("Outpatients")
    assert changes_between(line, edited) == (
        RenameTeam(team="Outpatients", name="Day unit"), SetStaff(team="Day unit", staff=6))
    assert said(line, edited) == ["Team Outpatients renamed Day unit", "Day unit: staff 4 → 6"]


def test_a_handoff_removed_between_parts_that_stay(line):
    edited = line.copy()
    edited.disconnect("Letter to patient", "Clinic")
    assert changes_between(line, edited) == (
        RemoveHandoff(source="Letter to patient", target="Clinic"),)


def test_every_field_of_the_map_is_compared():
    """A field added to a part, a handoff, a team or a segment must be taught to
    changes_between (and to a change kind); this fails until it is."""
    compared = {"name", "position", "notes", "team", "duration", "staff_needed",
                "customer_present", "repeat_story_time", "patience", "arrivals",
                "segment_mix", "outcome", "gave_up"}
    for kind in NODE_TYPES.values():
        assert {f.name for f in dataclasses.fields(kind)} <= compared, kind
    assert {f.name for f in dataclasses.fields(Handoff)} == {
        "probability", "by_segment", "delay", "info_travels", "notes"}
    assert {f.name for f in dataclasses.fields(Team)} == {"name", "colour", "shifts", "notes"}
    assert {f.name for f in dataclasses.fields(Segment)} == {
        "name", "share", "priority", "patience", "chase", "notes"}
