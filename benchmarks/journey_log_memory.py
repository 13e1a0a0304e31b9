"""Bytes per journey-log event and peak memory, on a run of about 1,000,000 customers.

    .venv/bin/python benchmarks/journey_log_memory.py [--customers 1000000]
"""

from __future__ import annotations

import argparse
import resource
import time

from jackson import ARRIVALS_PER_MINUTE, service_map

from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    args = parser.parse_args()
    days = args.customers / (ARRIVALS_PER_MINUTE * 1440)
    m = service_map(days)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    out = run_one(compile_map(m), m.run, 0)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    events = len(out.events)
    customers = len(out.customers["arrival"])
    table = sum(c.nbytes for c in out.customers.values())
    print(f"{customers:,} customers, {events:,} events in {took:.1f} s "
          f"({customers / took:,.0f} customers/s)")
    print(f"journey log: {out.events.nbytes / 1e6:,.1f} MB, "
          f"{out.events.nbytes / events:.1f} bytes per event")
    print(f"customer table: {table / 1e6:,.1f} MB, {table / customers:.0f} bytes per customer")
    print(f"peak resident memory: {peak / 1024:,.0f} MiB "
          f"(before the run: {before / 1024:,.0f} MiB)")


if __name__ == "__main__":
    main()
