"""The handoff editor: the chance of a route, its time in transit, and whether the
customer's information travels with them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QWidget

from ...domain.distributions import Distribution, Exponential
from ..commands import UpdateHandoff
from ..document import MapDocument
from .distribution_picker import DistributionPicker
from .part_editors import Page
from .widgets import NotesEdit, heading, hint, percent_spin, quiet


def info_sentence(percent: float, target: str) -> str:
    """What the information-travels chance means for the customer, in a sentence."""
    if percent >= 100:
        return (f"Their information always goes with them: nobody has to tell their story "
                f"again at '{target}'.")
    if percent <= 0:
        return (f"Their information never goes with them: every customer tells their story "
                f"again at '{target}'.")
    lost = 100 - percent
    one_in = 100 / lost
    ratio = f"about 1 in {one_in:.0f}" if one_in >= 1.5 else f"{lost:g} in 100"
    return (f"The information is lost in {lost:g} % of these handoffs ({ratio}): those "
            f"customers tell their story again at '{target}'.")


class HandoffEditor(Page):
    """Edits the handoff ``key = (source, target)``."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.key: tuple[str, str] = ("", "")
        self.title = heading()
        self.form.addRow(self.title)
        self.probability = percent_spin()
        self.form.addRow("&Chance of this way", self.probability)
        self.probability_hint = hint("")
        self.form.addRow(self.probability_hint)
        # One box per segment: its own chance of this way, or the special value at -1,
        # "as everyone", when it follows the chance above.
        self.segments = QWidget()
        self.segment_form = QFormLayout(self.segments)
        self.segment_form.setContentsMargins(0, 0, 0, 0)
        self.segment_spins: dict[str, QDoubleSpinBox] = {}
        self.segments_label = QLabel("Chance by &segment")
        self.segments_label.setBuddy(self.segments)
        self.form.addRow(self.segments_label)
        self.form.addRow(self.segments)
        self.delay = DistributionPicker(optional=True, none_text="no time in transit",
                                        default=Exponential(mean_value=1, unit="days"))
        self.add_section("Time in &transit", self.delay)
        self.info = percent_spin()
        self.info.setToolTip("The chance that the customer's information travels with them")
        self.form.addRow("&Information travels", self.info)
        self.info_sentence = hint("")
        self.form.addRow(self.info_sentence)
        self.notes = NotesEdit()
        self.form.addRow("Notes", self.notes)
        self.form.addRow(self.message)
        self.probability.valueChanged.connect(self._set_probability)
        self.delay.distributionChanged.connect(self._set_delay)
        self.info.valueChanged.connect(self._set_info)
        self.notes.editingFinished.connect(
            lambda: self.update_handoff({"notes": self.notes.toPlainText()},
                                        f"Edit the notes of {self._arrow()}"))

    def _arrow(self) -> str:
        return f"'{self.key[0]}' → '{self.key[1]}'"

    def load(self, key: tuple[str, str]) -> None:
        self.key = tuple(key)
        source, target = self.key
        handoff = self.document.service_map.handoff(source, target)
        self.title.setText(f"Handoff: {source} → {target}")
        with quiet(self.probability, self.info):
            self.probability.setValue(handoff.probability * 100)
            self.info.setValue(handoff.info_travels * 100)
        others = len(self.document.service_map.ways_out(source)) - 1
        self.probability_hint.setText(
            f"Of the customers leaving '{source}', the share who go to '{target}'."
            + ("" if others else " It is the only way out, so it should be 100 %."))
        self._load_segments(handoff.by_segment)
        self.delay.set_distribution(handoff.delay)
        self.info_sentence.setText(info_sentence(handoff.info_travels * 100, target))
        self.notes.set_text(handoff.notes)
        self.message.clear()

    def _load_segments(self, by_segment: dict[str, float]) -> None:
        names = [s.name for s in self.document.service_map.segments()]
        if names != list(self.segment_spins):
            # Rebuilt only when the segments change: an edit reloads this page from inside
            # the box's own signal, and that box must live on.
            while self.segment_form.rowCount():
                self.segment_form.removeRow(0)
            self.segment_spins = {}
            for name in names:
                spin = percent_spin()
                spin.setMinimum(-1)
                spin.setSpecialValueText("as everyone")
                spin.setToolTip(f"The chance that a customer of segment '{name}' goes this "
                                "way, if it differs from everyone's")
                spin.valueChanged.connect(lambda value, n=name: self._set_segment(n, value))
                self.segment_form.addRow(name, spin)
                self.segment_spins[name] = spin
        for name, spin in self.segment_spins.items():
            with quiet(spin):
                spin.setValue(by_segment[name] * 100 if name in by_segment else -1)
        self.form.setRowVisible(self.segments_label, bool(names))
        self.form.setRowVisible(self.segments, bool(names))

    def _set_segment(self, segment: str, percent: float) -> None:
        by = dict(self.document.service_map.handoff(*self.key).by_segment)
        if percent < 0:
            by.pop(segment, None)
            text = f"{segment} follows everyone's chance of {self._arrow()}"
        else:
            by[segment] = percent / 100
            text = f"Set {segment}'s chance of {self._arrow()} to {percent:g}%"
        self.update_handoff({"by_segment": by}, text)

    def update_handoff(self, changes: dict[str, Any], text: str) -> None:
        old = self.document.service_map.handoff(*self.key)
        changes = {k: v for k, v in changes.items() if getattr(old, k) != v}
        if changes:
            self.push(UpdateHandoff(self.document, *self.key, changes, text=text))

    def _set_probability(self, percent: float) -> None:
        self.update_handoff({"probability": percent / 100},
                            f"Set chance of {self._arrow()} to {percent:g}%")

    def _set_delay(self, dist: Distribution | None) -> None:
        shown = dist.describe() if dist else "none"
        self.update_handoff({"delay": dist}, f"Set time in transit of {self._arrow()} to {shown}")

    def _set_info(self, percent: float) -> None:
        self.update_handoff({"info_travels": percent / 100},
                            f"Set information travels of {self._arrow()} to {percent:g}%")
