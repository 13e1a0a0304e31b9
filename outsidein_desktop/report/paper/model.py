"""What a board paper says, apart from how it is typeset: a list of blocks (headings,
text, bullets, tables, charts, a boxed recommendation, page breaks) that the PDF and
Word writers lay out each in its own way.

Charts are drawn once, when the paper is built, as 300-dpi PNG images: both writers place
the same pictures, and neither needs matplotlib.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from matplotlib import rc_context
from matplotlib.figure import Figure

from ..style import board_style

#: Charts are drawn at this resolution: print quality on A4.
CHART_DPI = 300


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: a section (starts the chapter), 2: a subsection
    in_pdf: bool = True  # False: only in Word's outline (the PDF's page has no room)


@dataclass(frozen=True)
class Text:
    text: str
    style: str = "body"  # body, lead (larger, the question) or small (notes)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    small: bool = False


@dataclass(frozen=True)
class TableBlock:
    """A table of text. ``widths`` are relative column widths (None: equal);
    ``emphasis`` marks the cells, by (row, column), that carry a verdict."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    caption: str = ""
    emphasis: frozenset[tuple[int, int]] = frozenset()
    small: bool = False


@dataclass(frozen=True)
class Chart:
    """A picture: PNG bytes at :data:`CHART_DPI`, its size in inches and a caption.
    ``max_height`` (inches) limits it on the page; the writers scale it down to fit."""

    png: bytes
    width: float
    height: float
    caption: str = ""
    max_height: float = 8.5
    alt_text: str = ""
    shrink_to_fit: bool = False  # scale down (to 60%) to fit the rest of the page


@dataclass(frozen=True)
class Box:
    """A framed block: the recommendation."""

    title: str
    text: str
    placeholder: bool = False  # the team has not written it yet


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Text | Bullets | TableBlock | Chart | Box | PageBreak


@dataclass
class Paper:
    """A board paper: its title, the question it answers, the recommendation the team
    wrote, and its body as blocks in reading order."""

    title: str
    subtitle: str
    question: str
    recommendation: str
    blocks: list[Block] = field(default_factory=list)
    author: str = "OutsideIn"

    def headings(self, level: int | None = None) -> list[str]:
        return [b.text for b in self.blocks
                if isinstance(b, Heading) and (level is None or b.level == level)]


def chart_from_figure(fig: Figure, caption: str = "", max_height: float = 8.5) -> Chart:
    """Draw ``fig`` as a 300-dpi PNG, in the board style, cropped to its drawing."""
    buffer = io.BytesIO()
    with board_style(), rc_context({"savefig.bbox": "tight"}):
        fig.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight",
                    pad_inches=0.06, facecolor="white")
    data = buffer.getvalue()
    width, height = _png_size(data)
    title = fig.axes[0].get_title(loc="left") if fig.axes else ""
    title = title or fig.get_suptitle()
    return Chart(data, width / CHART_DPI, height / CHART_DPI, caption, max_height,
                 title.replace("\n", " "))


def _png_size(data: bytes) -> tuple[int, int]:
    # The IHDR chunk: width and height, big-endian, right after the 8-byte signature.
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
