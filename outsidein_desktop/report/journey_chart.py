"""One person's journey as a timeline: a lane per team, plus "Between teams" and "Waiting at
home", on a calendar axis (weekdays and dates from the run's start), with weekends and
nights shaded, so a board sees where the weeks went. A two-row version puts the same person
as things are and under a redesign one above the other, from the same arrival.

``plot_journey(journey, start_date, ax)`` draws on an axes (STYLE.md rule 7); the figure
functions add the title (the finding) and a footnote (map, scenario, replication, seed).
"""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator

from ..analysis.journey import (
    AT_HOME,
    BETWEEN_TEAMS,
    CHASE,
    DELAY,
    GAVE_UP,
    HANDOFF,
    LEFT,
    RUN_ENDED,
    STORY,
    WAIT,
    WORK,
    Journey,
    Span,
)
from ..analysis.journey_calendar import MINUTES_PER_DAY, NIGHT_ENDS, NIGHT_STARTS, say_minutes
from ..analysis.journey_story import headline
from .drawing import add_footnote, axes_for, colour, new_figure, set_title
from .style import FIGURE_WIDTH, board_style

#: Span kinds: legend words, colour (place in the style's cycle) and bar height.
KINDS = {
    WORK: ("Work done (a tick where too short to see)", 0, 0.62),
    WAIT: ("In a team's queue", 1, 0.42),
    HANDOFF: ("Being passed on (handoff)", 3, 0.42),
    DELAY: ("Waiting (delay: post, results, waiting list)", 5, 0.42),
}
WEEKEND_SHADE = "#E9E9EF"
NIGHT_SHADE = "#F4F4F7"
#: Nights are shaded only on short timelines (on a long one they would be a grey blur).
NIGHTS_UP_TO_DAYS = 21


def _x(start_date: dt.date, minutes: float) -> float:
    """Matplotlib's date number for ``minutes`` after the run's first midnight."""
    return mdates.date2num(dt.datetime.combine(start_date, dt.time())) + minutes / 1440.0


def plot_journey(journey: Journey, start_date: dt.date, ax: Axes | None = None, *,
                 lanes: list[str] | None = None, until: float | None = None,
                 legend: bool = True) -> Axes:
    """Draw ``journey`` as a timeline on ``ax``: its spans as bars on their lanes, work as
    ticks, story repeats, chases and the ending as markers; weekends (and on a short
    timeline, nights) shaded. ``lanes`` fixes the lanes (for two journeys drawn alike);
    ``until`` the end of the axis in minutes (default: the end of the journey)."""
    with axes_for(ax) as ax:
        lanes = lanes or journey.lanes
        row = {lane: i for i, lane in enumerate(lanes)}
        end = max(until if until is not None else journey.end, journey.arrival + 60.0)
        pad = (end - journey.arrival) * 0.02
        low, high = journey.arrival - pad, end + pad * 2
        ax.set_xlim(_x(start_date, low), _x(start_date, high))
        _shade_calendar(ax, start_date, low, high)
        if BETWEEN_TEAMS in row:  # the time no team's own figures show
            ax.axhspan(row[BETWEEN_TEAMS] - 0.5, row[BETWEEN_TEAMS] + 0.5, color="#FBEFF2",
                       linewidth=0, zorder=0.5)
        _draw_spans(ax, journey, start_date, row, high - low)
        _draw_marks(ax, journey, start_date, row)
        ax.set_yticks(range(len(lanes)), lanes)
        ax.set_ylim(len(lanes) - 0.4, -0.6)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        _calendar_ticks(ax, high - low)
        _day_numbers(ax, start_date, journey.arrival, high - low)
        if legend:
            _legend(ax, journey, high - low)
    return ax


def _shade_calendar(ax: Axes, start_date: dt.date, low: float, high: float) -> None:
    first = math.floor(low / MINUTES_PER_DAY)
    last = math.ceil(high / MINUTES_PER_DAY)
    nights = (high - low) / MINUTES_PER_DAY <= NIGHTS_UP_TO_DAYS
    weekday = start_date.weekday()
    for day in range(first, last + 1):
        midnight = day * MINUTES_PER_DAY
        if (weekday + day) % 7 >= 5:
            ax.axvspan(_x(start_date, midnight), _x(start_date, midnight + MINUTES_PER_DAY),
                       color=WEEKEND_SHADE, alpha=0.8, linewidth=0, zorder=0.6)
        elif nights:
            for a, b in ((0.0, NIGHT_ENDS), (NIGHT_STARTS, MINUTES_PER_DAY)):
                ax.axvspan(_x(start_date, midnight + a), _x(start_date, midnight + b),
                           color=NIGHT_SHADE, linewidth=0, zorder=0)


