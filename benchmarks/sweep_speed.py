"""Wall time of a sweep of the largest example (the GP appointment line, a year): 6 values
x 20 replications on 1 and 2 local worker processes, and on a Dask LocalCluster of 2
worker processes; the speed-up, the Dask path's overhead, and whether all three give the
same numbers (they should: the same seed).

    .venv/bin/python benchmarks/sweep_speed.py [--days 365] [--replications 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time

import numpy as np

from outsidein_desktop.analysis.results import CUSTOMER_MEASURES
from outsidein_desktop.analysis.sweep import SweepResult, parse_vary, sweep
from outsidein_desktop.storage import load_map

VARY = "team:Duty clinicians.staff=2..7"


def identical(a: SweepResult, b: SweepResult) -> bool:
    return all(np.array_equal(a.per_replication(m), b.per_replication(m), equal_nan=True)
               for m in CUSTOMER_MEASURES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=float, default=365)
    parser.add_argument("--replications", type=int, default=20)
    args = parser.parse_args()
    service_map = load_map("models/gp_appointment_line.json")
    settings = dataclasses.replace(service_map.run, days=args.days,
                                   replications=args.replications)
    parameter = parse_vary(VARY, service_map)
    print(f"{VARY}: {len(parameter.values)} values x {settings.replications} replications "
          f"of {settings.days:g} days; load average before: {os.getloadavg()}")
    timings: dict[str, float] = {}
    results: dict[str, SweepResult] = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        results[f"jobs={jobs}"] = sweep(service_map, parameter, settings, jobs=jobs)
        timings[f"jobs={jobs}"] = time.perf_counter() - start
        print(f"local, jobs={jobs}: {timings[f'jobs={jobs}']:.1f} s "
              f"(load average {os.getloadavg()[0]:.2f})", flush=True)

    from distributed import LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        started = time.perf_counter() - start
        start = time.perf_counter()
        results["dask"] = sweep(service_map, parameter, settings,
                                cluster=cluster.scheduler_address)
        timings["dask"] = time.perf_counter() - start
    print(f"Dask LocalCluster, 2 workers: {timings['dask']:.1f} s (+ {started:.1f} s to start "
          f"the cluster; load average {os.getloadavg()[0]:.2f})")
    print(f"speed-up of 2 local processes over 1: {timings['jobs=1'] / timings['jobs=2']:.2f}x")
    overhead = timings["dask"] - timings["jobs=2"]
    print(f"Dask overhead over the local pool of 2: {overhead:+.1f} s "
          f"({overhead / timings['jobs=2']:+.1%})")
    print(f"identical results: jobs=2 {identical(results['jobs=1'], results['jobs=2'])}, "
          f"dask {identical(results['jobs=1'], results['dask'])}")
    print(f"knee of the median end-to-end time: "
          f"{results['jobs=1'].knee('end_to_end_median')}")


if __name__ == "__main__":
    main()
