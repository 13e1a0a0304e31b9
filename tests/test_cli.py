"""The command line: help, plain messages for the user's mistakes, crashes go to a log."""

import sys
import types

import pytest

from outsidein_desktop import cli
from outsidein_desktop.errors import OutsideInError


def test_help_prints_usage_and_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out
    assert "outsidein" in out


def test_validate_help_names_the_scenario_option(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["validate", "--help"])
    assert exit_info.value.code == 0
    assert "--scenario" in capsys.readouterr().out


def test_validate_without_a_map_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["validate"])
    assert exit_info.value.code == 2
    assert "MAP" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["open"]),
        (["models/x.json"], ["open", "models/x.json"]),
        (["validate", "x.json"], ["validate", "x.json"]),
        (["--version"], ["--version"]),
    ],
)
def test_no_command_means_open_the_app(argv, expected):
    assert cli._with_default_command(argv) == expected


def test_validate_a_missing_file_names_it_without_a_traceback(tmp_path, capsys):
    missing = tmp_path / "no_such_map.json"

    code = cli.main(["validate", str(missing)])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("outsidein: ")
    assert "no_such_map.json" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_an_unexpected_error_goes_to_the_log_not_the_screen(tmp_path, monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("a bug in OutsideIn")

    monkeypatch.setitem(
        cli.COMMANDS, "validate", cli.Command("check", cli._validate_arguments, broken)
    )
    monkeypatch.setattr("platformdirs.user_log_dir", lambda *a, **k: str(tmp_path))

    code = cli.main(["validate", "x.json"])

    captured = capsys.readouterr()
    assert code == 3
    assert "Traceback" not in captured.err
    assert str(tmp_path / "outsidein.log") in captured.err
    log = (tmp_path / "outsidein.log").read_text(encoding="utf-8")
    assert "Traceback" in log
    assert "a bug in OutsideIn" in log


def test_a_mistake_in_the_users_file_is_one_plain_sentence(monkeypatch, capsys):
    def refuses(args):
        raise OutsideInError("models/x.json: step 'Triage': the staff count must be at least 1.")

    monkeypatch.setitem(
        cli.COMMANDS, "validate", cli.Command("check", cli._validate_arguments, refuses)
    )

    code = cli.main(["validate", "models/x.json"])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == (
        "outsidein: models/x.json: step 'Triage': the staff count must be at least 1.\n"
    )


def _fake_layers(monkeypatch, problems):
    """Stand-ins for storage and domain.validate, so these tests check only the CLI."""
    storage = types.ModuleType("outsidein_desktop.storage")
    storage.load_map = lambda path: f"map from {path}"
    storage.load_scenario = lambda path: types.SimpleNamespace(apply=lambda m: f"{m} changed")
    storage.apply_scenario_file = lambda m, path: f"{m} changed by {path}"
    validate = types.ModuleType("outsidein_desktop.domain.validate")
    validate.validate = lambda service_map: problems
    monkeypatch.setitem(sys.modules, "outsidein_desktop.storage", storage)
    monkeypatch.setitem(sys.modules, "outsidein_desktop.domain.validate", validate)


def _problem(severity, element, message):
    return types.SimpleNamespace(severity=severity, element=element, message=message)


def test_validate_prints_each_problem_and_a_count(monkeypatch, capsys):
    _fake_layers(
        monkeypatch,
        [
            _problem("error", "step 'Triage'", "no team does this step."),
            _problem("warning", "exit 'Treated'", "no route leads here."),
            _problem("warning", "decision 'Urgent?'", "the chances add up to 0.9, not 1."),
        ],
    )

    code = cli.main(["validate", "models/x.json"])

    assert code == 1
    assert capsys.readouterr().out.splitlines() == [
        "error: step 'Triage': no team does this step.",
        "warning: exit 'Treated': no route leads here.",
        "warning: decision 'Urgent?': the chances add up to 0.9, not 1.",
        "models/x.json: 1 error, 2 warnings",
    ]


def test_validate_with_only_warnings_exits_0(monkeypatch, capsys):
    _fake_layers(monkeypatch, [_problem("warning", "exit 'Treated'", "no route leads here.")])

    code = cli.main(["validate", "models/x.json", "--scenario", "scenarios/y.json"])

    assert code == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "models/x.json with scenarios/y.json: 0 errors, 1 warning"
    )


def test_progress_in_a_log_file_is_a_line_per_replication_and_tenth_not_a_flood():
    import io

    from outsidein_desktop.sim.runner import Progress

    log = io.StringIO()
    show = cli._progress_printer(log)
    for day in range(0, 101):  # two replications of 50 days, reported each day
        show(Progress(replications_done=day // 50, replications=2, simulated_days=day,
                      total_days=100))

    lines = log.getvalue().splitlines()
    assert "\r" not in log.getvalue()
    assert lines[0] == "simulating: 0 of 2 replications done, 0%"
    assert lines[-1] == "simulating: 2 of 2 replications done, 100%"
    assert 11 <= len(lines) <= 13
