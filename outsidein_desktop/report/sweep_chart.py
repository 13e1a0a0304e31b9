"""The sweep chart: a customer's-view measure against the swept parameter, the mean over
replications as a line in its 95% confidence band, the knee marked and named, and a title
that says what the sweep found. With two parameters, one line per value of the second.

A point whose run had not settled (a queue still growing at the end: see
:mod:`..analysis.sweep_settled`) is a hollow triangle joined by dashes, with a key above the
plot and a note in the footnote; the knee and the finding are read from the settled points,
and the title says which points did not settle and why.

    fig = sweep_figure(result, "end_to_end_median")   # with its footnote
    export_sweep_chart(result, folder)                 # sweep.png (300 dpi), .svg, .pdf
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from ..analysis.estimates import Estimate
from ..analysis.knee import Knee
from ..analysis.sweep import DEFAULT_MEASURE, SweepResult, check_measure
from ..analysis.sweep_settled import key_text, point_text, unsettled_clause
from .drawing import (
    axes_for,
    colour,
    legend_above,
    new_figure,
    no_data,
    set_title,
    text_width,
)
from .export import FIGURE_FORMATS, save_figure
from .figures import finish_figure
from .readings import number
from .style import FIGURE_HEIGHT, FIGURE_WIDTH, board_style
from .tables import _COUNT_UNITS, _CUSTOMER_ROWS  # the measures' labels, shared with tables
from .timescale import unit_for

#: Each measure as the subject of a sentence ("..., the median end-to-end time hardly
#: falls"). All singular, so that one verb form fits.
SUBJECTS = {
    "end_to_end_median": "the median end-to-end time",
    "end_to_end_p90": "the 90th percentile end-to-end time",
    "end_to_end_mean": "the mean end-to-end time",
    "waiting_mean": "the mean time waiting",
    "waiting_share": "the share of the journey spent waiting",
    "touch_mean": "the mean time with staff",
    "flow_efficiency": "flow efficiency",
    "unowned_mean": "the mean time between teams",
    "unowned_share": "the share of the journey between teams",
    "handoffs_per_customer": "the number of handoffs per customer",
    "story_repeats_per_customer": "the number of times a story is told again",
    "chases_per_100": "the number of chases per 100 customers",
    "gave_up_share": "the share of customers who give up",
    "arrivals_per_day": "the number of arrivals a day",
    "completed_per_day": "the number of journeys completed a day",
    "in_system_at_end": "the number still in the journey at the end",
}

#: How many unsettled points the footnote names before "and N more".
MOST_NAMED = 6

_KNEE_NOTE = ("Knee: where the curve bends most, the point farthest from the straight line "
              "joining its ends (both axes scaled to 0-1, the curve smoothed to only fall or "
              "only rise); none is marked where the curve is straight or moves less than its "
              "confidence band.")


@dataclass(frozen=True)
class Scale:
    """How a measure is drawn: its axis label and the factor from its own units."""

    label: str
    factor: float
    unit: str  # said after a number in a label: "days", "%", ""


def measure_scale(result: SweepResult, measure: str) -> Scale:
    """Times in the unit their largest mean reads best in (among the points the finding is
    read from: a day's wait at a point whose queue kept growing would put the others at "0
    hours"), shares in percent."""
    label, kind, _ = _CUSTOMER_ROWS.get(measure, (measure, "count", ""))
    if kind == "time":
        means = [e.mean for e in _readable(result, measure) if math.isfinite(e.mean)]
        unit = unit_for(max(means, default=math.nan))
        return Scale(unit.label(label), 1 / unit.minutes, unit.name)
    if kind == "percent":
        return Scale(f"{label} (%)", 100.0, "%")
    return Scale(label, 1.0, _COUNT_UNITS.get(measure, ""))


def _readable(result: SweepResult, measure: str) -> list[Estimate]:
    """``measure`` at the points a finding is read from (the settled ones; every point of a
    line where fewer than two settled)."""
    return [e for at, (_, estimates) in result.lines(measure).items()
            for e, keep in zip(estimates, result.read_from(at), strict=True) if keep]


#: An unsettled point more than this many times the top of the others is off the scale.
OFF_SCALE = 3.0


def _y_top(result: SweepResult, measure: str, scale: Scale) -> float | None:
    """The top of the y-axis when the unsettled points would squash the others into the
    bottom of the chart (a queue that grew all run waits days where the others wait
    minutes); None to fit every point."""
    if not result.unsettled_points:
        return None
    readable = [max(e.mean, e.high) if math.isfinite(e.high) else e.mean
                for e in _readable(result, measure)]
    top = max((y for y in readable if math.isfinite(y)), default=math.nan) * scale.factor
    highest = max((p.results.customer[measure].mean for p in result.unsettled_points
                   if math.isfinite(p.results.customer[measure].mean)),
                  default=math.nan) * scale.factor
    if not (top > 0 and highest > OFF_SCALE * top * 1.15):
        return None
    return top * 1.15


def _said(value: float, scale: Scale) -> str:
    text = number(value * scale.factor)
    return f"{text}%" if scale.unit == "%" else f"{text} {scale.unit}".rstrip()


def _direction(estimates: list[Estimate]) -> str:
    means = [e.mean for e in estimates if math.isfinite(e.mean)]
    return "falls" if means and means[-1] < means[0] else "rises"


# --- the title: what the sweep found ------------------------------------------------------


def sweep_title(result: SweepResult, measure: str = DEFAULT_MEASURE) -> str:
    """The finding: "Beyond 4 staff in team 'Triage', the median end-to-end time hardly
    falls"; or that the measure falls steadily, or hardly changes. Read from the points
    whose run settled, and followed by which did not and why ("…; at 1 staff the queue for
    team 'Triage' was still growing at the end of the run")."""
    finding = _finding(result, measure)
    clause = unsettled_clause(result)
    return f"{finding}; {clause}" if clause else finding


def _settled_lines(result: SweepResult, measure: str,
                   ) -> dict[float | None, tuple[np.ndarray, list[Estimate]]]:
    """Each line with only the points a finding is read from (the settled ones)."""
    lines = {}
    for at, (x, estimates) in result.lines(measure).items():
        keep = result.read_from(at)
        lines[at] = (x[keep], [e for e, k in zip(estimates, keep, strict=True) if k])
    return lines


def _finding(result: SweepResult, measure: str) -> str:
    check_measure(measure)
    subject = SUBJECTS.get(measure, measure)
    first = result.first
    lines = _settled_lines(result, measure)
    knees = {at: result.find_knee(measure, at) for at in lines}
    directions = {_direction(estimates) for _, estimates in lines.values()}
    found = [k for k in knees.values() if k is not None]
    if result.second is not None and len(found) == len(knees) and len(directions) == 1 \
            and len({k.flattens for k in found}) == 1:
        low = min(k.value for k in found)
        high = max(k.value for k in found)
        said = _knee_sentence(first.phrase(low, high), subject, found[0], directions.pop())
        whatever = "whatever the" if low == high else "depending on the"
        return f"{said}, {whatever} {result.second.label}"
    if result.second is None and found:
        return _knee_sentence(first.phrase(found[0].value), subject, found[0],
                              directions.pop())
    if result.second is None:
        x, estimates = lines[None]
        scale = measure_scale(result, measure)
        if result.is_flat(measure):
            return (f"{_capital(subject)} hardly changes with the {first.label}, from "
                    f"{first.value_text(x[0])} to {first.value_text(x[-1])}")
        return (f"{_capital(subject)} {directions.pop()} steadily from "
                f"{_said(estimates[0].mean, scale)} to {_said(estimates[-1].mean, scale)} as "
                f"the {first.label} goes from {first.value_text(x[0])} to "
                f"{first.value_text(x[-1])}")
    return (f"How {subject} changes with the {first.label}, for each "
            f"{result.second.label}")


def _knee_sentence(phrase: str, subject: str, knee: Knee, direction: str) -> str:
    if knee.flattens:
        verb = "hardly falls" if direction == "falls" else "hardly rises"
        return f"Beyond {phrase}, {subject} {verb}"
    return f"Beyond {phrase}, {subject} {direction} steeply"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the chart ----------------------------------------------------------------------------


def plot_sweep(result: SweepResult, measure: str = DEFAULT_MEASURE,
               ax: Axes | None = None) -> Axes:
    """``measure`` against the first parameter: the mean line in its 95% CI band, the
    knee marked and named; one line per value of the second parameter, if any."""
    check_measure(measure)
    with axes_for(ax) as ax:
        first = result.first
        scale = measure_scale(result, measure)
        ax.set_xlabel(first.axis_label)
        ax.set_ylabel(scale.label)
        lines = result.lines(measure)
        if not any(np.isfinite([e.mean for e in est]).any() for _, est in lines.values()):
            set_title(ax, sweep_title(result, measure))
            return no_data(ax, "No journey finished at any point of the sweep.")
        groups = _same_lines(result, lines)
        cap = _y_top(result, measure, scale)
        for n, values in enumerate(groups):
            x, estimates = lines[values[0]]
            knee = result.find_knee(measure, values[0])
            # Several bands overlap: lighter, so that the lines still show through.
            _draw_line(ax, x, estimates, result.settled(values[0]), scale, colour(n),
                       _line_label(result, values, knee),
                       alpha=0.18 if len(groups) == 1 else 0.09, cap=cap)
            if knee is not None:
                _mark_knee(ax, knee, estimates[_position(x, knee.value)], scale, colour(n),
                           first.value_text(knee.value), named=result.second is None)
        _x_ticks(ax, first.values, first.unit)
        # From zero, so that a fall is seen at its true size (no measure is negative).
        ax.set_ylim(0, ax.get_ylim()[1])
        rows = 0
        if result.unsettled_points:
            # A grey hollow triangle joined by dashes: the key for every line's.
            ax.plot([], [], color="0.3", linestyle=UNSETTLED_DASHES, marker="^",
                    markersize=8, markerfacecolor="white", markeredgewidth=1.6,
                    label=key_text(result))
        if result.second is not None:
            ncol = _legend_columns(ax)
            title = result.second.label[:1].upper() + result.second.label[1:]
            legend_above(ax, ncol=ncol, title=title, alignment="left")
            rows = math.ceil((len(groups) + bool(result.unsettled_points)) / ncol) + 1
        elif result.unsettled_points:
            legend_above(ax, ncol=1)
            rows = 1
        if cap is not None:
            ax.set_ylim(0, cap)
        elif result.unsettled_points:
            # Room above the highest point for a triangle, which is larger than a dot.
            top = max((e.mean for _, est in lines.values() for e in est
                       if math.isfinite(e.mean)), default=0.0) * scale.factor
            ax.set_ylim(0, max(ax.get_ylim()[1], top * 1.06))
        set_title(ax, sweep_title(result, measure), legend_rows=rows)
        return ax


def _legend_columns(ax: Axes) -> int:
    """As many legend columns as fit across the figure, the labels in one row if they can."""
    labels = ax.get_legend_handles_labels()[1]
    size = FontProperties(size=rcParams["legend.fontsize"]).get_size_in_points()
    widest = max(text_width(label, size) for label in labels) + 3.5 * size  # and the marker
    room = ax.figure.get_figwidth() * 72 - 60
    return max(1, min(len(labels), int(room // widest)))


def _position(x: np.ndarray, value: float) -> int:
    return int(np.flatnonzero(x == value)[0])


def _same_lines(result: SweepResult,
                lines: dict[float | None, tuple[np.ndarray, list[Estimate]]],
                ) -> list[list[float | None]]:
    """The values of the second parameter grouped by identical lines: with common random
    numbers, a parameter that does not touch the measure gives exactly the same line, and
    lines drawn over each other would hide all but the last. (Settled at the same points
    too: an unsettled point is drawn differently.)"""
    groups: dict[tuple, list[float | None]] = {}
    for at, (_, estimates) in lines.items():
        key = (tuple((e.mean, e.low, e.high) for e in estimates),
               tuple(result.settled(at)))
        groups.setdefault(key, []).append(at)
    return list(groups.values())


def _line_label(result: SweepResult, values: list[float | None],
                knee: Knee | None) -> str | None:
    if result.second is None:
        return None
    said = ", ".join(result.second.value_text(at) for at in values)
    if len(values) > 1:
        said += " (the same)"
    return f"{said}, knee at {result.first.value_text(knee.value)}" if knee else said


#: The dashes of a line to or from a point whose run had not settled.
UNSETTLED_DASHES = (0, (3, 2))

#: The gid of the markers of unsettled points (for tests and the SVG's readers).
UNSETTLED_GID = "unsettled"


def _draw_line(ax: Axes, x: np.ndarray, estimates: list[Estimate], settled: np.ndarray,
               scale: Scale, colour_: str, label: str | None, alpha: float,
               cap: float | None = None) -> None:
    """The mean line in its band: solid dots joined by a solid line where the runs settled;
    hollow triangles, joined by dashes, where they had not. Above ``cap`` (the top of the
    axis, if the unsettled points are off the scale) a triangle sits on the top edge with
    its value beside it."""
    means = np.array([e.mean for e in estimates]) * scale.factor
    # No measure can be negative: a t-interval reaching below zero (a wait that is nearly
    # always zero) is cut there.
    lows = np.clip(np.array([e.low for e in estimates]) * scale.factor, 0, None)
    highs = np.array([e.high for e in estimates]) * scale.factor
    band = np.isfinite(lows) & np.isfinite(highs)
    lows, highs = np.where(band, lows, means), np.where(band, highs, means)
    if cap is not None:  # no band to a point off the scale: it would be a wall
        off = ~settled & (means > cap)
        lows, highs = np.where(off, np.nan, lows), np.where(off, np.nan, highs)
    ax.fill_between(x, lows, highs, color=colour_, alpha=alpha, linewidth=0)
    ax.plot(x, np.where(settled, means, np.nan), color=colour_, marker="o", markersize=4,
            label=label)
    shown = means if cap is None else np.minimum(means, cap)  # off the scale: on its edge
    for i in range(len(x) - 1):
        if not (settled[i] and settled[i + 1]):
            ax.plot(x[i:i + 2], shown[i:i + 2], color=colour_, linestyle=UNSETTLED_DASHES,
                    linewidth=rcParams["lines.linewidth"] * 0.8)
    if not settled.all():
        ax.plot(x[~settled], shown[~settled], color=colour_, linestyle="none", marker="^",
                markersize=8, markerfacecolor="white", markeredgewidth=1.6, zorder=3,
                gid=UNSETTLED_GID, clip_on=False)
    if cap is not None:
        low, high = x.min(), x.max()
        for i in np.flatnonzero(~settled & (means > cap)):
            right = x[i] <= (low + high) / 2
            ax.annotate(f"{_said(estimates[i].mean, scale)}, off the scale", (x[i], cap),
                        xytext=(10 if right else -10, -6), textcoords="offset points",
                        ha="left" if right else "right", va="top", fontsize="small",
                        color="0.1", zorder=5, gid=UNSETTLED_GID,
                        bbox={"facecolor": "white", "alpha": 0.9, "pad": 1.5,
                              "linewidth": 0})


def _mark_knee(ax: Axes, knee: Knee, at: Estimate, scale: Scale, colour_: str,
               value_text: str, named: bool) -> None:
    y = at.mean * scale.factor
    ax.plot([knee.value], [y], marker="o", markersize=11, markerfacecolor="none",
            markeredgecolor="0.15", markeredgewidth=1.4, zorder=4, linestyle="none")
    if not named:  # with several lines the legend names each knee
        return
    ax.axvline(knee.value, color="0.45", linestyle=":", linewidth=1, zorder=1)
    # Beside the ring, on the side of the plot with more room.
    low, high = ax.get_xlim()
    right = knee.value < (low + high) / 2
    ax.annotate(f"Knee: {value_text}\n({_said(at.mean, scale)})", (knee.value, y),
                xytext=(12 if right else -12, 14), textcoords="offset points",
                ha="left" if right else "right", va="bottom", fontsize="small", color="0.1",
                bbox={"facecolor": "white", "alpha": 0.85, "pad": 1.5, "linewidth": 0},
                zorder=5)


def _x_ticks(ax: Axes, values: Sequence[float], unit: str) -> None:
    """A tick at each value tried when there are few (staff 1 to 6), as percentages for a
    chance."""
    if len(values) <= 12:
        ax.set_xticks(list(values))
    if unit == "share":
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    elif all(float(v).is_integer() for v in values):
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")


# --- the board figure and its files -------------------------------------------------------


def footnote_note(result: SweepResult) -> str:
    """What the sweep varied and how its points relate, for the footnote; and which points
    had not settled, with how many were still in the journey there."""
    varied = "; ".join(f"{p.label} from {p.value_text(p.values[0])} to "
                       f"{p.value_text(p.values[-1])} ({len(p.values)} values)"
                       for p in result.parameters)
    return (f"Swept: {varied}. Each point is a run of its own with these settings and the "
            "same random numbers. " + unsettled_note(result) + _KNEE_NOTE)


def unsettled_note(result: SweepResult) -> str:
    """The footnote's sentences on the points whose run had not settled ("" if none)."""
    unsettled = result.unsettled_points
    if not unsettled:
        return ""
    named = [f"{number(p.still_in_journey)} at {point_text(result, p)}"
             for p in unsettled[:MOST_NAMED]]
    named[0] = named[0].replace(" at ", " people still in the journey at the end at ", 1)
    if len(unsettled) > MOST_NAMED:
        named.append(f"and {len(unsettled) - MOST_NAMED} more points")
    settled = min(int(result.settled(at).sum()) for at in result.lines(DEFAULT_MEASURE))
    if settled >= 3:
        read = "the knee and the finding are read from the other points"
    elif settled == 2 and result.second is None:
        read = "the finding is read from the other points, and no knee is marked"
    else:
        read = "the knee is read only where three or more points settled"
    return ("Hollow triangles joined by dashes: points whose run had not settled by its end "
            f"({'; '.join(named)}). Their figures depend on the run's length and count only "
            f"the journeys that finished; {read}. ")


def sweep_figure(result: SweepResult, measure: str = DEFAULT_MEASURE) -> Figure:
    """The sweep chart on its own board figure, with the footnote (map, replications, run
    length, seed, 95% CIs, what was swept)."""
    with board_style():
        fig = new_figure(FIGURE_WIDTH, FIGURE_HEIGHT + (0.4 if result.second else 0))
        ax = fig.add_subplot()
        plot_sweep(result, measure, ax)
        # The footnote names the map and its settings as a run's does; "scenario" there
        # is the redesign the sweep started from.
        first = dataclasses.replace(result.points[0].results,
                                    scenario=result.scenario or "none (the map as drawn)")
        finish_figure(fig, first, footnote_note(result))
    return fig


def export_sweep_chart(result: SweepResult, folder: str | os.PathLike[str],
                       measure: str = DEFAULT_MEASURE,
                       formats: Sequence[str] = FIGURE_FORMATS,
                       stem: str = "sweep") -> list[Path]:
    """The sweep chart as ``<stem>.png`` (300 dpi), ``.svg`` and ``.pdf`` in ``folder``;
    returns the paths written. Raises ExportError naming a file that cannot be written."""
    fig = sweep_figure(result, measure)
    return [save_figure(fig, Path(folder) / f"{stem}.{kind}") for kind in formats]


__all__ = ["SUBJECTS", "export_sweep_chart", "footnote_note", "measure_scale", "plot_sweep",
           "sweep_figure", "sweep_title"]
