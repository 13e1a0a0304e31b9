"""Run a map (optionally changed by a scenario) and summarise it: what the CLI and GUI call."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from ..domain.parts import RunSettings
from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..domain.validate import offered_load
from ..sim.compiled import CompiledMap, compile_map
from ..sim.journey_log import ReplicationOutput
from ..sim.runner import ProgressCallback, run_replications
from .replication_summary import ReplicationSummary, summarise_replication
from .results import Results, summarise_replications


@dataclass
class Run:
    """A finished run: the map as simulated, the raw outputs and their summary."""

    service_map: ServiceMap
    compiled: CompiledMap
    settings: RunSettings
    outputs: list[ReplicationOutput]
    results: Results


def simulate(service_map: ServiceMap, settings: RunSettings | None = None, *,
             scenario: Scenario | None = None, jobs: int = 1,
             progress: ProgressCallback | None = None,
             cancel: threading.Event | None = None) -> Run:
    """Simulate ``service_map`` (as ``scenario`` changes it) and summarise the results."""
    simulated = scenario.apply(service_map) if scenario else service_map
    settings = settings or service_map.run
    compiled = compile_map(simulated)
    # Each replication is summarised as it comes in, while the others still run: once the
    # last is in, only it and the pooling are left (a second or so after a year's run).
    summaries: list[ReplicationSummary] = []

    def summarise_one(output: ReplicationOutput) -> None:
        summaries.append(summarise_replication(output, compiled, settings,
                                               with_capability=output.replication == 0))

    outputs = run_replications(simulated, settings, jobs=jobs, progress=progress,
                               cancel=cancel, each=summarise_one)
    results = summarise_replications(summaries, compiled, settings, title=service_map.title,
                                     scenario=scenario.name if scenario else "")
    results.warnings = overload_warnings(simulated, results.warnings) + results.warnings
    return Run(simulated, compiled, settings, outputs, results)


def overload_warnings(service_map: ServiceMap, already: list[str]) -> list[str]:
    """Teams offered more work than they can do: known before the run, so always said,
    whatever the run's length (a short run may not show the queue growing)."""
    notes = []
    try:
        loads = offered_load(service_map)
    except np.linalg.LinAlgError:  # a map with a closed loop (validation reports it)
        return notes
    for team, (work, staff) in loads.items():
        if staff > 0 and work >= staff and not any(f"'{team}'" in w for w in already):
            notes.append(f"Team '{team}' is offered more work than it can do ({work / staff:.0%} "
                         "of its staffed hours, before chasing): its queue grows for as long "
                         "as the run lasts, so its waits depend on the run's length.")
    return notes
