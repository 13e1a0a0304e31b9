"""The board paper: built from a comparison, written as PDF (pages render, fonts embedded,
the summary on page 1) and as Word (read back: headings, tables, pictures, the
recommendation); saving is atomic."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest

from outsidein_desktop.report.export import ExportError
from outsidein_desktop.report.paper import build_paper, write_docx, write_pdf, write_report
from outsidein_desktop.report.paper.build import PLACEHOLDER
from outsidein_desktop.report.paper.model import Box, Chart, Heading, TableBlock

from .comparison_case import small_comparison

QUESTION = "Should we fund a third booker, and what would a slower clinic cost us?"
RECOMMENDATION = "Fund the third booker from April; do not slow the clinic."
APPENDIX = ["A1. Purpose", "A2. Model logic", "A3. Data and assumptions",
            "A4. Experimentation", "A5. Validation", "A6. Software and versions"]

# The PDF checks use poppler-utils (pdftoppm, pdffonts, pdftotext, pdfinfo): on Debian or
# Ubuntu, sudo apt-get install poppler-utils.


@pytest.fixture(scope="module")
def paper():
    return build_paper(small_comparison(), question=QUESTION, recommendation=RECOMMENDATION,
                       map_path="models/two_teams.json", people="patients")


@pytest.fixture(scope="module")
def pdf(paper, tmp_path_factory):
    return write_pdf(paper, tmp_path_factory.mktemp("pdf") / "paper.pdf")


@pytest.fixture(scope="module")
def word(paper, tmp_path_factory):
    return write_docx(paper, tmp_path_factory.mktemp("docx") / "paper.docx")


def test_the_paper_opens_with_the_question_table_recommendation_and_a_chart(paper):
    first_break = next(i for i, b in enumerate(paper.blocks) if type(b).__name__ == "PageBreak")
    summary = paper.blocks[:first_break]
    assert any(getattr(b, "text", "").endswith(QUESTION) for b in summary)
    tables = [b for b in summary if isinstance(b, TableBlock)]
    assert len(tables) == 1 and tables[0].header[:4] == (
        "Measure", "Baseline", "Third booker", "Slower clinic")
    boxes = [b for b in summary if isinstance(b, Box)]
    assert boxes == [Box("Recommendation", RECOMMENDATION)]
    assert sum(isinstance(b, Chart) for b in summary) == 1


def test_an_empty_recommendation_is_left_for_the_team():
    paper = build_paper(small_comparison(), question="", recommendation="  ")
    box = next(b for b in paper.blocks if isinstance(b, Box))
    assert box.text == PLACEHOLDER and box.placeholder


def test_the_paper_has_a_page_per_option_and_the_stress_des_appendix(paper):
    headings = paper.headings()
    for name in ("Option: Baseline", "Option: Third booker", "Option: Slower clinic",
                 "The comparison in charts", "Appendix: the model (STRESS-DES)", *APPENDIX):
        assert name in headings
    text = " ".join(getattr(b, "text", "") for b in paper.blocks)
    assert "Booking: staff 2 → 3" in " ".join(
        item for b in paper.blocks for item in getattr(b, "items", ()))
    assert "Made up for the tests." in text  # the map's notes
    assert "Pollaczek" in " ".join(item for b in paper.blocks
                                   for item in getattr(b, "items", ()))


def test_every_pdf_page_renders_in_colour_and_in_grey(pdf, tmp_path):
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    assert pages >= 6
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(pdf),
                    str(tmp_path / "grey")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == pages
    assert len(list(tmp_path.glob("grey-*.png"))) == pages
    assert all(p.stat().st_size > 1000 for p in tmp_path.glob("*.png"))


def test_every_pdf_font_is_embedded(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts, out
    for line in fonts:
        columns = line.split()
        name, embedded = columns[0], columns[-5]
        assert embedded == "yes", line
        assert "DejaVu" in name, line


def test_the_summary_fits_on_page_one_and_pages_are_numbered(pdf):
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "The question: Should we fund a third booker" in first
    assert "Recommendation" in first and "Fund the third booker from April" in first
    assert "Third booker cuts the median end-to-end time" in first
    assert "Page 1" in first
    images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)],
                            capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) >= 3  # a header, a rule and the summary chart
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Two teams" in info and "A4" in info
    assert b"/Outlines" in pdf.read_bytes()  # headings are bookmarks


def test_the_word_document_reads_back_with_headings_tables_and_pictures(word):
    document = docx.Document(str(word))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Summary", "The options", "What the simulation shows"]
    for name in APPENDIX:
        assert name in headings
    assert document.paragraphs[0].style.name == "Title"
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells][:4] == [
        "Measure", "Baseline", "Third booker", "Slower clinic"]
    assert len(first.rows) == 1 + 8
    texts = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(RECOMMENDATION in text for text in texts)
    assert len(document.inline_shapes) >= 6  # the summary chart, 3 charts, 3 maps
    assert document.core_properties.title.startswith("Two teams")
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_write_report_chooses_by_suffix_and_refuses_others(paper, tmp_path):
    assert write_report(paper, tmp_path / "p.PDF").read_bytes()[:5] == b"%PDF-"
    assert write_report(paper, tmp_path / "p.docx").read_bytes()[:2] == b"PK"
    with pytest.raises(ExportError, match=r"p\.txt: a report can be saved as a PDF"):
        write_report(paper, tmp_path / "p.txt")


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_a_failed_save_leaves_the_old_file_whole(paper, tmp_path, monkeypatch, suffix):
    path = tmp_path / f"paper{suffix}"
    path.write_bytes(b"the old paper")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if suffix == ".pdf":
        monkeypatch.setattr("reportlab.platypus.SimpleDocTemplate.build", fail)
    else:
        monkeypatch.setattr("docx.document.Document.save", fail)
    with pytest.raises(ExportError, match="No space left on device"):
        write_report(paper, path)
    assert path.read_bytes() == b"the old paper"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_missing_folder_is_a_plain_error(paper, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_pdf(paper, tmp_path / "nowhere" / "paper.pdf")


def test_headings_are_in_reading_order(paper):
    headings = [b.text for b in paper.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings.index("The comparison in charts") < headings.index("Option: Baseline") \
        < headings.index("Appendix: the model (STRESS-DES)")


def test_a_comparison_without_redesigns_still_makes_a_paper(tmp_path):
    from outsidein_desktop.analysis.compare import compare

    from .comparison_case import two_teams

    paper = build_paper(compare(two_teams(), []), question="", recommendation="")
    assert "Option: Baseline" in paper.headings()
    assert write_report(paper, tmp_path / "solo.pdf").stat().st_size > 1000


def test_a_run_where_no_journey_finishes_still_makes_a_paper(tmp_path):
    from outsidein_desktop.analysis.compare import compare
    from outsidein_desktop.domain import Fixed, RunSettings

    from .comparison_case import THIRD_BOOKER, two_teams

    slow = two_teams()
    slow.update("See", duration=Fixed(value=5, unit="days"))
    comparison = compare(slow, [THIRD_BOOKER],
                         RunSettings(days=3, warmup_days=1, replications=3, seed=1))
    paper = build_paper(comparison, question="", recommendation="")
    charts = [b for b in paper.blocks if isinstance(b, Chart)]
    assert any("No journey finished" in c.alt_text for c in charts)
    assert write_report(paper, tmp_path / "none.docx").stat().st_size > 1000


def test_in_word_each_picture_keeps_with_its_caption(word):
    document = docx.Document(str(word))
    paragraphs = document.paragraphs
    pictured = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//pic:pic")]
    captioned = [i for i in pictured
                 if i + 1 < len(paragraphs) and paragraphs[i + 1].style.name == "Caption"]
    assert captioned
    assert all(paragraphs[i].paragraph_format.keep_with_next for i in captioned)


def _summary_texts(paper):
    first_break = next(i for i, b in enumerate(paper.blocks) if type(b).__name__ == "PageBreak")
    return [getattr(b, "text", "") for b in paper.blocks[:first_break]]


def test_page_one_warns_when_a_run_has_not_settled_and_only_then():
    import dataclasses

    comparison = small_comparison()
    settled = build_paper(comparison, question="", recommendation="")
    assert not any("Read with care" in t for t in _summary_texts(settled))

    baseline = comparison.options[0]
    warned = dataclasses.replace(baseline.results, warnings=["The queue for team 'Booking' "
                                                            "kept growing through the run."])
    comparison.options[0] = dataclasses.replace(baseline, results=warned)
    caution = [t for t in _summary_texts(build_paper(comparison, question="", recommendation=""))
               if "Read with care" in t]
    assert len(caution) == 1 and comparison.options[0].name in caution[0]
