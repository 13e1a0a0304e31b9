"""The runner tells its caller about each replication as it comes in, so that work on it
can be done while the others still run."""

from __future__ import annotations

import pytest

from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    RunSettings,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_replications, run_variants


def desk_map(days: int = 3, replications: int = 3) -> ServiceMap:
    service_map = ServiceMap(title="Desk", run=RunSettings(days=days, warmup_days=1,
                                                           replications=replications, seed=3))
    service_map.add_team(Team(name="Desk", shifts=always(1)))
    service_map.add(Entry(name="Calls", arrivals=Arrivals(per_day=30)))
    service_map.add(Step(name="Answer", team="Desk", duration=Exponential(mean_value=20)))
    service_map.add(Exit(name="Done"))
    service_map.connect("Calls", "Answer")
    service_map.connect("Answer", "Done")
    return service_map


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_hears_every_output_once_before_the_run_returns(jobs):
    heard = []
    outputs = run_replications(desk_map(), jobs=jobs, each=heard.append)
    assert sorted(o.replication for o in heard) == [0, 1, 2]
    # The very outputs returned, not copies: nothing is worked out twice.
    assert {id(o) for o in heard} == {id(o) for o in outputs}


def test_each_hears_a_variants_outputs_before_its_finish():
    service_map = desk_map(replications=2)
    compiled = [compile_map(service_map), compile_map(service_map)]
    heard: list[tuple[int, int]] = []

    def finish(variant, outputs):
        assert sorted(r for v, r in heard if v == variant) == [0, 1]
        return variant

    def each(variant, output):
        heard.append((variant, output.replication))

    assert run_variants(compiled, service_map.run, finish, each=each) == [0, 1]
    assert len(heard) == 4
