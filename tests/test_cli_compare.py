"""`outsidein compare` and `outsidein report`: scenario files or scenarios kept in the map,
the table and verdicts printed, the files written, and plain messages for mistakes."""

from __future__ import annotations

import csv
import json

import docx
import pytest

# tests/ is on the path (rootdir conftest); tests/report is a package there.
from report.comparison_case import SLOWER_CLINIC, THIRD_BOOKER, two_teams

from outsidein_desktop import cli
from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.storage import save_map, save_scenario

SHORT = ["--days", "6", "--warmup", "1", "--replications", "3"]


@pytest.fixture
def files(tmp_path):
    map_path = tmp_path / "two_teams.json"
    save_map(two_teams(), map_path, scenarios=[THIRD_BOOKER])
    scenario_path = tmp_path / "slower_clinic.json"
    save_scenario(SLOWER_CLINIC, scenario_path)
    return map_path, scenario_path


def test_compare_prints_the_table_and_writes_json_csv_and_charts(files, tmp_path, capsys):
    map_path, scenario_path = files
    out = tmp_path / "out"
    code = cli.main(["compare", str(map_path), "--scenario", "Third booker",
                     "--scenario", str(scenario_path), *SHORT, "--out", str(out)])
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.err
    assert "Third booker − Baseline" in captured.out
    assert "Slower clinic − Baseline" in captured.out
    assert "3 replications each, common random numbers" in captured.out
    data = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert [o["name"] for o in data["options"]] == ["Baseline", "Third booker",
                                                    "Slower clinic"]
    assert data["settings"]["days"] == 6
    with open(out / "comparison.csv", newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle))
    assert "Slower clinic − Baseline: verdict" in header
    for name in ("end_to_end", "differences", "where_time_goes"):
        for kind in ("png", "svg", "pdf"):
            assert (out / f"comparison_{name}.{kind}").stat().st_size > 1000


def test_report_writes_a_pdf_and_a_word_paper(files, tmp_path, capsys):
    map_path, scenario_path = files
    pdf = tmp_path / "paper.pdf"
    code = cli.main(["report", str(map_path), "--scenario", str(scenario_path), *SHORT,
                     "--question", "Can the clinic slow down?", "--out", str(pdf)])
    assert code == cli.EXIT_OK, capsys.readouterr().err
    assert pdf.read_bytes()[:5] == b"%PDF-"
    word = tmp_path / "paper.docx"
    code = cli.main(["report", str(map_path), "--scenario", "Third booker", *SHORT,
                     "--recommendation", "Hire.", "--people", "patients", "--out", str(word)])
    assert code == cli.EXIT_OK, capsys.readouterr().err
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("Hire." in text for text in cells)


def test_an_unknown_scenario_is_named_with_the_ones_the_map_keeps(files, capsys):
    map_path, _ = files
    code = cli.main(["compare", str(map_path), "--scenario", "Fourth booker", *SHORT])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert "--scenario Fourth booker: there is no such scenario file" in err
    assert "'Third booker'" in err


def test_a_report_with_a_wrong_suffix_is_refused_before_running(files, tmp_path, capsys):
    map_path, scenario_path = files
    code = cli.main(["report", str(map_path), "--scenario", str(scenario_path),
                     "--out", str(tmp_path / "paper.txt")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR
    assert "a report is a PDF (.pdf) or a Word document (.docx)" in err
    assert "comparing" not in err  # nothing was simulated


@pytest.mark.parametrize(("extra", "message"), [
    (["--jobs", "0"], "--jobs must be at least 1"),
    (["--warmup", "9"], "warm-up"),
])
def test_bad_run_options_get_a_plain_message(files, capsys, extra, message):
    map_path, scenario_path = files
    code = cli.main(["compare", str(map_path), "--scenario", str(scenario_path), *SHORT,
                     *extra])
    assert code == cli.EXIT_USER_ERROR
    assert message in capsys.readouterr().err


def test_a_scenario_that_no_longer_fits_the_map_is_a_plain_error(files, tmp_path, capsys):
    map_path, _ = files
    broken = tmp_path / "broken.json"
    save_scenario(Scenario(name="Ghost team", changes=(SetStaff(team="Ghosts", staff=2),)),
                  broken)
    code = cli.main(["compare", str(map_path), "--scenario", str(broken), *SHORT])
    assert code == cli.EXIT_USER_ERROR
    assert "Ghost team" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["compare", "report"])
def test_help_names_the_options(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--scenario" in out and "--out" in out and "%%" not in out


def test_the_same_scenario_twice_is_a_plain_error(files, capsys):
    map_path, scenario_path = files
    code = cli.main(["compare", str(map_path), "--scenario", str(scenario_path),
                     "--scenario", str(scenario_path), *SHORT])
    assert code == cli.EXIT_USER_ERROR
    assert "two options would be called 'Slower clinic'" in capsys.readouterr().err
