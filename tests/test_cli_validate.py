"""`outsidein validate` on real files: maps built with the API and saved, then checked."""

import subprocess
import sys

import pytest

from outsidein_desktop import cli
from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.domain.scenario import Scenario, SetArrivals, SetStaff
from outsidein_desktop.storage import save_map, save_scenario


def _call_centre(per_day: float = 100) -> ServiceMap:
    """Calls -> Answer (Call handlers, Mon-Fri 08-18, 3 staff, 6 minutes a call) -> Resolved."""
    m = ServiceMap(title="Call centre")
    m.add_team(Team(name="Call handlers", shifts=(Shift(start=8, end=18, staff=3),)))
    m.add(Entry(name="Calls", arrivals=Arrivals(per_day=per_day)))
    m.add(Step(name="Answer", team="Call handlers", duration=Exponential(mean_value=6)))
    m.add(Exit(name="Resolved"))
    m.connect("Calls", "Answer")
    m.connect("Answer", "Resolved")
    return m


@pytest.fixture
def saved(tmp_path):
    """saved(service_map, name) writes the map with save_map and returns its path."""

    def save(service_map, name="map.json"):
        path = tmp_path / name
        save_map(service_map, path)
        return path

    return save


def _validate(capsys, *words):
    code = cli.main(["validate", *(str(w) for w in words)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_good_map_exits_0(saved, capsys):
    path = saved(_call_centre())
    code, out, err = _validate(capsys, path)
    assert code == 0
    assert out == f"{path}: 0 errors, 0 warnings\n"
    assert err == ""


def test_a_map_with_warnings_exits_0(saved, capsys):
    # 300 calls of 6 minutes a day is 1800 staff-minutes; 3 staff x 50 hours a week is
    # 150/168 staff on average, about 1286 staff-minutes a day. Too much work, but not an error.
    path = saved(_call_centre(per_day=300))
    code, out, err = _validate(capsys, path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("warning: team 'Call handlers': More work arrives than it can do")
    assert "(140% of its capacity)" in lines[0]
    assert lines[-1] == f"{path}: 0 errors, 1 warning"
    assert err == ""


def test_a_map_with_errors_exits_1(saved, capsys):
    m = _call_centre()
    m.update("Answer", team="Call handler")  # a typo: no such team
    m.add(Exit(name="Abandoned"))
    m.connect("Answer", "Abandoned", Handoff(probability=0.3))  # 1 + 0.3 = 1.3
    path = saved(m)
    code, out, err = _validate(capsys, path)
    assert code == 1
    lines = out.splitlines()
    assert ("error: step 'Answer': The ways out add up to 1.3 (130.0%), not 1 (100%): "
            "'Resolved' 100%, 'Abandoned' 30%.") in lines
    assert ("error: step 'Answer': It is done by team 'Call handler', but there is no team "
            "with that name. Add the team or choose another.") in lines
    assert "warning: team 'Call handlers': No step uses this team." in lines
    assert lines[-1] == f"{path}: 2 errors, 1 warning"
    assert err == ""


def test_errors_are_listed_before_warnings(saved, capsys):
    m = _call_centre()
    m.add_team(Team(name="Idle", shifts=(Shift(),)))
    m.add(Exit(name="Nowhere"))
    _, out, _ = _validate(capsys, saved(m))
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["error", "warning"]


def test_a_scenario_is_checked_with_its_map(saved, tmp_path, capsys):
    map_path = saved(_call_centre(per_day=300))
    scenario_path = tmp_path / "more_staff.json"
    save_scenario(Scenario(name="More staff", base="map.json",
                           changes=(SetStaff(team="Call handlers", staff=5),)), scenario_path)
    code, out, err = _validate(capsys, map_path, "--scenario", scenario_path)
    assert (code, err) == (0, "")
    assert out == f"{map_path} with {scenario_path}: 0 errors, 0 warnings\n"


def test_a_scenario_that_no_longer_fits_exits_2(saved, tmp_path, capsys):
    map_path = saved(_call_centre())
    scenario_path = tmp_path / "busier.json"
    save_scenario(Scenario(name="Busier", changes=(SetArrivals(entry="Phone", per_day=200),)),
                  scenario_path)
    code, out, err = _validate(capsys, map_path, "--scenario", scenario_path)
    assert code == 2
    assert out == ""
    assert err == (f"outsidein: {scenario_path}: Scenario 'Busier', change 1 (Phone: arrivals "
                   "? → 200 a day): There is no part called 'Phone' on the map. The map may "
                   "have changed since the scenario was written.\n")


def test_the_installed_command_gives_no_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 2, "nodes": [{"type": "step", "name": "X"}]}',
                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "outsidein_desktop", "validate", str(bad)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == f"outsidein: {bad}: step 'X': 'team' is missing.\n"
    assert result.stdout == ""
