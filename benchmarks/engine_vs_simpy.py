"""Customers simulated per second: OutsideIn's engine (full journey log on) against a
minimal hand-written SimPy model of the same Jackson network, in one run.

    .venv/bin/python benchmarks/engine_vs_simpy.py [--days 30] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time

from jackson import minimal_simpy, service_map

from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=float, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    m = service_map(args.days)
    compiled = compile_map(m)
    best_engine = best_simpy = float("inf")
    for repeat in range(args.repeats):
        start = time.perf_counter()
        out = run_one(compiled, m.run, repeat)
        best_engine = min(best_engine, time.perf_counter() - start)
        customers = len(out.customers["arrival"])
        events = len(out.events)
        start = time.perf_counter()
        simpy_customers = minimal_simpy(args.days, seed=repeat)
        best_simpy = min(best_simpy, time.perf_counter() - start)
    print(f"network: {args.days:g} days, about {customers:,} customers, {events:,} events")
    print(f"OutsideIn engine, full journey log: {best_engine:.2f} s "
          f"({customers / best_engine:,.0f} customers/s)")
    print(f"minimal SimPy model:                {best_simpy:.2f} s "
          f"({simpy_customers / best_simpy:,.0f} customers/s)")
    print(f"ratio (engine time / minimal time, per customer): "
          f"{(best_engine / customers) / (best_simpy / simpy_customers):.2f}")


if __name__ == "__main__":
    main()
