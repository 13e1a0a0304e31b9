"""An exit that means giving up (hung up after redialling, went private): those who reach
it count as giving up, at the last step or delay they went through, not as an outcome."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from jsonschema import Draft202012Validator

from outsidein_desktop.analysis.journey import follow
from outsidein_desktop.analysis.journey_finder import Filters, find_customer
from outsidein_desktop.analysis.journey_story import headline
from outsidein_desktop.analysis.replay import ReplayIndex
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    Decision,
    Delay,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    RunSettings,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.part_changes import UpdatePart
from outsidein_desktop.domain.scenario import Scenario
from outsidein_desktop.domain.scenario_diff import changes_between
from outsidein_desktop.errors import OutsideInError
from outsidein_desktop.sim.compiled import compile_map
from outsidein_desktop.sim.runner import run_replications
from outsidein_desktop.storage.files import load_map, save_map

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema" / "map.schema.json"
GIVE_UP = 0.3


def phone_line(gave_up: bool = True, replications: int = 3) -> ServiceMap:
    """Callers try the line; 30% of those who get no answer hang up for good (the exit
    that means giving up), after the redial delay."""
    m = ServiceMap(title="Phone line", run=RunSettings(
        days=20, warmup_days=2, replications=replications, seed=11,
        start_date=dt.date(2026, 1, 5)))
    m.add_team(Team(name="Reception", shifts=always(2)))
    m.add(Entry(name="Caller", arrivals=Arrivals(per_day=100)))
    m.add(Step(name="Answer", team="Reception", duration=Exponential(mean_value=10)))
    m.add(Delay(name="Redial later", duration=Fixed(value=30)))
    m.add(Decision(name="Tries again?"))
    m.add(Exit(name="Hung up for good", gave_up=gave_up))
    m.add(Exit(name="Helped"))
    m.connect("Caller", "Redial later")
    m.connect("Redial later", "Tries again?")
    m.connect("Tries again?", "Hung up for good", Handoff(probability=GIVE_UP))
    m.connect("Tries again?", "Answer", Handoff(probability=1 - GIVE_UP))
    m.connect("Answer", "Helped")
    return m


@pytest.fixture(scope="module")
def outputs():
    m = phone_line()
    return m, run_replications(m)


def test_those_reaching_the_exit_gave_up_at_the_last_delay_not_an_outcome(outputs):
    m, runs = outputs
    compiled = compile_map(m)
    names = compiled.node_names
    for output in runs:
        c = output.customers
        gave_up = c["gave_up_at"] >= 0
        assert gave_up.any()
        assert set(np.unique(c["gave_up_at"][gave_up])) == {names.index("Redial later")}
        assert (c["outcome"][gave_up] == -1).all()
        assert names.index("Hung up for good") not in set(c["outcome"])
        assert np.isfinite(c["end"][gave_up]).all()
        # Conservation: everyone is helped, gave up or still inside.
        inside = np.isnan(c["end"])
        assert (c["outcome"] >= 0).sum() + gave_up.sum() + inside.sum() == len(c["arrival"])


def test_the_results_count_them_as_giving_up_and_leave_them_out_of_end_to_end(outputs):
    m, _ = outputs
    results = simulate(m).results
    share = results.customer["gave_up_share"]
    assert share.low <= GIVE_UP <= share.high
    assert share.high - share.low < 0.1
    assert list(results.gave_up_at) == ["Redial later"]
    assert "Hung up for good" not in results.outcomes
    # Only those helped count for end-to-end time: at least the redial and the call.
    assert results.end_to_end_pooled["p50"] >= 30


def test_unmarked_the_same_exit_is_an_outcome():
    results = simulate(phone_line(gave_up=False, replications=2)).results

    assert results.customer["gave_up_share"].mean == 0
    assert results.outcomes["Hung up for good"].mean == pytest.approx(GIVE_UP, abs=0.05)


def test_the_journey_and_the_replay_say_they_gave_up(outputs):
    m, runs = outputs
    compiled = compile_map(m)
    output = runs[0]
    who = int(np.flatnonzero(output.customers["gave_up_at"] >= 0)[0])

    journey = follow(output, compiled, who)
    assert journey.gave_up_at == "Redial later"
    assert journey.gave_up_exit == "Hung up for good"
    assert not journey.outcome
    assert "gave up" in headline(journey) and "Hung up for good" in headline(journey)

    frame = ReplayIndex(output, compiled).frame(output.run_minutes)
    exit_index = compiled.node_names.index("Hung up for good")
    reached = (output.customers["gave_up_at"] >= 0).sum()
    assert frame.gave_up[exit_index] == reached
    assert frame.left[exit_index] == 0


def test_the_mark_is_saved_loaded_and_matches_the_schema(tmp_path):
    path = tmp_path / "line.json"
    save_map(phone_line(), path)
    data = json.loads(path.read_text())
    exit_part = next(n for n in data["nodes"] if n["name"] == "Hung up for good")
    helped = next(n for n in data["nodes"] if n["name"] == "Helped")

    assert exit_part["gave_up"] is True
    assert "gave_up" not in helped  # the default is not written
    assert load_map(path).node("Hung up for good").gave_up
    assert not load_map(path).node("Helped").gave_up
    Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)


def test_a_file_with_a_gave_up_that_is_not_true_or_false_is_refused(tmp_path):
    path = tmp_path / "line.json"
    save_map(phone_line(), path)
    data = json.loads(path.read_text())
    next(n for n in data["nodes"] if n["name"] == "Hung up for good")["gave_up"] = "yes"
    path.write_text(json.dumps(data))

    with pytest.raises(Exception, match="Hung up for good") as caught:
        load_map(path)
    assert "gave_up" in str(caught.value)


def test_a_scenario_can_mark_an_exit_and_the_diff_finds_it():
    base = phone_line(gave_up=False)
    change = UpdatePart(part="Hung up for good", gave_up=True)
    edited = Scenario(name="Count hang-ups", changes=(change,)).apply(base)

    assert edited.node("Hung up for good").gave_up
    assert change.describe(base) == "Hung up for good: counts as giving up no → yes"
    assert changes_between(base, edited) == (change,)


def test_the_finder_picks_them_as_gave_up_and_refuses_the_exit_as_an_outcome(outputs):
    m, runs = outputs
    compiled = compile_map(m)
    found = find_customer(runs, compiled, "gave-up")
    assert runs[found.replication].customers["gave_up_at"][found.customer] >= 0
    with pytest.raises(OutsideInError, match="means giving up"):
        find_customer(runs, compiled, "median", filters=Filters(outcome="Hung up for good"))
