"""The timeline of one journey: lanes, bars that add up, a calendar axis, the finding as
title; the side-by-side pair; PNG and SVG files."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import matplotlib.dates as mdates
import numpy as np
import pytest
from journey_maps import MORE_CLINICIANS, START, referral_map, run_map

from outsidein_desktop.analysis.journey import AT_HOME, BETWEEN_TEAMS, follow
from outsidein_desktop.analysis.journey_finder import find_customer, same_person
from outsidein_desktop.analysis.journey_story import headline
from outsidein_desktop.report.export import save_figure
from outsidein_desktop.report.journey_chart import (
    comparison_figure,
    journey_figure,
    plot_journey,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def referral():
    return run_map(referral_map())


@pytest.fixture(scope="module")
def journey(referral):
    output, compiled = referral
    c = output.customers
    customer = int(np.flatnonzero((c["chases"] >= 1) & (c["story_repeats"] >= 1)
                                  & (c["outcome"] >= 0))[0])
    return follow(output, compiled, customer)


def test_bars_on_each_lane_add_up_to_the_journey(journey):
    ax = plot_journey(journey, START)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == journey.lanes and labels[-2:] == [BETWEEN_TEAMS, AT_HOME]
    bars = [c for c in ax.collections if (c.get_gid() or "").startswith("span-")]
    widths = [np.ptp(path.vertices[:, 0]) for bar in bars for path in bar.get_paths()]
    # Every span is one bar; their widths (days) add up to the end-to-end time.
    assert len(widths) == len(journey.spans)
    assert sum(widths) * 1440 == pytest.approx(journey.totals.end_to_end, rel=1e-6)


def test_the_axis_is_the_calendar_from_the_run_start(journey):
    ax = plot_journey(journey, START)
    bars = [c for c in ax.collections if (c.get_gid() or "").startswith("span-")]
    first = min(path.vertices[:, 0].min() for bar in bars for path in bar.get_paths())
    arrived = mdates.num2date(first)
    expected = dt.datetime.combine(START, dt.time()) + dt.timedelta(minutes=journey.arrival)
    assert abs(arrived.replace(tzinfo=None) - expected) < dt.timedelta(seconds=1)
    ticks = " ".join(t.get_text() for t in ax.get_xticklabels())
    assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)", ticks)  # weekdays, for a few weeks


def test_figure_title_is_the_finding_and_files_are_written(journey, tmp_path):
    fig = journey_figure(journey, START, person="patient", footnote="Map: small.")
    title = fig.axes[0].get_title(loc="left").replace("\n", " ")
    assert title == headline(journey, "patient")
    png = save_figure(fig, tmp_path / "journey.png")
    svg = save_figure(fig, tmp_path / "journey.svg")
    assert png.read_bytes().startswith(PNG_MAGIC)
    assert ET.parse(svg).getroot().tag.endswith("svg")
    assert any(t.get_text().startswith("Map: small.") for t in fig.texts)


def test_side_by_side_shares_lanes_and_the_calendar(referral, tmp_path):
    output, compiled = referral
    redesign, redesign_compiled = run_map(MORE_CLINICIANS.apply(referral_map()))
    pick = find_customer(output, compiled, "p90")
    match = same_person(output, compiled, pick.customer, redesign, redesign_compiled)
    a = follow(output, compiled, pick.customer)
    b = follow(redesign, redesign_compiled, match.customer)
    fig = comparison_figure(a, b, START, names=("As things are", MORE_CLINICIANS.name))
    top, bottom = fig.axes[0], fig.axes[1]
    assert top.get_xlim() == bottom.get_xlim()
    assert ([t.get_text() for t in top.get_yticklabels()]
            == [t.get_text() for t in bottom.get_yticklabels()])
    assert top.get_title(loc="left").startswith("As things are:")
    assert bottom.get_title(loc="left").startswith(MORE_CLINICIANS.name)
    assert save_figure(fig, tmp_path / "pair.png").stat().st_size > 10_000
