"""Sweeps from the GUI: Run ▸ Sweep… picks what to vary from the map's own lists, runs in
the background with progress and cancel, and fills the Sweep panel with the numbers
``analysis.sweep.sweep`` gives for the same seed; mistakes are messages."""

import csv

import pytest
from sweep_maps import one_queue

from outsidein_desktop.analysis.sweep import parse_vary, sweep
from outsidein_desktop.analysis.sweep_parameters import make_parameter
from outsidein_desktop.domain import RunSettings
from outsidein_desktop.gui.compare.sweep_dialog import current_value, default_range
from outsidein_desktop.gui.compare.sweep_view import (
    CHART,
    NOT_SETTLED,
    SweepView,
    knee_text,
    sweep_rows,
)
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes

TIMEOUT_MS = 60_000


@pytest.fixture
def window(make_window, map_file):
    window = make_window()
    window.open_map(map_file)
    change_run(window.document, {"days": 15, "warmup_days": 2, "replications": 3})
    set_worker_processes(window.settings, 1)
    yield window
    window.analysis.shutdown()


def test_the_dialog_offers_the_maps_own_parts(window):
    dialog = window.sweep_parameters()
    picker = dialog.first
    fields = [picker.field.itemData(i) for i in range(picker.field.count())]
    assert "team.staff" in fields and "step.mean" in fields
    assert "entry.per_day" in fields and "handoff.info_travels" in fields
    assert "segment.chase_after" not in fields  # the clinic has no segments of its own
    picker.choose("team", "staff", "Clinic")
    assert [picker.part.itemText(i) for i in range(picker.part.count())] == ["Booking",
                                                                             "Clinic"]
    # Starts around the value the map has now: the clinic has 3 staff.
    assert (picker.low.value(), picker.high.value(), picker.step.value()) == (1, 6, 1)
    picker.choose("step", "mean", "Treat")
    assert picker.kind_field() == ("step", "mean") and picker.unit.isVisible()
    assert picker.unit_name() == "minutes"
    assert picker.low.value() < 30 < picker.high.value()


def test_current_values_and_default_ranges(clinic_map):
    service_map = clinic_map()
    assert current_value(service_map, "team", "Booking", "staff") == 2
    assert current_value(service_map, "step", "Triage", "mean") == pytest.approx(15)
    assert current_value(service_map, "entry", "Referral", "per_day") == 10
    assert current_value(service_map, "team", "Nobody", "staff") is None
    assert default_range(2, "staff") == (1, 5, 1)
    assert default_range(None, "share") == (0, 1, 0.25)
    low, high, step = default_range(30, "minutes")
    assert low < 30 < high and step > 0


