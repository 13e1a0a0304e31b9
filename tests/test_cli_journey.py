"""`outsidein journey`: one person's timeline and story written to a folder, and the same
person under a redesign."""

from __future__ import annotations

import pytest
from journey_maps import MORE_CLINICIANS, referral_map

from outsidein_desktop import cli, cli_journey
from outsidein_desktop.analysis.journey_finder import PICKS
from outsidein_desktop.storage import save_map, save_scenario

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def files(tmp_path):
    service_map = referral_map()
    map_path = tmp_path / "referral.json"
    save_map(service_map, map_path)
    scenario_path = tmp_path / "more_clinicians.json"
    save_scenario(MORE_CLINICIANS, scenario_path)
    return map_path, scenario_path


def test_the_command_knows_every_kind_of_person():
    assert tuple(PICKS) == cli_journey.PICKS


def test_journey_writes_the_timeline_and_the_story(files, tmp_path, capsys):
    map_path, _ = files
    out = tmp_path / "out"
    code = cli.main(["journey", str(map_path), "--pick", "p90", "--out", str(out),
                     "--person", "patient"])
    assert code == cli.EXIT_OK
    assert sorted(p.name for p in out.iterdir()) == [
        "journey.md", "journey.png", "journey.svg", "journey.txt"]
    assert (out / "journey.png").read_bytes().startswith(PNG_MAGIC)
    text = (out / "journey.txt").read_text(encoding="utf-8")
    assert text.startswith("Patient ") and "the 90th percentile journey" in text
    assert "replication 1" in text and "In all:" in text
    assert (out / "journey.md").read_text(encoding="utf-8").startswith("### Patient ")
    assert text.splitlines()[0] in capsys.readouterr().out


def test_journey_compare_follows_the_same_person(files, tmp_path, capsys):
    map_path, scenario_path = files
    out = tmp_path / "pair"
    code = cli.main(["journey", str(map_path), "--pick", "random", "--seed", "4",
                     "--compare", str(scenario_path), "--out", str(out)])
    assert code == cli.EXIT_OK
    names = {p.name for p in out.iterdir()}
    assert {"compare.png", "compare.svg", "compare.txt", "compare.md"} <= names
    pair = (out / "compare.txt").read_text(encoding="utf-8")
    first = (out / "journey.txt").read_text(encoding="utf-8").splitlines()[0]
    who = first.split(" waited")[0].split(" gave up")[0].split(" was still")[0]
    assert pair.startswith(f"{who}:")  # the comparison names the same customer number
    assert "same moment" in pair and MORE_CLINICIANS.name in pair
    assert "common random numbers" in pair


def test_nobody_to_follow_is_a_plain_message(files, tmp_path, capsys):
    map_path, _ = files
    code = cli.main(["journey", str(map_path), "--pick", "median", "--segment", "Urgent",
                     "--outcome", "Referred elsewhere", "--step", "Write letter",
                     "--out", str(tmp_path / "none")])
    assert code == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "No journey reached an exit in segment 'Urgent'" in err


def test_unknown_step_names_the_steps(files, tmp_path, capsys):
    map_path, _ = files
    code = cli.main(["journey", str(map_path), "--step", "Triage",
                     "--out", str(tmp_path / "x")])
    assert code == cli.EXIT_USER_ERROR
    assert "no step called 'Triage'" in capsys.readouterr().err


def test_a_missing_map_is_named(tmp_path, capsys):
    code = cli.main(["journey", str(tmp_path / "nope.json"), "--out", str(tmp_path)])
    assert code == cli.EXIT_USER_ERROR
    assert "nope.json" in capsys.readouterr().err
