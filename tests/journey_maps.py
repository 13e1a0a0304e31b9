"""Small maps for the journey-following tests (a plain module: the tests import it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

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
from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_one
from outsidein_desktop.storage import load_map

ROOT = Path(__file__).resolve().parents[1]
START = dt.date(2026, 3, 2)  # a Monday
SETTINGS = RunSettings(days=20, warmup_days=2, replications=1, seed=11, start_date=START)

#: A redesign that changes no arrivals: more clinicians.
MORE_CLINICIANS = Scenario(name="Two more clinicians", changes=(SetStaff(team="Clinic", staff=5),))


def referral_map(run: RunSettings = SETTINGS) -> ServiceMap:
    """Three teams, a delay, a rework loop, lost information, chasing and giving up, with
    two entries (so arrival order is counted per entry)."""
    service_map = ServiceMap(title="Small referral line", run=run)
    service_map.add_team(Team(name="Admin", shifts=always(1)))
    service_map.add_team(Team(name="Clinic", shifts=(Shift(start=9, end=17, staff=3),)))
    service_map.add_team(Team(name="Letters", shifts=(Shift(start=9, end=17, staff=1),)))
    service_map.add_segment(Segment(
        name="Routine", share=3, priority=2, patience=Exponential(mean_value=4, unit="days"),
        chase=ChaseRule(after=Duration(1, "days"), team="Admin", work=Fixed(value=10),
                        every=Duration(1, "days"))))
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add(Entry(name="Referral", arrivals=Arrivals(per_day=30)))
    service_map.add(Entry(name="Self referral", arrivals=Arrivals(per_day=5)))
    service_map.add(Step(name="Register", team="Admin", duration=Exponential(mean_value=20)))
    service_map.add(Delay(name="Test results", duration=Exponential(mean_value=1,
                                                                     unit="days")))
    service_map.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=30),
                         repeat_story_time=Fixed(value=10)))
    service_map.add(Decision(name="Sorted?"))
    service_map.add(Step(name="Write letter", team="Letters",
                         duration=Exponential(mean_value=12), customer_present=False))
    service_map.add(Exit(name="Treated"))
    service_map.add(Exit(name="Referred elsewhere"))
    service_map.connect("Referral", "Register")
    service_map.connect("Self referral", "Register")
    service_map.connect("Register", "Test results",
                        Handoff(delay=Exponential(mean_value=2, unit="hours")))
    service_map.connect("Test results", "Assess", Handoff(info_travels=0.3))
    service_map.connect("Assess", "Sorted?")
    service_map.connect("Sorted?", "Write letter", Handoff(probability=0.7))
    service_map.connect("Sorted?", "Referred elsewhere", Handoff(probability=0.15))
    service_map.connect("Sorted?", "Register", Handoff(probability=0.15))
    service_map.connect("Write letter", "Treated")
    return service_map


def run_map(service_map: ServiceMap, settings: RunSettings | None = None, replication: int = 0):
    """(output, compiled) of one replication."""
    compiled = compile_map(service_map)
    return run_one(compiled, settings or service_map.run, replication), compiled


def example(name: str, days: float, warmup: float) -> ServiceMap:
    """An example map from models/, with a shorter run."""
    service_map = load_map(ROOT / "models" / f"{name}.json")
    service_map.run = dataclasses.replace(service_map.run, days=days, warmup_days=warmup,
                                          replications=1)
    return service_map
