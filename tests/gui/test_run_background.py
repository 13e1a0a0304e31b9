"""Running a map from the GUI: in the background, with progress, cancel and clear failures;
the cards show the same numbers as ``outsidein run`` for the same seed."""

import dataclasses
import multiprocessing
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from outsidein_desktop.analysis import run as analysis_run
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.analysis.summary_text import format_summary
from outsidein_desktop.domain import Shift, Team
from outsidein_desktop.gui.commands import AddTeam, UpdatePart
from outsidein_desktop.gui.results.format import HEADLINES
from outsidein_desktop.gui.run.controller import RunStatus, duration_text
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes

RUN_TIMEOUT_MS = 60_000


@pytest.fixture
def window(make_window, map_file):
    """The clinic journey, set to a short run (30 days, 2 replications) in this process."""
    window = make_window()
    window.open_map(map_file)
    change_run(window.document, {"days": 30, "warmup_days": 5, "replications": 2})
    set_worker_processes(window.settings, 1)
    yield window
    window.run.shutdown()


def _run_to_the_end(qtbot, window):
    with qtbot.waitSignal(window.run.finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.run_map()
    return finished.args[0]


def test_a_run_fills_the_cards_with_the_numbers_outsidein_run_gives(qtbot, window,
                                                                    clinic_map):
    run = _run_to_the_end(qtbot, window)

    expected = simulate(clinic_map(), window.document.service_map.run).results
    cards = window.results_view.cards
    for measure in HEADLINES:
        assert cards.values()[measure.key] == measure.value(expected.customer[measure.key])
        assert cards.intervals()[measure.key] == measure.interval(
            expected.customer[measure.key])
    summary = format_summary(expected)  # what `outsidein run` prints
    for key in ("end_to_end_median", "end_to_end_p90", "unowned_mean", "waiting_share",
                "gave_up_share"):
        assert f"{cards.values()[key]}  (95% CI" in summary
    handoffs = cards.values()["handoffs_per_customer"].removesuffix(" per customer")
    assert f"{handoffs}  (95% CI" in summary
    assert run.results.customer == expected.customer
    assert window.results is run.results and window.last_run is run
    assert not window.results_dock.isHidden()
    assert window.acts.save_results.isEnabled() and window.acts.export_event_log.isEnabled()


def test_run_shows_its_progress_in_the_status_bar(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    statuses = []
    window.run.progressed.connect(statuses.append)

    with qtbot.waitSignal(window.run.started, timeout=5_000):
        window.acts.run.trigger()  # Run > Run (F5)
    assert window.run_progress.isVisible()
    assert not window.acts.run.isEnabled() and window.acts.cancel_run.isEnabled()
    with qtbot.waitSignal(window.run.stopped, timeout=RUN_TIMEOUT_MS):
        pass

    assert statuses and statuses[-1].replications == 2
    assert not window.run_progress.isVisible()
    assert window.acts.run.isEnabled() and not window.acts.cancel_run.isEnabled()
    assert "Run finished" in window.statusBar().currentMessage()


def test_the_progress_text_estimates_the_time_left():
    assert RunStatus(0, 10, 0.0, 0.1).describe() == "0 of 10 replications"
    assert RunStatus(3, 10, 0.3, 6.0).describe() == "3 of 10 replications, about 14 s left"
    assert RunStatus(3, 10, 0.25, 60.0).describe() == "3 of 10 replications, about 3 min left"
    assert duration_text(3 * 3600 + 120) == "3 h 2 min"


def test_the_editor_stays_usable_and_the_run_uses_the_map_as_it_was(qtbot, window):
    with qtbot.waitSignal(window.run.finished, timeout=RUN_TIMEOUT_MS) as finished:
        assert window.run_map()
        # Edits while it runs apply to the next run.
        window.document.undo_stack.push(UpdatePart(window.document, "Treat", {"name": "Care"}))
        assert window.document.service_map.has("Care")

    assert [s.name for s in finished.args[0].results.steps] == ["Triage", "Treat"]


def test_a_second_run_cannot_start_while_one_goes(qtbot, window):
    with qtbot.waitSignal(window.run.stopped, timeout=RUN_TIMEOUT_MS):
        assert window.run_map()
        assert not window.run_map()
        assert "already" in window.statusBar().currentMessage()


def test_cancelling_a_long_run_stops_its_worker_processes(qtbot, window):
    change_run(window.document, {"days": 3650, "replications": 4})
    set_worker_processes(window.settings, 2)
    with qtbot.waitSignal(window.run.progressed, timeout=RUN_TIMEOUT_MS):
        assert window.run_map()
    qtbot.waitUntil(lambda: len(multiprocessing.active_children()) == 2, timeout=20_000)
    started = time.perf_counter()

    with qtbot.waitSignal(window.run.cancelled, timeout=20_000):
        window.acts.cancel_run.trigger()
        assert "Stopping" in window.run_progress.label.text()

    assert time.perf_counter() - started < 10
    assert multiprocessing.active_children() == []
    assert not window.run.is_running
    assert window.results is None  # a cancelled run shows nothing
    assert "cancelled" in window.statusBar().currentMessage()
    # The app is usable: another run starts (and is cancelled again).
    with qtbot.waitSignal(window.run.cancelled, timeout=20_000):
        assert window.run_map()
        window.cancel_run()
    assert multiprocessing.active_children() == []


def test_a_failing_run_says_so_and_the_app_carries_on(qtbot, window, dialogs, monkeypatch,
                                                      caplog):
    def broken(*args, **options):
        raise RuntimeError("a bug in the engine")

    working = analysis_run.simulate
    monkeypatch.setattr(analysis_run, "simulate", broken)
    with qtbot.waitSignal(window.run.failed, timeout=RUN_TIMEOUT_MS):
        assert window.run_map()
    qtbot.waitUntil(lambda: not window.run.is_running)

    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warning", "The run failed")
    assert "went wrong" in text and "log" in text and "RuntimeError" not in text
    assert "a bug in the engine" in caplog.text  # the traceback goes to the log
    assert window.acts.run.isEnabled() and not window.run_progress.isVisible()
    monkeypatch.setattr(analysis_run, "simulate", working)
    _run_to_the_end(qtbot, window)


def test_errors_on_the_map_block_the_run(window, dialogs):
    window.document.undo_stack.push(UpdatePart(window.document, "Triage", {"team": "Nurses"}))

    assert not window.run_map()

    assert not window.run.is_running
    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("warning", "The map cannot be run yet")
    assert "Step 'Triage'" in text and "Nurses" in text
    assert not window.problems_dock.isHidden()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_warnings_ask_before_running(qtbot, window, dialogs, answer):
    window.document.undo_stack.push(AddTeam(window.document,
                                            Team(name="Spare", shifts=(Shift(),))))
    dialogs.answers["question"] = answer

    started = window.run_map()

    kind, title, text = dialogs.shown[-1]
    assert (kind, title) == ("question", "Run anyway?")
    assert "Spare" in text and "No step uses this team" in text
    assert started == (answer == QMessageBox.StandardButton.Yes)
    assert window.run.is_running == started
    if started:
        with qtbot.waitSignal(window.run.stopped, timeout=RUN_TIMEOUT_MS):
            pass


def test_closing_the_window_stops_a_run(qtbot, window):
    change_run(window.document, {"days": 3650})
    with qtbot.waitSignal(window.run.progressed, timeout=RUN_TIMEOUT_MS):
        window.run_map()

    window.close()

    assert not window.run.is_running


def test_the_run_uses_the_maps_settings(qtbot, window):
    change_run(window.document, {"seed": 12345})
    run = _run_to_the_end(qtbot, window)

    assert run.settings == window.document.service_map.run
    assert dataclasses.replace(run.settings, seed=1) != run.settings
    assert "seed 12345" in window.results_view.about.text()
