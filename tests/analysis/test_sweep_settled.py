"""Sweeps that overload: a point whose run did not settle (a queue still growing at the end,
a team offered more work than it can do, many still in the journey) is known as such, goes
to sweep.json and sweep.csv so, and carries no knee."""

from __future__ import annotations

import csv
import json

import pytest
from sweep_maps import one_queue

from outsidein_desktop.analysis.sweep import (
    SweepPoint,
    parse_vary,
    sweep,
    sweep_to_dict,
    write_sweep_csv,
)
from outsidein_desktop.analysis.sweep_settled import (
    grouped_warnings,
    reason,
    unsettled_clause,
    unsettled_warnings,
    values_text,
)
from outsidein_desktop.domain import RunSettings

MANY_STILL_IN = ("Many customers were still in the journey at the end of the run; their "
                 "end-to-end times are not in the figures, which understate the longest "
                 "journeys. A longer run would show them.")


@pytest.fixture(scope="module")
def overloaded():
    """80 a day of 20 minutes each: 1.1 erlangs for one person, 0.56 for two."""
    m = one_queue(per_day=80)
    return sweep(m, parse_vary("team:Triage.staff=1..4", m))


def test_the_overloaded_point_is_unsettled_and_the_others_are_not(overloaded):
    assert [p.unsettled for p in overloaded.points] == [True, False, False, False]
    first = overloaded.points[0]
    assert first.unsettled_warnings == first.results.warnings
    assert "The queue for team 'Triage' kept growing" in first.unsettled_warnings[0]
    assert overloaded.unsettled_points == [first]
    assert list(overloaded.settled()) == [False, True, True, True]
    # Those still waiting at the end are in none of the medians: the sweep says how many.
    assert first.still_in_journey > 50 > overloaded.points[1].still_in_journey


def test_the_knee_is_read_from_the_settled_points_only(overloaded):
    # With the overloaded point (a wait of a day, the run's doing rather than the staff's)
    # every curve would bend at 2 staff; among 2 to 4 staff the waits level off after 3.
    for measure in ("waiting_mean", "end_to_end_median", "end_to_end_p90"):
        knee = overloaded.find_knee(measure)
        assert (knee.value, knee.index) == (3, 2)  # the index among all the points
    assert not overloaded.is_flat("waiting_mean")
    assert overloaded.is_flat("arrivals_per_day")


def test_the_clause_names_the_unsettled_points_and_why(overloaded):
    assert unsettled_clause(overloaded) == ("at 1 staff the queue for team 'Triage' was still "
                                            "growing at the end of the run")
    staff = overloaded.first
    assert values_text(staff, [1, 2]) == "1 and 2 staff"
    assert values_text(staff, [1, 2, 3]) == "1 to 3 staff"
    assert values_text(staff, [1, 2, 4]) == "1, 2 and 4 staff"


def test_many_still_in_the_journey_is_said_so(overloaded):
    settled = overloaded.points[1]
    stuck = SweepPoint(settled.values, settled.results, [MANY_STILL_IN])
    assert stuck.unsettled
    assert reason([stuck]) == "many people were still in the journey"
    assert reason([overloaded.points[0], stuck]) == (
        "the queue for team 'Triage' was still growing or many people were still in the "
        "journey")


def test_a_team_offered_more_than_it_can_do_is_unsettled_even_in_a_short_run():
    # Two days are too short for the queue to be seen growing; the load says it will.
    m = one_queue(per_day=75, run=RunSettings(days=2, warmup_days=1, replications=2, seed=11))
    result = sweep(m, parse_vary("team:Triage.staff=1..2", m))
    first = result.points[0]
    assert "is offered more work than it can do" in first.results.warnings[0]
    assert first.unsettled and not result.points[1].unsettled
    # Read from the results alone (no map), only the run's end-of-run rules apply.
    assert unsettled_warnings(first.results) == []


def test_the_loop_watchdogs_warning_does_not_make_a_point_unsettled(overloaded):
    results = overloaded.points[2].results
    stopped = ("3 customers went round a loop more than 10,000 times and were stopped. Check "
               "the loops on the map.")
    results.warnings.append(stopped)
    try:
        assert unsettled_warnings(results) == []
        assert not SweepPoint((3.0,), results).unsettled
    finally:
        results.warnings.remove(stopped)


def test_warnings_are_grouped_only_when_their_texts_are_the_same():
    # 200 a day: one and two people both fall behind, each with its own queue at the end.
    m = one_queue(per_day=200, run=RunSettings(days=10, warmup_days=1, replications=3,
                                               seed=11))
    result = sweep(m, parse_vary("team:Triage.staff=1..4", m))
    assert [p.unsettled for p in result.points] == [True, True, False, False]
    grouped = grouped_warnings(result)
    queues = [(text, [p.values[0] for p in points]) for text, points in grouped
              if "kept growing" in text]
    assert [at for _, at in queues] == [[1.0], [2.0]]
    assert queues[0][0] != queues[1][0]  # about 1,200 waiting, and about 500


def test_unsettled_points_go_to_json_and_csv(overloaded, tmp_path):
    data = json.loads(json.dumps(sweep_to_dict(overloaded), allow_nan=False))
    assert [p["unsettled"] for p in data["points"]] == [True, False, False, False]
    assert data["points"][0]["unsettled_warnings"] == overloaded.points[0].results.warnings
    assert data["points"][1]["unsettled_warnings"] == []
    assert data["knees"]["waiting_mean"] != 1
    write_sweep_csv(overloaded, tmp_path / "sweep.csv")
    with open(tmp_path / "sweep.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == "unsettled"
    waits = [r for r in rows if r[1] == "waiting_mean"]
    assert [(r[0], r[-1]) for r in waits] == [("1", "yes"), ("2", "no"), ("3", "no"),
                                              ("4", "no")]
