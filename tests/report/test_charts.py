"""The board charts: each builds headless from a results object, states its finding in the
title, carries units on its axes and a footnote, and draws the analysis' own numbers."""

from __future__ import annotations

import io
import logging
import math
import os
import subprocess
import sys

import matplotlib.dates as mdates
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from outsidein_desktop import __version__
from outsidein_desktop.analysis.process_limits import process_limits
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain.units import format_minutes
from outsidein_desktop.report import style
from outsidein_desktop.report.charts import (
    plot_capability,
    plot_end_to_end,
    plot_queue_over_time,
    plot_utilisation,
    plot_where_time_goes,
)
from outsidein_desktop.report.figures import BOARD_CHARTS, board_figures, finish_figure
from outsidein_desktop.report.readings import (
    chart_title_capability,
    headline_readings,
    number,
    percent,
)
from outsidein_desktop.report.timescale import unit_for

from .conftest import SETTINGS, small_map

UNIT_WORDS = ("(minutes)", "(hours)", "(days)", "(weeks)", "(%)", "(number")


@pytest.fixture(scope="module")
def figures(results):
    return board_figures(results)


def footnote(fig: Figure) -> str:
    notes = [t.get_text() for t in fig.texts if t.get_gid() == "footnote"]
    assert len(notes) == 1
    return notes[0]


# --- every chart ------------------------------------------------------------------------


def test_there_is_one_figure_per_board_chart(figures):
    assert list(figures) == list(BOARD_CHARTS)
    assert all(isinstance(fig, Figure) for fig in figures.values())


@pytest.mark.parametrize("name", list(BOARD_CHARTS))
def test_each_chart_has_a_title_units_and_the_footnote(figures, results, name):
    fig = figures[name]
    ax = fig.axes[0]
    assert ax.get_title(loc="left").strip()
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any(word in ax.get_xlabel() + ax.get_ylabel() for word in UNIT_WORDS), name
    note = footnote(fig)
    for words in ("Small referral line", "3 replications", "30 days", "first 3 days",
                  "seed 7", "95% confidence intervals", f"OutsideIn {__version__}"):
        assert words in note.replace("\n", " "), words
    # drawn headless to a PNG in memory, and fits an A4 page's width (18 cm or less)
    fig.savefig(io.BytesIO(), format="png", dpi=50)
    assert fig.get_figwidth() <= 7.1


@pytest.mark.parametrize("plot", [plot_end_to_end, plot_where_time_goes, plot_capability,
                                  plot_utilisation, plot_queue_over_time])
def test_a_chart_draws_on_the_axes_it_is_given_or_on_a_new_figure(results, plot):
    fig = Figure()
    ax = fig.add_subplot()
    assert plot(results, ax) is ax
    own = plot(results)
    assert isinstance(own, Axes)
    assert isinstance(own.figure, Figure) and own.figure is not fig
    assert own.get_title(loc="left")


