"""Board figures: each chart on its own A4-friendly figure, in the board style, with a
footnote saying what was simulated and how (STYLE.md: a board chart carries its units,
its number of replications and its confidence band)."""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.process_limits import XMR_FACTOR
from ..analysis.results import CAPABILITY_POINTS, Results
from ..domain.units import counted
from .charts import (
    plot_capability,
    plot_end_to_end,
    plot_queue_over_time,
    plot_utilisation,
    plot_where_time_goes,
)
from .drawing import add_footnote, new_figure
from .style import FIGURE_HEIGHT, FIGURE_WIDTH, board_style

#: The board charts, in the order a paper shows them: the customer's view first.
BOARD_CHARTS: dict[str, Callable[[Results, Axes], Axes]] = {
    "end_to_end": plot_end_to_end,
    "where_time_goes": plot_where_time_goes,
    "capability": plot_capability,
    "utilisation": plot_utilisation,
    "queue_over_time": plot_queue_over_time,
}

_NOTES = {
    "end_to_end": "Every journey that finished, pooled over the replications.",
    "capability": ("Dots: the journeys of replication 1 that finished after the warm-up "
                   f"(at most the last {CAPABILITY_POINTS:,}), in the order they finished. "
                   "Process limits as in NHS England's Making Data Count: mean ± "
                   f"{XMR_FACTOR} × mean moving range."),
}


def footnote_text(results: Results, note: str = "") -> str:
    """What was simulated: map, scenario, replications, run length, warm-up, seed, the
    confidence level and the software version."""
    s = results.settings
    scenario = results.scenario or "none (the map as drawn)"
    parts = [
        f"Map: {results.title or 'untitled'}. Scenario: {scenario}.",
        f"{counted(s.replications, 'replication')} of {s.days:g} days from "
        f"{s.start_date:%d %b %Y}, the "
        f"first {s.warmup_days:g} days a warm-up left out of the figures; seed {s.seed}.",
        "Error bars and bands: 95% confidence intervals over replications.",
    ]
    if note:
        parts.append(note)
    parts.append(f"OutsideIn {results.software_version}.")
    return " ".join(parts)


def finish_figure(fig: Figure, results: Results, note: str = "") -> Figure:
    """Add the footnote (map and scenario, replications, run length, warm-up, seed, 95%
    confidence intervals, software version) below the chart, and make room for it."""
    return add_footnote(fig, footnote_text(results, note))


def board_figure(results: Results, name: str, people: str = "customers") -> Figure:
    """One board chart (a name of :data:`BOARD_CHARTS`) on its own figure with its
    footnote."""
    plot = BOARD_CHARTS[name]
    with board_style():
        fig = new_figure(FIGURE_WIDTH, _height(results, name))
        ax = fig.add_subplot()
        if name in ("end_to_end", "queue_over_time"):
            plot(results, ax, people=people)
        else:
            plot(results, ax)
        finish_figure(fig, results, _NOTES.get(name, ""))
    return fig


def board_figures(results: Results, people: str = "customers") -> dict[str, Figure]:
    """Every board chart, each on its own figure (about 18 cm wide, for an A4 page)."""
    return {name: board_figure(results, name, people) for name in BOARD_CHARTS}


def _height(results: Results, name: str) -> float:
    """Taller figures for charts with a bar per step or team."""
    if name == "where_time_goes":
        return max(FIGURE_HEIGHT, 2.4 + 0.32 * len(results.time_budget.places))
    if name == "utilisation":
        return max(FIGURE_HEIGHT, 2.2 + 0.4 * len(results.teams))
    return FIGURE_HEIGHT
