"""A small real run, simulated once for all the report tests (about a second)."""

from __future__ import annotations

import datetime as dt

import pytest
from small_maps import small_map

from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import RunSettings

START = dt.date(2026, 3, 2)  # a Monday


SETTINGS = RunSettings(days=30, warmup_days=3, replications=3, seed=7, start_date=START)


@pytest.fixture(scope="session")
def report_run():
    return simulate(small_map(SETTINGS))


@pytest.fixture(scope="session")
def results(report_run):
    return report_run.results
