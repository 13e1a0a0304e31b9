"""The comparison charts: the options' end-to-end times overlaid, a forest plot of the
differences to the baseline, and where the time goes in each option.

Each option keeps one look on every chart: a colour *and* a line style or hatching, so the
charts still read when a board paper is printed in grey.

The forest plot has one panel per headline measure, each in the measure's own unit
(days, percentage points, handoffs per customer). Relative (%) differences would put
every measure on one axis, but they mislead for shares (2 points off a 3% give-up rate
reads as "−67%") and hide the size a board cares about; panels keep the numbers the
table shows.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ..analysis.compare import HEADLINE_MEASURES, HIGHER_IS_BETTER, Comparison, Verdict
from ..analysis.estimates import Estimate
from ..analysis.results import QUANTILE_LEVELS
from ..domain.units import counted
from .charts import PIECE_COLOURS
from .comparison_text import (
    chart_title_compared_end_to_end,
    chart_title_compared_time_budget,
    chart_title_differences,
    chart_title_summary,
    difference_scale,
    figure,
    measure_label,
)
from .drawing import (
    add_footnote,
    axes_for,
    colour,
    legend_above,
    new_figure,
    no_data,
    realise_ticks,
    set_title,
    wrap_to_width,
)
from .readings import PIECE_LABELS
from .style import FIGURE_HEIGHT, FIGURE_WIDTH, board_style
from .timescale import unit_for

#: Per option, in order (the baseline first): line style and marker, so that options are
#: told apart without colour.
LINE_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))
MARKERS = ("o", "s", "^", "D", "v", "P")
#: Hatching per piece of the time budget, for grey print.
PIECE_HATCHES = {"getting_there": "", "queue": "///", "touch": "...", "back_office": "xx"}
#: Verdict -> (colour index in the style's cycle, marker filled?).
VERDICT_LOOK = {Verdict.BETTER: (2, True), Verdict.WORSE: (1, True),
                Verdict.UNCLEAR: (6, False)}


def _option_look(index: int) -> dict:
    return {"color": colour(index % 7), "linestyle": LINE_STYLES[index % len(LINE_STYLES)]}


def _wrapped(name: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(name, width)) or name


# --- end-to-end times, overlaid -----------------------------------------------------------


def plot_compared_end_to_end(comparison: Comparison, ax: Axes | None = None,
                             people: str = "customers", legend_inside: bool = False) -> Axes:
    """Each option's end-to-end times as a cumulative distribution (the share of journeys
    finished within each time, every replication pooled), the median and the 90th
    percentile marked on each. ``legend_inside`` puts the key in the empty lower right
    (for a short figure) instead of above the plot."""
    with axes_for(ax) as ax:
        ax.set_ylabel(f"{people.capitalize()} finished within this time (%)")
        quantiles = [np.asarray(o.results.end_to_end_quantiles, dtype=float)
                     for o in comparison.options]
        finite = np.concatenate([q[np.isfinite(q)] for q in quantiles])
        if not len(finite):
            ax.set_xlabel("End-to-end time, first contact to outcome")
            set_title(ax, chart_title_compared_end_to_end(comparison, people))
            return no_data(ax, "No journey finished in the run.")
        p90s = [o.results.end_to_end_pooled["p90"] for o in comparison.options]
        unit = unit_for(max(p for p in p90s if math.isfinite(p)))
        y = QUANTILE_LEVELS * 100
        for i, (option, q) in enumerate(zip(comparison.options, quantiles, strict=True)):
            look = _option_look(i)
            pooled = option.results.end_to_end_pooled
            label = (f"{option.name}: half within "
                     f"{figure(pooled['p50'] / unit.minutes)}, 90% within "
                     f"{figure(pooled['p90'] / unit.minutes)} {unit.name}")
            ax.plot(q / unit.minutes, y, label=label, **look)
            for key, level in (("p50", 50), ("p90", 90)):
                ax.plot([pooled[key] / unit.minutes], [level], marker=MARKERS[i % 6],
                        color=look["color"], markeredgecolor="0.1", markersize=6,
                        linestyle="", zorder=3)
        for level in (50, 90):
            ax.axhline(level, color="0.55", linewidth=0.7, linestyle=(0, (2, 2)), zorder=1)
        ax.set_xlim(0, finite.max() / unit.minutes * 1.02)
        ax.set_ylim(0, 103)
        ax.set_yticks(range(0, 101, 20))
        ax.set_xlabel(unit.label("End-to-end time, first contact to outcome"))
        if legend_inside:
            ax.legend(loc="lower right", fontsize="small", handlelength=2.4,
                      facecolor="white", framealpha=0.9, frameon=True, edgecolor="white")
            set_title(ax, chart_title_compared_end_to_end(comparison, people))
        else:
            legend_above(ax, ncol=1)
            set_title(ax, chart_title_compared_end_to_end(comparison, people),
                      legend_rows=len(comparison.options))
        return ax


# --- the forest plot of differences ------------------------------------------------------


def plot_difference(comparison: Comparison, measure: str, ax: Axes,
                    people: str = "customers", names: bool = True) -> Axes:
    """One measure's panel of the forest plot: each redesign's paired difference to the
    baseline (point) with its 95% CI (bar), a line at zero and the better side named."""
    redesigns = comparison.redesigns
    diffs = [comparison.differences[o.name][measure] for o in redesigns]
    ends = [abs(x) for d in diffs
            for x in (d.difference.mean, d.difference.low, d.difference.high)
            if math.isfinite(x)]
    # One unit for the panel, fitted to its largest end.
    largest = Estimate(max(ends, default=math.nan), math.nan, math.nan, 0)
    scale = difference_scale(measure, largest, people)
    rows = np.arange(len(redesigns))
    for row, d in zip(rows, diffs, strict=True):
        index, filled = VERDICT_LOOK[d.verdict]
        e = d.difference
        low = scale(e.low) if math.isfinite(e.low) else scale(e.mean)
        high = scale(e.high) if math.isfinite(e.high) else scale(e.mean)
        ax.plot([low, high], [row, row], color="0.15", linewidth=1.6, solid_capstyle="butt")
        ax.plot([low, low], [row - 0.12, row + 0.12], color="0.15", linewidth=1.2)
        ax.plot([high, high], [row - 0.12, row + 0.12], color="0.15", linewidth=1.2)
        ax.plot([scale(e.mean)], [row], marker="o" if d.verdict is not Verdict.WORSE else "s",
                markersize=7, color=colour(index) if filled else "white",
                markeredgecolor="0.1", linestyle="", zorder=3)
    ax.axvline(0, color="0.1", linewidth=1.0, zorder=1)
    span = max(ends, default=0.0) * scale.factor or 1.0
    ax.set_xlim(-span * 1.25, span * 1.25)
    ax.set_ylim(len(redesigns) - 0.4, -0.9)
    ax.set_yticks(rows)
    ax.set_yticklabels([_wrapped(o.name, 20) for o in redesigns] if names else [])
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, symmetric=True))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    lower_better = measure not in HIGHER_IS_BETTER
    ax.text(0.02 if lower_better else 0.98, 0.97, "← better" if lower_better else "better →",
            transform=ax.transAxes, ha="left" if lower_better else "right", va="top",
            fontsize="small", color="0.2", style="italic")
    unit = scale.unit if scale.unit else "difference"
    ax.set_title(f"{measure_label(measure, people)}\n({unit}, redesign − baseline)",
                 loc="left", fontsize=9, fontweight="bold", pad=4)
    return ax


def differences_figure(comparison: Comparison, measures: tuple[str, ...] = HEADLINE_MEASURES,
                       people: str = "customers", title: str = "",
                       row_height: float | None = None) -> Figure:
    """The forest plot: one panel per measure (two columns), each redesign a row; titled
    ``title`` or with how many measures the best redesign improves."""
    with board_style():
        n = len(measures)
        rows = math.ceil(n / 2)
        per_row = row_height or 0.8 + 0.4 * max(1, len(comparison.redesigns))
        fig = new_figure(FIGURE_WIDTH, 1.3 + rows * per_row)
        if not comparison.redesigns:
            ax = fig.add_subplot()
            no_data(ax, "There is no redesign to compare with the baseline.")
            ax.set_title("No redesign to compare", loc="left")
            return fig
        # A thin first row holds the key, so it sits between the title and the panels.
        grid = fig.add_gridspec(rows + 1, 2, height_ratios=[0.22] + [1.0] * rows)
        key = fig.add_subplot(grid[0, :])
        key.axis("off")
        for i, measure in enumerate(measures):
            ax = fig.add_subplot(grid[1 + i // 2, i % 2])
            plot_difference(comparison, measure, ax, people, names=i % 2 == 0)
            realise_ticks(ax)
        handles = [Line2D([], [], marker="o", linestyle="", color=colour(2),
                          markeredgecolor="0.1", label="Better"),
                   Line2D([], [], marker="s", linestyle="", color=colour(1),
                          markeredgecolor="0.1", label="Worse"),
                   Line2D([], [], marker="o", linestyle="", color="white",
                          markeredgecolor="0.1", label="No clear difference"),
                   Line2D([], [], color="0.15", label="95% confidence interval")]
        key.legend(handles=handles, loc="center left", ncol=4, frameon=False,
                   handletextpad=0.3, columnspacing=1.2, borderaxespad=0)
        fig.suptitle(wrap_to_width(title or chart_title_differences(comparison, measures),
                                   FIGURE_WIDTH * 72 - 20, 12, "bold"),
                     x=0.01, ha="left", fontsize=12, fontweight="bold")
        return fig


# --- where the time goes, per option ------------------------------------------------------


def plot_compared_time_budget(comparison: Comparison, ax: Axes | None = None) -> Axes:
    """For each option, the mean journey cut into its pieces (getting there, queueing,
    with staff, work without the customer), stacked; the bars are the mean end-to-end
    times."""
    with axes_for(ax) as ax:
        options = comparison.options
        sums = [{p: float(np.sum(m)) for p, m in o.results.time_budget.minutes.items()}
                for o in options]
        totals = [sum(s.values()) for s in sums]
        ax.set_ylabel("")
        if not any(t > 0 for t in totals):
            ax.set_xlabel("Mean time per journey")
            set_title(ax, chart_title_compared_time_budget(comparison))
            return no_data(ax, "No journey finished in the run.")
        unit = unit_for(max(totals))
        rows = np.arange(len(options))
        left = np.zeros(len(options))
        pieces = list(dict.fromkeys(p for s in sums for p in s))
        for piece in pieces:
            values = np.array([s.get(piece, 0.0) for s in sums]) / unit.minutes
            ax.barh(rows, values, left=left, height=0.55, label=PIECE_LABELS.get(piece, piece),
                    color=colour(PIECE_COLOURS.get(piece, 6)),
                    hatch=PIECE_HATCHES.get(piece, ""), edgecolor="0.25", linewidth=0.4)
            left += values
        # One decimal more when the options would otherwise read alike ("19 weeks" x 3).
        shown = [figure(t) for t in left]
        if len(set(shown)) < len(shown):
            shown = [f"{t:.1f}" for t in left]
        for row, total, text in zip(rows, left, shown, strict=True):
            ax.annotate(f"{text} {unit.name}", (total, row), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize="small",
                        color="0.1")
        ax.set_yticks(rows)
        wrapped = [_wrapped(o.name, 22) for o in options]
        # The title is fitted beside the tick labels, measured one line at a time.
        ax.set_yticklabels([max(w.split("\n"), key=len) for w in wrapped])
        ax.set_ylim(len(options) - 0.5, -0.6)
        ax.set_xlim(0, left.max() * 1.18)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(unit.label("Mean time per journey"))
        handles = [Patch(facecolor=colour(PIECE_COLOURS.get(p, 6)),
                         hatch=PIECE_HATCHES.get(p, ""), edgecolor="0.25", linewidth=0.4,
                         label=PIECE_LABELS.get(p, p)) for p in pieces]
        legend_above(ax, ncol=2, handles=handles)
        set_title(ax, chart_title_compared_time_budget(comparison), legend_rows=2)
        ax.set_yticklabels(wrapped)
        return ax


def summary_figure(comparison: Comparison, people: str = "customers") -> Figure:
    """For a one-page summary: the forest plot of the median and 90th percentile
    end-to-end times, titled with the end-to-end finding (no footnote: the page states
    the run settings)."""
    return differences_figure(comparison, ("end_to_end_median", "end_to_end_p90"), people,
                              title=chart_title_summary(comparison),
                              row_height=0.55 + 0.32 * max(1, len(comparison.redesigns)))


# --- figures with footnotes ---------------------------------------------------------------


def comparison_footnote(comparison: Comparison, note: str = "") -> str:
    """What was compared and how: options, replications, run length, warm-up, seed,
    common random numbers, the confidence level and the software version."""
    s = comparison.settings
    version = comparison.baseline.results.software_version
    parts = [f"Map: {comparison.title or 'untitled'}. Options: "
             f"{', '.join(o.name for o in comparison.options)}.",
             f"{counted(s.replications, 'replication')} of {s.days:g} days from "
             f"{s.start_date:%d %b %Y} for each option, the first {s.warmup_days:g} days a "
             f"warm-up left out of the figures; seed {s.seed}; common random numbers (every "
             "option meets the same people, each with the same luck).",
             "Differences are paired replication by replication, with 95% confidence "
             "intervals."]
    if note:
        parts.append(note)
    parts.append(f"OutsideIn {version}.")
    return " ".join(parts)


def finish_comparison_figure(fig: Figure, comparison: Comparison, note: str = "") -> Figure:
    """The footnote below the chart, with room made for it."""
    return add_footnote(fig, comparison_footnote(comparison, note))


_NOTES = {
    "end_to_end": "Every journey that finished, pooled over the replications; markers: the "
                  "median and the 90th percentile.",
    "differences": "Better or worse: the 95% confidence interval of the difference excludes "
                   "zero. Each panel in the measure's own unit; shares in percentage points.",
    "where_time_goes": "Mean time per finished customer, pooled over the replications.",
}


def _single(plot: Callable[..., Axes], height: float) -> Callable[..., Figure]:
    def draw(comparison: Comparison, people: str) -> Figure:
        with board_style():
            fig = new_figure(FIGURE_WIDTH, height)
            ax = fig.add_subplot()
            if plot is plot_compared_end_to_end:
                plot(comparison, ax, people=people)
            else:
                plot(comparison, ax)
        return fig
    return draw


def comparison_figure(comparison: Comparison, name: str,
                      people: str = "customers") -> Figure:
    """One comparison chart ("end_to_end", "differences" or "where_time_goes") on its own
    figure, in the board style, with its footnote."""
    n = len(comparison.options)
    makers = {
        "end_to_end": _single(plot_compared_end_to_end, FIGURE_HEIGHT + 0.2 * n),
        "differences": lambda c, p: differences_figure(c, people=p),
        "where_time_goes": _single(plot_compared_time_budget, 2.6 + 0.55 * n),
    }
    if name not in makers:
        raise ValueError(f"There is no comparison chart called '{name}'; the charts are "
                         f"{', '.join(makers)}.")
    fig = makers[name](comparison, people)
    with board_style():
        finish_comparison_figure(fig, comparison, _NOTES[name])
    return fig


#: The comparison charts, in the order a paper shows them.
COMPARISON_CHARTS = ("end_to_end", "differences", "where_time_goes")


def comparison_figures(comparison: Comparison, people: str = "customers") -> dict[str, Figure]:
    """Every comparison chart, each on its own figure (about 18 cm wide, for A4)."""
    return {name: comparison_figure(comparison, name, people) for name in COMPARISON_CHARTS}
