"""Saving and loading: load(save(m)) == m, migrations, and saves that cannot half-happen."""

import errno
import json
import os
import stat

import pytest

from outsidein_desktop.domain import (
    ChaseRule,
    Duration,
    Fixed,
    Segment,
    Shift,
    Step,
    Uniform,
)
from outsidein_desktop.domain.scenario import (
    AddStep,
    MergeTeams,
    RemoveStep,
    Scenario,
    SetArrivals,
    SetDuration,
    SetHandoff,
    SetHours,
    SetRouting,
    SetStaff,
)
from outsidein_desktop.domain.validate import errors, validate
from outsidein_desktop.errors import MapFileError, OutsideInError
from outsidein_desktop.storage import (
    FORMAT_VERSION,
    apply_scenario_file,
    load_map,
    load_scenario,
    map_from_dict,
    map_to_dict,
    save_map,
    save_scenario,
    scenario_base_path,
)
from outsidein_desktop.storage.migrations import migrate


def test_the_full_map_uses_every_feature_and_is_valid(full_map):
    kinds = {n.kind for n in full_map.nodes()}
    assert kinds == {"entry", "step", "decision", "delay", "exit"}
    assert errors(validate(full_map)) == []


def test_load_of_save_equals_the_map(full_map, tmp_path):
    path = tmp_path / "outpatients.json"
    save_map(full_map, path)
    loaded = load_map(path)
    assert loaded == full_map
    assert [n.name for n in loaded.nodes()] == [n.name for n in full_map.nodes()]
    assert [t.name for t in loaded.teams()] == [t.name for t in full_map.teams()]
    assert loaded.team("Nurses").shifts == full_map.team("Nurses").shifts


def test_dict_round_trip_through_json(full_map):
    data = json.loads(json.dumps(map_to_dict(full_map)))
    assert map_from_dict(data) == full_map


