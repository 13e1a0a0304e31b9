"""The comparison charts: titles that state the finding, axes with units, a footnote with
the run settings, the analysis' own numbers, and options told apart without colour."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from outsidein_desktop import __version__
from outsidein_desktop.analysis.compare import HEADLINE_MEASURES
from outsidein_desktop.report.comparison_charts import (
    COMPARISON_CHARTS,
    comparison_figure,
    comparison_figures,
    plot_compared_end_to_end,
    plot_compared_time_budget,
    summary_figure,
)
from outsidein_desktop.report.comparison_text import (
    chart_title_compared_end_to_end,
    chart_title_compared_time_budget,
    chart_title_differences,
)
from outsidein_desktop.report.export import save_figure
from outsidein_desktop.report.timescale import unit_for

from .comparison_case import SETTINGS, small_comparison

UNITS = ("(minutes)", "(hours)", "(days)", "(weeks)")


@pytest.fixture(scope="module")
def comparison():
    return small_comparison()


@pytest.fixture(scope="module")
def figures(comparison):
    return comparison_figures(comparison, people="patients")


def footnote(fig: Figure) -> str:
    notes = [t.get_text() for t in fig.texts if t.get_gid() == "footnote"]
    assert len(notes) == 1
    return notes[0].replace("\n", " ")


def test_every_chart_has_a_footnote_with_the_run_settings(figures):
    assert list(figures) == list(COMPARISON_CHARTS)
    for fig in figures.values():
        note = footnote(fig)
        assert f"{SETTINGS.replications} replications of {SETTINGS.days:g} days" in note
        assert "common random numbers" in note
        assert "95%" in note and f"OutsideIn {__version__}" in note
        assert "Third booker" in note and "Slower clinic" in note


def test_end_to_end_chart_overlays_each_option_with_its_own_line_style(comparison, figures):
    ax = figures["end_to_end"].axes[0]
    assert ax.get_title(loc="left").replace("\n", " ") == \
        chart_title_compared_end_to_end(comparison, "patients")
    assert ax.get_xlabel().endswith(UNITS)
    assert ax.get_ylabel() == "Patients finished within this time (%)"
    curves = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [c.get_label().split(":")[0] for c in curves] == [o.name for o in
                                                              comparison.options]
    assert len({str(c.get_linestyle()) for c in curves}) == len(curves)
    # The curves are the pooled quantiles, in the axis' unit.
    p90 = max(o.results.end_to_end_pooled["p90"] for o in comparison.options)
    unit = unit_for(p90)
    x, _ = curves[0].get_data()
    np.testing.assert_allclose(
        x, comparison.baseline.results.end_to_end_quantiles / unit.minutes)


def test_forest_plot_has_a_panel_per_headline_measure_with_its_unit(comparison, figures):
    fig = figures["differences"]
    assert fig.get_suptitle().replace("\n", " ") == chart_title_differences(comparison)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == len(HEADLINE_MEASURES)
    for ax in panels:
        title = ax.get_title(loc="left")
        assert "redesign − baseline" in title
        assert any(word in title for word in ("minutes", "hours", "days", "weeks", "points",
                                               "per "))
        texts = [t.get_text() for t in ax.texts]
        assert "← better" in texts
        assert any(list(line.get_xdata()) == [0, 0] for line in ax.get_lines())  # zero line
    first = panels[0]
    names = [t.get_text() for t in first.get_yticklabels()]
    assert [n.replace("\n", " ") for n in names] == [o.name for o in comparison.redesigns]


def test_forest_plot_points_are_the_paired_differences(comparison, figures):
    panel = [ax for ax in figures["differences"].axes if ax.get_title(loc="left")][0]
    unit_name = panel.get_title(loc="left").split("(")[1].split(",")[0]
    minutes = {"minutes": 1, "hours": 60, "days": 1440, "weeks": 10080}[unit_name]
    points = [line for line in panel.get_lines() if line.get_marker() in ("o", "s")]
    for row, option in enumerate(comparison.redesigns):
        d = comparison.differences[option.name]["end_to_end_median"].difference
        point = [p for p in points if p.get_ydata()[0] == row][0]
        assert point.get_xdata()[0] == pytest.approx(d.mean / minutes)


def test_where_the_time_goes_bars_add_up_to_each_options_mean_journey(comparison):
    fig = comparison_figure(comparison, "where_time_goes")
    ax = fig.axes[0]
    assert ax.get_title(loc="left").replace("\n", " ") == \
        chart_title_compared_time_budget(comparison)
    assert ax.get_xlabel().endswith(UNITS)
    unit = unit_for(max(o.results.time_budget.total() for o in comparison.options))
    totals = np.zeros(len(comparison.options))
    for bar in ax.patches:
        totals[round(bar.get_y() + bar.get_height() / 2)] += bar.get_width()
    expected = [o.results.time_budget.total() / unit.minutes for o in comparison.options]
    np.testing.assert_allclose(totals, expected, rtol=1e-9)
    hatches = {bar.get_hatch() for bar in ax.patches}
    assert len(hatches) >= 2  # pieces told apart in grey print


def test_the_summary_chart_shows_the_end_to_end_differences(comparison):
    fig = summary_figure(comparison)
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert len(panels) == 2
    assert not [t for t in fig.texts if t.get_gid() == "footnote"]


def test_plots_draw_on_a_given_axes_or_their_own(comparison):
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_compared_end_to_end(comparison, ax) is ax
    assert plot_compared_time_budget(comparison).figure is not None


def test_an_unknown_chart_name_is_refused_plainly(comparison):
    with pytest.raises(ValueError, match="no comparison chart called 'pie'"):
        comparison_figure(comparison, "pie")


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_charts_save_in_every_format(figures, tmp_path, kind):
    path = save_figure(figures["differences"], tmp_path / f"differences.{kind}")
    assert path.stat().st_size > 1000


def test_markers_tell_the_options_apart_without_colour(figures):
    ax = figures["end_to_end"].axes[0]
    markers = {line.get_marker() for line in ax.get_lines()
               if isinstance(line, Line2D) and line.get_linestyle() == "None"}
    assert len(markers) >= 3