def test_the_charts_need_no_display_and_no_pyplot():
    code = ("import sys; from outsidein_desktop.report.charts import plot_end_to_end; "
            "import outsidein_desktop.report.export; "
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'")
    headless = {k: v for k, v in os.environ.items()
                if k not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=headless, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_board_style_gives_the_colour_blind_safe_palette(figures):
    line = figures["end_to_end"].axes[0].lines[0]
    assert to_hex(line.get_color()).upper() == "#4477AA"  # Paul Tol's blue
    assert style.style_path() is not None


def test_without_the_style_file_charts_still_draw_and_say_so(results, monkeypatch, caplog):
    monkeypatch.setattr(style, "style_path", lambda: None)
    monkeypatch.setattr(style, "_warned", False)
    with caplog.at_level(logging.WARNING):
        ax = plot_end_to_end(results)
    assert ax.get_title(loc="left")
    assert "outsidein.mplstyle" in caplog.text


def test_finish_figure_adds_one_footnote_to_any_figure(results):
    fig = Figure(figsize=(6, 4))
    plot_utilisation(results, fig.add_subplot())
    finish_figure(fig, results, note="A note.")
    assert "A note." in footnote(fig).replace("\n", " ")


# --- each chart draws the analysis' numbers ---------------------------------------------


def test_end_to_end_marks_the_pooled_percentiles_in_the_stated_unit(figures, results):
    ax = figures["end_to_end"].axes[0]
    pooled = results.end_to_end_pooled
    unit = unit_for(pooled["p95"])
    assert f"({unit.name})" in ax.get_xlabel()
    marks = sorted(line.get_xdata()[0] for line in ax.lines if len(line.get_xdata()) == 1)
    expected = sorted(pooled[k] / unit.minutes for k in ("p50", "p90", "p95"))
    assert marks == pytest.approx(expected)
    labels = " ".join(t.get_text() for t in ax.texts)
    assert f"Half within {number(pooled['p50'] / unit.minutes)} {unit.name}" in labels
    curve = ax.lines[0]
    assert curve.get_xdata() == pytest.approx(results.end_to_end_quantiles / unit.minutes)


def test_where_the_time_goes_adds_up_to_the_mean_end_to_end_time(figures, results):
    ax = figures["where_time_goes"].axes[0]
    budget = results.time_budget
    totals = sum(np.asarray(v) for v in budget.minutes.values())
    unit = unit_for(totals.max())
    bars = [p for p in ax.patches if p.get_width() > 0]
    drawn = sum(p.get_width() for p in bars) * unit.minutes
    assert drawn == pytest.approx(budget.total(), rel=1e-9)
    # the time budget is the pooled mean: within the CI of the per-replication mean
    e = results.customer["end_to_end_mean"]
    assert e.low <= budget.total() <= e.high
    assert f"({unit.name})" in ax.get_xlabel()
    names = [t.get_text() for t in ax.texts]
    assert names.index("Register") < names.index("Assess") < names.index("Write letter")


def test_utilisation_bars_error_bars_and_the_85_percent_line(figures, results):
    ax = figures["utilisation"].axes[0]
    widths = [p.get_width() for p in ax.patches if p.get_height() < 1 and p.get_width() > 0]
    means = [t.utilisation.mean * 100 for t in results.teams]
    assert widths[:len(means)] == pytest.approx(means)
    assert any(list(line.get_xdata()) == [85, 85] for line in ax.lines)
    assert "85%" in " ".join(t.get_text() for t in ax.texts)
    segments = ax.collections[0].get_segments()  # the error bars
    for team, segment in zip(results.teams, segments, strict=True):
        xs = sorted(point[0] for point in segment)
        assert xs == pytest.approx([team.utilisation.low * 100, team.utilisation.high * 100])
    busiest = max(results.teams, key=lambda t: t.utilisation.mean)
    assert busiest.name in ax.get_title(loc="left").replace("\n", " ")


def test_queue_over_time_has_a_line_per_team_on_real_dates(figures, results):
    ax = figures["queue_over_time"].axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    assert set(lines) == {t.name for t in results.teams}
    first = mdates.num2date(ax.lines[0].get_xdata(orig=False)[0]).date()
    assert first >= SETTINGS.start_date
    for name, line in lines.items():
        assert np.asarray(line.get_ydata()) == pytest.approx(results.queue_length[name][0])
    assert "average" in ax.get_ylabel()


def test_capability_chart_draws_xmr_limits_and_says_what_any_customer_could_take(figures,
                                                                                 results):
    ax = figures["capability"].axes[0]
    limits = process_limits(results.capability["end_to_end"])
    unit = unit_for(limits.upper)
    levels = sorted(line.get_ydata()[0] for line in ax.lines if len(line.get_ydata()) == 2)
    assert levels == pytest.approx(sorted([limits.lower / unit.minutes,
                                           limits.mean / unit.minutes,
                                           limits.upper / unit.minutes]))
    assert limits.lower >= 0
    title = ax.get_title(loc="left").replace("\n", " ")
    assert title == chart_title_capability(limits, unit)
    assert number(limits.upper / unit.minutes) in title
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(results.capability["end_to_end"])


def test_charts_of_a_run_where_no_one_finished_say_so():
    empty = simulate(small_map(SETTINGS, per_day=0)).results
    for plot in (plot_end_to_end, plot_where_time_goes, plot_capability):
        ax = plot(empty)
        assert ax.get_title(loc="left")
        assert any("finished" in t.get_text() for t in ax.texts)
    assert plot_utilisation(empty).get_title(loc="left")
    assert plot_queue_over_time(empty).get_title(loc="left")
    assert "No customer finished" in headline_readings(empty)["end_to_end"]


# --- readings ---------------------------------------------------------------------------


def test_headline_readings_carry_the_numbers_in_human_units(results):
    c = results.customer
    readings = headline_readings(results)
    assert format_minutes(c["end_to_end_median"].mean) in readings["end_to_end"]
    assert percent(c["waiting_share"].mean) in readings["end_to_end"]
    assert format_minutes(c["end_to_end_p90"].mean) in readings["spread"]
    assert format_minutes(c["unowned_mean"].mean) in readings["unowned"]
    assert "No single team owns this time." in readings["unowned"]
    assert f"{c['handoffs_per_customer'].mean:.1f} times" in readings["handoffs"]
    assert f"{c['story_repeats_per_customer'].mean:.1f} times" in readings["handoffs"]
    assert f"{c['chases_per_100'].mean:.0f} chases" in readings["failure_demand"]
    assert percent(c["gave_up_share"].mean) in readings["gave_up"]
    assert "Assess" in readings["gave_up"]  # where most give up, in the map's words
    assert "Treated" in readings["outcomes"] and "Referred elsewhere" in readings["outcomes"]
    assert not any("minutes" in text for text in readings.values())  # days, not minutes


@pytest.mark.parametrize(("share", "text"), [(0.78, "78%"), (0.999, "more than 99%"),
                                             (0.001, "less than 1%"), (0.0, "0%"),
                                             (1.0, "100%"), (math.nan, "an unknown share")])
def test_percent_never_rounds_to_a_false_all_or_nothing(share, text):
    assert percent(share) == text


@pytest.mark.parametrize(("minutes", "unit"), [(30, "minutes"), (300, "hours"),
                                               (5 * 1440, "days"), (100 * 1440, "weeks"),
                                               (math.nan, "minutes")])
def test_the_axis_unit_follows_the_scale_of_the_data(minutes, unit):
    assert unit_for(minutes).name == unit


def test_an_installed_wheel_finds_the_style_where_it_put_it(tmp_path, monkeypatch):
    import sys

    import outsidein_desktop

    package = tmp_path / "site-packages" / "outsidein_desktop"
    package.mkdir(parents=True)
    monkeypatch.setattr(outsidein_desktop, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    assert style.style_path() is None  # neither a source tree nor an installed copy

    installed = tmp_path / "env" / "share" / "outsidein" / style.STYLE_NAME
    installed.parent.mkdir(parents=True)
    installed.write_text("lines.linewidth: 2\n")
    assert style.style_path() == installed
