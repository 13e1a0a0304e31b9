"""The teams' view (inside out): how busy each team is, and its queue over the run.

Drawn beside the customer's view so that the gap shows: teams can look fine on their own
figures while the customer waits.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes

from ..analysis.results import Results
from .drawing import (
    axes_for,
    colour,
    date_axis,
    dates_from,
    error_lengths,
    finite_max,
    legend_above,
    no_data,
    set_title,
)
from .readings import (
    BUSY,
    chart_title_queue_over_time,
    chart_title_utilisation,
    number,
    percent,
)


def plot_utilisation(results: Results, ax: Axes | None = None) -> Axes:
    """Utilisation by team (share of staffed time spent working) with 95% CI error bars
    and a band above 85%, where queues grow fast."""
    with axes_for(ax) as ax:
        teams = results.teams
        set_title(ax, chart_title_utilisation(results))
        ax.set_xlabel("Utilisation: share of staffed time spent working (%)")
        ax.set_ylabel("Team")
        if not teams:
            return no_data(ax, "The map has no teams.")
        means = np.array([t.utilisation.mean for t in teams]) * 100
        lows = np.array([t.utilisation.low for t in teams]) * 100
        highs = np.array([t.utilisation.high for t in teams]) * 100
        rows = np.arange(len(teams))
        colours = [colour(1) if m > BUSY * 100 else colour(0) for m in means]
        ax.barh(rows, np.nan_to_num(means), height=0.6, color=colours)
        ax.errorbar(np.nan_to_num(means), rows, xerr=error_lengths(means, lows, highs),
                    fmt="none", ecolor="0.2", elinewidth=1.2)
        right = max(100.0, finite_max(highs, means))
        ax.axvspan(BUSY * 100, right, color=colour(1), alpha=0.10, linewidth=0)
        ax.axvline(BUSY * 100, color=colour(1), linestyle="--", linewidth=1.2)
        ax.text(BUSY * 100, 1.0, f" Above {percent(BUSY)}, queues grow fast",
                transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize="small", color="0.15")
        # Each team's figure inside its bar, at the start: clear of the error bars and the
        # 85% line whatever the values.
        for row, mean in enumerate(means):
            if not math.isfinite(mean):
                continue
            inside = mean >= 12
            ax.annotate(percent(mean / 100), (0 if inside else mean, row),
                        xytext=(5, 0) if inside else (3, 0), textcoords="offset points",
                        va="center", ha="left", fontsize="small", fontweight="bold",
                        color="white" if inside else "0.15")
        ax.set_yticks(rows, [t.name for t in teams])
        ax.invert_yaxis()
        ax.set_xlim(0, right)
        ax.set_xticks(range(0, int(right) + 1, 10))
        ax.grid(axis="y", visible=False)
        # Leave room for the band's label between the title and the plot.
        set_title(ax, chart_title_utilisation(results), legend_rows=1)
        return ax


def plot_queue_over_time(results: Results, ax: Axes | None = None,
                         people: str = "customers", bands: bool = True) -> Axes:
    """Customers queueing for each team through the run (after the warm-up): the mean over
    replications with its 95% confidence band. ``bands=False`` leaves the bands out."""
    with axes_for(ax) as ax:
        ax.set_xlabel("Date (simulated, after the warm-up)")
        ax.set_ylabel(f"{people.capitalize()} queueing (number, "
                      f"{_average_over(results.queue_times_days)})")
        set_title(ax, chart_title_queue_over_time(results, people))
        if not results.queue_length or not len(results.queue_times_days):
            return no_data(ax, "No team had a queue.")
        when = dates_from(results.settings.start_date, results.queue_times_days)
        top = 0.0
        for i, (team, (mean, low, high)) in enumerate(results.queue_length.items()):
            line_colour = colour(i)  # the cycle wraps after its last colour
            ax.plot(when, mean, color=line_colour, linewidth=1.5, label=team)
            if bands and np.isfinite(low).any():
                ax.fill_between(when, np.clip(low, 0, None), high, color=line_colour, alpha=0.15,
                                linewidth=0)
            top = max(top, finite_max(mean, high if bands else mean, default=0.0))
        ax.set_ylim(0, top * 1.05 if top > 0 else 1)
        ax.set_xlim(when[0], when[-1])
        date_axis(ax)
        rows = math.ceil(len(results.queue_length) / 3)
        legend_above(ax, ncol=3)
        set_title(ax, chart_title_queue_over_time(results, people), legend_rows=rows)
        return ax


def _average_over(times_days: np.ndarray) -> str:
    """How the queue lengths were averaged, from the spacing of their time points."""
    if len(times_days) < 2:
        return "average over the run"
    step = float(np.median(np.diff(times_days)))
    for words, days in (("weekly", 7.0), ("daily", 1.0), ("hourly", 1 / 24)):
        if abs(step - days) < 1e-6 * days:
            return f"{words} average"
    hours = step * 24
    return f"average over each {number(hours)} hours"