def test_saving_again_gives_the_same_bytes(full_map, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save_map(full_map, first)
    save_map(load_map(first), second)
    assert first.read_bytes() == second.read_bytes()


def test_the_saved_file_is_readable_json_with_format_version_2(full_map, tmp_path):
    path = tmp_path / "outpatients.json"
    save_map(full_map, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\n  " in text  # indented for people and for diffs
    data = json.loads(text)
    assert FORMAT_VERSION == 2
    assert data["format_version"] == 2
    # What the editor needs to show the map as drawn.
    booking = next(n for n in data["nodes"] if n["name"] == "Booking")
    assert booking["position"] == [150.0, 100.0]
    assert {t["name"]: t["colour"] for t in data["teams"]} == {
        "Booking office": "#EE6677", "Nurses": "#228833", "Consultants": "#4477aa"}
    night = data["teams"][1]["shifts"][1]
    assert night == {"days": "Mon-Thu,Sun", "start": "22:00", "end": "06:00", "staff": 1}
    assert data["handoffs"][0]["delay"] == {"kind": "exponential", "mean": 2, "unit": "days"}


def test_awkward_numbers_round_trip(full_map, tmp_path):
    # A third of a day cannot be written in six digits; the file must keep every digit.
    chase = ChaseRule(after=Duration(10 / 3, "days"), every=Duration(0.1 + 0.2, "hours"),
                      team="Booking office", work=Fixed(value=1 / 7))
    full_map.update_segment("Urgent", chase=chase)
    full_map.update("Triage", position=(1 / 3, -2e-7))
    path = tmp_path / "m.json"
    save_map(full_map, path)
    assert load_map(path) == full_map


def test_a_map_without_optional_parts_round_trips(tmp_path, good_data, write):
    service_map = load_map(write(good_data))
    save_map(service_map, tmp_path / "again.json")
    assert load_map(tmp_path / "again.json") == service_map


def test_shift_days_may_be_a_list(good_data, write):
    good_data["teams"][0]["shifts"][0]["days"] = ["Mon", "Wed", "Fri-Sat"]
    shift = load_map(write(good_data)).team("Repairs").shifts[0]
    assert shift.days == (0, 2, 4, 5)


# -- scenarios ---------------------------------------------------------------------------


@pytest.fixture
def every_change():
    return Scenario(name="Everything", description="One of each change.", base="map.json",
                    changes=(
                        SetStaff(team="Nurses", staff=5),
                        SetHours(team="Consultants", shifts=(
                            Shift(days=(0, 1, 2, 3, 4), start=8, end=18, staff=3),
                            Shift(days=(5,), start=22, end=2, staff=1))),
                        SetDuration(part="Test results", duration=Fixed(value=3, unit="days")),
                        SetRouting(part="Tests needed?",
                                   probabilities={"Test results": 0.4, "Clinic": 0.5}),
                        SetHandoff(source="GP referral", target="Booking", no_delay=True),
                        SetHandoff(source="Booking", target="Triage", info_travels=0.9,
                                   delay=Uniform(low=1, high=2, unit="hours")),
                        RemoveStep(part="Triage"),
                        AddStep(step=Step(name="Phone triage", team="Nurses",
                                          duration=Fixed(value=10), position=(300, 200)),
                                after="Booking", before="Tests needed?"),
                        MergeTeams(team="Booking office", into="Nurses"),
                        SetArrivals(entry="Self referral", per_day=4.5),
                    ))


def test_scenario_round_trip(every_change, tmp_path):
    path = tmp_path / "everything.json"
    save_scenario(every_change, path)
    assert load_scenario(path) == every_change
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    assert data["changes"][4] == {"action": "set_handoff", "source": "GP referral",
                                  "target": "Booking", "no_delay": True}


def test_a_scenario_file_applies_to_its_base_map(full_map, every_change, tmp_path):
    save_map(full_map, tmp_path / "map.json")
    (tmp_path / "scenarios").mkdir()
    scenario_path = tmp_path / "scenarios" / "everything.json"
    save_scenario(Scenario(name="Everything", base="../map.json",
                           changes=every_change.changes), scenario_path)
    scenario = load_scenario(scenario_path)
    base = scenario_base_path(scenario, scenario_path)
    assert base == (tmp_path / "map.json").resolve()
    changed = apply_scenario_file(load_map(base), scenario_path)
    assert changed == every_change.apply(full_map)
    assert errors(validate(changed)) == []


def test_a_scenario_without_a_base_has_no_base_path(tmp_path):
    assert scenario_base_path(Scenario(name="Loose"), tmp_path / "s.json") is None


# -- migration ---------------------------------------------------------------------------


def _format_1(data: dict) -> dict:
    """The same map as format 1 wrote it: handoffs were "edges" with a "p"."""
    old = {k: v for k, v in data.items() if k != "handoffs"}
    old["format_version"] = 1
    old["edges"] = [{("p" if k == "probability" else k): v for k, v in h.items()}
                    for h in data["handoffs"]]
    return old


def test_a_format_1_file_loads_as_the_same_map(full_map, write):
    old = _format_1(map_to_dict(full_map))
    assert "handoffs" not in old and "p" in old["edges"][4]
    assert load_map(write(old, "old.json")) == full_map


def test_migrate_brings_format_1_up_to_date(good_data):
    old = _format_1(good_data)
    old["edges"][0]["p"] = 1.0
    new = migrate(old)
    assert new["format_version"] == 2
    assert "edges" not in new
    assert new["handoffs"][0] == {"from": "Report", "to": "Fix", "probability": 1.0}
    assert old["format_version"] == 1  # the input is left alone


def test_a_format_2_file_is_not_migrated(good_data):
    assert migrate(good_data) == good_data


def test_a_format_1_scenario_loads(every_change, tmp_path):
    path = tmp_path / "old_scenario.json"
    save_scenario(every_change, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format_version"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_scenario(path) == every_change


# -- atomic saves ------------------------------------------------------------------------


@pytest.fixture
def saved(full_map, tmp_path):
    """A map file already on disk, and its bytes."""
    path = tmp_path / "outpatients.json"
    save_map(full_map, path)
    return path, path.read_bytes()


def _changed(full_map):
    changed = full_map.copy()
    changed.title = "Changed"
    changed.add_segment(Segment(name="Frail", share=0.5))
    return changed


def test_a_failed_rename_leaves_the_old_file(full_map, saved, monkeypatch):
    path, before = saved

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(MapFileError) as error:
        save_map(_changed(full_map), path)
    message = str(error.value)
    assert str(path) in message
    assert "No space left on device" in message
    assert "The old file is unchanged" in message
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]  # no temporary file left behind


def test_a_failure_while_writing_leaves_the_old_file(full_map, saved, monkeypatch):
    path, before = saved

    def fail(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(MapFileError, match="Input/output error"):
        save_map(_changed(full_map), path)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]


def test_an_error_without_a_system_message_still_reads_well(full_map, saved, monkeypatch):
    path, before = saved

    def fail(src, dst):
        raise OSError("the network drive went away")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(MapFileError) as error:
        save_map(_changed(full_map), path)
    assert "None" not in str(error.value)
    assert "the network drive went away" in str(error.value)
    assert path.read_bytes() == before


def test_an_interrupted_save_leaves_the_old_file(full_map, saved, monkeypatch):
    path, before = saved

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_map(_changed(full_map), path)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]


def test_a_failure_to_encode_leaves_the_old_file(full_map, saved, monkeypatch):
    path, before = saved

    def broken(*args, **kwargs):
        raise TypeError("cannot encode")

    monkeypatch.setattr(json, "dumps", broken)
    with pytest.raises(TypeError):
        save_map(_changed(full_map), path)
    assert path.read_bytes() == before
    assert os.listdir(path.parent) == [path.name]


def test_a_save_keeps_the_files_permissions(full_map, saved):
    path, _ = saved
    path.chmod(0o640)
    save_map(_changed(full_map), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load_map(path).title == "Changed"


def test_a_save_into_a_missing_folder_names_the_file(full_map, tmp_path):
    path = tmp_path / "no such folder" / "outpatients.json"
    with pytest.raises(MapFileError) as error:
        save_map(full_map, path)
    assert isinstance(error.value, OutsideInError)
    assert str(path) in str(error.value)
    assert f"The folder {path.parent} does not exist" in str(error.value)
    assert not path.parent.exists()
