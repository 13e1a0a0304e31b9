"""File ▸ Export Report…: a board paper from a comparison, as PDF or Word.

The user writes the question and the recommendation (the paper's judgement is theirs; the
numbers are the tool's); the report layer lays out the rest. The file is written in the
background by the report layer's atomic writer, so a failure leaves any old file as it was.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...analysis.compare import Comparison
from ..inspector.widgets import MessageLabel, hint
from ..results.background import BackgroundTask

log = logging.getLogger(__name__)

FORMATS = {"pdf": "PDF document (*.pdf)", "docx": "Word document (*.docx)"}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word"}


def suggested_question(comparison: Comparison) -> str:
    """The question a board would ask of these options, to start the user off."""
    title = comparison.title or "this service"
    names = [option.name for option in comparison.redesigns]
    if len(names) == 1:
        return f"Should we adopt \N{LEFT DOUBLE QUOTATION MARK}{names[0]}" \
               f"\N{RIGHT DOUBLE QUOTATION MARK} for {title}?"
    return f"Which of these {len(names)} redesigns, if any, should we adopt for {title}?"


def suggested_file_name(comparison: Comparison, suffix: str) -> str:
    words = re.findall(r"[a-z0-9]+", (comparison.title or "journey").lower())[:6]
    return "_".join(words + ["board_paper"]) + suffix


def write_board_paper(comparison: Comparison, question: str, recommendation: str,
                      path: Path, map_path: Path | None) -> Path:
    """Build the paper and write it (the format follows the suffix); for the thread."""
    from ...report.paper import build_paper, write_report

    paper = build_paper(comparison, question=question, recommendation=recommendation,
                        map_path=map_path)
    write_report(paper, path)
    return path


class ReportDialog(QDialog):
    """The question, the recommendation, the format and the file; Write makes the paper
    in the background. ``written(path)`` when the file is there."""

    written = Signal(object)

    def __init__(self, comparison: Comparison, start_folder: str = "",
                 map_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison, self.map_path = comparison, map_path
        self.task: BackgroundTask | None = None
        self.setWindowTitle("Export a board paper")
        self.question = QLineEdit(suggested_question(comparison))
        self.question.setCursorPosition(0)
        self.question.setToolTip("The decision the paper helps the board make")
        self.recommendation = QPlainTextEdit()
        self.recommendation.setPlaceholderText(
            "What you recommend, and why, in your own words. The paper puts the evidence "
            "(the figures, the differences and their 95% confidence intervals) beside it. "
            "Left empty, the paper says the recommendation is still to be written.")
        self.recommendation.setTabChangesFocus(True)
        self.format = QComboBox()
        for key, name in FORMAT_NAMES.items():
            self.format.addItem(name, key)
        self.format.currentIndexChanged.connect(self._format_changed)
        folder = Path(start_folder) if start_folder else Path.home()
        self.path = QLineEdit(str(folder / suggested_file_name(comparison, ".pdf")))
        browse = QPushButton("Browse\N{HORIZONTAL ELLIPSIS}")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Question", self.question)
        form.addRow("&Recommendation", self.recommendation)
        form.addRow("&Format", self.format)
        save_as = QLabel("&Save as")
        save_as.setBuddy(self.path)
        form.addRow(save_as, where)
        self.message = MessageLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Write Report")
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        options = ", ".join(f"\N{LEFT DOUBLE QUOTATION MARK}{o.name}"
                            f"\N{RIGHT DOUBLE QUOTATION MARK}" for o in comparison.redesigns)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(f"A paper comparing the baseline with {options}: the headline "
                              "measures side by side, the differences with their 95% "
                              "confidence intervals, the charts, and your recommendation."))
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def chosen_format(self) -> str:
        return str(self.format.currentData())

    def target(self) -> Path:
        """The file to write, with the chosen format's suffix."""
        path = Path(self.path.text().strip()).expanduser()
        suffix = "." + self.chosen_format()
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def _format_changed(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(self.target()))

    def browse(self) -> None:
        key = self.chosen_format()
        path, _ = QFileDialog.getSaveFileName(self, "Save the board paper as",
                                              self.path.text(), FORMATS[key])
        if path:
            self.path.setText(path)
            self.path.setText(str(self.target()))

    def problem(self) -> str:
        """Why the paper cannot be written yet, or ""."""
        if not self.question.text().strip():
            return "Write the question the paper answers."
        if not self.path.text().strip():
            return "Choose where to save the paper."
        folder = self.target().parent
        if not folder.is_dir():
            return f"The folder {folder} does not exist; choose another place to save."
        return ""

    def write(self) -> bool:
        """Start writing in the background; False (with the reason shown) if it cannot."""
        if self.task is not None:
            return False
        problem = self.problem()
        if problem:
            self.message.show_message(problem)
            return False
        self.message.clear()
        if not self.recommendation.toPlainText().strip() and not self._without_recommendation():
            self.recommendation.setFocus()
            return False
        target = self.target()
        comparison, question = self.comparison, self.question.text().strip()
        recommendation, map_path = self.recommendation.toPlainText().strip(), self.map_path
        self.task = BackgroundTask(lambda: write_board_paper(
            comparison, question, recommendation, target, map_path), self)
        self.task.done.connect(self._written)
        self.task.failed.connect(lambda error: self._failed(target, error))
        self.ok.setEnabled(False)
        self.ok.setText("Writing\N{HORIZONTAL ELLIPSIS}")
        self.task.start()
        return True

    def _without_recommendation(self) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "No recommendation yet",
            "The paper will say that the recommendation is still to be written. Write it "
            "without one?", buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def _written(self, path: Path) -> None:
        self.task = None
        self.written.emit(path)
        self.accept()

    def _failed(self, target: Path, error: BaseException) -> None:
        self.task = None
        self.ok.setEnabled(True)
        self.ok.setText("&Write Report")
        text = (f"{target} could not be written: {error}. Any file already there is as it "
                "was.")
        self.message.show_message(text)
        QMessageBox.warning(self, "The report was not written", text)

    def done(self, result: int) -> None:  # noqa: D102 - wait for a paper being written
        if self.task is not None:
            self.task.wait()
        super().done(result)
