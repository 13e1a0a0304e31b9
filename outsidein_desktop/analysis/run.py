"""Run a map (optionally changed by a scenario) and summarise it: what the CLI and GUI call."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..domain.parts import RunSettings
from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..sim.compiled import CompiledMap, compile_map
from ..sim.journey_log import ReplicationOutput
from ..sim.runner import ProgressCallback, run_replications
from .results import Results, summarise


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
    outputs = run_replications(simulated, settings, jobs=jobs, progress=progress,
                               cancel=cancel)
    results = summarise(outputs, compiled, settings, title=service_map.title,
                        scenario=scenario.name if scenario else "")
    return Run(simulated, compiled, settings, outputs, results)
