"""The board style: where its .mplstyle file is, and a context that applies it.

The look of every chart lives in ``resources/outsidein.mplstyle`` at the top of the source
tree (STYLE.md rule 7). Nothing here selects a matplotlib backend: figures are made with
:class:`matplotlib.figure.Figure` directly, so they draw headless and embed in Qt.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import matplotlib.style

import outsidein_desktop

log = logging.getLogger(__name__)

STYLE_NAME = "outsidein.mplstyle"

#: A4 text width is about 16-17 cm; board figures are 7 inches (17.8 cm) wide.
FIGURE_WIDTH = 7.0
FIGURE_HEIGHT = 4.4
#: Footnote text, in points: small, but still readable on paper.
FOOTNOTE_SIZE = 7.0


def style_path() -> Path | None:
    """The board style file, or None if this installation lacks it: in the source tree
    (run from a checkout, or installed with ``pip install -e``), else where an installed
    wheel put it (``share/outsidein`` under the environment's prefix)."""
    for path in (Path(outsidein_desktop.__file__).resolve().parents[1] / "resources",
                 Path(sys.prefix) / "share" / "outsidein"):
        if (path / STYLE_NAME).is_file():
            return path / STYLE_NAME
    return None


_warned = False


@contextlib.contextmanager
def board_style() -> Iterator[None]:
    """Draw (and save) in the board style inside this block.

    If the style file is missing, matplotlib's defaults are used and a warning is logged
    once: the charts still draw, only plainer."""
    global _warned
    path = style_path()
    if path is None:
        if not _warned:
            log.warning("The chart style %s was not found; charts use matplotlib's "
                        "default look.", STYLE_NAME)
            _warned = True
        yield
        return
    with matplotlib.style.context(str(path)):
        yield
