"""Seconds from the last replication finishing to the results being summarised (the
largest example: the GP appointment line, a year, 20 replications).

    .venv/bin/python benchmarks/results_after_run.py
"""
import dataclasses
import time

from outsidein_desktop.analysis.results import summarise
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_replications
from outsidein_desktop.storage import load_map

if __name__ == "__main__":
    m = load_map("models/gp_appointment_line.json")
    settings = dataclasses.replace(m.run, days=365, replications=20)
    outputs = run_replications(m, settings, jobs=2)
    start = time.perf_counter()
    summarise(outputs, compile_map(m), settings)
    print(f"summarise: {time.perf_counter() - start:.2f} s")
