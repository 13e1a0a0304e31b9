"""Comparing redesigns from the GUI: Run ▸ Compare… to the Compare panel, with the same
numbers as ``analysis.compare.compare`` for the same seed; cancel; bad scenario files;
where runs go; the table copied and exported; the charts exported."""

import csv
import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from outsidein_desktop.analysis.compare import Verdict, compare
from outsidein_desktop.analysis.comparison_file import csv_header, csv_rows
from outsidein_desktop.domain import Exponential
from outsidein_desktop.domain.scenario import Scenario, SetDuration, SetStaff
from outsidein_desktop.gui.compare.cluster_settings import (
    RunPlace,
    WhereToRunDialog,
    address_problem,
    run_place,
    set_run_place,
)
from outsidein_desktop.gui.compare.view import CHARTS, NO_CLEAR_DIFFERENCE
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes
from outsidein_desktop.report.comparison_text import (
    side_by_side_rows,
    table_cells,
    table_header,
    verdict_sentences,
)
from outsidein_desktop.storage import save_map, save_scenario

TIMEOUT_MS = 60_000

MORE_STAFF = Scenario(name="Third booker", changes=(SetStaff(team="Booking", staff=3),))
QUICKER = Scenario(name="Quicker treatment",
                   changes=(SetDuration(part="Treat", duration=Exponential(mean_value=20)),))


@pytest.fixture
def window(make_window, map_file):
    """The clinic journey, set to a short run (20 days, 3 replications) in this process."""
    window = make_window()
    window.open_map(map_file)
    change_run(window.document, {"days": 20, "warmup_days": 2, "replications": 3})
    set_worker_processes(window.settings, 1)
    yield window
    window.analysis.shutdown()


@pytest.fixture
def scenario_files(tmp_path):
    paths = []
    for number, scenario in enumerate((MORE_STAFF, QUICKER)):
        paths.append(tmp_path / f"scenario_{number}.json")
        save_scenario(scenario, paths[-1])
    return paths


def _compare_to_the_end(qtbot, window, paths):
    dialog = window.compare_scenarios()
    assert dialog is not None and dialog.isVisible()
    for path in paths:
        assert dialog.add_scenario_file(path)
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()
    return window.comparison


def test_compare_two_scenarios_shows_the_numbers_compare_gives(qtbot, window, clinic_map,
                                                              scenario_files):
    shown = _compare_to_the_end(qtbot, window, scenario_files)

    expected = compare(clinic_map(), [MORE_STAFF, QUICKER], window.document.service_map.run)
    table = window.compare_view.table
    assert table.header() == table_header(expected)
    assert table.cells() == table_cells(expected, side_by_side_rows(expected))
    assert [o.name for o in shown.options] == ["Baseline", "Third booker", "Quicker treatment"]
    for name, measures in expected.differences.items():
        for measure, difference in measures.items():
            assert shown.differences[name][measure].difference == difference.difference
    # A verdict is written only where the CI excludes zero.
    sentences = verdict_sentences(expected)
    verdicts = window.compare_view.verdicts.text()
    assert all(s in verdicts for s in sentences)
    if all(d.verdict is Verdict.UNCLEAR for m in expected.differences.values()
           for d in m.values()):
        assert NO_CLEAR_DIFFERENCE in verdicts
    assert not window.compare_dock.isHidden()
    assert "Third booker: Booking: staff 2 → 3" in window.compare_view.changes.text()
    assert "Compared 2 redesigns" in window.statusBar().currentMessage()
    assert not window.analysis_progress.isVisible()


