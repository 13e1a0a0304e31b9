"""Wall time of 20 replications on 1 and on 2 worker processes (same seed, same results).

    .venv/bin/python benchmarks/parallel_replications.py [--days 20] [--replications 20]
        [--no-log]   (without the journey log: what the workers send back is then tiny)
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from jackson import service_map

from outsidein_desktop.sim.runner import run_replications


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=float, default=20)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--no-log", action="store_true")
    args = parser.parse_args()
    m = service_map(args.days, replications=args.replications)
    timings = {}
    outputs = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        outputs[jobs] = run_replications(m, jobs=jobs, record_events=not args.no_log)
        timings[jobs] = time.perf_counter() - start
        print(f"jobs={jobs}: {timings[jobs]:.2f} s")
    same = all(np.array_equal(a.customers["end"], b.customers["end"], equal_nan=True)
               and np.array_equal(a.events.time, b.events.time)
               for a, b in zip(outputs[1], outputs[2], strict=True))
    print(f"time on 2 / time on 1: {timings[2] / timings[1]:.2f}; identical results: {same}")


if __name__ == "__main__":
    main()
