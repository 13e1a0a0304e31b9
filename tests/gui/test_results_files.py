"""Results kept and exported from the GUI: save and reopen results.json, the chart, CSV,
Excel, journey-log and customers exports (file dialogs answered by the tests)."""

import csv
import dataclasses

import pytest
from PySide6.QtWidgets import QFileDialog

from outsidein_desktop.analysis.exports import EVENT_LOG_COLUMNS
from outsidein_desktop.analysis.results_file import load_results, save_results
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.gui.results.files import NEEDS_RUN


@pytest.fixture
def window(make_window, map_file, clinic_map):
    """A window showing a finished run of the clinic journey (30 days, 2 replications)."""
    window = make_window()
    window.open_map(map_file)
    service_map = clinic_map()
    settings = dataclasses.replace(service_map.run, days=30, warmup_days=5, replications=2)
    window.show_run(simulate(service_map, settings))
    return window


@pytest.fixture
def folder_dialog(monkeypatch):
    """Answers QFileDialog.getExistingDirectory with ``chosen[0]``."""
    chosen = [""]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *args, **options: chosen[0])
    return chosen


def test_saved_results_reopen_with_the_same_cards(make_window, window, dialogs, tmp_path):
    cards = window.results_view.cards.values()
    intervals = window.results_view.cards.intervals()
    dialogs.answers["save"] = (str(tmp_path / "clinic_results"), "")

    assert window.save_results_file()

    saved = tmp_path / "clinic_results.json"
    reopened = load_results(saved)
    assert reopened.settings == window.results.settings
    assert reopened.software_version == window.results.software_version
    other = make_window()
    dialogs.answers["open"] = (str(saved), "")
    assert other.open_results_file()
    assert other.results_view.cards.values() == cards
    assert other.results_view.cards.intervals() == intervals
    assert "Reopened from" in other.results_view.source.text()
    assert not other.results_dock.isHidden()


def test_reopened_results_cannot_export_what_needs_the_raw_run(make_window, window,
                                                                tmp_path):
    path = tmp_path / "results.json"
    save_results(window.results, path)
    other = make_window()
    assert not other.acts.save_results.isEnabled()  # nothing to save yet

    other.open_results_file(path)

    acts = other.acts
    assert acts.save_results.isEnabled() and acts.export_charts.isEnabled()
    for action in (acts.export_event_log, acts.export_customers):
        assert not action.isEnabled()
        assert action.toolTip() == NEEDS_RUN
    assert window.acts.export_event_log.isEnabled()
    assert window.acts.export_event_log.toolTip() != NEEDS_RUN


def test_a_file_that_is_not_results_is_refused_in_words(window, dialogs, tmp_path):
    path = tmp_path / "map.json"
    path.write_text('{"format_version": 1}', encoding="utf-8")
    shown = window.results

    assert not window.open_results_file(path)

    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warning", "The results could not be opened")
    assert "not a results file" in text
    assert window.results is shown


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_one_chart_exports_from_its_tab(window, dialogs, tmp_path, kind):
    page = window.results_view.tabs.pages["end_to_end"]
    filters = {"png": "PNG image, 300 dpi (*.png)", "svg": "SVG drawing (*.svg)",
               "pdf": "PDF document (*.pdf)"}
    dialogs.answers["save"] = (str(tmp_path / "chart"), filters[kind])

    page.export_button.click()

    written = tmp_path / f"chart.{kind}"
    assert written.stat().st_size > 1000
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[kind]
    assert written.read_bytes().startswith(magic)


def test_every_chart_exports_to_a_folder(window, folder_dialog, tmp_path):
    folder_dialog[0] = str(tmp_path)

    assert window.export_charts()

    files = sorted(p.suffix for p in tmp_path.iterdir())
    assert files.count(".png") == files.count(".svg") == files.count(".pdf") == 5


def test_results_export_as_csv_and_excel(window, dialogs, folder_dialog, tmp_path):
    folder_dialog[0] = str(tmp_path)
    assert window.export_results_csv()
    assert list(tmp_path.glob("*.csv"))

    dialogs.answers["save"] = (str(tmp_path / "board"), "")
    assert window.export_results_excel()
    workbook = tmp_path / "board.xlsx"
    assert workbook.read_bytes().startswith(b"PK")


def test_the_journey_log_is_written_off_the_gui_thread(qtbot, window, dialogs, tmp_path):
    dialogs.answers["save"] = (str(tmp_path / "log"), "")

    assert window.export_event_log()

    task = window.export_task
    with qtbot.waitSignal(task.done, timeout=30_000) as done:
        pass
    path = tmp_path / "log.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EVENT_LOG_COLUMNS
    assert len(rows) - 1 == done.args[0] > 0
    assert f"{done.args[0]:,} rows" in window.statusBar().currentMessage()


def test_the_customers_export_writes_one_row_a_customer(qtbot, window, dialogs, tmp_path):
    dialogs.answers["save"] = (str(tmp_path / "people.csv"), "")

    assert window.export_customers()
    with qtbot.waitSignal(window.export_task.done, timeout=30_000):
        pass

    rows = (tmp_path / "people.csv").read_text(encoding="utf-8").splitlines()
    customers = sum(len(o.customers["arrival"]) for o in window.last_run.outputs)
    assert len(rows) == 1 + customers


def test_a_failed_export_is_told(qtbot, window, dialogs, tmp_path):
    dialogs.answers["save"] = (str(tmp_path / "missing" / "log.csv"), "")

    assert window.export_event_log()
    with qtbot.waitSignal(window.export_task.failed, timeout=30_000):
        pass

    kind, title, _ = dialogs.shown[-1]
    assert (kind, title) == ("warning", "The file was not saved")


def test_cancelled_dialogs_write_nothing(window, folder_dialog):
    assert not window.save_results_file()
    assert not window.export_results_excel()
    assert not window.export_results_csv()
    assert not window.export_charts()
    assert not window.export_event_log()
    assert window.export_task is None
