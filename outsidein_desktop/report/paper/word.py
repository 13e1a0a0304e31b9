"""The board paper as a Word document (python-docx), for a trust to paste into its own
template: real headings (Title, Heading 1, Heading 2), Word tables, pictures, bulleted
lists and captions in Word's built-in styles, so restyling the document restyles it all."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from ..export import replacing
from .model import Block, Box, Bullets, Chart, Heading, PageBreak, Paper, TableBlock, Text

TEXT_WIDTH = 6.85  # inches: A4 less two 18 mm margins
TEXT_HEIGHT = 9.6


def _page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    document.styles["Normal"].font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _repeat_header(row) -> None:  # noqa: ANN001 - a python-docx table row
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell, fill: str) -> None:  # noqa: ANN001 - a python-docx cell
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document: docx.document.Document, block: TableBlock) -> None:
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    size = Pt(7.5 if block.small or len(block.header) > 6 else 8.5)
    weights = block.widths or (1.0,) * len(block.header)
    widths = [Inches(TEXT_WIDTH * w / sum(weights)) for w in weights]
    for cell, text, width in zip(table.rows[0].cells, block.header, widths, strict=True):
        cell.width = width
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, size
        _shade(cell, "E0E0E0")
    _repeat_header(table.rows[0])
    for r, row in enumerate(block.rows):
        cells = table.add_row().cells
        for c, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.width = widths[c]
            run = cell.paragraphs[0].add_run(text)
            run.font.size = size
            run.bold = (r, c) in block.emphasis
    if block.caption:
        document.add_paragraph(block.caption, style="Caption")
    else:
        document.add_paragraph()


def _chart(document: docx.document.Document, block: Chart) -> None:
    scale = min(1.0, TEXT_WIDTH / block.width, block.max_height / block.height,
                TEXT_HEIGHT / block.height)
    document.add_picture(io.BytesIO(block.png), width=Inches(block.width * scale))
    picture = document.inline_shapes[-1]
    picture._inline.docPr.set("descr", block.alt_text or block.caption)
    if block.caption:
        # A caption alone at the top of a page reads as if it belonged to what follows.
        document.paragraphs[-1].paragraph_format.keep_with_next = True
        document.add_paragraph(block.caption, style="Caption")


def _box(document: docx.document.Document, block: Box) -> None:
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    cell.width = Inches(TEXT_WIDTH)
    _shade(cell, "F2F2F2")
    title = cell.paragraphs[0].add_run(block.title)
    title.bold = True
    text = cell.add_paragraph().add_run(block.text)
    if block.placeholder:
        text.italic = True
        text.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    document.add_paragraph()


def _add(document: docx.document.Document, block: Block) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
    elif isinstance(block, Text):
        paragraph = document.add_paragraph(block.text)
        if block.style == "small":
            for run in paragraph.runs:
                run.font.size = Pt(8)
        elif block.style == "lead":
            for run in paragraph.runs:
                run.font.size, run.bold = Pt(11.5), True
    elif isinstance(block, Bullets):
        for item in block.items:
            paragraph = document.add_paragraph(item, style="List Bullet")
            if block.small:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    elif isinstance(block, TableBlock):
        _table(document, block)
    elif isinstance(block, Chart):
        _chart(document, block)
    elif isinstance(block, Box):
        _box(document, block)
    elif isinstance(block, PageBreak):
        document.add_page_break()
    else:
        raise TypeError(f"A paper cannot hold {type(block).__name__}.")


def write_docx(paper: Paper, path: str | os.PathLike[str]) -> Path:
    """Write ``paper`` as a Word document (A4, page numbers in the footer). The file is
    written beside ``path`` and renamed over it when complete: a failure leaves an old
    file as it was. Raises ExportError (a plain sentence) if it cannot be saved."""
    document = docx.Document()
    _page_setup(document)
    properties = document.core_properties
    properties.title, properties.author = paper.title, paper.author
    properties.subject = paper.question or paper.title
    document.add_heading(paper.title, level=0)
    document.add_paragraph(paper.subtitle, style="Subtitle")
    for block in paper.blocks:
        _add(document, block)
    path = Path(path)
    with replacing(path) as temporary:
        document.save(str(temporary))
    return path
