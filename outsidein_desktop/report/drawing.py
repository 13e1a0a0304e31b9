"""Small drawing helpers the charts share: a fresh styled axes, colours from the style,
titles that fit, legends above the plot, dates on an axis, a footnote below a figure."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import matplotlib.dates as mdates
import numpy as np
from matplotlib import colors, rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

from .style import FOOTNOTE_SIZE, board_style


@contextlib.contextmanager
def axes_for(ax: Axes | None) -> Iterator[Axes]:
    """``ax`` itself, or the axes of a new figure drawn in the board style.

    Tick marks are made when the chart is drawn, with the settings of that moment; they
    are made here, while the style applies, so that a figure drawn later (on screen, in
    the GUI) keeps the board look."""
    if ax is not None:
        yield ax
        realise_ticks(ax)
        return
    with board_style():
        figure = Figure(layout="constrained")
        ax = figure.add_subplot()
        yield ax
        realise_ticks(ax)


def realise_ticks(ax: Axes) -> None:
    """Make the tick marks, labels and grid lines now, in the current style (later ticks
    copy them)."""
    for axis in (ax.xaxis, ax.yaxis):
        axis.get_major_ticks()
        axis.get_minor_ticks()


def colour(n: int) -> str:
    """The n-th colour of the current style's cycle, fixed now ("C0" would be looked up
    again when the figure is drawn, perhaps outside the style)."""
    return colors.to_hex(f"C{n}")


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in points of one line of ``text`` in the style's font."""
    prop = FontProperties(size=size, weight=weight)
    return text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap_to_width(text: str, width: float, size: float, weight: str = "normal") -> str:
    """``text`` broken into lines no wider than ``width`` points, preferring to break after
    a semicolon or colon when the text does not fit on one line."""
    if text_width(text, size, weight) <= width:
        return text
    for mark in ("; ", ": "):
        head, found, tail = text.partition(mark)
        if found and max(text_width(head + mark.strip(), size, weight),
                         text_width(tail, size, weight)) <= width:
            return f"{head}{mark.strip()}\n{tail}"
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, weight) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _left_margin(ax: Axes) -> float:
    """About how many points the y-axis labels take left of the axes."""
    size = FontProperties(size=rcParams["ytick.labelsize"]).get_size_in_points()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widest = max((text_width(s, size) for s in labels if s), default=3 * size)
    ylabel = rcParams["axes.labelsize"]
    ylabel = FontProperties(size=ylabel).get_size_in_points() * 1.6 if ax.get_ylabel() else 0
    return widest + ylabel + 14


def set_title(ax: Axes, text: str, *, legend_rows: int = 0) -> None:
    """A finding as the title, left-aligned and wrapped to fit beside the y-axis labels;
    room left for a legend of ``legend_rows`` rows between it and the plot."""
    size = ax.title.get_fontsize()
    weight = rcParams["axes.titleweight"]
    width = ax.figure.get_figwidth() * 72 - _left_margin(ax) - 12
    pad = rcParams["axes.titlepad"]
    if legend_rows:
        legend_size = FontProperties(size=rcParams["legend.fontsize"]).get_size_in_points()
        pad += legend_rows * legend_size * 1.45 + 6
    ax.set_title(wrap_to_width(text, width, size, weight), loc="left", pad=pad)


def legend_above(ax: Axes, ncol: int, **kwargs) -> None:
    """The legend in a band between the title and the plot, aligned with the axes."""
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=ncol, borderaxespad=0.2,
              handlelength=1.5, columnspacing=1.2, frameon=False, **kwargs)


def dates_from(start: dt.date, days: np.ndarray) -> np.ndarray:
    """Simulated day numbers (from the run's start) as real dates (numpy datetime64)."""
    base = np.datetime64(start, "m")
    minutes = np.round(np.asarray(days, dtype=float) * 1440.0)
    finite = np.where(np.isfinite(minutes), minutes, 0).astype("timedelta64[m]")
    return base + finite


def date_axis(ax: Axes) -> None:
    """Readable dates on the x axis: months with their year, or days and months. Call it
    once the axis shows its final range of dates."""
    low, high = ax.get_xlim()
    # Over a few weeks, ticks every few days from the first (not restarting at each month's
    # 1st, which puts "29 Jun" beside "01 Jul").
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8,
                                     interval_multiples=high - low > 62)
    # Every month tick names its year ("Oct 2026"): a board reader should not have to
    # work out which year the first months are in.
    levels = ["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=levels, zero_formats=["", "%b %Y", "%d %b", "%d %b", "%H:%M",
                                               "%H:%M"], show_offset=False))


def error_lengths(means: np.ndarray, lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """Asymmetric error bar lengths (2 x n) from CI ends; 0 where a CI is unknown."""
    below = np.where(np.isfinite(lows), means - lows, 0.0)
    above = np.where(np.isfinite(highs), highs - means, 0.0)
    return np.nan_to_num(np.vstack([np.clip(below, 0, None), np.clip(above, 0, None)]))


def finite_max(*arrays: np.ndarray, default: float = 1.0) -> float:
    """The largest finite value of the arrays (for an axis limit), or ``default``."""
    values = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in arrays])
    values = values[np.isfinite(values)]
    return float(values.max()) if len(values) and values.max() > 0 else default


def no_data(ax: Axes, message: str) -> Axes:
    """An empty chart that says why it is empty."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            color="0.35")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def new_figure(width: float, height: float) -> Figure:
    """A figure laid out so that nothing is clipped (constrained layout)."""
    return Figure(figsize=(width, height), layout="constrained")


def add_footnote(fig: Figure, text: str) -> Figure:
    """``text`` wrapped to the width of ``fig`` at its bottom left, with room made for it
    (the layout engine keeps the charts above it; without one, the bottom margin grows)."""
    text = wrap_to_width(text, fig.get_figwidth() * 72 - 12, FOOTNOTE_SIZE)
    lines = text.count("\n") + 1
    height = (lines * FOOTNOTE_SIZE * 1.35 + 6) / 72 / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, height, 1, 1 - height))
    else:
        fig.subplots_adjust(bottom=max(fig.subplotpars.bottom, height + 0.08))
    fig.text(0.005, 0.005, text, ha="left", va="bottom", fontsize=FOOTNOTE_SIZE,
             color="0.35", gid="footnote")
    return fig
