"""`outsidein sweep`: a table and the finding on screen, sweep.json, sweep.csv and the
chart on disk, and plain messages (no tracebacks) for every mistake."""

from __future__ import annotations

import json
import socket
import sys

import pytest
from sweep_maps import one_queue, referral_line

from outsidein_desktop import cli
from outsidein_desktop.domain.scenario import Scenario, SetArrivals
from outsidein_desktop.sim import cluster as cluster_module
from outsidein_desktop.storage import save_map, save_scenario

QUICK = ["--days", "10", "--warmup", "1", "--replications", "3"]


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "queue.json"
    save_map(one_queue(), path)
    return path


def test_a_sweep_prints_the_table_and_writes_its_files(map_file, tmp_path, capsys):
    out = tmp_path / "out"
    code = cli.main(["sweep", str(map_file), "--vary", "team:Triage.staff=1..3",
                     "--measure", "waiting_mean", *QUICK, "--jobs", "2", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.err
    lines = captured.out.splitlines()
    assert lines[0].startswith("Beyond 2 staff in team 'Triage', the mean time waiting")
    assert lines[2].split("  ")[0] == "Staff of team 'Triage'"
    assert [line.split()[0] for line in lines[3:6]] == ["1", "2", "3"]
    assert "Knee: 2 staff." in captured.out
    assert sorted(p.name for p in out.iterdir()) == [
        "sweep.csv", "sweep.json", "sweep.pdf", "sweep.png", "sweep.svg"]
    data = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    assert data["settings"]["replications"] == 3 and data["settings"]["days"] == 10
    assert [p["values"] for p in data["points"]] == [[1], [2], [3]]
    assert "sweep.png" in captured.out


def test_two_parameters_and_a_scenario(tmp_path, capsys):
    map_path = tmp_path / "line.json"
    save_map(referral_line(), map_path)
    scenario = Scenario(name="Busier", changes=(SetArrivals(entry="Referral", per_day=80),))
    scenario_path = tmp_path / "busier.json"
    save_scenario(scenario, scenario_path)
    out = tmp_path / "grid"
    code = cli.main(["sweep", str(map_path), "--scenario", str(scenario_path),
                     "--vary", "team:Clinic.staff=3..4", "--vary",
                     "segment:Routine.chase_after=1,3", *QUICK, "--out", str(out)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.err
    data = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    assert data["scenario"] == "Busier"
    assert len(data["points"]) == 4
    arrivals = data["points"][0]["customer"]["arrivals_per_day"]["mean"]
    assert arrivals > 70  # the scenario's 80 a day, not the map's 60
    assert "Chase threshold of segment 'Routine'" in captured.out.splitlines()[2]


def test_overloaded_points_are_named_each_with_its_own_numbers(tmp_path, capsys):
    # 200 a day of 20 minutes: one and two people both fall behind, each with a queue of
    # its own size at the end; three and four cope.
    map_path = tmp_path / "busy.json"
    save_map(one_queue(per_day=200), map_path)
    out = tmp_path / "out"
    code = cli.main(["sweep", str(map_path), "--vary", "team:Triage.staff=1..4", *QUICK,
                     "--out", str(out)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.err
    lines = captured.out.splitlines()
    assert lines[0].endswith("; at 1 and 2 staff the queue for team 'Triage' was still "
                             "growing at the end of the run.")
    data = json.loads((out / "sweep.json").read_text(encoding="utf-8"))
    assert [p["unsettled"] for p in data["points"]] == [True, True, False, False]
    queues = [p["warnings"][0] for p in data["points"][:2]]
    assert queues[0] != queues[1]  # about 1,200 waiting at the end, and about 500
    assert all("kept growing through the run (about " in q for q in queues)
    # Each point's warning with its own numbers; only identical texts are put together.
    assert f"warning at 1 staff: {queues[0]}" in lines
    assert f"warning at 2 staff: {queues[1]}" in lines
    assert not any(line.startswith("warning at 1 staff; 2 staff") for line in lines)
    # The table says how many were still in the journey, and which runs did not settle.
    table = {line.split()[0]: line for line in lines[3:7]}
    assert lines[2].endswith("Still in the journey at the end")
    assert table["1"].endswith(" - not settled") and table["2"].endswith(" - not settled")
    assert not table["3"].endswith("not settled") and not table["4"].endswith("not settled")
    stuck = data["points"][0]["customer"]["in_system_at_end"]["mean"]
    assert f"{stuck:,.0f} - not settled" in table["1"]
    assert "Not settled at 2 of 4 points: their figures depend on the run's length and count "\
        "only the journeys that finished." in lines
    assert (f"  1 staff: the queue for team 'Triage' was still growing at the end of the run; "
            f"{stuck:,.0f} still in the journey.") in lines
    assert "Settled: 3 and 4 staff." in lines
    assert not any(line.startswith("Knee: 2 staff") for line in lines)


@pytest.mark.parametrize(("words", "said"), [
    (["--vary", "team:Triag.staff=1..3"], "there is no team called 'Triag' on the map — did "
                                          "you mean 'Triage'?"),
    (["--vary", "team:Triage.staff=3..1"], "the range '3..1' is empty"),
    (["--vary", "team:Triage.staff=1..3", "--measure", "wait"], "'wait' is not a measure"),
    (["--vary", "team:Triage.staff=1..2", "--vary", "step:Assess.mean=10,20", "--vary",
      "entry:Calls.per_day=10,20"], "a sweep varies one or two parameters"),
    (["--vary", "team:Triage.staff=1..3", "--jobs", "0"], "--jobs must be at least 1."),
    (["--vary", "team:Triage.staff=1..3", "--warmup", "30"], "the warm-up (30 days) must be "
                                                             "shorter than the run"),
])
def test_mistakes_are_plain_messages(map_file, capsys, words, said):
    code = cli.main(["sweep", str(map_file), *words, "--days", "10"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert said in err
    assert "Traceback" not in err


def test_a_missing_map_file_is_named(tmp_path, capsys):
    code = cli.main(["sweep", str(tmp_path / "nowhere.json"), "--vary", "team:A.staff=1,2"])
    assert code == cli.EXIT_USER_ERROR
    assert "nowhere.json" in capsys.readouterr().err


def test_an_unreachable_cluster_is_a_plain_message(map_file, capsys, monkeypatch):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT_S", 1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = cli.main(["sweep", str(map_file), "--vary", "team:Triage.staff=1..2", *QUICK,
                     "--cluster", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert f"Cannot reach the Dask scheduler at 'tcp://127.0.0.1:{port}'" in err
    assert "Traceback" not in err


def test_without_dask_the_cluster_option_says_how_to_install_it(map_file, capsys,
                                                                monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    code = cli.main(["sweep", str(map_file), "--vary", "team:Triage.staff=1..2", *QUICK,
                     "--cluster", "tcp://127.0.0.1:8786"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert "pip install 'outsidein-desktop[cluster]'" in err
