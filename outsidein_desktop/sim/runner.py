"""Replications: run them, in parallel local processes by default, with progress and cancel.

Each replication draws from its own named streams (see streams.py), so the results are the
same whatever the number of worker processes. The progress callback hears the number of
replications done and the simulated days so far; a cancel callback (or event) stops the
run within a simulated week of each running replication.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

from ..domain.parts import RunSettings
from ..domain.service_map import ServiceMap
from .compiled import CompiledMap, compile_map
from .engine import Cancelled, Replication
from .journey_log import ReplicationOutput


@dataclass(frozen=True)
class Progress:
    replications_done: int
    replications: int
    simulated_days: float  # summed over replications, including those still running
    total_days: float

    @property
    def fraction(self) -> float:
        return min(1.0, self.simulated_days / self.total_days) if self.total_days else 1.0


ProgressCallback = Callable[[Progress], None]
T = TypeVar("T")


def run_one(compiled: CompiledMap, settings: RunSettings, replication: int, *,
            record_events: bool = True, on_day: Callable[[float], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> ReplicationOutput:
    """Run replication number ``replication`` (0-based) of ``compiled`` with ``settings``."""
    model = Replication(compiled, seed=settings.seed, replication=replication,
                        days=settings.days, warmup_days=settings.warmup_days,
                        start_weekday=settings.start_date.weekday(),
                        record_events=record_events)
    model.run(on_day=on_day, cancelled=cancelled)
    return model.output()


# -- worker processes ----------------------------------------------------------------------

_worker_queue: multiprocessing.Queue | None = None
_worker_cancel: threading.Event | None = None


def _init_worker(progress_queue: multiprocessing.Queue, cancel_event: object) -> None:
    global _worker_queue, _worker_cancel
    _worker_queue = progress_queue
    _worker_cancel = cancel_event  # type: ignore[assignment]


def _run_in_worker(compiled: CompiledMap, settings: RunSettings, variant: int,
                   replication: int, record_events: bool) -> ReplicationOutput:
    def on_day(day: float) -> None:
        if _worker_queue is not None:
            _worker_queue.put(((variant, replication), day))

    def cancelled() -> bool:
        return _worker_cancel is not None and _worker_cancel.is_set()

    return run_one(compiled, settings, replication, record_events=record_events,
                   on_day=on_day, cancelled=cancelled)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_replications(service_map: ServiceMap, settings: RunSettings | None = None, *,
                     jobs: int = 1, record_events: bool = True,
                     progress: ProgressCallback | None = None,
                     cancel: threading.Event | None = None,
                     each: Callable[[ReplicationOutput], None] | None = None,
                     ) -> list[ReplicationOutput]:
    """Run every replication of ``service_map`` and return their outputs in order.

    ``jobs`` > 1 runs them in that many local worker processes. ``each`` hears each output
    as it comes in (in this process). Raises Cancelled if ``cancel`` is set before the end,
    and MapNotRunnable if the map has errors.
    """
    settings = settings or service_map.run
    (outputs,) = run_variants([compile_map(service_map)], settings, lambda _, out: out,
                              jobs=jobs, record_events=record_events, progress=progress,
                              cancel=cancel,
                              each=(lambda _, out: each(out)) if each is not None else None)
    return outputs


def run_variants(variants: Sequence[CompiledMap], settings: RunSettings,
                 finish: Callable[[int, list[ReplicationOutput]], T], *, jobs: int = 1,
                 record_events: bool = True, progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None,
                 executor: Executor | None = None,
                 each: Callable[[int, ReplicationOutput], None] | None = None) -> list[T]:
    """Run every replication of every variant (the same settings and seed for each) and
    return ``finish(variant_index, outputs)`` for each variant, in order.

    ``each(variant_index, output)`` is called in this process as each replication comes in
    (before ``finish``): work on one replication can be done while the others still run.

    The work fans out over variant × replication. ``finish`` is called in this process as
    soon as a variant's last replication is in, while the others still run, and its outputs
    are then dropped: a sweep never holds every variant's journey log at once. ``executor``
    (a Dask cluster's, say) runs the replications instead of local processes; its workers
    report no progress within a replication and cannot be stopped part way.
    """
    count = settings.replications
    tasks = [(v, r) for v in range(len(variants)) for r in range(count)]
    days_done = dict.fromkeys(tasks, 0.0)
    done: set[tuple[int, int]] = set()
    finished: dict[int, T] = {}
    waiting: dict[int, dict[int, ReplicationOutput]] = {v: {} for v in range(len(variants))}

    def report() -> None:
        if progress is not None:
            progress(Progress(len(done), len(tasks), sum(days_done.values()),
                              len(tasks) * settings.days))

    def arrived(task: tuple[int, int], output: ReplicationOutput) -> None:
        variant, replication = task
        days_done[task] = settings.days
        done.add(task)
        waiting[variant][replication] = output
        if each is not None:
            each(variant, output)
        if len(waiting[variant]) == count:
            arrived_outputs = waiting.pop(variant)
            outputs = [arrived_outputs[r] for r in range(count)]
            finished[variant] = finish(variant, outputs)
        report()

    if executor is None and (jobs <= 1 or len(tasks) == 1):
        for task in tasks:
            def on_day(day: float, t: tuple[int, int] = task) -> None:
                days_done[t] = day
                report()
            arrived(task, run_one(variants[task[0]], settings, task[1],
                                  record_events=record_events, on_day=on_day,
                                  cancelled=cancel.is_set if cancel else None))
        return [finished[v] for v in range(len(variants))]

    if executor is not None:
        _run_on(executor, variants, settings, tasks, record_events, arrived, cancel, None)
    else:
        context = _worker_context()
        progress_queue = context.Queue()
        worker_cancel = context.Event()
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(progress_queue, worker_cancel)) as pool:
            try:
                _run_on(pool, variants, settings, tasks, record_events, arrived, cancel,
                        lambda: _drain(progress_queue, days_done) and report())
            except BaseException:
                worker_cancel.set()
                raise
    return [finished[v] for v in range(len(variants))]


def _run_on(executor: Executor, variants: Sequence[CompiledMap], settings: RunSettings,
            tasks: list[tuple[int, int]], record_events: bool,
            arrived: Callable[[tuple[int, int], ReplicationOutput], None],
            cancel: threading.Event | None, poll: Callable[[], object] | None) -> None:
    pending: dict[Future, tuple[int, int]] = {
        executor.submit(_run_in_worker, variants[v], settings, v, r, record_events): (v, r)
        for v, r in tasks}
    try:
        while pending:
            done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            if poll is not None:
                poll()
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            for future in done:
                arrived(pending.pop(future), future.result())
    finally:
        for future in pending:
            future.cancel()


def _worker_context() -> multiprocessing.context.BaseContext:
    """How to start worker processes. A single-threaded process (the command line) forks:
    the workers start at once with everything imported. Beside other threads (the GUI runs
    the engine from a worker thread) fork is unsafe, so a fork server starts them, with
    the engine preloaded so that each worker does not import scipy again."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["outsidein_desktop.sim.runner", "scipy.stats"])
    return context


def _drain(progress_queue: multiprocessing.Queue,
           days_done: dict[tuple[int, int], float]) -> bool:
    """Take the workers' progress reports; True if there were any."""
    heard = False
    while True:
        try:
            task, day = progress_queue.get_nowait()
        except queue_module.Empty:
            return heard
        days_done[task] = max(days_done[task], day)
        heard = True
