"""Maps for the storage tests: one using every feature of the file format, one hand-written."""

import copy
import datetime as dt
import json

import pytest

from outsidein_desktop import cli
from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Empirical,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Gamma,
    Handoff,
    Lognormal,
    Normal,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    Triangular,
    Uniform,
    Weibull,
)

WEEKDAYS, WEEKEND = (0, 1, 2, 3, 4), (5, 6)


@pytest.fixture
def full_map() -> ServiceMap:
    """Every part type, every distribution kind, a roster with an overnight shift, segments
    with patience and chasing, routing by segment, handoff delays, notes and run settings."""
    m = ServiceMap(title="Outpatients", notes="A made-up pathway for the tests.",
                   sources=("NHS England RTT statistics", "a workshop with the booking team"),
                   run=RunSettings(days=180, warmup_days=14, replications=20, seed=7,
                                   start_date=dt.date(2026, 3, 2)))
    m.add_team(Team(name="Booking office", colour="#EE6677", notes="Two shifts.", shifts=(
        Shift(days=WEEKDAYS, start=8, end=14, staff=2),
        Shift(days=WEEKDAYS, start=14, end=20, staff=3))))
    m.add_team(Team(name="Nurses", colour="#228833", shifts=(
        Shift(days=WEEKDAYS, start=7, end=19, staff=4),
        Shift(days=(6, 0, 1, 2, 3), start=22, end=6, staff=1),  # overnight, Sunday to Monday
        Shift(days=WEEKEND, start=0, end=24, staff=1))))
    m.add_team(Team(name="Consultants", colour="#4477aa", shifts=(
        Shift(days=(1, 3), start=9, end=17, staff=2),)))
    m.add_segment(Segment(name="Urgent", share=1, priority=1,
                          patience=Weibull(shape=1.5, scale=3, unit="weeks"),
                          chase=ChaseRule(after=Duration(2, "weeks"), every=Duration(1, "week"),
                                          team="Booking office", work=Fixed(value=10)),
                          notes="Two-week-wait referrals."))
    m.add_segment(Segment(name="Routine", share=4, priority=2,
                          patience=Lognormal(mean_value=20, sd=8, unit="weeks")))
    m.add(Entry(name="GP referral", position=(0, 100), notes="Letters and e-referrals.",
                arrivals=Arrivals(per_day=12, by_weekday=(1.4, 1.1, 1, 1, 0.9, 0.1, 0.05),
                                  by_hour=(0,) * 8 + (1,) * 10 + (0.2,) * 6),
                segment_mix={"Urgent": 1, "Routine": 3}))
    m.add(Entry(name="Self referral", position=(0, 250.5), arrivals=Arrivals(per_day=2)))
    m.add(Step(name="Booking", team="Booking office", position=(150, 100),
               duration=Triangular(low=5, mode=8, high=20), customer_present=False))
    m.add(Step(name="Triage", team="Nurses", position=(300, 100),
               duration=Normal(mean_value=15, sd=5), staff_needed=2,
               repeat_story_time=Uniform(low=3, high=6)))
    m.add(Decision(name="Tests needed?", position=(450, 100)))
    m.add(Delay(name="Test results", position=(600, 0),
                duration=Gamma(mean_value=5, sd=2, unit="days")))
    m.add(Step(name="Clinic", team="Consultants", position=(750, 100),
               duration=Empirical(values=(10, 15, 15, 20, 30, 45))))
    m.add(Exit(name="Treated", outcome="Treated and discharged", position=(900, 100)))
    m.add(Exit(name="Referred elsewhere", position=(600, 250)))
    m.connect("GP referral", "Booking", Handoff(delay=Exponential(mean_value=2, unit="days"),
                                                notes="The referral letter."))
    m.connect("Self referral", "Booking")
    m.connect("Booking", "Triage", Handoff(info_travels=0.6))
    m.connect("Triage", "Tests needed?")
    m.connect("Tests needed?", "Test results",
              Handoff(probability=0.5, by_segment={"Urgent": 0.8}))
    m.connect("Tests needed?", "Clinic", Handoff(probability=0.4, by_segment={"Urgent": 0.2}))
    m.connect("Tests needed?", "Referred elsewhere",
              Handoff(probability=0.1, by_segment={"Urgent": 0}))
    m.connect("Test results", "Clinic", Handoff(info_travels=0.3))
    m.connect("Clinic", "Treated")
    return m


GOOD_DATA = {
    "format_version": 2,
    "title": "Housing repairs",
    "teams": [{"name": "Repairs", "colour": "#AA3377",
               "shifts": [{"days": "Mon-Fri", "start": "08:00", "end": "18:00", "staff": 2}]}],
    "nodes": [
        {"type": "entry", "name": "Report", "arrivals": {"per_day": 10}},
        {"type": "step", "name": "Fix", "team": "Repairs",
         "duration": {"kind": "exponential", "mean": 1, "unit": "hours"}},
        {"type": "exit", "name": "Fixed"},
    ],
    "handoffs": [{"from": "Report", "to": "Fix"}, {"from": "Fix", "to": "Fixed"}],
}


@pytest.fixture
def good_data() -> dict:
    """A small valid map as a person would write it by hand (a fresh copy to spoil)."""
    return copy.deepcopy(GOOD_DATA)


@pytest.fixture
def write(tmp_path):
    """write(content, name) puts a dict (as JSON), text or bytes in a file; returns its path."""

    def write(content, name="map.json"):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli(capsys):
    """run_cli(*words) runs `outsidein WORDS...` and returns (exit code, stdout, stderr)."""

    def run(*words):
        code = cli.main([str(w) for w in words])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
