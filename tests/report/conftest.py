"""A small real run, simulated once for all the report tests (about a second)."""

from __future__ import annotations

import datetime as dt

import pytest

from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)

START = dt.date(2026, 3, 2)  # a Monday


def small_map(run: RunSettings, per_day: float = 30) -> ServiceMap:
    """Three teams, a delay, a rework loop, lost information, chasing and giving up: every
    figure the charts draw is non-zero."""
    service_map = ServiceMap(title="Small referral line", run=run)
    service_map.add_team(Team(name="Admin", shifts=always(1)))
    service_map.add_team(Team(name="Clinic", shifts=(Shift(start=9, end=17, staff=3),)))
    service_map.add_team(Team(name="Letters", shifts=(Shift(start=9, end=17, staff=1),)))
    service_map.add_segment(Segment(
        name="Routine", share=3, priority=2, patience=Exponential(mean_value=4, unit="days"),
        chase=ChaseRule(after=Duration(1, "days"), team="Admin", work=Fixed(value=10),
                        every=Duration(1, "days"))))
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add(Entry(name="Referral", arrivals=Arrivals(per_day=per_day)))
    service_map.add(Step(name="Register", team="Admin", duration=Exponential(mean_value=20)))
    service_map.add(Delay(name="Test results", duration=Exponential(mean_value=1,
                                                                     unit="days")))
    service_map.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=30),
                         repeat_story_time=Fixed(value=10)))
    service_map.add(Decision(name="Sorted?"))
    service_map.add(Step(name="Write letter", team="Letters",
                         duration=Exponential(mean_value=12)))
    service_map.add(Exit(name="Treated"))
    service_map.add(Exit(name="Referred elsewhere"))
    service_map.connect("Referral", "Register")
    service_map.connect("Register", "Test results",
                        Handoff(delay=Exponential(mean_value=2, unit="hours")))
    service_map.connect("Test results", "Assess", Handoff(info_travels=0.3))
    service_map.connect("Assess", "Sorted?")
    service_map.connect("Sorted?", "Write letter", Handoff(probability=0.7))
    service_map.connect("Sorted?", "Referred elsewhere", Handoff(probability=0.15))
    service_map.connect("Sorted?", "Register", Handoff(probability=0.15))
    service_map.connect("Write letter", "Treated")
    return service_map


SETTINGS = RunSettings(days=30, warmup_days=3, replications=3, seed=7, start_date=START)


@pytest.fixture(scope="session")
def report_run():
    return simulate(small_map(SETTINGS))


@pytest.fixture(scope="session")
def results(report_run):
    return report_run.results
