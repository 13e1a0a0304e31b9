"""The segments panel: add, rename, remove; share, priority, patience and chasing."""

import pytest

from outsidein_desktop.domain import ChaseRule, Duration, Fixed, Segment
from outsidein_desktop.gui.segments_panel import SegmentsPanel


@pytest.fixture
def panel(qtbot, clinic_map, make_document):
    service_map = clinic_map()
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add_segment(Segment(name="Routine", share=3, priority=2))
    panel = SegmentsPanel(make_document(service_map))
    qtbot.addWidget(panel)
    return panel


def _segment(panel, name="Urgent"):
    return panel.document.service_map.segment(name)


def _last_command(panel):
    stack = panel.document.undo_stack
    return stack.text(stack.count() - 1)


def test_it_lists_the_segments_and_shows_the_first(panel):
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == ["Urgent",
                                                                              "Routine"]
    assert panel.share.value() == 1 and panel.priority.value() == 1
    assert panel.patience.kind_combo.currentText() == "never give up"
    assert not panel.chase.isChecked()


def test_share_and_priority_are_named_commands(panel):
    panel.share.setValue(2)
    panel.priority.setValue(3)

    assert (_segment(panel).share, _segment(panel).priority) == (2, 3)
    stack = panel.document.undo_stack
    assert [stack.text(i) for i in range(2)] == ["Set share of Urgent to 2",
                                                 "Set priority of Urgent to 3"]


def test_patience_is_an_optional_distribution(panel):
    combo = panel.patience.kind_combo
    combo.setCurrentIndex(combo.findData("fixed"))
    combo.activated.emit(combo.currentIndex())

    assert _segment(panel).patience is not None
    assert _last_command(panel).startswith("Set patience of Urgent to fixed")


def test_chasing_can_be_switched_on_and_tuned(panel):
    panel.chase.setChecked(True)

    assert _segment(panel).chase == ChaseRule(after=Duration(2, "weeks"), team="Booking",
                                              work=Fixed(value=5))
    assert _last_command(panel) == "Make Urgent chase while they wait"

    panel.chase_again.setChecked(True)
    panel.chase_after.value_spin.setValue(3)

    chase = _segment(panel).chase
    assert chase.every == Duration(1, "weeks")
    assert chase.after == Duration(3, "weeks")

    panel.chase.setChecked(False)
    assert _segment(panel).chase is None


def test_adding_renaming_and_removing(panel, dialogs):
    panel.add_button.click()
    assert panel.current_segment() == "Segment 1"

    dialogs.answers["text"] = ("Frail elderly", True)
    panel.rename_button.click()
    assert panel.document.service_map.has_segment("Frail elderly")
    assert panel.current_segment() == "Frail elderly"

    panel.remove_button.click()
    assert not panel.document.service_map.has_segment("Frail elderly")
    assert _last_command(panel) == "Delete segment 'Frail elderly'"


def test_a_duplicate_segment_name_is_refused(panel, dialogs):
    dialogs.answers["text"] = ("Routine", True)

    panel.rename_button.click()

    assert panel.message.text() == "There is already a segment called 'Routine'."
