"""Small maps for the journey-following tests (a plain module: the tests import it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from small_maps import small_map

from outsidein_desktop.domain import RunSettings, ServiceMap
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
    """The shared small referral line with a second entry (so arrival order is counted per
    entry) and letters written without the customer."""
    return small_map(run, self_referrals=5, letters_with_customer=False)


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
