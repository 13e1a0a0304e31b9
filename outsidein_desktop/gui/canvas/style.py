"""The canvas's look in one place: sizes, colours, fonts, and text fitting.

Sizes are scene units (pixels at 100% zoom). Fonts use pixel sizes, so that the screen,
a 2x PNG and an SVG all show the same proportions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

#: Width and height of each kind of part.
NODE_SIZE: dict[str, tuple[float, float]] = {
    "entry": (136.0, 50.0),
    "step": (156.0, 66.0),
    "decision": (144.0, 80.0),
    "delay": (150.0, 58.0),
    "exit": (136.0, 50.0),
}
KINDS = ("entry", "step", "decision", "delay", "exit")
KIND_LABELS = {"entry": "Entry", "step": "Step", "decision": "Decision", "delay": "Delay",
               "exit": "Exit"}

INK = QColor("#1F2937")
MUTED = QColor("#5B6472")
OUTLINE = QColor("#64748B")
SELECTION = QColor("#2563EB")
ERROR = QColor("#DC2626")
WARNING = QColor("#D97706")
UNKNOWN_TEAM = QColor("#9CA3AF")

#: Fill and border of the parts no team works on.
FILL = {
    "entry": QColor("#E7F4EA"),
    "decision": QColor("#FFF6DB"),
    "delay": QColor("#F4EFE7"),
    "exit": QColor("#EEF0F3"),
}
BORDER = {
    "entry": QColor("#2F855A"),
    "decision": QColor("#B7791F"),
    "delay": QColor("#8D6E63"),
    "exit": QColor("#374151"),
}

ARROW = QColor("#5B6472")
CROSS_TEAM = QColor("#C2410C")
STORY = QColor("#B45309")
ARROW_WIDTH = 1.6
CROSS_TEAM_WIDTH = 2.6
ARROW_HEAD = 10.0

LANE_FILLS = (QColor("#F7F9FC"), QColor("#EDF1F7"))
LANE_LINE = QColor("#CBD5E1")
LANE_HEADER_WIDTH = 132.0
GRID_DOT = QColor("#D5DAE1")
CANVAS_BACKGROUND = QColor("#FBFBFD")

NAME_PX = 12
DETAIL_PX = 10
LABEL_PX = 10


def font(pixels: int, *, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(pixels)
    f.setBold(bold)
    return f


def tint(colour: QColor | str, amount: float = 0.84) -> QColor:
    """``colour`` mixed with white: 0 is the colour itself, 1 is white."""
    c = QColor(colour)
    return QColor.fromRgbF(c.redF() + (1 - c.redF()) * amount,
                           c.greenF() + (1 - c.greenF()) * amount,
                           c.blueF() + (1 - c.blueF()) * amount)


def wrap(text: str, f: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines no wider than ``width``.

    Breaks at spaces (a word longer than a line is elided); what does not fit ends in "…".
    """
    metrics = QFontMetricsF(f)
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