def test_the_charts_draw_and_export(qtbot, window, scenario_files, tmp_path, dialogs):
    _compare_to_the_end(qtbot, window, scenario_files[:1])
    charts = window.compare_view.charts
    for name in CHARTS:
        charts.setCurrentWidget(charts.pages[name])
        assert charts.figure(name) is not None, charts.pages[name].message.text()

    target = tmp_path / "differences"
    dialogs.answers["save"] = (str(target), "SVG drawing (*.svg)")
    charts.pages["differences"].export_button.click()
    assert (tmp_path / "differences.svg").stat().st_size > 1000
    assert charts.export("end_to_end", tmp_path / "e2e.pdf")
    assert (tmp_path / "e2e.pdf").read_bytes().startswith(b"%PDF")
    assert "Saved" in window.statusBar().currentMessage()

    # A folder that does not exist: a message, not a crash.
    assert not charts.export("end_to_end", tmp_path / "missing" / "e2e.png")
    assert any("could not be written" in text for text in dialogs.texts("warning"))


def test_the_table_copies_and_exports_to_csv(qtbot, window, scenario_files, tmp_path, dialogs):
    comparison = _compare_to_the_end(qtbot, window, scenario_files)
    table = window.compare_view.table
    table.setFocus()
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t") == table_header(comparison)
    assert copied[1].split("\t") == table.cells()[0]

    dialogs.answers["save"] = (str(tmp_path / "table"), "CSV file (*.csv)")
    window.compare_view.csv_button.click()
    with open(tmp_path / "table.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [csv_header(comparison), *csv_rows(comparison)]
    assert rows[1][0] == "end_to_end_median"


def test_cancel_a_comparison(qtbot, window, scenario_files):
    change_run(window.document, {"days": 3000, "warmup_days": 2, "replications": 3})
    statuses = []
    window.analysis.progressed.connect(statuses.append)
    dialog = window.compare_scenarios()
    dialog.add_scenario_file(scenario_files[0])
    with qtbot.waitSignal(window.analysis.progressed, timeout=TIMEOUT_MS):
        dialog.accept()
    assert window.analysis_progress.isVisibleTo(window)
    assert "Comparing" in window.analysis_progress.label.text()
    assert not window.acts.compare.isEnabled() and window.acts.cancel_analysis.isEnabled()
    window.new_map()  # another map while it runs: still one comparison at a time
    assert not window.acts.compare.isEnabled() and not window.acts.sweep.isEnabled()
    assert not window.acts.export_report.isEnabled()

    with qtbot.waitSignal(window.analysis.cancelled, timeout=10_000):
        window.acts.cancel_analysis.trigger()
    qtbot.waitUntil(lambda: not window.analysis.is_running)
    assert window.comparison is None
    assert window.acts.compare.isEnabled() and not window.acts.cancel_analysis.isEnabled()
    assert statuses[-1].replications == 6  # 3 replications x (baseline + 1)
    assert "Stopped" in window.statusBar().currentMessage()


def test_a_bad_scenario_file_gives_a_message_naming_it(window, tmp_path, dialogs):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    unfitting = tmp_path / "unfitting.json"
    save_scenario(Scenario(name="Ghost team", changes=(SetStaff(team="Ghosts", staff=2),)),
                  unfitting)
    dialog = window.compare_scenarios()

    assert not dialog.add_scenario_file(broken)
    assert "broken.json" in dialogs.texts("warning")[-1]
    assert not dialog.add_scenario_file(unfitting)
    assert "unfitting.json" in dialogs.texts("warning")[-1]
    assert "Ghosts" in dialogs.texts("warning")[-1]
    assert not dialog.add_scenario_file(tmp_path / "missing.json")
    assert "missing.json" in dialogs.texts("warning")[-1]
    assert dialog.list.count() == 0 and not dialog.ok.isEnabled()


def test_the_same_name_twice_is_refused(window, scenario_files, dialogs):
    dialog = window.compare_scenarios()
    assert dialog.add_scenario_file(scenario_files[0])
    assert not dialog.add_scenario_file(scenario_files[0])
    assert "already in the list" in dialogs.texts("warning")[-1]
    dialog.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok.isEnabled()


def test_where_to_run_keeps_the_choice(qtbot, window):
    assert run_place(window.settings) == RunPlace(1)
    dialog = WhereToRunDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.cluster.setChecked(True)
    dialog.address.setText("not an address!")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "not a scheduler address" in dialog.message.text()
    dialog.address.setText("tcp://10.1.2.3:8786")
    dialog.accept()
    assert run_place(window.settings) == RunPlace(1, "tcp://10.1.2.3:8786")
    assert address_problem("scheduler.example.org:8786") == ""
    assert address_problem("")


def test_a_cluster_that_does_not_answer_is_a_message(qtbot, window, scenario_files, dialogs):
    set_run_place(window.settings, RunPlace(1, "tcp://127.0.0.1:9"))
    dialog = window.compare_scenarios()
    dialog.add_scenario_file(scenario_files[0])
    with qtbot.waitSignal(window.analysis.failed, timeout=TIMEOUT_MS):
        dialog.accept()
    assert "127.0.0.1:9" in dialogs.texts("warning")[-1]
    assert window.comparison is None


def test_the_maps_own_scenarios_are_offered(qtbot, make_window, clinic_map, tmp_path):
    path = tmp_path / "with_scenarios.json"
    save_map(clinic_map(), path, scenarios=[MORE_STAFF, QUICKER])
    window = make_window()
    window.open_map(path)
    change_run(window.document, {"days": 10, "warmup_days": 1, "replications": 3})
    set_worker_processes(window.settings, 1)

    dialog = window.compare_scenarios()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [
        "Third booker", "Quicker treatment"]
    assert "Booking: staff 2 → 3" in dialog.list.item(0).toolTip()
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()
    assert [o.name for o in window.comparison.options] == ["Baseline", "Third booker"]


def test_check_says_why_an_address_cannot_be_used(qtbot, window):
    dialog = WhereToRunDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.cluster.setChecked(True)
    dialog.address.setText("")
    dialog.check_button.click()
    assert "scheduler's address" in dialog.message.text()
    assert dialog.check_task is None
    dialog.local.setChecked(True)
    assert not dialog.address.isEnabled() and not dialog.check_button.isEnabled()
    dialog.jobs.setValue(3)
    dialog.accept()
    assert run_place(window.settings) == RunPlace(3)


def test_a_map_with_errors_is_a_message_not_a_crash(qtbot, window, scenario_files, dialogs):
    from outsidein_desktop.gui.commands import RemoveParts

    window.document.undo_stack.push(RemoveParts(window.document, [],
                                                [("Triage", "Needs treatment?")]))
    dialog = window.compare_scenarios()
    assert dialog.add_scenario_file(scenario_files[0])
    with qtbot.waitSignal(window.analysis.failed, timeout=TIMEOUT_MS):
        dialog.accept()
    assert "cannot be simulated" in dialogs.texts("warning")[-1]
    assert window.comparison is None and window.acts.compare.isEnabled()


def test_an_overloaded_redesign_is_warned_about(qtbot, window):
    slow = Scenario(name="Slow clinic", changes=(
        SetDuration(part="Treat", duration=Exponential(mean_value=2000)),))
    dialog = window.compare_scenarios()
    assert dialog.add_scenario(slow, "a test") == ""
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()
    warnings = window.compare_view.warnings
    assert window.comparison.options[1].results.warnings
    assert not warnings.isHidden() and "Slow clinic: " in warnings.text()
    assert "Baseline: " not in warnings.text()


def test_every_redesign_is_spoken_of(clinic_map):
    from outsidein_desktop.gui.compare.view import verdicts_text

    settings = dataclasses.replace(clinic_map().run, days=20, warmup_days=2, replications=3)
    nothing = Scenario(name="Nothing changed")
    alone = compare(clinic_map(), [nothing], settings)
    assert verdicts_text(alone) == f"\N{BULLET} {NO_CLEAR_DIFFERENCE}"

    both = compare(clinic_map(), [QUICKER, nothing], settings)
    text = verdicts_text(both)
    assert "Nothing changed makes no clear difference" in text
    said = verdict_sentences(both)
    assert all(sentence in text for sentence in said)
    assert said or "Quicker treatment makes no clear difference" in text
    assert NO_CLEAR_DIFFERENCE not in text  # Quicker treatment's CIs need not include zero