def test_a_sweep_shows_what_sweep_gives(qtbot, window, clinic_map, tmp_path, dialogs):
    dialog = window.sweep_parameters()
    dialog.first.choose("team", "staff", "Booking")
    dialog.first.set_values(1, 3, 1)
    dialog.measure_box.setCurrentIndex(dialog.measure_box.findData("end_to_end_mean"))
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()

    staff = make_parameter(clinic_map(), "team", "Booking", "staff", (1, 2, 3))
    expected = sweep(clinic_map(), [staff], window.document.service_map.run)
    shown = window.sweep_result
    assert [p.values for p in shown.points] == [(1.0,), (2.0,), (3.0,)]
    for measure in ("end_to_end_mean", "handoffs_per_customer"):
        assert shown.estimates(measure) == expected.estimates(measure)
    view = window.sweep_view
    assert view.measure() == "end_to_end_mean"
    _, rows = sweep_rows(expected, "end_to_end_mean")
    assert view.cells() == [[*r.values, r.figure, "\N{BLACK DIAMOND} knee" if r.knee else ""]
                            for r in rows]
    assert view.knee.text() == knee_text(expected, "end_to_end_mean")
    assert not window.sweep_dock.isHidden()
    assert view.charts.figure(CHART) is not None, view.charts.pages[CHART].message.text()

    # Another measure is read from the same runs.
    view.measure_box.setCurrentIndex(view.measure_box.findData("chases_per_100"))
    assert "Chases" in view.table.source.columns[1].title

    assert view.charts.export(CHART, tmp_path / "sweep.png")
    assert (tmp_path / "sweep.png").read_bytes().startswith(b"\x89PNG")
    dialogs.answers["save"] = (str(tmp_path / "sweep"), "CSV file (*.csv)")
    view.csv_button.click()
    with open(tmp_path / "sweep.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "staff of team 'Booking' (staff)" and len(rows) > 3


def test_two_parameters_run_every_pair(qtbot, window):
    dialog = window.sweep_parameters()
    dialog.first.choose("team", "staff", "Booking")
    dialog.first.set_values(1, 2, 1)
    dialog.use_second.setChecked(True)
    dialog.second.choose("entry", "per_day", "Referral")
    dialog.second.set_values(5, 10, 5)
    statuses = []
    window.analysis.progressed.connect(statuses.append)
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()
    assert sorted(p.values for p in window.sweep_result.points) == [
        (1, 5), (1, 10), (2, 5), (2, 10)]
    assert statuses[-1].replications == 12  # 4 points x 3 replications
    assert len(window.sweep_view.cells()) == 4
    assert window.sweep_view.knee.text().count("\n") == 1  # a line per arrival rate


def test_mistakes_are_messages(window):
    dialog = window.sweep_parameters()
    dialog.first.choose("team", "staff", "Booking")
    dialog.first.set_values(3, 1, 1)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "empty" in dialog.message.text() and "1..3" in dialog.message.text()

    dialog.first.set_values(0, 2, 1)  # no team works with no one
    dialog.accept()
    assert "Booking" in dialog.message.text() and "0 staff" in dialog.message.text()

    dialog.first.set_values(1, 2, 1)
    dialog.use_second.setChecked(True)
    dialog.second.choose("team", "staff", "Booking")
    dialog.accept()
    assert "same thing" in dialog.message.text()
    assert not window.analysis.is_running


def test_cancel_a_sweep(qtbot, window):
    change_run(window.document, {"days": 3000})
    dialog = window.sweep_parameters()
    dialog.first.choose("team", "staff", "Booking")
    dialog.first.set_values(1, 3, 1)
    with qtbot.waitSignal(window.analysis.progressed, timeout=TIMEOUT_MS):
        dialog.accept()
    assert "Sweeping" in window.analysis_progress.label.text()
    with qtbot.waitSignal(window.analysis.cancelled, timeout=10_000):
        window.analysis_progress.cancel_button.click()
    qtbot.waitUntil(lambda: not window.analysis.is_running)
    assert window.sweep_result is None


def test_the_view_shows_the_warnings_of_points_that_did_not_settle(qtbot):
    # 200 a day of 20 minutes: one and two people fall behind; three and four cope.
    m = one_queue(per_day=200, run=RunSettings(days=10, warmup_days=1, replications=3,
                                               seed=11))
    result = sweep(m, parse_vary("team:Triage.staff=1..4", m))
    view = SweepView()
    qtbot.addWidget(view)
    view.show_sweep(result, "end_to_end_median")
    assert not view.warnings.isHidden()
    every = view.warnings.toolTip().splitlines()
    assert every[0].startswith("\N{WARNING SIGN} Not settled at 1 staff (")
    assert "; 2 staff (" in every[0] and "3 staff" not in every[0]
    # Each point's growing queue with its own numbers, not the first point's for both.
    for point, staff in zip(result.points[:2], ("1 staff", "2 staff"), strict=True):
        assert f"\N{WARNING SIGN} At {staff}: {point.results.warnings[0]}" in every
    assert view.warnings.text().splitlines()[0] == every[0]
    assert [row[-1] for row in view.cells()] == [NOT_SETTLED, NOT_SETTLED, "settled",
                                                 "settled"]
    assert view.knee.text() == "No knee: too few points settled to read one (2 of 4)."

    calm = one_queue(run=RunSettings(days=5, warmup_days=1, replications=2, seed=3))
    settled = sweep(calm, parse_vary("team:Triage.staff=2..3", calm))
    view.show_sweep(settled)
    assert view.warnings.isHidden()
    assert len(view.cells()[0]) == 3  # no column for runs that all settled
