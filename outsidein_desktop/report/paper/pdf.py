"""The board paper as a PDF (reportlab platypus): A4, DejaVu Sans embedded, page numbers,
tables that repeat their header, charts at 300 dpi, and nothing that relies on colour
alone (verdicts are words, the recommendation a framed box)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as PdfPageBreak

from ..export import replacing
from .model import Block, Box, Bullets, Chart, Heading, PageBreak, Paper, TableBlock, Text

FONT = "DejaVuSans"
_FACES = {FONT: "DejaVuSans.ttf", f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
          f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
          f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
MARGIN = 18 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN
TEXT_HEIGHT = A4[1] - 2 * MARGIN - 8 * mm  # the footer's line
INK = colors.Color(0.1, 0.1, 0.1)
RULE = colors.Color(0.55, 0.55, 0.55)


def register_fonts() -> str:
    """Register DejaVu Sans (the charts' font, shipped with matplotlib) with reportlab;
    TrueType fonts are embedded (subset) in every PDF that uses them."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in _FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold",
                                  italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-BoldOblique")
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.8, textColor=INK,
                          alignment=TA_LEFT, spaceAfter=5)
    return {
        "body": base,
        "lead": ParagraphStyle("lead", base, fontSize=11, leading=14.5, spaceAfter=6),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.6,
                                textColor=colors.Color(0.3, 0.3, 0.3)),
        "title": ParagraphStyle("title", base, fontName=f"{FONT}-Bold", fontSize=15.5,
                                leading=19, spaceAfter=3),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=9, leading=12,
                                   textColor=colors.Color(0.3, 0.3, 0.3), spaceAfter=10),
        "h1": ParagraphStyle("h1", base, fontName=f"{FONT}-Bold", fontSize=14, leading=18,
                             spaceBefore=2, spaceAfter=6, keepWithNext=True),
        "h2": ParagraphStyle("h2", base, fontName=f"{FONT}-Bold", fontSize=10.5,
                             leading=13.5, spaceBefore=6, spaceAfter=3, keepWithNext=True),
        "bullet_small": ParagraphStyle("bullet_small", base, fontSize=8.6, leading=11,
                                       spaceAfter=2),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=9.8, spaceAfter=0),
        "cell_small": ParagraphStyle("cell_small", base, fontSize=7.2, leading=8.8,
                                     spaceAfter=0),
        "caption": ParagraphStyle("caption", base, fontName=f"{FONT}-Oblique", fontSize=7.8,
                                  leading=10, textColor=colors.Color(0.25, 0.25, 0.25),
                                  spaceBefore=2, spaceAfter=8),
        "box": ParagraphStyle("box", base, fontSize=10, leading=13.5, spaceAfter=0),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(block: TableBlock, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    cell = styles["cell_small" if block.small or len(block.header) > 6 else "cell"]
    bold = ParagraphStyle("bold", cell, fontName=f"{FONT}-Bold")
    data = [[_p(h, bold) for h in block.header]]
    for r, row in enumerate(block.rows):
        data.append([_p(text, bold if (r, c) in block.emphasis else cell)
                     for c, text in enumerate(row)])
    weights = block.widths or (1.0,) * len(block.header)
    widths = [TEXT_WIDTH * w / sum(weights) for w in weights]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the table's own default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    flowables: list[Flowable] = [table]
    if block.caption:
        flowables.append(_p(block.caption, styles["caption"]))
    else:
        flowables.append(Spacer(1, 6))
    return flowables


class _FittedImage(Flowable):
    """A picture that shrinks (to no less than ``smallest`` of its size) to fit the space
    left on the page; smaller than that, it moves to the next page whole."""

    def __init__(self, png: bytes, width: float, height: float, smallest: float) -> None:
        super().__init__()
        self.png, self.full, self.smallest = png, (width, height), smallest
        self.drawWidth, self.drawHeight = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.full
        scale = min(1.0, available_width / width, available_height / height)
        if scale < self.smallest:
            scale = min(1.0, available_width / width)
        self.drawWidth, self.drawHeight = width * scale, height * scale
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, self.drawWidth,
                            self.drawHeight)


