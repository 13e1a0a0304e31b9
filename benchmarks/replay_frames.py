"""Replay speed: the time to build the replay index of one replication, and the frames per
second it then answers (the GUI draws at most 25 a second), for a year of an example.

    .venv/bin/python benchmarks/replay_frames.py [models/nhs_referral_to_treatment.json ...]
"""

from __future__ import annotations

import dataclasses
import sys
import time

import numpy as np

from outsidein_desktop.analysis.replay import ReplayIndex
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_one
from outsidein_desktop.storage import load_map

MODELS = ["models/nhs_referral_to_treatment.json", "models/gp_appointment_line.json"]
FRAMES = 2000


def measure(path: str) -> None:
    service_map = load_map(path)
    settings = dataclasses.replace(service_map.run, days=365)
    compiled = compile_map(service_map)
    started = time.perf_counter()
    output = run_one(compiled, settings, 0)
    ran = time.perf_counter() - started
    started = time.perf_counter()
    index = ReplayIndex(output, compiled)
    built = time.perf_counter() - started
    print(f"{path}: a year, replication 0: {index.customers:,} customers, "
          f"{len(output.events):,} events (simulated in {ran:.1f} s)")
    print(f"  index built in {built:.2f} s")
    for label, minutes in (
            ("random times", np.random.default_rng(0).uniform(0, index.run_minutes, FRAMES)),
            ("playing at 1 day a second, 25 frames a second",
             np.arange(FRAMES) * 1440 / 25 % index.run_minutes)):
        started = time.perf_counter()
        for minute in minutes:
            frame = index.frame(minute)
        took = time.perf_counter() - started
        print(f"  {label}: {FRAMES / took:,.0f} frames/s ({took / FRAMES * 1e3:.2f} ms each)")
    frame = index.frame(index.run_minutes / 2)
    print(f"  mid-run: {frame.in_system:,} in the system, {int(frame.in_transit.sum()):,} "
          f"travelling, {int(frame.hidden.sum()):,} of them not drawn "
          f"(at most {index.max_dots} dots per handoff)")


if __name__ == "__main__":
    for model in sys.argv[1:] or MODELS:
        measure(model)
