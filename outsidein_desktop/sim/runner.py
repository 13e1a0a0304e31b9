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
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

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


def _run_in_worker(compiled: CompiledMap, settings: RunSettings, replication: int,
                   record_events: bool) -> ReplicationOutput:
    def on_day(day: float) -> None:
        if _worker_queue is not None:
            _worker_queue.put((replication, day))

    def cancelled() -> bool:
        return _worker_cancel is not None and _worker_cancel.is_set()

    return run_one(compiled, settings, replication, record_events=record_events,
                   on_day=on_day, cancelled=cancelled)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_replications(service_map: ServiceMap, settings: RunSettings | None = None, *,
                     jobs: int = 1, record_events: bool = True,
                     progress: ProgressCallback | None = None,
                     cancel: threading.Event | None = None) -> list[ReplicationOutput]:
    """Run every replication of ``service_map`` and return their outputs in order.

    ``jobs`` > 1 runs them in that many local worker processes. Raises Cancelled if
    ``cancel`` is set before the end, and MapNotRunnable if the map has errors.
    """
    settings = settings or service_map.run
    compiled = compile_map(service_map)
    count = settings.replications
    days_done = [0.0] * count
    done = 0

    def report() -> None:
        if progress is not None:
            progress(Progress(done, count, sum(days_done), count * settings.days))

    if jobs <= 1 or count == 1:
        outputs = []
        for replication in range(count):
            def on_day(day: float, r: int = replication) -> None:
                days_done[r] = day
                report()
            outputs.append(run_one(compiled, settings, replication,
                                   record_events=record_events, on_day=on_day,
                                   cancelled=cancel.is_set if cancel else None))
            done += 1
            report()
        return outputs

    context = _worker_context()
    manager_queue = context.Queue()
    worker_cancel = context.Event()
    results: dict[int, ReplicationOutput] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, count), mp_context=context,
                             initializer=_init_worker,
                             initargs=(manager_queue, worker_cancel)) as pool:
        pending: dict[Future, int] = {
            pool.submit(_run_in_worker, compiled, settings, r, record_events): r
            for r in range(count)}
        try:
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                _drain(manager_queue, days_done)
                if cancel is not None and cancel.is_set():
                    worker_cancel.set()
                    for future in pending:
                        future.cancel()
                    raise Cancelled()
                for future in finished:
                    replication = pending.pop(future)
                    results[replication] = future.result()
                    days_done[replication] = settings.days
                    done += 1
                report()
        except BaseException:
            worker_cancel.set()
            raise
    return [results[r] for r in range(count)]


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


def _drain(progress_queue: multiprocessing.Queue, days_done: list[float]) -> None:
    while True:
        try:
            replication, day = progress_queue.get_nowait()
        except queue_module.Empty:
            return
        days_done[replication] = max(days_done[replication], day)
