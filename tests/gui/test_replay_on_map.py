"""Run ▸ Replay: the run played back on the map after a short run, its badges counted
against the journey log, stepping, jumping to a date, playing to the end, following one
customer, and the overlay gone when the replay closes or the map is edited."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PySide6.QtCore import QDate, QDateTime, QPointF, QTime

from outsidein_desktop.domain import Arrivals, Exponential
from outsidein_desktop.gui.commands import MoveParts, UpdatePart
from outsidein_desktop.gui.replay.bar import ReplayBar
from outsidein_desktop.gui.replay.clock import SPEEDS, clock_text, minute_of, moment
from outsidein_desktop.gui.replay.overlay import ChosenMarker, PartBadge, TravellerDots
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes
from outsidein_desktop.sim.journey_log import Event
from outsidein_desktop.storage import save_map

RUN_TIMEOUT_MS = 60_000
DAYS = 6


@pytest.fixture
def window(make_window, clinic_map, tmp_path, qtbot):
    """The clinic journey, busier, with a two-hour handoff after triage, run for a
    few days."""
    service_map = clinic_map()
    service_map.update("Referral", arrivals=Arrivals(per_day=40))  # busy: queues form
    service_map.update_handoff("Triage", "Needs treatment?",
                               delay=Exponential(mean_value=2, unit="hours"))
    path = tmp_path / "clinic_with_post.json"
    save_map(service_map, path)
    window = make_window()
    window.open_map(path)
    change_run(window.document, {"days": DAYS, "warmup_days": 1, "replications": 2})
    set_worker_processes(window.settings, 1)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.replay.shutdown()
    window.run.shutdown()


def _run(qtbot, window):
    with qtbot.waitSignal(window.run.finished, timeout=RUN_TIMEOUT_MS):
        assert window.run_map()


def _open_replay(qtbot, window):
    with qtbot.waitSignal(window.replay.ready, timeout=20_000):
        window.acts.replay.trigger()
    return window.replay


def _queueing_in_log(output, part: int, minute: float) -> int:
    """Customers in the queue of ``part`` at ``minute``, read from the log event by event:
    a QUEUED there not yet followed by that customer's STARTED or GAVE_UP there."""
    ev = output.events
    waiting: set[int] = set()
    for time, customer, event, node in zip(ev.time.tolist(), ev.customer.tolist(),
                                           ev.event.tolist(), ev.node.tolist(), strict=True):
        if time > minute:
            break
        if node != part:
            continue
        if event == Event.QUEUED:
            waiting.add(customer)
        elif event in (Event.STARTED, Event.GAVE_UP):
            waiting.discard(customer)
    return len(waiting)


def _badges(window) -> dict[str, PartBadge]:
    return {item.node.name: item for item in window.canvas.scene().items()
            if isinstance(item, PartBadge)}


def _overlay_items(window) -> list:
    return [item for item in window.canvas.scene().items()
            if isinstance(item, PartBadge | TravellerDots | ChosenMarker)]


def _check_badges_against_the_log(window, session) -> int:
    output = window.last_run.outputs[0]
    names = window.last_run.compiled.node_names
    minute = session.clock.minute
    badges = _badges(window)
    total = 0
    for step in ("Triage", "Treat"):
        expected = _queueing_in_log(output, names.index(step), minute)
        assert badges[step].queueing == expected, (step, minute)
        assert f"{expected:,} queueing" in badges[step].text()
        total += expected
    return total


def test_the_replay_needs_a_run(qtbot, window):
    assert not window.acts.replay.isEnabled()
    assert not window.open_replay()
    assert "Run the map first" in window.statusBar().currentMessage()
    _run(qtbot, window)
    assert window.acts.replay.isEnabled()


