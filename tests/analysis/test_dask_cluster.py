"""A real Dask cluster (two worker processes on this machine) gives the same numbers as
local processes, for comparisons and sweeps; an address nobody answers at is a clear
ClusterError, soon."""

from __future__ import annotations

import socket
import sys
import time

import distributed  # the test extra installs Dask
import numpy as np
import pytest
from sweep_maps import referral_line

from outsidein_desktop.analysis.compare import compare
from outsidein_desktop.analysis.results import CUSTOMER_MEASURES
from outsidein_desktop.analysis.sweep import parse_vary, sweep
from outsidein_desktop.domain import RunSettings
from outsidein_desktop.domain.scenario import Scenario, SetStaff
from outsidein_desktop.sim import cluster as cluster_module
from outsidein_desktop.sim.cluster import ClusterError, cluster_executor

SETTINGS = RunSettings(days=10, warmup_days=1, replications=4, seed=23)


@pytest.fixture(scope="module")
def scheduler():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _same(a, b) -> None:
    for measure in CUSTOMER_MEASURES:
        np.testing.assert_array_equal(a.per_replication[measure], b.per_replication[measure],
                                      err_msg=measure)


def test_a_comparison_on_the_cluster_is_identical_to_local_processes(scheduler):
    m = referral_line(SETTINGS)
    redesign = Scenario(name="Third clinician", changes=(SetStaff(team="Booking", staff=3),))
    local = compare(m, [redesign], jobs=2)
    remote = compare(m, [redesign], cluster=scheduler)
    for a, b in zip(local.options, remote.options, strict=True):
        _same(a.results, b.results)
    assert remote.differences["Third clinician"]["end_to_end_median"] == \
        local.differences["Third clinician"]["end_to_end_median"]


def test_a_sweep_on_the_cluster_is_identical_to_local_processes(scheduler):
    m = referral_line(SETTINGS)
    parameter = parse_vary("segment:Routine.patience=1..3", m)
    local = sweep(m, parameter, jobs=2)
    remote = sweep(m, parameter, cluster=scheduler)
    for a, b in zip(local.points, remote.points, strict=True):
        assert a.values == b.values
        _same(a.results, b.results)
    assert remote.knee("gave_up_share") == local.knee("gave_up_share")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_address_nobody_answers_at_is_a_clear_error_soon(monkeypatch):
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT_S", 1)
    address = f"tcp://127.0.0.1:{_closed_port()}"
    start = time.perf_counter()
    with (pytest.raises(ClusterError,
                        match=f"Cannot reach the Dask scheduler at '{address}'"),
          cluster_executor(address)):
        pass
    m = referral_line(SETTINGS)
    with pytest.raises(ClusterError, match="Cannot reach the Dask scheduler"):
        sweep(m, parse_vary("team:Clinic.staff=2..3", m), cluster=address)
    assert time.perf_counter() - start < 20


def test_without_dask_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    with (pytest.raises(ClusterError, match=r"pip install 'outsidein-desktop\[cluster\]'"),
          cluster_executor("tcp://127.0.0.1:8786")):
        pass
