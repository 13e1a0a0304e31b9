"""The distribution picker on its own: kinds, parameters, units, mean, preview, refusals."""

import pytest
from PySide6.QtCore import Qt

from outsidein_desktop.domain import DISTRIBUTIONS, Empirical, Exponential, Fixed, Triangular
from outsidein_desktop.gui.inspector import DistributionPicker
from outsidein_desktop.gui.inspector.distribution_picker import suggested_params


@pytest.fixture
def picker(qtbot):
    picker = DistributionPicker()
    qtbot.addWidget(picker)
    picker.set_distribution(Exponential(mean_value=2, unit="days"))
    return picker


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data) if combo.findData(data) >= 0
                          else combo.findText(data))
    combo.activated.emit(combo.currentIndex())


def test_it_offers_every_kind_with_its_label(picker):
    labels = [picker.kind_combo.itemText(i) for i in range(picker.kind_combo.count())]

    assert labels == [cls.label for cls in DISTRIBUTIONS.values()]


def test_it_shows_the_mean_in_words_and_a_preview(picker):
    assert picker.mean_label.text() == "mean 2 days"
    assert picker.preview.counts.sum() == 2000
    assert picker.preview.unit == "days"
    assert picker.preview.mean_value == pytest.approx(2)


def test_switching_kinds_keeps_the_time_about_the_same(picker):
    reported = []
    picker.distributionChanged.connect(reported.append)

    _choose(picker.kind_combo, "triangular")

    assert reported == [Triangular(low=1, mode=1.6, high=3.4, unit="days")]
    assert [e.text() for e in picker.param_edits] == ["1", "1.6", "3.4"]
    assert [lbl.text() for lbl in picker.param_labels] == ["shortest", "most likely",
                                                          "longest"]
    assert picker.mean_label.text() == "mean 2 days"


@pytest.mark.parametrize("kind", list(DISTRIBUTIONS))
def test_every_kind_can_be_chosen(picker, kind):
    _choose(picker.kind_combo, kind)

    assert picker.distribution().kind == kind
    assert picker.message.isHidden()
    assert suggested_params(kind, 10)


def test_the_unit_changes_the_meaning_of_the_numbers(picker):
    _choose(picker.unit_combo, "hours")

    assert picker.distribution() == Exponential(mean_value=2, unit="hours")
    assert picker.mean_label.text() == "mean 2 hours"


def test_typing_updates_the_mean_but_only_enter_commits(qtbot, picker):
    reported = []
    picker.distributionChanged.connect(reported.append)
    edit = picker.param_edits[0]
    edit.selectAll()

    qtbot.keyClicks(edit, "7")

    assert picker.mean_label.text() == "mean 7 days"
    assert reported == []
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert reported == [Exponential(mean_value=7, unit="days")]


def test_invalid_parameters_show_the_message_and_commit_nothing(qtbot, picker):
    reported = []
    picker.distributionChanged.connect(reported.append)
    _choose(picker.kind_combo, "uniform")
    reported.clear()
    picker.param_edits[1].setText("0.5")

    picker.param_edits[1].editingFinished.emit()

    assert reported == []
    assert picker.message.text() == ("The high value (0.5) must be greater than the low "
                                     "value (1).")
    assert picker.distribution().kind == "uniform"


def test_observed_times_are_a_list(picker):
    _choose(picker.kind_combo, "empirical")
    picker.param_edits[0].setText("1, 2  3;4")
    picker.param_edits[0].editingFinished.emit()

    assert picker.distribution() == Empirical(values=(1, 2, 3, 4), unit="days")


def test_an_optional_picker_offers_none(qtbot):
    picker = DistributionPicker(optional=True, none_text="no extra time",
                                default=Fixed(value=5))
    qtbot.addWidget(picker)
    picker.set_distribution(None)
    reported = []
    picker.distributionChanged.connect(reported.append)

    assert picker.kind_combo.currentText() == "no extra time"
    assert picker.unit_combo.isHidden() and picker.preview.isHidden()

    _choose(picker.kind_combo, "fixed")
    _choose(picker.kind_combo, None)

    assert reported == [Fixed(value=5), None]
