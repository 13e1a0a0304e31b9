"""The change kinds the editor records, in scenario files: each reads back as written, and a
mistake in one names the file, the change and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Fixed,
    Segment,
    Shift,
    Step,
    Team,
    Uniform,
    Weibull,
)
from outsidein_desktop.domain.part_changes import PART_CHANGES
from outsidein_desktop.domain.scenario import (
    AddHandoff,
    AddPart,
    AddSegment,
    AddTeam,
    RemoveHandoff,
    RemovePart,
    RemoveSegment,
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
from outsidein_desktop.domain.team_segment_changes import TEAM_SEGMENT_CHANGES
from outsidein_desktop.errors import MapFileError
from outsidein_desktop.storage import load_scenario, save_scenario
from outsidein_desktop.storage.scenario_codec import change_from_dict, change_to_dict

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema" / "scenario.schema.json"
CHASE = ChaseRule(after=Duration(2, "weeks"), every=Duration(1, "week"), team="Admin",
                  work=Fixed(value=5))

EXAMPLES = [
    AddPart(part=Step(name="Text message", team="Admin", position=(12.5, -40),
                      duration=Fixed(value=2), customer_present=False, notes="An SMS",
                      patience=Fixed(value=3, unit="days"))),
    AddPart(part=Entry(name="Walk-ins", arrivals=Arrivals(per_day=4, by_hour=(1,) * 24),
                       segment_mix={"Urgent": 1})),
    AddPart(part=Delay(name="Post", position=(1, 2), duration=Uniform(low=1, high=3,
                                                                      unit="days"))),
    AddPart(part=Decision(name="Urgent?")),
    AddPart(part=Exit(name="Elsewhere", outcome="Referred on")),
    RemovePart(part="Letter to patient"),
    RenamePart(part="Triage", name="Assessment"),
    UpdatePart(part="Clinic", team="Day unit", staff_needed=2, customer_present=False,
               repeat_story_time=Fixed(value=4), patience=Weibull(shape=1.5, scale=2,
                                                                  unit="hours"),
               notes=""),
    UpdatePart(part="Clinic", no_repeat_story_time=True, no_patience=True),
    UpdatePart(part="Referral", arrivals=Arrivals(per_day=12.5, by_weekday=(2, 1, 1, 1, 1,
                                                                           0, 0)),
               segment_mix={"Urgent": 1, "Routine": 3}),
    UpdatePart(part="Seen", outcome="Treated"),
    AddHandoff(source="Booking", target="Text message"),
    AddHandoff(source="Urgent?", target="Clinic", probability=0.25,
               by_segment={"Urgent": 0.9}, delay=Fixed(value=1, unit="days"),
               info_travels=0.5, notes="By phone"),
    RemoveHandoff(source="Booking", target="Letter to patient"),
    UpdateHandoff(source="Urgent?", target="Clinic", by_segment={}),
    UpdateHandoff(source="Urgent?", target="Clinic", notes="Faxed"),
    AddTeam(team=Team(name="Pharmacy", colour="#228833", notes="Hospital",
                      shifts=(Shift(staff=2), Shift(days=(5,), start=22, end=6, staff=1)))),
    AddTeam(team=Team(name="Volunteers")),
    RemoveTeam(team="Volunteers"),
    RenameTeam(team="Outpatients", name="Day unit"),
    UpdateTeam(team="Admin", colour="#EE6677"),
    UpdateTeam(team="Admin", notes="Moved upstairs"),
    AddSegment(segment=Segment(name="Frail", share=0.2, priority=1,
                               patience=Fixed(value=8, unit="weeks"), chase=CHASE,
                               notes="Over 80")),
    AddSegment(segment=Segment(name="Everyone else")),
    RemoveSegment(segment="Frail"),
    RenameSegment(segment="Routine", name="Standard"),
    UpdateSegment(segment="Routine", share=3, priority=2, patience=Fixed(value=1),
                  chase=CHASE, notes="Most people"),
    UpdateSegment(segment="Routine", no_patience=True, no_chase=True),
]


def _round_trip(change):
    return change_from_dict(json.loads(json.dumps(change_to_dict(change))), 1)


def test_the_examples_cover_every_new_kind():
    assert {type(c) for c in EXAMPLES} == set(PART_CHANGES) | set(TEAM_SEGMENT_CHANGES)


@pytest.mark.parametrize("change", EXAMPLES, ids=lambda c: c.action)
def test_each_change_reads_back_as_written(change):
    assert _round_trip(change) == change


def test_what_is_written_is_short_and_plain():
    assert change_to_dict(AddHandoff(source="Booking", target="Text message")) == {
        "action": "add_handoff", "source": "Booking", "target": "Text message"}
    assert change_to_dict(UpdatePart(part="Clinic", no_patience=True, notes="")) == {
        "action": "update_part", "part": "Clinic", "no_patience": True, "notes": ""}
    assert change_to_dict(UpdateTeam(team="Admin", colour="#EE6677")) == {
        "action": "update_team", "team": "Admin", "colour": "#EE6677"}


def test_a_scenario_file_with_every_kind_loads_and_matches_the_schema(tmp_path):
    path = tmp_path / "redesign.json"
    scenario = Scenario(name="Every edit", description="All of them", base="../map.json",
                        changes=tuple(EXAMPLES))
    save_scenario(scenario, path)

    assert load_scenario(path) == scenario
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(json.loads(path.read_text()))] == []


# -- mistakes -------------------------------------------------------------------------------


def _load_change(tmp_path, change: dict, before: int = 1) -> str:
    """The message for a scenario file whose change number ``before + 1`` is ``change``."""
    changes = [{"action": "remove_team", "team": "Volunteers"}] * before + [change]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format_version": 2, "name": "Bad", "changes": changes}),
                    encoding="utf-8")
    with pytest.raises(MapFileError) as caught:
        load_scenario(path)
    assert caught.value.path == str(path)
    return str(caught.value).removeprefix(f"{path}: ")


BAD_CHANGES = [
    ({"action": "update_part", "part": "Clinic", "staff_needed": "two"},
     "change 2 (update_part): 'staff_needed' should be a number, not text in quotes."),
    ({"action": "update_part", "part": "Clinic", "staff_needed": 1.5},
     "change 2 (update_part): The staff needed for 'Clinic' must be a whole number (got 1.5)."),
    ({"action": "update_part", "part": "Clinic"},
     "change 2 (update_part): The change to 'Clinic' names nothing to change."),
    ({"action": "update_part", "part": "Clinic", "patience": {"kind": "fixed", "value": 2},
      "no_patience": True},
     "change 2 (update_part): A change cannot both set and clear 'patience'."),
    ({"action": "update_part", "part": "Clinic", "no_patience": "yes"},
     "change 2 (update_part): 'no_patience' should be true or false, not text in quotes."),
    ({"action": "update_part", "part": "Referral", "arrivals": {"per_day": -1}},
     "change 2 (update_part), arrivals: Arrivals per day must be at least 0 (got -1)."),
    ({"action": "add_part", "part": {"type": "task", "name": "X"}},
     "change 2 (add_part), part: 'task' is not a kind of part; use one of entry, step, "
     "decision, delay, exit."),
    ({"action": "add_part", "part": {"type": "step", "name": "X", "team": "A"}},
     "change 2 (add_part), step 'X': 'duration' is missing."),
    ({"action": "add_team", "team": {"name": "Pharmacy", "colour": "green"}},
     "change 2 (add_team), team 'Pharmacy': 'green' is not a colour; write it like "
     "'#4477AA'."),
    ({"action": "update_team", "team": "Admin", "colour": "green"},
     "change 2 (update_team): 'green' is not a colour; write it like '#4477AA'."),
    ({"action": "add_segment", "segment": {"name": "Frail", "priority": 0}},
     "change 2 (add_segment), segment 'Frail': The priority of segment 'Frail' must be at "
     "least 1 (got 0)."),
    ({"action": "update_segment", "segment": "Frail", "chase": {"after": "soon"}},
     "change 2 (update_segment), chase, after: 'soon' is not a length of time; write a "
     "number and a unit, like '6 weeks'."),
    ({"action": "add_handoff", "source": "A", "target": "B", "probability": 1.5},
     "change 2 (add_handoff): The probability of a handoff must be at most 1 (got 1.5)."),
    ({"action": "update_handoff", "source": "A", "target": "B", "by_segment": {"U": "x"}},
     "change 2 (update_handoff): 'by_segment' should be a number, not text in quotes."),
    ({"action": "rename_part", "part": "Triage"},
     "change 2 (rename_part): 'name' is missing."),
    ({"action": "rename_team", "team": "A", "name": " B"},
     "change 2 (rename_team): The team name ' B' starts or ends with a space."),
    ({"action": "remove_segment", "segment": "Frail", "team": "A"},
     "change 2 (remove_segment): 'team' is not something it can have; it can have action, "
     "segment."),
]


@pytest.mark.parametrize(("change", "message"), BAD_CHANGES)
def test_a_mistake_names_the_change_and_the_field(tmp_path, change, message):
    assert _load_change(tmp_path, change) == message


# What the loader refuses and the schema cannot see (docs/file-format.md says so).
_BEYOND_THE_SCHEMA = ("names nothing to change", "both set and clear")


@pytest.mark.parametrize("change", [
    c for c, m in BAD_CHANGES if not any(words in m for words in _BEYOND_THE_SCHEMA)
], ids=lambda c: c["action"])
def test_the_schema_refuses_what_the_loader_refuses(change):
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    data = {"format_version": 2, "name": "Bad", "changes": [change]}
    assert list(validator.iter_errors(data)), f"the schema accepts {change}"
