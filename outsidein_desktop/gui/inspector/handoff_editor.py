"""The handoff editor: the chance of a route, its time in transit, and whether the
customer's information travels with them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

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
        self.by_segment = hint("")
        self.form.addRow(self.by_segment)
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
        self.by_segment.setText("Segments with a chance of their own: " + ", ".join(
            f"{name} {p:.0%}" for name, p in handoff.by_segment.items()))
        self.form.setRowVisible(self.by_segment, bool(handoff.by_segment))
        self.delay.set_distribution(handoff.delay)
        self.info_sentence.setText(info_sentence(handoff.info_travels * 100, target))
        self.notes.set_text(handoff.notes)
        self.message.clear()

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