def _chart(block: Chart, styles: dict[str, ParagraphStyle]) -> Flowable | list[Flowable]:
    scale = min(1.0, TEXT_WIDTH / (block.width * inch),
                block.max_height * inch / (block.height * inch),
                (TEXT_HEIGHT - 40) / (block.height * inch))
    width, height = block.width * inch * scale, block.height * inch * scale
    if block.shrink_to_fit:
        caption = _p(block.caption, styles["caption"]) if block.caption else Spacer(1, 4)
        return [caption, _FittedImage(block.png, width, height, 0.65)]
    image = Image(io.BytesIO(block.png), width=width, height=height, hAlign="LEFT")
    parts: list[Flowable] = [image]
    if block.caption:
        parts.append(_p(block.caption, styles["caption"]))
    else:
        parts.append(Spacer(1, 6))
    return KeepTogether(parts)


def _box(block: Box, styles: dict[str, ParagraphStyle]) -> Flowable:
    text_style = ParagraphStyle("boxtext", styles["box"],
                                fontName=f"{FONT}-Oblique" if block.placeholder else FONT,
                                textColor=colors.Color(0.35, 0.35, 0.35)
                                if block.placeholder else INK)
    title = ParagraphStyle("boxtitle", styles["box"], fontName=f"{FONT}-Bold",
                           spaceAfter=3)
    box = Table([[[_p(block.title, title), _p(block.text, text_style)]]],
                colWidths=[TEXT_WIDTH], hAlign="LEFT")
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                             ("BOX", (0, 0), (-1, -1), 1.4, INK),
                             ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.95, 0.95, 0.95)),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                             ("LEFTPADDING", (0, 0), (-1, -1), 8),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 8)]))
    return KeepTogether([Spacer(1, 4), box, Spacer(1, 6)])


def _flowables(block: Block, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if isinstance(block, Heading):
        if not block.in_pdf:
            return []
        heading = _p(block.text, styles["h1" if block.level == 1 else "h2"])
        heading.outline = (block.text, block.level - 1)  # picked up by _Document
        return [heading]
    if isinstance(block, Text):
        return [_p(block.text, styles.get(block.style, styles["body"]))]
    if isinstance(block, Bullets):
        style = styles["bullet_small" if block.small else "body"]
        items = [ListItem(_p(item, style), leftIndent=12, value="•")
                 for item in block.items]
        return [ListFlowable(items, bulletType="bullet", start="•", leftIndent=12,
                             bulletFontName=FONT, bulletFontSize=8)]
    if isinstance(block, TableBlock):
        return _table(block, styles)
    if isinstance(block, Chart):
        made = _chart(block, styles)
        return made if isinstance(made, list) else [made]
    if isinstance(block, Box):
        return [_box(block, styles)]
    if isinstance(block, PageBreak):
        return [PdfPageBreak()]
    raise TypeError(f"A paper cannot hold {type(block).__name__}.")


class _Document(SimpleDocTemplate):
    """Headings become the PDF's bookmarks (its outline), for finding a page on screen."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        outline = getattr(flowable, "outline", None)
        if outline:
            text, level = outline
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)


def write_pdf(paper: Paper, path: str | os.PathLike[str]) -> Path:
    """Write ``paper`` as an A4 PDF with embedded fonts and page numbers. The file is
    written beside ``path`` and renamed over it when complete: a failure leaves an old
    file as it was. Raises ExportError (a plain sentence) if it cannot be saved."""
    register_fonts()
    styles = _styles()
    title = _p(paper.title, styles["title"])
    title.outline = ("Summary", 0)  # the first page's bookmark: it has no heading of its own
    story: list[Flowable] = [title, _p(paper.subtitle, styles["subtitle"])]
    for block in paper.blocks:
        story += _flowables(block, styles)

    def footer(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawString(MARGIN, MARGIN - 8 * mm, paper.title[:110])
        canvas.drawRightString(A4[0] - MARGIN, MARGIN - 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    path = Path(path)
    with replacing(path) as temporary:
        document = _Document(
            str(temporary), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN, title=paper.title, author=paper.author,
            subject=paper.question or paper.title, creator="OutsideIn",
            initialFontName=FONT, initialFontSize=9.5)
        document.build(story, onFirstPage=footer, onLaterPages=footer)
    return path