def test_step_jump_play_to_the_end_with_badges_matching_the_log(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    run = window.last_run
    bar = session.bar
    assert session.clock.minute == 0 and not session.clock.playing
    assert len(_badges(window)) == 5  # every part but the decision
    assert window.canvas.viewport().findChildren(type(session.overlay.panel))

    bar.speed.setCurrentIndex(2)  # an hour a second: a step is an hour
    bar.forward.trigger()
    bar.forward.trigger()
    bar.back.trigger()
    assert session.clock.minute == 60

    # Jump to Wednesday 11:30 of the first week (the run starts on a Monday).
    start = run.settings.start_date
    bar.when.setDateTime(QDateTime(QDate(start.year, start.month, start.day).addDays(2),
                                   QTime(11, 30)))
    assert session.clock.minute == 2 * 1440 + 11 * 60 + 30
    assert session.overlay.panel.lines[0] == clock_text(start, session.clock.minute)
    assert session.overlay.panel.lines[0].startswith(f"{moment(start, 3000):%a}")
    assert sum(session.frame.queueing) > 0  # a busy moment: the test sees a queue
    _check_badges_against_the_log(window, session)

    bar.speed.setCurrentIndex(len(SPEEDS) - 1)  # a week a second
    bar.play.trigger()
    assert session.clock.playing and bar.play.text() == "Pause"
    qtbot.waitUntil(lambda: session.clock.minute >= run.settings.days * 1440, timeout=15_000)
    assert not session.clock.playing and bar.play.text() == "Play"
    assert "reached the end" in window.statusBar().currentMessage()
    _check_badges_against_the_log(window, session)
    still_in = int(np.isnan(run.outputs[0].customers["end"]).sum())
    assert session.frame.in_system == still_in
    assert f"In the system {still_in:,}" in session.overlay.panel.lines[2]
    assert bar.when.dateTime() == QDateTime(
        QDate(start.year, start.month, start.day).addDays(DAYS), QTime(0, 0))


def test_dots_travel_along_the_timed_handoff(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    handoff = session.index.handoffs.index(
        tuple(session.index.part_names.index(n) for n in ("Triage", "Needs treatment?")))
    busiest = max(np.arange(60, DAYS * 1440, 37.0),
                  key=lambda m: session.index.frame(m).in_transit[handoff])
    session.clock.seek(busiest)
    dots = session.overlay.dots[handoff]
    assert len(dots.progress) + dots.hidden == session.frame.in_transit[handoff] > 0
    assert dots.arrow.key == ("Triage", "Needs treatment?")


def test_a_chosen_customer_is_highlighted(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    session.clock.seek(2 * 1440 + 600)
    session.bar.follow.setValue(4)  # people count from 1: the fourth to arrive
    marker = session.overlay.chosen
    where = session.index.where(3, session.clock.minute)
    assert session.customer == 3 and marker.isVisible() == (where.state != "not arrived yet")
    assert marker.label == "Customer 4"
    assert session.overlay.panel.lines[-1] == session.index.describe(where)
    assert session.overlay.panel.lines[-1].startswith("Customer 4: ")
    session.follow(10**9)
    assert "There is no customer" in window.statusBar().currentMessage()
    session.bar.follow.setValue(0)
    assert session.customer == -1 and not marker.isVisible()


def test_a_person_is_shown_on_the_map_from_their_arrival(qtbot, window):
    """What the journey finder can call: replay a replication from a person's arrival."""
    _run(qtbot, window)
    run = window.last_run
    with qtbot.waitSignal(window.replay.ready, timeout=20_000):
        assert window.replay.show_customer(run, 1, 20)
    session = window.replay
    arrival = run.outputs[1].customers["arrival"][20]
    assert session.index.replication == 1 and session.customer == 20
    assert session.clock.minute == arrival and session.bar.follow.value() == 21
    assert session.overlay.chosen.isVisible()
    session.show_customer(run, 1, 30)  # the same replication: no rebuilding
    assert session.customer == 30 and session.clock.minute == run.outputs[1].customers[
        "arrival"][30]
    assert not session.show_customer(run, 5, 0)
    assert "There is no customer 1 in replication 6" in window.statusBar().currentMessage()


def test_closing_the_replay_takes_it_off_the_map(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    assert _overlay_items(window)
    assert window.canvas.scene().nodes["Triage"].cacheMode() != PartBadge.CacheMode.NoCache
    bar = session.bar
    bar.close_action.trigger()
    assert not session.active and _overlay_items(window) == []
    # The parts and arrows were kept as pictures while it played; no longer.
    assert all(item.cacheMode() == item.CacheMode.NoCache
               for item in window.canvas.scene().items())
    qtbot.waitUntil(lambda: not window.findChildren(ReplayBar))
    assert not window.canvas.viewport().findChildren(type(bar)) and bar is not None

    _open_replay(qtbot, window)  # and it opens again
    assert _overlay_items(window)


def test_editing_the_map_closes_the_replay(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    session.clock.play()
    window.document.undo_stack.push(UpdatePart(window.document, "Treat", {"name": "Care"}))
    assert not session.active and _overlay_items(window) == []
    assert "Replay closed: the map was edited" in window.statusBar().currentMessage()


def test_moving_a_part_keeps_the_replay_and_its_badge_goes_with_the_part(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    session.clock.seek(2 * 1440 + 10 * 60)
    node = window.canvas.scene().nodes["Triage"]
    badge = _badges(window)["Triage"]
    before = badge.scenePos()

    old = (node.pos().x(), node.pos().y())
    window.document.undo_stack.push(MoveParts(window.document, {"Triage": (
        old, (old[0] + 120, old[1] + 80))}))

    assert session.active and _badges(window)["Triage"] is badge
    assert badge.scenePos() == before + QPointF(120, 80)
    assert session.clock.minute == 2 * 1440 + 10 * 60


def test_a_new_run_closes_the_replay_of_the_old_one(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)

    _run(qtbot, window)

    assert not session.active and _overlay_items(window) == []
    _open_replay(qtbot, window)
    assert session.run is window.last_run


def test_another_replication_is_replayed_at_the_same_moment(qtbot, window):
    _run(qtbot, window)
    session = _open_replay(qtbot, window)
    session.clock.seek(3 * 1440)
    with qtbot.waitSignal(session.ready, timeout=20_000):
        session.bar.replication.setCurrentIndex(1)
    assert session.index.replication == 1 and session.clock.minute == 3 * 1440
    assert len(_badges(window)) == 5  # the first replication's overlay was replaced


def test_the_clock_reads_in_dates():
    start = dt.date(2026, 1, 5)  # a Monday
    assert clock_text(start, 1440 + 9 * 60 + 30) == "Tue 6 Jan 2026, 09:30"
    assert minute_of(start, moment(start, 12345.0)) == pytest.approx(12345.0)


def test_a_followed_person_can_be_shown_on_the_map(qtbot, window):
    _run(qtbot, window)
    follow = window.results_view.follow
    assert follow.show_on_map == window.replay.show_customer
    journey_window = follow.follow()
    qtbot.addWidget(journey_window)
    assert journey_window.map_button.isVisibleTo(journey_window)
    journey = journey_window.followed.journey
    with qtbot.waitSignal(window.replay.ready, timeout=20_000):
        journey_window.map_button.click()
    session = window.replay
    assert session.index.replication == journey.replication
    assert session.customer == journey.customer
    arrival = window.last_run.outputs[journey.replication].customers["arrival"][journey.customer]
    assert session.clock.minute == arrival


LONG_LINE = "Each dot is a customer on the way (188 travelling; 121 not drawn, shown as +N)"


@pytest.mark.parametrize("width", [360, 1200])
def test_the_replay_panel_shows_its_longest_line_whole(qtbot, width):
    """The panel is as wide as its longest line; in a view too narrow for it, the line wraps
    onto another row rather than being cut ("…121 not drawn, sho")."""
    from PySide6.QtGui import QFontMetricsF
    from PySide6.QtWidgets import QWidget

    from outsidein_desktop.gui.replay.overlay import ReplayPanel

    viewport = QWidget()
    qtbot.addWidget(viewport)
    viewport.resize(width, 600)
    panel = ReplayPanel(viewport)
    panel.set_lines(["Tue 3 Feb 2026, 11:00", "Day 30 of 60", LONG_LINE])

    assert panel.width() <= width - 2 * panel.MARGIN
    small = QFontMetricsF(panel.text_font())
    rows = [row for row, line in panel.rows if line == 2]
    assert " ".join(rows) == LONG_LINE  # every word drawn, none cut or elided
    for row in rows:
        assert small.horizontalAdvance(row) <= panel.width() - 2 * panel.PAD
    assert (len(rows) == 1) == (width == 1200)  # one row when there is room
    wanted = 8 + panel.CLOCK_ROW + panel.ROW * (1 + len(rows)) + 8
    assert panel.height() >= wanted  # tall enough for the wrapped rows


def test_the_replay_panel_wraps_when_the_view_narrows(qtbot):
    from PySide6.QtWidgets import QWidget

    from outsidein_desktop.gui.replay.overlay import ReplayPanel

    viewport = QWidget()
    qtbot.addWidget(viewport)
    viewport.resize(1200, 600)
    panel = ReplayPanel(viewport)
    panel.set_lines(["Tue 3 Feb 2026, 11:00", LONG_LINE])
    assert len(panel.rows) == 2

    viewport.resize(380, 600)
    panel.fit()  # the overlay calls this when the view is resized

    assert panel.width() <= 380 - 2 * panel.MARGIN
    assert len(panel.rows) == 3
