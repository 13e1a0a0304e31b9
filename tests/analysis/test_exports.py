"""Exports of a run: the process-mining event log, the customer table, results.json, and
the `outsidein run` command that writes them."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections import Counter, defaultdict

import numpy as np
import pytest

from outsidein_desktop import cli
from outsidein_desktop.analysis.exports import (
    CUSTOMER_CSV_COLUMNS,
    EVENT_LOG_COLUMNS,
    write_customers,
    write_event_log,
    write_results_json,
)
from outsidein_desktop.analysis.results import CUSTOMER_MEASURES
from outsidein_desktop.analysis.run import simulate
from outsidein_desktop.domain import (
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Exponential,
    Fixed,
    Handoff,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    always,
)
from outsidein_desktop.sim.journey_log import Event
from outsidein_desktop.storage import save_map

START = dt.date(2026, 3, 2)  # a Monday, not the default start date
SHOWN = (Event.ARRIVED, Event.STARTED, Event.DELAY_STARTED, Event.CHASED, Event.GAVE_UP,
         Event.LEFT, Event.STORY_REPEATED, Event.STOPPED)
INSTANT = (Event.ARRIVED, Event.GAVE_UP, Event.LEFT, Event.STORY_REPEATED, Event.STOPPED)
ENDS = {Event.STARTED: Event.FINISHED, Event.DELAY_STARTED: Event.DELAY_ENDED,
        Event.CHASED: Event.CHASE_ANSWERED}


def journey_map(run: RunSettings) -> ServiceMap:
    """Every kind of activity: steps, a delay, rework, lost information, chasing, giving up,
    and a team that works office hours (so some work is in progress at the end)."""
    service_map = ServiceMap(title="Referral to treatment", run=run)
    service_map.add_team(Team(name="Admin", shifts=always(1)))
    service_map.add_team(Team(name="Clinic", shifts=(Shift(start=9, end=17, staff=2),)))
    service_map.add_segment(Segment(
        name="Routine", share=3, priority=2, patience=Exponential(mean_value=3, unit="days"),
        chase=ChaseRule(after=Duration(1, "days"), team="Admin", work=Fixed(value=10),
                        every=Duration(1, "days"))))
    service_map.add_segment(Segment(name="Urgent", share=1, priority=1))
    service_map.add(Entry(name="Referral", arrivals=Arrivals(per_day=12)))
    service_map.add(Step(name="Register", team="Admin", duration=Exponential(mean_value=15)))
    service_map.add(Delay(name="Test results", duration=Exponential(mean_value=1,
                                                                     unit="days")))
    service_map.add(Step(name="Assess", team="Clinic", duration=Exponential(mean_value=40),
                         repeat_story_time=Fixed(value=10)))
    service_map.add(Decision(name="Sorted?"))
    service_map.add(Exit(name="Treated"))
    service_map.connect("Referral", "Register")
    service_map.connect("Register", "Test results",
                        Handoff(delay=Exponential(mean_value=2, unit="hours")))
    service_map.connect("Test results", "Assess", Handoff(info_travels=0.3))
    service_map.connect("Assess", "Sorted?")
    service_map.connect("Sorted?", "Treated", Handoff(probability=0.8))
    service_map.connect("Sorted?", "Register", Handoff(probability=0.2))
    return service_map


@pytest.fixture(scope="module")
def finished_run():
    run = RunSettings(days=21, warmup_days=3, replications=2, seed=11, start_date=START)
    return simulate(journey_map(run))


@pytest.fixture(scope="module")
def exported(finished_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    events_path, customers_path = folder / "events.csv", folder / "customers.csv"
    run = finished_run
    event_rows = write_event_log(events_path, run.outputs, run.compiled, START)
    customer_rows = write_customers(customers_path, run.outputs, run.compiled, START)
    with open(events_path, newline="", encoding="utf-8") as handle:
        events = list(csv.reader(handle))
    with open(customers_path, newline="", encoding="utf-8") as handle:
        customers = list(csv.reader(handle))
    return {"events": events, "event_rows": event_rows, "customers": customers,
            "customer_rows": customer_rows}


def stamp(minutes: float) -> dt.datetime:
    return (dt.datetime.combine(START, dt.time())
            + dt.timedelta(seconds=round(float(minutes) * 60)))


def rows_as_dicts(table: list[list[str]]) -> list[dict[str, str]]:
    header, *rows = table
    return [dict(zip(header, row, strict=True)) for row in rows]


# -- the event log -----------------------------------------------------------------------


def test_the_event_log_has_its_columns_and_one_row_per_activity(finished_run, exported):
    header, *rows = exported["events"]
    assert header == EVENT_LOG_COLUMNS
    assert len(rows) == exported["event_rows"]
    expected = sum(int(np.isin(o.events.event, SHOWN).sum()) for o in finished_run.outputs)
    assert len(rows) == expected
    # every kind of activity is in this run, so each is checked below
    kinds = Counter(int(k) for o in finished_run.outputs for k in o.events.event)
    for kind in (Event.ARRIVED, Event.STARTED, Event.DELAY_STARTED, Event.CHASED,
                 Event.GAVE_UP, Event.LEFT, Event.STORY_REPEATED):
        assert kinds[kind] > 0, kind.name


def test_event_log_rows_match_the_journey_log(finished_run, exported):
    """Each row is one shown event, in order: its case, activity, resource, times."""
    rows = rows_as_dicts(exported["events"])
    run = finished_run
    names, teams = run.compiled.node_names, run.compiled.team_names
    segments = [s.name for s in run.compiled.segments]
    position = 0
    for output in run.outputs:
        ev = output.events
        # pair each start with its end, customer by customer, in the order they happened
        open_starts: dict[tuple[int, int], list[int]] = defaultdict(list)
        end_of: dict[int, int] = {}
        for i, kind in enumerate(ev.event.tolist()):
            key = int(ev.customer[i])
            if kind in ENDS:
                open_starts[key, kind].append(i)
            for start_kind, end_kind in ENDS.items():
                if kind == end_kind:
                    end_of[open_starts[key, start_kind].pop(0)] = i
        for i in np.flatnonzero(np.isin(ev.event, SHOWN)):
            row = rows[position]
            position += 1
            cid, kind = int(ev.customer[i]), int(ev.event[i])
            assert row["case_id"] == f"r{output.replication + 1}-c{cid + 1}"
            assert row["replication"] == str(output.replication + 1)
            assert row["segment"] == segments[output.customers["segment"][cid]]
            after = output.customers["arrival"][cid] >= output.warmup_minutes
            assert row["after_warmup"] == ("yes" if after else "no")
            assert row["resource"] == (teams[ev.team[i]] if ev.team[i] >= 0 else "")
            if kind == Event.STARTED:
                assert row["activity"] == names[ev.node[i]]
            start = dt.datetime.fromisoformat(row["start_timestamp"])
            assert start == stamp(ev.time[i])
            if kind in INSTANT:
                assert row["end_timestamp"] == row["start_timestamp"]
            elif i in end_of:
                end = dt.datetime.fromisoformat(row["end_timestamp"])
                assert end == stamp(ev.time[end_of[i]])
                assert end >= start
            else:  # still under way when the run stopped
                assert row["end_timestamp"] == ""
                assert math.isnan(output.customers["end"][cid]) or kind == Event.CHASED
    assert position == len(rows)


def test_event_log_timestamps_are_real_date_times_from_the_start_date(exported):
    rows = rows_as_dicts(exported["events"])
    first = dt.datetime.combine(START, dt.time())
    last = first + dt.timedelta(days=21)
    open_ended = 0
    for row in rows:
        start = dt.datetime.fromisoformat(row["start_timestamp"])
        assert first <= start <= last
        if row["end_timestamp"]:
            end = dt.datetime.fromisoformat(row["end_timestamp"])
            assert start <= end  # work in progress at the end may finish after it
        else:
            open_ended += 1
    assert open_ended < 0.05 * len(rows)
    # the Clinic works 09:00-17:00 on weekdays, so its work starts then
    for row in rows:
        if row["resource"] == "Clinic" and row["activity"] == "Assess":
            start = dt.datetime.fromisoformat(row["start_timestamp"])
            assert start.weekday() < 5 and 9 <= start.hour < 17


def test_event_log_cases_are_the_customers_of_the_customer_table(exported):
    events = rows_as_dicts(exported["events"])
    customers = rows_as_dicts(exported["customers"])
    cases = {f"r{c['replication']}-c{c['customer']}": c for c in customers}
    assert {e["case_id"] for e in events} == set(cases)
    arrivals = {e["case_id"]: e for e in events if e["activity"].startswith("Arrived: ")}
    assert set(arrivals) == set(cases)
    for case, customer in cases.items():
        arrived = arrivals[case]
        assert arrived["start_timestamp"] == customer["arrived"]
        assert arrived["activity"] == f"Arrived: {customer['entry']}"
        assert arrived["segment"] == customer["segment"]
        assert arrived["after_warmup"] == customer["after_warmup"]
    outcomes = {e["case_id"]: e for e in events if e["activity"].startswith("Outcome: ")}
    gave_up = {e["case_id"]: e for e in events if e["activity"].startswith("Gave up at ")}
    for case, customer in cases.items():
        if customer["outcome"]:
            assert outcomes[case]["activity"] == f"Outcome: {customer['outcome']}"
            assert outcomes[case]["start_timestamp"] == customer["ended"]
        elif customer["gave_up_at"]:
            assert gave_up[case]["activity"] == f"Gave up at {customer['gave_up_at']}"
            assert gave_up[case]["start_timestamp"] == customer["ended"]
        else:
            assert case not in outcomes and case not in gave_up
    steps = Counter(e["case_id"] for e in events if e["activity"] == "Assess")
    repeats = Counter(e["case_id"] for e in events if e["activity"] == "Told their story again")
    chases = Counter(e["case_id"] for e in events if e["activity"].startswith("Chased "))
    for case, customer in cases.items():
        if customer["outcome"]:
            assert repeats[case] == int(customer["story_repeats"])
            assert chases[case] == int(customer["chases"])
            assert steps[case] >= 1


# -- the customer table ------------------------------------------------------------------


def test_the_customer_table_has_a_row_per_customer_with_their_totals(finished_run, exported):
    header, *rows = exported["customers"]
    assert header == CUSTOMER_CSV_COLUMNS
    total = sum(len(o.customers["arrival"]) for o in finished_run.outputs)
    assert len(rows) == exported["customer_rows"] == total
    table = rows_as_dicts(exported["customers"])
    names = finished_run.compiled.node_names
    position = 0
    for output in finished_run.outputs:
        c = output.customers
        for cid in range(len(c["arrival"])):
            row = table[position]
            position += 1
            assert row["replication"] == str(output.replication + 1)
            assert row["customer"] == str(cid + 1)
            assert dt.datetime.fromisoformat(row["arrived"]) == stamp(c["arrival"][cid])
            if math.isnan(c["end"][cid]):
                assert row["ended"] == row["end_to_end_minutes"] == ""
                assert row["outcome"] == row["gave_up_at"] == ""
            else:
                assert dt.datetime.fromisoformat(row["ended"]) == stamp(c["end"][cid])
                assert float(row["end_to_end_minutes"]) == pytest.approx(
                    c["end"][cid] - c["arrival"][cid], abs=1e-3)
            outcome = c["outcome"][cid]
            assert row["outcome"] == (names[outcome] if outcome >= 0 else "")
            for name in ("touch", "work", "queue", "handoff_delay", "delay", "unowned"):
                assert float(row[f"{name}_minutes"]) == pytest.approx(c[name][cid], abs=1e-3)
            for name in ("handoffs", "story_repeats", "chases", "steps"):
                assert int(row[name]) == c[name][cid]
    counts = Counter((r["outcome"] or r["gave_up_at"] and "gave up" or "inside")
                     for r in table)
    assert counts["Treated"] > 0 and counts["gave up"] > 0 and counts["inside"] > 0


# -- results.json ------------------------------------------------------------------------


def test_results_to_dict_is_json_with_every_customer_measure(finished_run, tmp_path):
    results = finished_run.results
    figures = results.to_dict()
    text = json.dumps(figures, allow_nan=False)
    assert set(figures["customer"]) == set(CUSTOMER_MEASURES)
    for name, value in figures["customer"].items():
        assert set(value) == {"mean", "low", "high", "n"}, name
        assert value["n"] == 2
    assert figures["settings"] == {"days": 21, "warmup_days": 3, "replications": 2,
                                   "seed": 11, "start_date": START.isoformat()}
    assert figures["software"]["version"]
    assert [t["name"] for t in figures["teams"]] == ["Admin", "Clinic"]
    assert [s["name"] for s in figures["steps"]] == ["Register", "Assess"]
    assert figures["customer"]["gave_up_share"]["mean"] > 0
    assert figures["customer"]["chases_per_100"]["mean"] > 0
    write_results_json(tmp_path / "results.json", results)
    assert json.loads((tmp_path / "results.json").read_text(encoding="utf-8")) \
        == json.loads(text)


# -- the command line --------------------------------------------------------------------


@pytest.fixture
def map_file(tmp_path):
    path = tmp_path / "journey.json"
    save_map(journey_map(RunSettings(days=10, warmup_days=2, replications=2, seed=5)), path)
    return path


def test_outsidein_run_writes_the_three_files_and_speaks_customer_first(map_file, tmp_path,
                                                                        capsys):
    out = tmp_path / "out"
    code = cli.main(["run", str(map_file), "--out", str(out), "--replications", "2",
                     "--days", "5", "--warmup", "1"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "Traceback" not in printed.err
    text = printed.out
    assert "The customer's view" in text and "The teams' view" in text
    assert text.index("The customer's view") < text.index("The teams' view")
    assert "2 replications of 5 days" in text
    for name in ("results.json", "customers.csv", "events.csv"):
        assert (out / name).stat().st_size > 0, name
    figures = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert figures["settings"]["days"] == 5
    assert figures["settings"]["warmup_days"] == 1
    assert figures["settings"]["replications"] == 2
    with open(out / "events.csv", newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == EVENT_LOG_COLUMNS
    with open(out / "customers.csv", newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == CUSTOMER_CSV_COLUMNS


@pytest.mark.parametrize(("arguments", "said"), [
    (["--days", "0"], "run length"),
    (["--days", "5", "--warmup", "6"], "warm-up"),
    (["--days", "5", "--warmup", "5"], "warm-up"),
    (["--replications", "0"], "replications"),
    (["--jobs", "0"], "--jobs"),
], ids=["days-0", "warmup-longer", "warmup-as-long", "replications-0", "jobs-0"])
def test_outsidein_run_refuses_bad_settings_plainly(map_file, tmp_path, capsys, arguments,
                                                    said):
    out = tmp_path / "out"
    code = cli.main(["run", str(map_file), "--out", str(out), *arguments])
    printed = capsys.readouterr()
    assert code == 2
    assert printed.err.startswith("outsidein: ")
    assert said in printed.err
    assert "Traceback" not in printed.err + printed.out
    assert not (out / "results.json").exists()
