"""Wall time of 20 replications on 1 and on 2 worker processes (same seed, same results).

    .venv/bin/python benchmarks/parallel_replications.py [--days 20] [--replications 20]
        [--rounds 3] [--no-log]   (--no-log: without the journey log)

A shared or virtual machine's speed drifts by several per cent from minute to minute, so
the two are timed in turns, ``--rounds`` times, and the median ratio is the figure. For
scale, the same is done for plain Python arithmetic split over 1 and 2 processes: no
simulation can scale better than that on this machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from jackson import service_map

from outsidein_desktop.sim.runner import run_replications


def arithmetic(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def arithmetic_seconds(jobs: int, pieces: int = 20, size: int = 3_000_000) -> float:
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(arithmetic, [size] * pieces))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=float, default=20)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-log", action="store_true")
    args = parser.parse_args()
    m = service_map(args.days, replications=args.replications)
    ratios, floors = [], []
    same = True
    for round_number in range(1, args.rounds + 1):
        timings, outputs = {}, {}
        for jobs in (1, 2):
            start = time.perf_counter()
            outputs[jobs] = run_replications(m, jobs=jobs, record_events=not args.no_log)
            timings[jobs] = time.perf_counter() - start
        same = same and all(
            np.array_equal(a.customers["end"], b.customers["end"], equal_nan=True)
            and np.array_equal(a.events.time, b.events.time)
            for a, b in zip(outputs[1], outputs[2], strict=True))
        del outputs
        floor = arithmetic_seconds(2) / arithmetic_seconds(1)
        ratios.append(timings[2] / timings[1])
        floors.append(floor)
        print(f"round {round_number}: jobs=1 {timings[1]:.2f} s, jobs=2 {timings[2]:.2f} s, "
              f"ratio {ratios[-1]:.2f} (plain arithmetic: {floor:.2f})", flush=True)
    print(f"time on 2 / time on 1, median of {args.rounds}: {statistics.median(ratios):.2f} "
          f"(plain arithmetic: {statistics.median(floors):.2f}); identical results: {same}")


if __name__ == "__main__":
    main()
