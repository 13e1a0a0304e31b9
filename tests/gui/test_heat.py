"""Wait hot-spots on the map: the canvas's heat overlay, its legend, and which figures of a
run colour which parts."""

import dataclasses

import pytest
from PySide6.QtCore import QPointF

from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import Delay, Fixed, Handoff
from outsidein_desktop.domain.units import format_minutes
from outsidein_desktop.gui.canvas import MapCanvas
from outsidein_desktop.gui.canvas.heat import SCALE, HandoffBand, PartRing, WaitLabel, heat_colour
from outsidein_desktop.gui.commands import UpdatePart
from outsidein_desktop.gui.results.hotspots import handoff_waits, hotspots, step_waits


def _with_a_delay(service_map):
    """The clinic journey with a day's wait for the clinic after triage."""
    service_map.disconnect("Needs treatment?", "Treat")
    service_map.add(Delay(name="Wait for clinic", position=(500, -100),
                          duration=Fixed(value=1, unit="days")))
    service_map.connect("Needs treatment?", "Wait for clinic", Handoff(probability=0.6))
    service_map.connect("Wait for clinic", "Treat")
    return service_map


@pytest.fixture
def canvas(qtbot, make_document, clinic_map):
    view = MapCanvas(make_document(clinic_map()))
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def results(clinic_map):
    service_map = _with_a_delay(clinic_map())
    settings = dataclasses.replace(service_map.run, days=30, warmup_days=5, replications=2)
    return simulate(service_map, settings).results


def _overlay(canvas, kind):
    return [item for item in canvas.heat._items if isinstance(item, kind)]


def test_the_scale_runs_from_light_yellow_to_dark_red():
    assert heat_colour(0).name() == SCALE[0].lower()
    assert heat_colour(1).name() == SCALE[-1].lower()
    assert heat_colour(2).name() == SCALE[-1].lower()  # clamped
    lightness = [heat_colour(x / 10).lightnessF() for x in range(11)]
    assert lightness == sorted(lightness, reverse=True)  # longer waits, darker


def test_the_slowest_step_is_coloured_most_strongly(canvas):
    canvas.set_heat({"Triage": 600.0, "Treat": 60.0}, None)

    triage = canvas.heat.colour_of("node", "Triage")
    treat = canvas.heat.colour_of("node", "Treat")
    assert triage.name() == SCALE[-1].lower()
    assert treat.lightnessF() > triage.lightnessF()
    assert canvas.heat.colour_of("node", "Referral") is None
    labels = {item.node.name: item.text for item in _overlay(canvas, WaitLabel)}
    assert labels == {"Triage": f"waits {format_minutes(600)}",
                      "Treat": f"waits {format_minutes(60)}"}


def test_the_legend_shows_the_scale(canvas):
    assert canvas.heat.legend.isHidden()

    canvas.set_heat({"Triage": 2880.0}, {("Triage", "Needs treatment?"): 1440.0})

    legend = canvas.heat.legend
    assert legend.isVisible()
    assert legend.labels() == ["0", format_minutes(1440), format_minutes(2880)]
    assert legend.notes == ["Parts: waiting in the queue for the step",
                            "Arrows: getting to the next step, per customer"]
    viewport = canvas.viewport().rect()
    assert viewport.contains(legend.geometry())
    image = legend.grab().toImage()
    middle = image.pixelColor(legend.width() - 20, 34)
    assert middle.red() > 150 and middle.blue() < 80  # the dark end of the bar


def test_handoffs_get_a_band_and_clicks_still_reach_the_parts(canvas):
    canvas.set_heat({}, {("Referral", "Triage"): 100.0})

    bands = _overlay(canvas, HandoffBand)
    assert [band.arrow.key for band in bands] == [("Referral", "Triage")]
    triage = canvas.map_scene.nodes["Triage"]
    canvas.set_heat({"Triage": 10.0}, None)
    found = canvas.map_scene.items(triage.pos() + QPointF(0, 0))
    assert found[0] is triage
    assert not any(isinstance(item, PartRing) for item in found)


def test_clearing_and_replacing_the_map_take_the_heat_off(canvas, clinic_map):
    canvas.set_heat({"Triage": 10.0}, {("Referral", "Triage"): 5.0})
    canvas.clear_heat()
    assert not canvas.heat.on and canvas.heat.legend.isHidden()
    assert canvas.map_scene.nodes["Triage"].childItems() == [
        canvas.map_scene.nodes["Triage"].handle]

    canvas.set_heat({"Triage": 10.0}, None)
    canvas.document.replace_map(clinic_map())

    assert not canvas.heat.on and canvas.heat.legend.isHidden()


def test_the_heat_follows_edits(canvas):
    canvas.set_heat({"Triage": 10.0, "Treat": 5.0}, None)

    canvas.document.undo_stack.push(UpdatePart(canvas.document, "Treat", {"name": "Care"}))
    assert {item.node.name for item in _overlay(canvas, PartRing)} == {"Triage"}
    canvas.document.undo_stack.undo()
    assert {item.node.name for item in _overlay(canvas, PartRing)} == {"Triage", "Treat"}


def test_steps_show_their_mean_wait(results, clinic_map):
    service_map = _with_a_delay(clinic_map())

    waits = step_waits(results, service_map)

    assert waits == {s.name: s.mean_wait.mean for s in results.steps}
    assert set(waits) == {"Triage", "Treat"}


def test_handoffs_on_the_way_through_a_delay_show_the_time_getting_there(results,
                                                                         clinic_map):
    service_map = _with_a_delay(clinic_map())
    budget = dict(zip(results.time_budget.places,
                      results.time_budget.minutes["getting_there"], strict=True))

    waits = handoff_waits(results, service_map)

    assert budget["Treat"] > 0
    # Into Treat, back through the delay and the decision to the step before.
    assert waits == {("Wait for clinic", "Treat"): budget["Treat"],
                     ("Needs treatment?", "Wait for clinic"): budget["Treat"],
                     ("Triage", "Needs treatment?"): budget["Treat"]}
    assert hotspots(results, service_map, between_steps=False)[1] == {}


def test_the_window_shows_the_hot_spots_after_a_run(qtbot, make_window, map_file, results):
    window = make_window()
    window.open_map(map_file)
    assert window.acts.show_hotspots.isChecked() and not window.canvas.heat.on

    window.show_results(results)

    assert window.canvas.heat.parts == {s.name: s.mean_wait.mean for s in results.steps}
    slowest = max(results.steps, key=lambda s: s.mean_wait.mean).name
    assert window.canvas.heat.colour_of("node", slowest).name() == SCALE[-1].lower()
    window.acts.show_hotspots.setChecked(False)  # View > Show Wait Hot-spots
    assert not window.canvas.heat.on
    window.results_view.hotspots_button.click()
    assert window.acts.show_hotspots.isChecked() and window.canvas.heat.on


def test_the_way_out_of_a_step_on_a_loop_back_is_not_the_way_in(results, clinic_map):
    service_map = _with_a_delay(clinic_map())
    service_map.add(Delay(name="Rebook", position=(700, 0), duration=Fixed(value=1,
                                                                            unit="days")))
    service_map.connect("Treat", "Rebook", Handoff(probability=0.0))
    service_map.connect("Rebook", "Treat")

    waits = handoff_waits(results, service_map)

    assert ("Rebook", "Treat") in waits  # a way in
    assert ("Treat", "Rebook") not in waits  # the way out, on the loop back
