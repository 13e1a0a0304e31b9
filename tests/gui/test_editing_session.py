"""A whole editing session as a user would drive it: draw a map from empty with the palette
and the mouse, connect the parts, set properties in the inspector, undo everything back to
empty, redo it all, save, reopen and compare."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from outsidein_desktop.domain import Exponential
from outsidein_desktop.gui.examples import find_examples


def _click_to_add(window, kind, point):
    window.part_palette.choose(kind)
    QTest.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _right_drag(window, source, target):
    canvas, service_map = window.canvas, window.document.service_map
    a = canvas.mapFromScene(QPointF(*service_map.node(source).position))
    b = canvas.mapFromScene(QPointF(*service_map.node(target).position))
    viewport = canvas.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, pos=a)
    for i in range(1, 6):
        QTest.mouseMove(viewport, a + (b - a) * i / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=b)


def test_draw_edit_undo_all_redo_all_save_and_reopen(qtbot, make_window, dialogs, tmp_path):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.acts.new.trigger()
    service_map = window.document.service_map

    _click_to_add(window, "entry", QPoint(150, 250))
    _click_to_add(window, "step", QPoint(350, 250))
    _click_to_add(window, "exit", QPoint(550, 250))
    assert [p.name for p in service_map.nodes()] == ["Entry 1", "Step 1", "Exit 1"]

    _right_drag(window, "Entry 1", "Step 1")
    _right_drag(window, "Step 1", "Exit 1")
    assert [(s, t) for s, t, _ in window.document.service_map.handoffs()] == [
        ("Entry 1", "Step 1"), ("Step 1", "Exit 1")]

    window.canvas.select("node", "Step 1")
    page = window.inspector.page()
    page.duration.param_edits[0].setText("25")
    page.duration.param_edits[0].editingFinished.emit()
    page.name_edit.setText("Triage")
    page.name_edit.editingFinished.emit()
    window.canvas.select("handoff", ("Entry 1", "Triage"))
    window.inspector.page().info.setValue(50)

    drawn = window.document.service_map.copy()
    assert drawn.node("Triage").duration == Exponential(mean_value=25)
    assert drawn.handoff("Entry 1", "Triage").info_travels == 0.5
    assert window.problems.check_now() == []
    stack = window.document.undo_stack
    done = stack.count()
    assert done == 8

    while stack.canUndo():
        window.acts.undo.trigger()
    assert len(window.document.service_map) == 0
    assert not window.isWindowModified()

    while stack.canRedo():
        window.acts.redo.trigger()
    assert window.document.service_map == drawn

    dialogs.answers["save"] = (str(tmp_path / "drawn.json"), "")
    window.acts.save.trigger()
    reopened = make_window()
    assert reopened.open_map(tmp_path / "drawn.json")
    assert reopened.document.service_map == drawn


def test_every_example_opens_without_errors(make_window):
    window = make_window()
    for example in find_examples():
        assert window.open_example(example.path), example.path
        assert window.document.service_map.title == example.title
        errors = [p for p in window.problems.check_now() if p.severity == "error"]
        assert errors == [], example.path
