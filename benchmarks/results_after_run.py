"""Seconds from the last replication finishing to the results being ready (the largest
example: the GP appointment line, a year, 20 replications, on 2 worker processes).

    .venv/bin/python benchmarks/results_after_run.py [--days 365] [--replications 20]

Two figures. ``simulate`` (what the app and the command line call) summarises each
replication as it comes in, while the others still run; the first figure is the time from
the last replication's output reaching this process to the results being ready. The second
is ``summarise`` run on all the outputs at the end, as a comparison of scenarios does.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from unittest import mock

from outsidein_desktop.analysis import run as run_module
from outsidein_desktop.analysis.results import summarise
from outsidein_desktop.storage import load_map


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    m = load_map("models/gp_appointment_line.json")
    settings = dataclasses.replace(m.run, days=args.days, replications=args.replications)

    # Note when each output reaches simulate's per-replication summary: the last is the
    # moment the last replication is in.
    arrivals: list[float] = []
    summarise_replication = run_module.summarise_replication

    def noting_arrival(*a, **k):
        arrivals.append(time.perf_counter())
        return summarise_replication(*a, **k)

    start = time.perf_counter()
    with mock.patch.object(run_module, "summarise_replication", noting_arrival):
        run = run_module.simulate(m, settings, jobs=args.jobs)
    ready = time.perf_counter()
    events = sum(len(o.events) for o in run.outputs)
    print(f"{args.replications} replications of {args.days} days, {events:,} events, "
          f"{args.jobs} jobs: {ready - start:.1f} s in all (load {os.getloadavg()[0]:.1f})")
    print(f"simulate: results ready {ready - arrivals[-1]:.2f} s after the last replication "
          "came in")

    start = time.perf_counter()
    summarise(run.outputs, run.compiled, settings)
    print(f"summarise, all outputs at the end: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