def _draw_spans(ax: Axes, journey: Journey, start_date: dt.date, row: dict[str, int],
                width: float) -> None:
    visible = width / 400.0  # a bar narrower than this is drawn as a tick as well
    for span in journey.spans:
        _, number, height = KINDS[span.kind]
        y = row[span.lane]
        left = _x(start_date, span.start)
        ax.broken_barh([(left, span.minutes / 1440.0)], (y - height / 2, height),
                       facecolors=colour(number), alpha=1.0 if span.kind == WORK else 0.75,
                       edgecolor="white", linewidth=0.3, zorder=2, gid=f"span-{span.kind}")
        if span.kind == WORK and span.minutes < visible:
            ax.plot([left + span.minutes / 2880.0], [y], marker="|", markersize=11,
                    markeredgewidth=2.2, color=colour(0), zorder=3)
        elif span.kind != WORK:
            _label_bar(ax, span, left, y, width)


def _label_bar(ax: Axes, span: Span, left: float, y: float, width: float) -> None:
    """Name a long bar inside it ("Routine waiting list, 62 days"), if the words fit."""
    words = f"{span.place}, {say_minutes(span.minutes)}" if span.place else \
        say_minutes(span.minutes)
    # About 0.6 em a character at 7 pt, and a margin; the plot is about 70% of the figure.
    room = span.minutes / width * ax.figure.get_figwidth() * 72 * 0.7
    if room < len(words) * 7 * 0.6 + 8:
        words = say_minutes(span.minutes)
        if room < len(words) * 7 * 0.6 + 8:
            return
    ax.text(left + span.minutes / 2880.0, y, words, ha="center", va="center", fontsize=7,
            color="white" if span.kind in (DELAY, WAIT) else "0.15", zorder=3, clip_on=True)


def _draw_marks(ax: Axes, journey: Journey, start_date: dt.date,
                row: dict[str, int]) -> None:
    for mark in journey.marks:
        x = _x(start_date, mark.time)
        if mark.kind == STORY:
            ax.plot([x], [row[mark.lane] - 0.42], marker="v", markersize=7, color=colour(1),
                    markeredgecolor="white", zorder=4)
            ax.annotate(f"story ×{mark.count + 1}", (x, row[mark.lane] - 0.42),
                        xytext=(0, 5), textcoords="offset points", ha="center",
                        va="bottom", fontsize=7, color="0.25", zorder=4)
        elif mark.kind == CHASE:
            lane = mark.team if mark.team in row else mark.lane
            ax.plot([x], [row[lane]], marker="D", markersize=5.5, color=colour(3),
                    markeredgecolor="0.2", markeredgewidth=0.6, zorder=4)
        elif mark.kind in (LEFT, GAVE_UP, RUN_ENDED):
            y = row.get(mark.lane, len(row) - 1)
            symbol, tint = {LEFT: ("o", colour(2)), GAVE_UP: ("X", colour(1)),
                            RUN_ENDED: (">", "0.4")}[mark.kind]
            ax.plot([x], [y], marker=symbol, markersize=8, color=tint,
                    markeredgecolor="white", zorder=5)
            words = {LEFT: journey.outcome, GAVE_UP: "gave up",
                     RUN_ENDED: "run ended"}[mark.kind]
            ax.annotate(words, (x, y), xytext=(-6, -9), textcoords="offset points",
                        ha="right", va="top", fontsize=7.5, color="0.2", zorder=5)
    x = _x(start_date, journey.arrival)
    first = journey.spans[0].lane if journey.spans else AT_HOME
    ax.plot([x], [row.get(first, 0)], marker="o", markersize=6, markerfacecolor="white",
            markeredgecolor="0.2", zorder=5)


def _calendar_ticks(ax: Axes, minutes: float) -> None:
    """Weekday and date ticks; the unit follows the length of the timeline."""
    days = minutes / MINUTES_PER_DAY
    if days <= 2:
        every = 1 if days <= 0.3 else 3 if days <= 1 else 6
        locator, form = mdates.HourLocator(byhour=range(0, 24, every)), "%a %H:%M"
    elif days <= 16:
        locator, form = mdates.DayLocator(), "%a\n%d %b"
    elif days <= 120:
        locator, form = mdates.WeekdayLocator(byweekday=mdates.MO), "Mon\n%d %b"
    elif days <= 550:
        locator, form = mdates.MonthLocator(), "%b\n%Y"
    else:
        locator, form = mdates.MonthLocator(bymonth=(1, 4, 7, 10)), "%b\n%Y"
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter(form))
    ax.tick_params(axis="x", labelsize=7.5)


