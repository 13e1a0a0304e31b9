"""People who come at set times every week (a booked clinic list), alone or on top of
those who come at random: exact times on the run's calendar, exact queueing where
everything is fixed, their own random draws, and clear messages for bad schedules."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from jsonschema import Draft202012Validator

from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    Entry,
    Exit,
    Exponential,
    Fixed,
    RunSettings,
    ScheduledArrivals,
    Segment,
    ServiceMap,
    Step,
    Team,
    always,
)
from outsidein_desktop.domain.scenario import Scenario
from outsidein_desktop.domain.scenario_diff import changes_between
from outsidein_desktop.domain.validate import validate
from outsidein_desktop.errors import InvalidParameter, OutsideInError
from outsidein_desktop.sim.journey_log import Event
from outsidein_desktop.sim.runner import run_replications
from outsidein_desktop.storage.files import load_map, load_scenario, save_map, save_scenario

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema" / "map.schema.json"
MONDAY, THURSDAY = dt.date(2026, 1, 5), dt.date(2026, 1, 8)
TUESDAY_LIST = ScheduledArrivals(days=(1,), at="09:30", count=12)
QUARTER_HOUR = Fixed(value=15)


def clinic(arrivals: Arrivals, *, days: float = 21, start: dt.date = MONDAY,
           duration=QUARTER_HOUR, replications: int = 2) -> ServiceMap:
    m = ServiceMap(title="Clinic list", run=RunSettings(
        days=days, warmup_days=0, replications=replications, seed=5, start_date=start))
    m.add_team(Team(name="Clinic", shifts=always(1)))
    m.add(Entry(name="List", arrivals=arrivals))
    m.add(Step(name="See", team="Clinic", duration=duration))
    m.add(Exit(name="Seen"))
    m.connect("List", "See")
    m.connect("See", "Seen")
    return m



def _one(service_map: ServiceMap) -> ServiceMap:
    single = service_map.copy()
    single.run = dataclasses.replace(service_map.run, replications=1)
    return single


def test_they_come_at_the_set_times_on_the_run_calendar():
    booked = (TUESDAY_LIST, ScheduledArrivals(days=(0, 3), at=14, count=2))
    (output,) = run_replications(_one(clinic(Arrivals(per_day=0, schedule=booked))))
    times, counts = np.unique(output.customers["arrival"], return_counts=True)

    day, hour = 1440, 60
    expected = sorted([(week * 7 * day + 1 * day + 9.5 * hour, 12) for week in range(3)]
                      + [(week * 7 * day + d * day + 14 * hour, 2)
                         for week in range(3) for d in (0, 3)])
    assert list(zip(times.tolist(), counts.tolist(), strict=True)) == expected
    arrived = output.events.event == Event.ARRIVED
    assert arrived.sum() == 3 * 12 + 6 * 2


def test_a_run_starting_on_thursday_meets_its_first_tuesday_five_days_in():
    m = clinic(Arrivals(per_day=0, schedule=(TUESDAY_LIST,)), days=10, start=THURSDAY)
    (output,) = run_replications(_one(m))

    assert set(output.customers["arrival"].tolist()) == {5 * 1440 + 570.0}


def test_a_fixed_list_queues_exactly_as_worked_out_by_hand():
    """12 people at 09:30, one clinician, 15 minutes each: the k-th waits 15(k-1)
    minutes, so the mean time from arrival to leaving is 15 + 15 × 5.5 = 97.5 minutes."""
    results = simulate(clinic(Arrivals(per_day=0, schedule=(TUESDAY_LIST,)))).results

    assert results.customer["end_to_end_mean"].mean == pytest.approx(97.5)
    assert results.customer["end_to_end_mean"].high == pytest.approx(97.5)
    assert results.customer["arrivals_per_day"].mean == pytest.approx(12 / 7)
    assert results.end_to_end_pooled["p95"] == pytest.approx(180.0)


def test_random_and_scheduled_arrivals_add_up_and_random_people_keep_their_luck():
    random_only = clinic(Arrivals(per_day=40), duration=Exponential(mean_value=10),
                         replications=1)
    both = clinic(Arrivals(per_day=40, schedule=(TUESDAY_LIST,)),
                  duration=Exponential(mean_value=10), replications=1)
    (alone,) = run_replications(random_only)
    (mixed,) = run_replications(both)

    scheduled = np.isin(mixed.customers["arrival"], [1440 + 570.0 + w * 10080 for w in range(3)])
    assert scheduled.sum() == 36
    # The random arrivals are untouched by the list, and each random person still gets
    # their own time with the clinician (the list's people draw from their own streams).
    assert np.array_equal(mixed.customers["arrival"][~scheduled], alone.customers["arrival"])
    assert np.array_equal(mixed.customers["work"][~scheduled], alone.customers["work"])


def test_scheduled_people_are_split_by_the_segment_mix():
    m = clinic(Arrivals(per_day=0, schedule=(ScheduledArrivals(days=tuple(range(7)), at=9,
                                                                count=50),)), days=28)
    m.add_segment(Segment(name="Urgent", share=1, priority=1))
    m.add_segment(Segment(name="Routine", share=3, priority=2))
    (output,) = run_replications(_one(m))

    urgent = (output.customers["segment"] == 0).mean()
    assert len(output.customers["segment"]) == 28 * 50
    assert 0.2 < urgent < 0.3


def test_validation_knows_a_schedule_brings_people():
    listed = clinic(Arrivals(per_day=0, schedule=(TUESDAY_LIST,)))
    empty = clinic(Arrivals(per_day=0))

    assert not [p for p in validate(listed) if "Nobody comes in" in p.message]
    assert [p for p in validate(empty) if "Nobody comes in" in p.message]


def test_the_schedule_is_saved_loaded_and_matches_the_schema(tmp_path):
    path = tmp_path / "clinic.json"
    m = clinic(Arrivals(per_day=3, schedule=(TUESDAY_LIST,
                                              ScheduledArrivals(days=(0, 1, 2, 3, 4), at=8.25))))
    save_map(m, path)
    data = json.loads(path.read_text())

    assert data["nodes"][0]["arrivals"]["schedule"] == [
        {"days": "Tue", "at": "09:30", "count": 12}, {"days": "Mon-Fri", "at": "08:15",
                                                     "count": 1}]
    assert load_map(path).node("List").arrivals == m.node("List").arrivals
    Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)


def test_a_schedule_alone_needs_no_per_day(tmp_path):
    path = tmp_path / "clinic.json"
    save_map(clinic(Arrivals(per_day=0, schedule=(TUESDAY_LIST,))), path)
    data = json.loads(path.read_text())
    del data["nodes"][0]["arrivals"]["per_day"]
    path.write_text(json.dumps(data))

    Draft202012Validator(json.loads(SCHEMA.read_text())).validate(data)
    assert load_map(path).node("List").arrivals.per_day == 0


@pytest.mark.parametrize(("item", "words"), [
    ({"days": "Funday", "at": "09:30", "count": 3}, "'Funday' is not a set of days"),
    ({"days": "Tue", "at": "25:00", "count": 3}, "'25:00' is not a time of day"),
    ({"days": "Tue", "at": "9.30", "count": 3}, "'9.30' is not a time of day"),
    ({"days": "Tue", "at": "09:30", "count": 0}, "at least 1"),
    ({"days": "Tue", "count": 3}, "'at' is missing"),
    ({"days": "Tue", "at": "09:30", "count": 2, "late": 5}, "'late' is not something"),
])
def test_a_bad_schedule_is_refused_naming_the_file_the_entry_and_the_item(tmp_path, item,
                                                                           words):
    path = tmp_path / "clinic.json"
    save_map(clinic(Arrivals(per_day=0, schedule=(TUESDAY_LIST,))), path)
    data = json.loads(path.read_text())
    data["nodes"][0]["arrivals"]["schedule"].append(item)
    path.write_text(json.dumps(data))

    with pytest.raises(OutsideInError) as caught:
        load_map(path)
    message = str(caught.value)
    assert "clinic.json" in message
    assert "entry 'List'" in message and "scheduled arrivals 2" in message
    assert words in message
    assert not Draft202012Validator(json.loads(SCHEMA.read_text())).is_valid(data)


def test_the_domain_refuses_impossible_schedules():
    with pytest.raises(InvalidParameter, match="at least one day"):
        ScheduledArrivals(days=(), at=9)
    with pytest.raises(InvalidParameter, match="23:59"):
        ScheduledArrivals(at=24)
    assert ScheduledArrivals(at="07:05").at == pytest.approx(7 + 5 / 60)
    assert Arrivals(per_day=2, schedule=(TUESDAY_LIST,)).describe() == "2 a day + 12 booked a week"


def test_a_redesign_that_books_a_list_is_found_saved_and_described(tmp_path):
    base = clinic(Arrivals(per_day=5))
    edited = base.copy()
    edited.update("List", arrivals=Arrivals(per_day=5, schedule=(TUESDAY_LIST,)))
    scenario = Scenario(name="Book a Tuesday list", base="clinic.json",
                        changes=changes_between(base, edited))
    path = tmp_path / "book.json"
    save_scenario(scenario, path)
    loaded = load_scenario(path)

    assert loaded.apply(base).node("List").arrivals.schedule == (TUESDAY_LIST,)
    (change,) = loaded.changes
    assert "12 at 09:30 Tue" in change.describe(base)
