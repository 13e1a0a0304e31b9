"""The board charts. Each ``plot_X(results, ax=None) -> Axes`` draws one chart on ``ax``
(or on a new figure in the board style), titles it with its finding and labels its axes
with units. The charts draw what the analysis layer computed; the look is the .mplstyle.

The customer's view is here; the teams' view is in :mod:`.team_charts`.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from ..analysis.process_limits import process_limits
from ..analysis.results import QUANTILE_LEVELS, Results
from .drawing import (
    axes_for,
    colour,
    date_axis,
    dates_from,
    finite_max,
    legend_above,
    no_data,
    set_title,
)
from .readings import (
    PIECE_LABELS,
    chart_title_capability,
    chart_title_end_to_end,
    chart_title_where_time_goes,
    in_unit,
    number,
)
from .team_charts import plot_queue_over_time, plot_utilisation
from .timescale import unit_for

__all__ = ["plot_end_to_end", "plot_where_time_goes", "plot_capability", "plot_utilisation",
           "plot_queue_over_time", "PIECE_COLOURS"]

#: Colours of the time-budget pieces: their places in the style's colour cycle.
PIECE_COLOURS = {"getting_there": 0, "queue": 1, "touch": 2, "back_office": 3}

#: The marked percentiles: key of ``end_to_end_pooled``, level (%), words, label offset
#: (points) and alignment. The median's label sits right of the curve; the 90th and 95th
#: are close together near the top, so one sits below-right and one above-left.
_PERCENTILES = (("p50", 50, "Half", (8, 0), "left", "center"),
                ("p90", 90, "90%", (7, -5), "left", "top"),
                ("p95", 95, "95%", (-7, 4), "right", "bottom"))
_LABEL_BOX = {"facecolor": "white", "alpha": 0.85, "pad": 1.5, "linewidth": 0}


def plot_end_to_end(results: Results, ax: Axes | None = None,
                    people: str = "customers") -> Axes:
    """The spread of end-to-end times: the share of journeys finished within each time
    (pooled over replications), with the median, 90th and 95th percentiles marked."""
    with axes_for(ax) as ax:
        quantiles = np.asarray(results.end_to_end_quantiles, dtype=float)
        pooled = results.end_to_end_pooled
        ax.set_ylabel(f"{people.capitalize()} finished within this time (%)")
        if not np.isfinite(quantiles).any():
            ax.set_xlabel("End-to-end time, first contact to outcome")
            set_title(ax, chart_title_end_to_end(results, people))
            return no_data(ax, "No journey finished in the run.")
        unit = unit_for(pooled["p95"])
        x = quantiles / unit.minutes
        y = QUANTILE_LEVELS * 100
        ax.fill_between(x, y, color=colour(0), alpha=0.12, linewidth=0)
        ax.plot(x, y, color=colour(0))
        for key, level, words, offset, ha, va in _PERCENTILES:
            at = pooled[key] / unit.minutes
            ax.plot([at, at], [0, level], color="0.3", linestyle=":", linewidth=1)
            ax.plot([at], [level], marker="o", color=colour(1), markersize=5, zorder=3)
            ax.annotate(f"{words} within {in_unit(pooled[key], unit)}", (at, level),
                        xytext=offset, textcoords="offset points", ha=ha, va=va,
                        fontsize="small", color="0.1", bbox=_LABEL_BOX, zorder=4)
        longest = quantiles[np.isfinite(quantiles)].max()
        if longest > 1.3 * pooled["p95"]:  # the worst journeys matter too: name the longest
            ax.annotate(f"Longest: {in_unit(longest, unit)}", (longest / unit.minutes, 100),
                        xytext=(0, 5), textcoords="offset points", ha="right", va="bottom",
                        fontsize="small", color="0.1")
        ax.set_xlim(0, longest / unit.minutes * 1.02)
        ax.set_ylim(0, 103)
        ax.set_yticks(range(0, 101, 20))
        ax.set_xlabel(unit.label("End-to-end time, first contact to outcome"))
        set_title(ax, chart_title_end_to_end(results, people))
        return ax


def plot_where_time_goes(results: Results, ax: Axes | None = None) -> Axes:
    """Where the time goes: for each step and outcome in journey order, the mean time per
    customer getting there, queueing, with staff and in back-office work, stacked. The
    bars add up to the mean end-to-end time. Places with no time at all are left out."""
    with axes_for(ax) as ax:
        budget = results.time_budget
        totals = np.zeros(len(budget.places))
        for minutes in budget.minutes.values():
            totals = totals + np.asarray(minutes, dtype=float)
        shown = [i for i, total in enumerate(totals) if total > 0]
        ax.set_ylabel("Step or outcome, in journey order")
        if not shown:
            ax.set_xlabel("Mean time per customer")
            set_title(ax, chart_title_where_time_goes(results))
            return no_data(ax, "No journey finished in the run.")
        unit = unit_for(max(totals[shown]))
        steps = {s.name for s in results.steps}
        rows = np.arange(len(shown))
        left = np.zeros(len(shown))
        for piece, minutes in budget.minutes.items():
            values = np.asarray(minutes, dtype=float)[shown] / unit.minutes
            ax.barh(rows + 0.14, values, left=left, height=0.46,
                    label=PIECE_LABELS.get(piece, piece),
                    color=colour(PIECE_COLOURS.get(piece, 6)), linewidth=0)
            left += values
        # Names above the bars, so that long step names leave the whole width to the data.
        for row, i in zip(rows, shown, strict=True):
            place = budget.places[i]
            name = place if place in steps else f"Outcome: {place}"
            ax.text(0, row - 0.16, name, va="bottom", ha="left", fontsize="small",
                    color="0.1")
            shown_value = number(left[row]) if left[row] >= 0.05 else "<0.1"
            ax.annotate(shown_value, (left[row], row + 0.14), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize="small",
                        color="0.2")
        ax.set_yticks([])
        ax.set_ylim(len(shown) - 0.4, -0.75)  # the journey reads top to bottom
        ax.set_xlim(0, left.max() * 1.1)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(unit.label("Mean time per customer") + "\nAll the bars add up to "
                      f"{in_unit(budget.total(), unit)}, the mean end-to-end time")
        legend_above(ax, ncol=2)
        set_title(ax, chart_title_where_time_goes(results, unit), legend_rows=2)
        return ax


def plot_capability(results: Results, ax: Axes | None = None) -> Axes:
    """A capability (XmR) chart: each customer's end-to-end time in the order journeys
    finished (one replication), with the mean and the process limits (mean plus and minus
    2.66 mean moving ranges, the lower one no lower than 0)."""
    with axes_for(ax) as ax:
        end_to_end = np.asarray(results.capability["end_to_end"], dtype=float)
        limits = process_limits(end_to_end)
        unit = unit_for(limits.upper if math.isfinite(limits.upper)
                        else finite_max(end_to_end))
        ax.set_xlabel("Date the journey finished (simulated)")
        ax.set_ylabel(unit.label("End-to-end time"))
        if not math.isfinite(limits.upper):
            set_title(ax, chart_title_capability(limits, unit))
            return no_data(ax, "Too few journeys finished to draw process limits.")
        finished = dates_from(results.settings.start_date, results.capability["completed_days"])
        y = end_to_end / unit.minutes
        outside = (end_to_end > limits.upper) | (end_to_end < limits.lower)
        many = len(y) > 500  # thousands of dots: drawn as an image inside PDF and SVG files
        ax.scatter(finished[~outside], y[~outside], s=5 if many else 12, color=colour(0),
                   alpha=0.45 if many else 0.8, linewidths=0, rasterized=many)
        ax.scatter(finished[outside], y[outside], s=9 if many else 16, color=colour(1),
                   linewidths=0, rasterized=many)
        # The lines are named in the right margin, as on a Making Data Count chart, so that
        # no label hides a dot.
        label_at = blended_transform_factory(ax.transAxes, ax.transData)
        top = max(float(y.max()), limits.upper / unit.minutes)
        for words, value, style in (("Upper limit", limits.upper, "--"),
                                    ("Mean", limits.mean, "-"),
                                    ("Lower limit", limits.lower, "--")):
            at = value / unit.minutes
            ax.axhline(at, color="0.2", linestyle=style, linewidth=1.2)
            ax.text(1.01, at, f"{words}\n{in_unit(value, unit)}", transform=label_at,
                    ha="left", va="bottom" if at < 0.1 * top else "center",
                    fontsize="small", color="0.1", linespacing=1.1, clip_on=False)
        ax.set_ylim(0, top * 1.06)
        ax.set_xlim(finished[0], finished[-1])
        date_axis(ax)
        handles = [
            Line2D([], [], marker="o", linestyle="", color=colour(0),
                   label="One customer's journey"),
            Line2D([], [], color="0.2", label="Mean"),
            Line2D([], [], color="0.2", linestyle="--",
                   label="Process limits: mean ± 2.66 × mean moving range"),
        ]
        if outside.any():
            handles.insert(1, Line2D([], [], marker="o", linestyle="", color=colour(1),
                                     label="Outside the limits (special cause)"))
        legend_above(ax, ncol=2, handles=handles)
        set_title(ax, chart_title_capability(limits, unit), legend_rows=2)
        return ax
