"""The map canvas, driven offscreen with pytest-qt as a user (or the main window) would."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QWheelEvent
from PySide6.QtTest import QTest

from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Delay,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    ServiceMap,
    Shift,
    Step,
    Team,
)
from outsidein_desktop.domain.layout import back_edges
from outsidein_desktop.domain.validate import ERROR, WARNING, Element, Problem
from outsidein_desktop.gui.canvas import PART_MIME_TYPE, MapCanvas, PartPalette
from outsidein_desktop.gui.canvas.arrows import HandoffItem
from outsidein_desktop.gui.canvas.items import NodeItem
from outsidein_desktop.gui.commands import MoveParts, UpdatePart
from outsidein_desktop.gui.document import MapDocument


def example_map() -> ServiceMap:
    """Referral -> Register (Booking) -> Triage (Clinic) -> OK? -> Treat -> Done, with a
    rework loop OK? -> Triage, a delay, and the cross-team handoff Register -> Triage."""
    m = ServiceMap(title="Example")
    m.add_team(Team(name="Booking", colour="#4477AA", shifts=(Shift(staff=2),)))
    m.add_team(Team(name="Clinic", colour="#EE6677", shifts=(Shift(staff=2),)))
    m.add(Entry(name="Referral", position=(0, 0), arrivals=Arrivals(per_day=20)))
    m.add(Step(name="Register", position=(200, 0), team="Booking",
               duration=Exponential(mean_value=10)))
    m.add(Step(name="Triage", position=(400, 0), team="Clinic",
               duration=Exponential(mean_value=20)))
    m.add(Decision(name="OK?", position=(600, 0)))
    m.add(Delay(name="Wait", position=(800, 0), duration=Fixed(value=2, unit="days")))
    m.add(Step(name="Treat", position=(1000, 0), team="Clinic",
               duration=Exponential(mean_value=30)))
    m.add(Exit(name="Done", position=(1200, 0)))
    m.connect("Referral", "Register")
    m.connect("Register", "Triage", Handoff(probability=1.0, info_travels=0.5))
    m.connect("Triage", "OK?")
    m.connect("OK?", "Wait", Handoff(probability=0.7))
    m.connect("OK?", "Triage", Handoff(probability=0.3))
    m.connect("Wait", "Treat")
    m.connect("Treat", "Done")
    return m


@pytest.fixture
def canvas(qtbot):
    document = MapDocument(example_map())
    view = MapCanvas(document)
    document.setParent(view)  # one owner, so Qt tears both down together
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def _doc(canvas):
    return canvas.document


def _view_point(canvas, scene_point) -> QPoint:
    return canvas.mapFromScene(scene_point)


def _drag(qtbot, canvas, start: QPointF, end: QPointF, button=Qt.MouseButton.LeftButton,
          modifiers=Qt.KeyboardModifier.NoModifier):
    viewport = canvas.viewport()
    a, b = _view_point(canvas, start), _view_point(canvas, end)
    QTest.mousePress(viewport, button, modifiers, a)
    for i in range(1, 6):
        QTest.mouseMove(viewport, a + (b - a) * i / 5)
    QTest.mouseRelease(viewport, button, modifiers, b)


# -- mirroring the model -----------------------------------------------------------------


def test_the_scene_has_one_item_per_part_and_per_handoff(canvas):
    scene = canvas.map_scene
    m = _doc(canvas).service_map

    nodes = [i for i in scene.items() if isinstance(i, NodeItem)]
    arrows = [i for i in scene.items() if isinstance(i, HandoffItem)]
    assert sorted(i.name for i in nodes) == sorted(p.name for p in m.nodes())
    assert sorted(a.key for a in arrows) == sorted((s, t) for s, t, _ in m.handoffs())
    assert scene.nodes["Triage"].pos() == QPointF(400, 0)


def test_a_handoff_between_teams_is_marked_and_described(canvas):
    arrows = canvas.map_scene.arrows

    assert arrows[("Register", "Triage")].cross_team
    assert not arrows[("Triage", "OK?")].cross_team
    assert arrows[("Register", "Triage")].toolTip().startswith(
        "Handoff: Booking → Clinic\nRegister → Triage")
    assert not arrows[("Triage", "OK?")].toolTip().startswith("Handoff")
    assert "repeat their story" in arrows[("Register", "Triage")].toolTip()
    assert "30% of customers" in arrows[("OK?", "Triage")].toolTip()


def test_adding_a_part_adds_an_item_and_undo_removes_it(canvas):
    document = _doc(canvas)

    name = canvas.add_part("decision", QPointF(300, 200))

    assert name == "Decision 1"
    assert canvas.map_scene.nodes[name].pos() == QPointF(300, 200)
    document.undo_stack.undo()
    assert name not in canvas.map_scene.nodes
    assert not document.service_map.has(name)
    document.undo_stack.redo()
    assert name in canvas.map_scene.nodes


def test_renaming_a_part_updates_its_label(canvas):
    document = _doc(canvas)

    document.undo_stack.push(UpdatePart(document, "Triage", {"name": "Assessment"}))

    item = canvas.map_scene.nodes["Assessment"]
    assert "Triage" not in canvas.map_scene.nodes
    assert item.name == "Assessment"
    assert "Assessment" in item.toolTip()
    assert ("Register", "Assessment") in canvas.map_scene.arrows


def test_changing_a_step_shows_its_new_essentials(canvas):
    document = _doc(canvas)
    document.undo_stack.push(UpdatePart(document, "Treat",
                                        {"duration": Exponential(mean_value=2, unit="hours")}))

    assert "Clinic · mean 2 hours" in canvas.map_scene.nodes["Treat"].toolTip()


def test_dragging_a_part_pushes_one_move_and_undo_puts_it_back(qtbot, canvas):
    document = _doc(canvas)
    start_count = document.undo_stack.count()
    canvas.reset_zoom()
    canvas.centerOn(QPointF(600, 0))

    _drag(qtbot, canvas, QPointF(600, 0), QPointF(650, 120))

    assert document.undo_stack.count() == start_count + 1
    command = document.undo_stack.command(document.undo_stack.count() - 1)
    assert isinstance(command, MoveParts)
    x, y = document.service_map.node("OK?").position
    assert abs(x - 650) < 2 and abs(y - 120) < 2
    document.undo_stack.undo()
    assert document.service_map.node("OK?").position == (600, 0)
    assert canvas.map_scene.nodes["OK?"].pos() == QPointF(600, 0)


def test_moving_several_items_is_one_move(canvas):
    document = _doc(canvas)
    scene = canvas.map_scene
    scene.nodes["Wait"].setPos(QPointF(800, 100))
    scene.nodes["Treat"].setPos(QPointF(1000, 100))

    assert scene.commit_moves()

    assert document.undo_stack.undoText() == "Move 2 parts"
    document.undo_stack.undo()
    assert document.service_map.node("Wait").position == (800, 0)
    assert scene.nodes["Treat"].pos() == QPointF(1000, 0)


# -- connecting --------------------------------------------------------------------------


def test_connecting_by_right_drag_adds_a_handoff_and_an_arrow(qtbot, canvas):
    document = _doc(canvas)
    canvas.fit()

    _drag(qtbot, canvas, QPointF(200, 0), QPointF(1200, 0), Qt.MouseButton.RightButton)

    assert document.service_map.has_handoff("Register", "Done")
    assert ("Register", "Done") in canvas.map_scene.arrows
    assert document.undo_stack.undoText() == "Connect 'Register' to 'Done'"
    document.undo_stack.undo()
    assert ("Register", "Done") not in canvas.map_scene.arrows


def test_connecting_by_shift_drag_and_from_the_handle(qtbot, canvas):
    document = _doc(canvas)
    canvas.fit()

    _drag(qtbot, canvas, QPointF(400, 0), QPointF(1000, 0),
          modifiers=Qt.KeyboardModifier.ShiftModifier)
    handle = canvas.map_scene.nodes["Wait"].handle
    canvas.select("node", "Wait")
    assert handle.isVisible()
    _drag(qtbot, canvas, handle.scenePos(), QPointF(1200, 0))

    assert document.service_map.has_handoff("Triage", "Treat")
    assert document.service_map.has_handoff("Wait", "Done")


def test_connecting_refuses_loops_entries_and_duplicates_with_a_message(qtbot, canvas):
    document = _doc(canvas)
    messages = []
    canvas.statusMessage.connect(messages.append)
    count = document.undo_stack.count()

    assert not canvas.connect_parts("Triage", "Triage")
    assert not canvas.connect_parts("Treat", "Referral")
    assert not canvas.connect_parts("Referral", "Register")
    assert not canvas.connect_parts("Done", "Treat")
    assert canvas.connect_parts("Register", "Done")

    assert document.undo_stack.count() == count + 1
    assert any("already" in m for m in messages)
    assert any("entry" in m for m in messages)


# -- selection, deleting, clipboard ------------------------------------------------------


def test_select_centres_and_reports_the_selection(qtbot, canvas):
    with qtbot.waitSignal(canvas.selectionChanged) as signal:
        assert canvas.select("step", "Treat")
    assert signal.args == [[("node", "Treat")]]
    assert canvas.selected() == [("node", "Treat")]
    assert canvas.select("handoff", ("OK?", "Wait"))
    assert canvas.selected() == [("handoff", ("OK?", "Wait"))]
    assert not canvas.select("step", "Nobody")


def test_delete_selection_removes_parts_and_their_arrows_and_undo_restores(canvas):
    document = _doc(canvas)
    before = document.service_map.copy()
    canvas.map_scene.nodes["Triage"].setSelected(True)
    canvas.map_scene.arrows[("Wait", "Treat")].setSelected(True)

    canvas.delete_selection()

    m = document.service_map
    assert not m.has("Triage") and not m.has_handoff("Wait", "Treat")
    assert "Triage" not in canvas.map_scene.nodes
    assert set(canvas.map_scene.arrows) == {(s, t) for s, t, _ in m.handoffs()}
    assert document.undo_stack.undoText() == "Delete 'Triage'"
    document.undo_stack.undo()
    assert document.service_map == before
    assert len(canvas.map_scene.arrows) == 7


def test_the_delete_key_deletes(qtbot, canvas):
    canvas.select("node", "Done")
    QTest.keyClick(canvas, Qt.Key.Key_Delete)
    assert not _doc(canvas).service_map.has("Done")


def test_copy_and_paste_make_renamed_copies_with_their_handoffs(qtbot, canvas):
    document = _doc(canvas)
    scene = canvas.map_scene
    scene.nodes["Triage"].setSelected(True)
    scene.nodes["OK?"].setSelected(True)

    canvas.copy_selection()
    canvas.paste()

    m = document.service_map
    assert m.has("Triage (copy)") and m.has("OK? (copy)")
    assert m.has_handoff("Triage (copy)", "OK? (copy)")
    assert m.has_handoff("OK? (copy)", "Triage (copy)")  # the loop between them came too
    assert not m.has_handoff("Register", "Triage (copy)")  # not the ways in from outside
    assert m.handoff("OK? (copy)", "Triage (copy)").probability == 0.3
    assert m.node("Triage (copy)").position == (440, 40)
    assert sorted(canvas.selected()) == [("node", "OK? (copy)"), ("node", "Triage (copy)")]
    assert document.undo_stack.undoText() == "Paste 2 parts"

    canvas.paste()
    assert m.has("Triage (copy 2)")
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert not m.has("Triage (copy)") and "Triage (copy)" not in scene.nodes


def test_duplicate_with_ctrl_d(qtbot, canvas):
    canvas.select("node", "Treat")
    QTest.keyClick(canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _doc(canvas).service_map.has("Treat (copy)")
    assert canvas.selected() == [("node", "Treat (copy)")]


# -- problems, layout, swimlanes ---------------------------------------------------------


def test_set_problems_marks_the_right_items(canvas):
    problems = [
        Problem(ERROR, Element("step", "Triage"), "Triage has no team hours."),
        Problem(WARNING, Element("step", "Triage"), "Triage is busy."),
        Problem(WARNING, Element("exit", "Done"), "Nobody gets here."),
        Problem(ERROR, Element("handoff", ("OK?", "Wait")), "The chances add up to 1.3."),
        Problem(ERROR, Element("map"), "Something about the whole map."),
    ]

    canvas.set_problems(problems)

    scene = canvas.map_scene
    assert scene.nodes["Triage"].problem == "error"
    assert "Triage has no team hours." in scene.nodes["Triage"].toolTip()
    assert "Triage is busy." in scene.nodes["Triage"].toolTip()
    assert scene.nodes["Done"].problem == "warning"
    assert scene.nodes["Treat"].problem is None
    assert scene.arrows[("OK?", "Wait")].problem == "error"
    assert "1.3" in scene.arrows[("OK?", "Wait")].toolTip()
    canvas.set_problems([])
    assert scene.nodes["Triage"].problem is None


def test_auto_layout_runs_left_to_right_as_one_undo_entry(canvas):
    document = _doc(canvas)
    m = document.service_map
    for name in ("Triage", "Treat", "Register"):
        m.update(name, position=(0.0, 300.0))  # a mess, as if drawn in a hurry
    count = document.undo_stack.count()

    canvas.auto_layout()

    assert document.undo_stack.count() == count + 1
    assert document.undo_stack.undoText() == "Arrange left to right"
    main_path = ["Referral", "Register", "Triage", "OK?", "Wait", "Treat", "Done"]
    xs = [m.node(n).position[0] for n in main_path]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert [canvas.map_scene.nodes[n].pos().x() for n in main_path] == xs
    assert back_edges(m) == {("OK?", "Triage")}
    document.undo_stack.undo()
    assert m.node("Treat").position == (0.0, 300.0)


def test_swimlanes_put_each_step_in_its_teams_lane_without_changing_the_map(canvas):
    document = _doc(canvas)
    before = {p.name: p.position for p in document.service_map.nodes()}
    count = document.undo_stack.count()

    canvas.set_swimlanes(True)

    assert canvas.swimlanes_on()
    lanes = canvas.map_scene.lanes
    assert [item.name for item in lanes.items] == ["Customer", "Booking", "Clinic"]
    for step in document.service_map.steps():
        item = canvas.map_scene.nodes[step.name]
        assert lanes.lane_rect(step.team).contains(item.pos()), step.name
        assert not item.flags() & NodeItem.GraphicsItemFlag.ItemIsMovable
    assert {p.name: p.position for p in document.service_map.nodes()} == before
    assert document.undo_stack.count() == count

    canvas.set_swimlanes(False)
    assert not lanes.items
    assert canvas.map_scene.nodes["Triage"].pos() == QPointF(400, 0)


def test_swimlanes_follow_edits(canvas):
    document = _doc(canvas)
    canvas.set_swimlanes(True)
    document.undo_stack.push(UpdatePart(document, "Treat", {"team": "Booking"}))

    lanes = canvas.map_scene.lanes
    assert lanes.lane_rect("Booking").contains(canvas.map_scene.nodes["Treat"].pos())
    assert document.service_map.node("Treat").position == (1000, 0)


# -- tools, palette, zoom, export --------------------------------------------------------


def test_the_tool_adds_a_part_where_the_canvas_is_clicked(qtbot, canvas):
    canvas.set_tool("step")
    point = QPoint(500, 500)
    expected = canvas.mapToScene(point)

    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)

    m = _doc(canvas).service_map
    step = m.node("Step 1")
    assert isinstance(step, Step) and step.team == "Booking"
    assert step.duration.mean == pytest.approx(10)
    assert abs(step.position[0] - expected.x()) < 1 and abs(step.position[1] - expected.y()) < 1
    assert canvas.tool() is None  # one click, one part


def test_dropping_a_palette_part_adds_it_where_it_is_released(qtbot, canvas):
    palette = PartPalette()
    qtbot.addWidget(palette)
    palette.bind(canvas)
    assert palette.kinds() == ["entry", "step", "decision", "delay", "exit"]
    with qtbot.waitSignal(palette.toolChosen) as chosen:
        palette.choose("delay")
    assert chosen.args == ["delay"] and canvas.tool() == "delay"

    mime = QMimeData()
    mime.setData(PART_MIME_TYPE, b"exit")
    point = QPointF(300, 400)
    expected = canvas.mapToScene(point.toPoint())
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    canvas.dropEvent(drop)

    exit_ = _doc(canvas).service_map.node("Exit 1")
    assert abs(exit_.position[0] - expected.x()) < 1
    assert abs(exit_.position[1] - expected.y()) < 1
    assert canvas.map_scene.nodes["Exit 1"].isSelected()


def test_zoom_fit_and_reset_change_the_view_transform(canvas):
    canvas.reset_zoom()
    assert canvas.zoom() == pytest.approx(1.0)
    canvas.zoom_in()
    assert canvas.zoom() == pytest.approx(1.25)
    canvas.zoom_out()
    canvas.zoom_out()
    assert canvas.zoom() == pytest.approx(0.8)
    canvas.fit()
    assert canvas.zoom() < 0.8  # the 1200-wide map fits a 1000-wide view
    rect = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert rect.contains(canvas.map_scene.itemsBoundingRect())


def test_export_writes_a_png_and_an_svg(tmp_path, canvas):
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    canvas.select("node", "Triage")

    canvas.export_image(png)
    canvas.export_image(svg)

    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 1000
    assert "<svg" in svg.read_text(encoding="utf-8")
    assert canvas.selected() == [("node", "Triage")]  # exporting leaves the selection be
    assert canvas.render_png(tmp_path / "again.png").exists()


def test_a_new_map_rebuilds_the_scene(canvas):
    document = _doc(canvas)
    other = ServiceMap(title="Other")
    other.add(Entry(name="Only", arrivals=Arrivals(per_day=1)))

    document.replace_map(other)

    assert list(canvas.map_scene.nodes) == ["Only"]
    assert canvas.map_scene.arrows == {}


def test_the_wheel_zooms_and_the_middle_button_pans(qtbot, canvas):
    canvas.reset_zoom()
    centre = QPointF(canvas.viewport().rect().center())
    wheel = QWheelEvent(centre, canvas.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    canvas.wheelEvent(wheel)
    assert canvas.zoom() > 1.1

    before = canvas.mapToScene(canvas.viewport().rect().center())
    viewport = canvas.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(400, 300))
    QTest.mouseMove(viewport, QPoint(300, 250))
    QTest.mouseRelease(viewport, Qt.MouseButton.MiddleButton, pos=QPoint(300, 250))
    after = canvas.mapToScene(canvas.viewport().rect().center())
    assert after.x() > before.x() + 50  # dragging left shows what lies to the right
    assert _doc(canvas).service_map.node("OK?").position == (600, 0)  # nothing moved


def test_escape_disarms_the_tool_and_the_palette_shows_it(qtbot, canvas):
    palette = PartPalette()
    qtbot.addWidget(palette)
    palette.bind(canvas)
    canvas.set_tool("entry")
    assert palette.list.selectedItems()[0].text() == "Entry"

    QTest.keyClick(canvas, Qt.Key.Key_Escape)

    assert canvas.tool() is None
    assert palette.list.selectedItems() == []
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert len(_doc(canvas).service_map) == 7  # no part added


def test_the_canvas_says_what_it_cannot_do_instead_of_raising(canvas):
    messages = []
    canvas.statusMessage.connect(messages.append)

    canvas.delete_selection()  # nothing selected: nothing happens
    canvas.duplicate_selection()
    canvas.set_tool("rocket")
    canvas.select("team", "Booking")

    assert canvas.tool() is None
    assert any("duplicate" in m for m in messages)
    assert any("rocket" in m for m in messages)


def test_an_exit_that_means_giving_up_says_so_under_its_name():
    from outsidein_desktop.domain import Exit
    from outsidein_desktop.gui.canvas.items import essentials

    assert essentials(Exit(name="Seen")) == ""
    assert essentials(Exit(name="Hung up", gave_up=True)) == "gave up"
    assert essentials(Exit(name="Went private", outcome="Private care", gave_up=True)) == \
        "Private care · gave up"
