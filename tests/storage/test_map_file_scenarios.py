"""Scenarios kept in the map file under "scenarios": saved and read back with the map, older
files without them still load, and a bad one names the file, the scenario and the change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from outsidein_desktop.domain import Shift, Step, make_distribution
from outsidein_desktop.domain.scenario import (
    AddHandoff,
    AddPart,
    RemoveHandoff,
    Scenario,
    SetStaff,
    UpdatePart,
)
from outsidein_desktop.domain.scenario_diff import changes_between
from outsidein_desktop.domain.validate import errors, validate
from outsidein_desktop.errors import MapFileError, ScenarioError
from outsidein_desktop.storage import load_map, load_map_and_scenarios, map_to_dict, save_map

ROOT = Path(__file__).resolve().parents[2]
MAP_SCHEMA = ROOT / "docs" / "schema" / "map.schema.json"

FASTER = Scenario(name="Faster triage", description="One more nurse", changes=(
    SetStaff(team="Nurses", staff=5),
    UpdatePart(part="Triage", staff_needed=1, no_repeat_story_time=True),
))
TEXTS = Scenario(name="Texts", changes=(
    AddPart(part=Step(name="Text message", team="Booking office", position=(150, 200),
                      duration=make_distribution("fixed", value=2))),
    AddHandoff(source="Booking", target="Text message", probability=0),
))


def test_a_map_file_without_scenarios_has_none(full_map, tmp_path):
    path = tmp_path / "map.json"
    save_map(full_map, path)  # the call as it always was

    assert "scenarios" not in json.loads(path.read_text(encoding="utf-8"))
    assert load_map_and_scenarios(path) == (full_map, [])


def test_scenarios_are_saved_and_read_back_with_the_map(full_map, tmp_path):
    path = tmp_path / "map.json"
    save_map(full_map, path, [FASTER, TEXTS])

    service_map, scenarios = load_map_and_scenarios(path)
    assert service_map == full_map
    assert scenarios == [FASTER, TEXTS]
    assert load_map(path) == full_map  # load_map reads the map and leaves the scenarios
    assert scenarios[0].apply(service_map).team("Nurses").shifts[0].staff == 5


def test_a_scenario_in_a_map_has_no_base(full_map, tmp_path):
    path = tmp_path / "map.json"
    save_map(full_map, path, [Scenario(name="From a file", base="../models/other.json")])

    written = json.loads(path.read_text(encoding="utf-8"))["scenarios"]
    assert written == [{"name": "From a file", "description": "", "changes": []}]
    assert load_map_and_scenarios(path)[1] == [Scenario(name="From a file")]


def test_the_saved_file_matches_the_map_schema(full_map, tmp_path):
    path = tmp_path / "map.json"
    save_map(full_map, path, [FASTER, TEXTS])
    validator = Draft202012Validator(json.loads(MAP_SCHEMA.read_text(encoding="utf-8")))
    data = json.loads(path.read_text(encoding="utf-8"))

    assert [e.message for e in validator.iter_errors(data)] == []
    data["scenarios"][0]["base"] = "x.json"
    assert list(validator.iter_errors(data)), "the schema accepts a scenario with a base"


def test_an_edit_on_the_canvas_survives_the_file(tmp_path):
    """The whole path the app takes: edit a copy, record the changes, save, reopen, apply."""
    base = load_map(ROOT / "models" / "nhs_referral_to_treatment.json")
    edited = base.copy()
    team = edited.teams()[0]
    edited.update_team(team.name, shifts=(Shift(staff=3),), colour="#CCBB44")
    step = edited.steps()[1]
    edited.update(step.name, name=f"{step.name} (new)", notes="Renamed on the canvas")
    source, target, _ = edited.handoffs()[2]
    edited.disconnect(source, target)
    path = tmp_path / "rtt.json"

    save_map(base, path, [Scenario(name="Edited", changes=changes_between(base, edited))])
    service_map, (scenario,) = load_map_and_scenarios(path)

    assert scenario.apply(service_map) == edited
    assert RemoveHandoff(source=source, target=target) in scenario.changes


# -- mistakes -------------------------------------------------------------------------------


def _write(tmp_path, full_map, scenarios) -> Path:
    path = tmp_path / "map.json"
    path.write_text(json.dumps({**map_to_dict(full_map), "scenarios": scenarios}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("scenarios", "element", "problem"), [
    ([{"name": "Faster", "changes": [{"action": "set_staff", "team": "Nurses", "staff": 2},
                                     {"action": "set_staff", "team": "Nurses",
                                      "staff": "five"}]}],
     "scenario 'Faster', change 2 (set_staff)",
     "'staff' should be a number, not text in quotes."),
    ([{"name": "Faster", "changes": [{"action": "hire", "team": "Nurses"}]}],
     "scenario 'Faster', change 1",
     "'hire' is not a change OutsideIn knows; use one of set_staff"),
    ([{"name": "Faster", "changes": [{"action": "add_team", "team": {"name": "X",
                                                                      "size": 2}}]}],
     "scenario 'Faster', change 1 (add_team), team 'X'",
     "'size' is not something it can have"),
    ([{"name": "Faster", "base": "other.json"}],
     "scenario 'Faster'", "'base' is not something it can have"),
    ([{"description": "No name"}], "scenario 1", "'name' is missing."),
    ([{"name": "  "}], "scenario 1", "Every scenario needs a name."),
    ([{"name": "A"}, {"name": "A"}], "scenario 2",
     "There is already a scenario called 'A' in this map; give each scenario its own name."),
    ({"name": "A"}, "the map", "'scenarios' should be a list ([...]), not an object ({...})."),
    (["A"], "scenario 1", "It should be an object ({...}), not text in quotes."),
])
def test_a_bad_scenario_names_the_file_the_scenario_and_the_change(full_map, tmp_path,
                                                                   scenarios, element,
                                                                   problem):
    path = _write(tmp_path, full_map, scenarios)
    with pytest.raises(MapFileError) as caught:
        load_map_and_scenarios(path)

    assert caught.value.path == str(path)
    assert caught.value.element == element
    assert caught.value.problem.startswith(problem), caught.value.problem


def test_scenarios_that_cannot_be_told_apart_are_not_saved(full_map, tmp_path):
    path = tmp_path / "map.json"
    save_map(full_map, path, [FASTER])
    before = path.read_bytes()

    with pytest.raises(MapFileError, match="already a scenario called 'Faster triage'"):
        save_map(full_map, path, [FASTER, FASTER])
    with pytest.raises(MapFileError, match="Every scenario needs a name"):
        save_map(full_map, path, [Scenario(name="")])

    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["map.json"]


def test_a_scenario_that_no_longer_fits_still_loads_and_says_so_when_applied(full_map,
                                                                             tmp_path):
    path = _write(tmp_path, full_map, [{"name": "Stale", "changes": [
        {"action": "update_part", "part": "Gone", "notes": "x"}]}])
    service_map, (stale,) = load_map_and_scenarios(path)

    with pytest.raises(ScenarioError, match="Scenario 'Stale', change 1 .*no part called 'Gone'"):
        stale.apply(service_map)


def test_the_example_in_the_format_guide_loads_and_its_scenarios_apply(tmp_path):
    guide = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    block = next(b.split("```", 1)[0] for b in guide.split("```json\n")[1:]
                 if '"scenarios": [' in b.split("```", 1)[0])
    path = tmp_path / "phone.json"
    path.write_text(block, encoding="utf-8")

    service_map, scenarios = load_map_and_scenarios(path)
    assert [s.name for s in scenarios] == ["One more call handler", "Call-back service"]
    for scenario in scenarios:
        assert errors(validate(scenario.apply(service_map))) == [], scenario.name

    data = json.loads(block)
    del data["scenarios"][1]["changes"][1]["target"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MapFileError) as caught:
        load_map_and_scenarios(path)
    assert str(caught.value) == (f"{path}: scenario 'Call-back service', change 2 "
                                 "(remove_handoff): 'target' is missing.")


def test_a_scenario_file_opened_as_a_map_says_what_it_is(tmp_path):
    from outsidein_desktop.errors import OutsideInError
    from outsidein_desktop.storage.files import load_map, load_scenario

    root = Path(__file__).resolve().parents[2]
    with pytest.raises(OutsideInError) as caught:
        load_map(root / "scenarios" / "nhs_rtt_referral_hub.json")
    said = str(caught.value)
    assert "nhs_rtt_referral_hub.json" in said
    assert "this is a scenario file (a redesign of ../models/nhs_referral_to_treatment.json)" \
        in said and "Scenarios ▸ Import" in said

    with pytest.raises(OutsideInError, match="this is a map file, not a scenario"):
        load_scenario(root / "models" / "gp_appointment_line.json")
