"""The sweep chart: the finding as its title, units on both axes, the CI band, the knee
marked and named, one line per value of a second parameter, and files for a paper."""

from __future__ import annotations

import struct

import pytest
from matplotlib.collections import PolyCollection
from sweep_maps import one_queue, referral_line

from outsidein_desktop.analysis.sweep import parse_vary, sweep
from outsidein_desktop.domain import RunSettings
from outsidein_desktop.report.export import PNG_DPI
from outsidein_desktop.report.readings import number
from outsidein_desktop.report.style import FIGURE_WIDTH
from outsidein_desktop.report.sweep_chart import (
    UNSETTLED_GID,
    export_sweep_chart,
    measure_scale,
    plot_sweep,
    sweep_figure,
    sweep_title,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def one_way():
    m = one_queue()
    return sweep(m, parse_vary("team:Triage.staff=1..4", m))


@pytest.fixture(scope="module")
def two_way():
    m = referral_line(RunSettings(days=10, warmup_days=1, replications=3, seed=5))
    return sweep(m, [parse_vary("team:Clinic.staff=2..4", m),
                     parse_vary("handoff:Book->See.info_travels=0,1", m)])


def test_the_title_says_where_more_staff_stops_paying(one_way):
    assert one_way.knee("waiting_mean") == 2
    assert sweep_title(one_way, "waiting_mean") == (
        "Beyond 2 staff in team 'Triage', the mean time waiting hardly falls")


def test_a_flat_measure_is_said_to_hardly_change(one_way):
    assert sweep_title(one_way, "arrivals_per_day") == (
        "The number of arrivals a day hardly changes with the staff of team 'Triage', "
        "from 1 staff to 4 staff")


def test_the_chart_has_units_the_band_and_the_named_knee(one_way):
    ax = plot_sweep(one_way, "waiting_mean")
    assert ax.get_title(loc="left").replace("\n", " ") == sweep_title(one_way, "waiting_mean")
    assert ax.get_xlabel() == "Staff of team 'Triage'"
    assert ax.get_ylabel() == "Mean time waiting (not with staff) (minutes)"
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Knee: 2 staff") for t in texts)
    assert list(ax.get_xticks()) == [1, 2, 3, 4]
    assert ax.get_ylim()[0] == 0


def test_times_are_drawn_in_a_unit_people_read(one_way):
    scale = measure_scale(one_way, "end_to_end_p90")
    assert scale.unit in ("minutes", "hours")
    share = measure_scale(one_way, "waiting_share")
    assert share.factor == 100 and share.label.endswith("(%)")


def test_two_parameters_draw_one_line_per_value_of_the_second(two_way):
    ax = plot_sweep(two_way, "story_repeats_per_customer")
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Chance information travels from 'Book' to 'See'"
    labels = [t.get_text() for t in legend.get_texts()]
    assert [label.split(",")[0] for label in labels] == ["0%", "100%"]
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 2


def test_lines_that_are_the_same_are_drawn_once_and_said_to_be(two_way):
    # Whether notes travel changes no one's patience: with the same random numbers, the
    # share who give up is exactly the same line for both values.
    lines = two_way.lines("gave_up_share")
    assert [e.mean for e in lines[0][1]] == [e.mean for e in lines[1][1]]
    ax = plot_sweep(two_way, "gave_up_share")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 1 and labels[0].startswith("0%, 100% (the same)")


def test_the_board_figure_carries_the_footnote(one_way):
    fig = sweep_figure(one_way, "end_to_end_median")
    footnote = next(t.get_text() for t in fig.texts if t.get_gid() == "footnote")
    flat = footnote.replace("\n", " ")
    assert "5 replications of 20 days" in flat and "95% confidence intervals" in flat
    assert "Map: One queue." in flat and "Swept: staff of team 'Triage' from 1 staff to 4" \
        in flat


def test_the_chart_is_exported_for_a_paper(one_way, tmp_path):
    written = export_sweep_chart(one_way, tmp_path, "waiting_mean")
    assert [p.name for p in written] == ["sweep.png", "sweep.svg", "sweep.pdf"]
    png = (tmp_path / "sweep.png").read_bytes()
    assert png.startswith(PNG_MAGIC)
    width = struct.unpack(">I", png[16:20])[0]
    assert width > 0.8 * FIGURE_WIDTH * PNG_DPI  # 300 dpi, about 7 inches wide
    assert (tmp_path / "sweep.pdf").read_bytes().startswith(b"%PDF")
    assert "<svg" in (tmp_path / "sweep.svg").read_text(encoding="utf-8")


# --- a sweep whose lowest staffing is overloaded ----------------------------------------


@pytest.fixture(scope="module")
def overloaded():
    """80 a day: one person falls further behind all run (1.1 erlangs); two cope."""
    m = one_queue(per_day=80)
    return sweep(m, parse_vary("team:Triage.staff=1..4", m))


def test_the_title_says_which_point_did_not_settle(overloaded):
    # Read with the overloaded point, the knee would be at 2 staff; its wait of a day is
    # the run's doing, so the finding is read from 2 to 4 staff and the point is named.
    assert sweep_title(overloaded, "end_to_end_median") == (
        "Beyond 3 staff in team 'Triage', the median end-to-end time hardly falls; at 1 staff "
        "the queue for team 'Triage' was still growing at the end of the run")
    assert sweep_title(overloaded, "arrivals_per_day").endswith(
        "from 2 staff to 4 staff; at 1 staff the queue for team 'Triage' was still growing at "
        "the end of the run")


def test_the_unsettled_point_is_a_hollow_triangle_with_a_key(overloaded):
    ax = plot_sweep(overloaded, "end_to_end_median")
    marked = [line for line in ax.lines if line.get_gid() == UNSETTLED_GID]
    assert len(marked) == 1
    assert list(marked[0].get_xdata()) == [1]
    assert marked[0].get_marker() == "^" and marked[0].get_markerfacecolor() == "white"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Queue still growing at the end of the run: figures depend on the run "
                      "length"]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Knee: 3 staff") for t in texts)
    # Its day-long median would squash the others flat: it sits on the top edge, its value
    # written beside it, and the axis is read in minutes, as the settled points are.
    assert ax.get_ylabel().endswith("(minutes)")
    assert ax.get_ylim()[1] < 100
    assert any(t.endswith("minutes, off the scale") for t in texts)


def test_the_footnote_says_how_many_were_still_in_the_journey(overloaded):
    fig = sweep_figure(overloaded, "end_to_end_median")
    footnote = next(t.get_text() for t in fig.texts if t.get_gid() == "footnote")
    flat = footnote.replace("\n", " ")
    stuck = number(overloaded.points[0].still_in_journey)
    assert (f"points whose run had not settled by its end ({stuck} people still in the "
            "journey at the end at 1 staff)") in flat
    assert "the knee and the finding are read from the other points" in flat


def test_a_settled_sweep_has_no_key_and_no_triangles(one_way):
    ax = plot_sweep(one_way, "waiting_mean")
    assert ax.get_legend() is None
    assert not [line for line in ax.lines if line.get_gid() == UNSETTLED_GID]
    assert ";" not in sweep_title(one_way, "waiting_mean")
