"""Several versions of one map (the baseline and its redesigns, or a sweep's values) run
with the same settings and seed, replication by replication, and summarised each."""

from __future__ import annotations

import threading
from contextlib import nullcontext
from dataclasses import dataclass

from ..domain.parts import RunSettings
from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..sim.cluster import cluster_executor
from ..sim.compiled import compile_map
from ..sim.journey_log import ReplicationOutput
from ..sim.runner import ProgressCallback, run_variants
from .replication_summary import ReplicationSummary, summarise_replication
from .results import Results, summarise_replications
from .run import overload_warnings


@dataclass
class Variant:
    name: str
    service_map: ServiceMap  # the map as it is simulated
    scenario: Scenario | None = None


def simulate_variants(variants: list[Variant], settings: RunSettings, *, jobs: int = 1,
                      progress: ProgressCallback | None = None,
                      cancel: threading.Event | None = None, cluster: str | None = None,
                      title: str = "") -> list[Results]:
    """Results for each variant, in order, from replications that fan out over variant ×
    replication on local processes (``jobs``) or the Dask cluster at ``cluster``."""
    compiled = [compile_map(v.service_map) for v in variants]
    # Each replication is summarised as it comes in, while the others still run.
    summaries: list[list[ReplicationSummary]] = [[] for _ in variants]

    def summarise_one(index: int, output: ReplicationOutput) -> None:
        summaries[index].append(summarise_replication(
            output, compiled[index], settings, with_capability=output.replication == 0))

    def finish(index: int, _outputs: list[ReplicationOutput]) -> Results:
        variant = variants[index]
        results = summarise_replications(summaries[index], compiled[index], settings,
                                         title=title or variant.service_map.title,
                                         scenario=variant.name)
        summaries[index] = []
        results.warnings = overload_warnings(variant.service_map, results.warnings) \
            + results.warnings
        return results

    with cluster_executor(cluster) if cluster else nullcontext() as executor:
        return run_variants(compiled, settings, finish, jobs=jobs, progress=progress,
                            cancel=cancel, executor=executor, each=summarise_one)