def _day_numbers(ax: Axes, start_date: dt.date, arrival: float, minutes: float) -> None:
    """Days since first contact along the top, as the story counts them ("Day 12")."""
    origin = _x(start_date, math.floor(arrival / MINUTES_PER_DAY) * MINUTES_PER_DAY)
    top = ax.secondary_xaxis("top", functions=(lambda x: x - origin, lambda d: d + origin))
    days = minutes / MINUTES_PER_DAY
    step = next((s for s in (1, 2, 7, 14, 28, 56, 91) if days / s <= 10), 182)
    top.xaxis.set_major_locator(MultipleLocator(step))
    top.xaxis.set_major_formatter(FuncFormatter(lambda d, _pos: f"Day {d:.0f}"))
    top.tick_params(axis="x", labelsize=7, colors="0.4", length=2)
    top.spines["top"].set_visible(False)


def _legend(ax: Axes, journey: Journey, minutes: float) -> None:
    kinds = {s.kind for s in journey.spans}
    handles = [Patch(facecolor=colour(KINDS[k][1]), label=KINDS[k][0],
                     alpha=1.0 if k == WORK else 0.75) for k in KINDS if k in kinds]
    marks = {m.kind for m in journey.marks}
    if STORY in marks:
        handles.append(Line2D([], [], marker="v", color=colour(1), linestyle="",
                              label="Told their story again"))
    if CHASE in marks:
        handles.append(Line2D([], [], marker="D", color=colour(3), linestyle="",
                              markeredgecolor="0.2", label="Chased (work for that team)"))
    shade = "Shaded: weekends" + (", nights 20:00–08:00"
                                  if minutes / MINUTES_PER_DAY <= NIGHTS_UP_TO_DAYS else "")
    handles.append(Patch(facecolor=WEEKEND_SHADE, label=shade))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5,
              frameon=False, borderaxespad=0.0, handlelength=1.4)


# --- figures ---------------------------------------------------------------------------------


def _height(lanes: int) -> float:
    return 1.6 + 0.42 * lanes


def journey_figure(journey: Journey, start_date: dt.date, *, person: str = "customer",
                   footnote: str = "") -> Figure:
    """The timeline of one journey on its own board figure, titled with its finding."""
    with board_style():
        fig = new_figure(FIGURE_WIDTH * 1.3, _height(len(journey.lanes)) + 0.6)
        ax = fig.add_subplot()
        plot_journey(journey, start_date, ax)
        set_title(ax, headline(journey, person))
        if footnote:
            add_footnote(fig, footnote)
    return fig


def comparison_figure(baseline: Journey, redesign: Journey, start_date: dt.date, *,
                      names: tuple[str, str] = ("As things are", "Redesign"),
                      person: str = "customer", footnote: str = "") -> Figure:
    """The same person as things are (top) and under a redesign (below), on one calendar
    from their arrival, with the same lanes, so the rows can be compared by eye."""
    lanes = [*dict.fromkeys(baseline.lanes[:-2] + redesign.lanes[:-2]), BETWEEN_TEAMS, AT_HOME]
    until = max(baseline.end, redesign.end)
    with board_style():
        fig = new_figure(FIGURE_WIDTH * 1.3, 2 * _height(len(lanes)) + 0.4)
        top, bottom = fig.subplots(2, 1, sharex=True)
        for ax, journey, name in ((top, baseline, names[0]), (bottom, redesign, names[1])):
            plot_journey(journey, start_date, ax, lanes=lanes, until=until,
                         legend=ax is top)
            ax.set_title(f"{name}: {_summary(journey)}", loc="left", fontsize=10,
                         fontweight="bold", pad=6)
        top.tick_params(axis="x", labelbottom=False)
        fig.suptitle(_comparison_title(baseline, redesign, names[1], person), x=0.01,
                     ha="left", fontsize=12, fontweight="bold")
        if footnote:
            add_footnote(fig, footnote)
    return fig


def _summary(journey: Journey) -> str:
    t = journey.totals
    took = say_minutes(t.end_to_end)
    between = f"{say_minutes(t.between_teams)} between teams"
    if journey.outcome:
        return f"{took} to '{journey.outcome}', {between}"
    if journey.gave_up_at:
        return f"gave up after {took}, {between}"
    return f"still waiting after {took} when the run ended, {between}"


def _comparison_title(baseline: Journey, redesign: Journey, name: str, person: str) -> str:
    who = f"{person.capitalize()} {baseline.customer + 1:,}"
    if not (baseline.outcome and redesign.outcome):
        return f"{who} as things are and under '{name}'"
    change = redesign.totals.end_to_end - baseline.totals.end_to_end
    if abs(change) < 1:
        return f"{who}'s journey takes about as long under '{name}'"
    word = "sooner" if change < 0 else "later"
    return f"Under '{name}', {who} finishes {say_minutes(abs(change))} {word}"
