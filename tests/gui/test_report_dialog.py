"""File ▸ Export Report…: a board paper from a comparison, written in the background as
PDF or Word; the question prefilled, the recommendation the user's; a failure is a message
and leaves the old file as it was."""

import shutil
import subprocess
import zipfile

import docx
import pytest
from PySide6.QtWidgets import QMessageBox

from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.gui.compare import report_dialog
from outsidein_desktop.gui.run.settings import change_run, set_worker_processes
from outsidein_desktop.storage import save_scenario

TIMEOUT_MS = 60_000
RECOMMENDATION = "Fund a third booker for six months, then compare again."


@pytest.fixture
def window(make_window, map_file, tmp_path):
    window = make_window()
    window.open_map(map_file)
    change_run(window.document, {"days": 15, "warmup_days": 2, "replications": 3})
    set_worker_processes(window.settings, 1)
    path = tmp_path / "third_booker.json"
    save_scenario(Scenario(name="Third booker", changes=(SetStaff(team="Booking", staff=3),)),
                  path)
    window.scenario_path = path
    yield window
    window.analysis.shutdown()


def _compare(qtbot, window):
    dialog = window.compare_scenarios()
    dialog.add_scenario_file(window.scenario_path)
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()


def _write(qtbot, dialog, path, kind):
    dialog.format.setCurrentIndex(dialog.format.findData(kind))
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.written, timeout=TIMEOUT_MS) as written:
        assert dialog.write()
    return written.args[0]


def _pdf_text(path) -> str:
    """The PDF's text, read by poppler (which fails on a PDF it cannot open)."""
    result = subprocess.run([shutil.which("pdftotext"), str(path), "-"], capture_output=True,
                            text=True, check=True)
    return " ".join(result.stdout.split())


def test_writes_a_pdf_and_a_word_paper_that_open(qtbot, window, tmp_path):
    _compare(qtbot, window)
    assert window.acts.export_report.isEnabled()
    dialog = window.export_report()
    assert dialog.question.text() == ("Should we adopt \N{LEFT DOUBLE QUOTATION MARK}Third "
                                      "booker\N{RIGHT DOUBLE QUOTATION MARK} for Clinic "
                                      "journey?")
    dialog.recommendation.setPlainText(RECOMMENDATION)

    pdf = _write(qtbot, dialog, tmp_path / "paper", "pdf")
    assert pdf == tmp_path / "paper.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    if shutil.which("pdftotext"):
        text = _pdf_text(pdf)
        assert "Third booker" in text and "third booker for six months" in text
    assert "Saved the board paper" in window.statusBar().currentMessage()
    assert not dialog.isVisible()

    dialog = window.export_report()
    dialog.recommendation.setPlainText(RECOMMENDATION)
    word = _write(qtbot, dialog, tmp_path / "paper.docx", "docx")
    assert zipfile.is_zipfile(word)
    document = docx.Document(str(word))
    text = " ".join([p.text for p in document.paragraphs]
                    + [cell.text for table in document.tables for row in table.rows
                       for cell in row.cells])
    assert RECOMMENDATION in text and "Third booker" in text


def test_choosing_word_changes_the_suffix(qtbot, window, tmp_path):
    _compare(qtbot, window)
    dialog = window.export_report()
    dialog.path.setText(str(tmp_path / "paper.pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.path.text() == str(tmp_path / "paper.docx")


def test_a_failure_is_a_message_and_the_old_file_stays(qtbot, window, tmp_path, dialogs,
                                                       monkeypatch):
    _compare(qtbot, window)
    old = tmp_path / "paper.pdf"
    old.write_bytes(b"the paper of last month")

    def broken(*args, **kwargs):
        raise OutsideInError("The disk is full.")

    monkeypatch.setattr(report_dialog, "write_board_paper", broken)
    dialog = window.export_report()
    dialog.recommendation.setPlainText(RECOMMENDATION)
    dialog.path.setText(str(old))
    assert dialog.write()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=TIMEOUT_MS)
    assert "The disk is full" in dialogs.texts("warning")[-1]
    assert "as it was" in dialogs.texts("warning")[-1]
    assert old.read_bytes() == b"the paper of last month"
    assert dialog.isVisible() and dialog.ok.isEnabled()


def test_missing_answers_are_asked_for(qtbot, window, tmp_path, dialogs):
    _compare(qtbot, window)
    dialog = window.export_report()
    dialog.question.setText("")
    assert not dialog.write()
    assert "question" in dialog.message.text()
    dialog.question.setText("Should we?")
    dialog.path.setText(str(tmp_path / "no such folder" / "paper.pdf"))
    assert not dialog.write()
    assert "no such folder" in dialog.message.text()

    dialog.path.setText(str(tmp_path / "paper.pdf"))
    dialogs.answers["question"] = QMessageBox.StandardButton.No
    assert not dialog.write()  # no recommendation, and the user wants to write one
    assert "recommendation" in dialogs.shown[-1][2]
    assert dialog.task is None


def test_with_no_comparison_it_runs_one_first(qtbot, window):
    assert window.comparison is None
    assert window.export_report() is None
    dialog = window.compare_dialog
    assert dialog is not None
    dialog.add_scenario_file(window.scenario_path)
    with qtbot.waitSignal(window.analysis.finished, timeout=TIMEOUT_MS):
        dialog.accept()
    qtbot.waitUntil(lambda: window.report_dialog is not None)
    assert window.report_dialog.comparison is window.comparison
