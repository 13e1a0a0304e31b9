"""The example maps and scenarios, and the JSON Schemas that document the file format.

Every map in models/ loads and validates, every scenario in scenarios/ applies to its base
map and changes it, `outsidein validate` accepts them all, and the schemas in docs/schema
accept every example and whatever `save_map` / `save_scenario` write, while refusing what
the loader refuses.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from outsidein_desktop import cli
from outsidein_desktop.domain import (
    DISTRIBUTIONS,
    NODE_TYPES,
    Arrivals,
    ChaseRule,
    Decision,
    Delay,
    Duration,
    Entry,
    Exit,
    Handoff,
    RunSettings,
    Segment,
    ServiceMap,
    Shift,
    Step,
    Team,
    make_distribution,
)
from outsidein_desktop.domain.scenario import (
    CHANGES,
    AddHandoff,
    AddPart,
    AddSegment,
    AddStep,
    AddTeam,
    MergeTeams,
    RemoveHandoff,
    RemovePart,
    RemoveSegment,
    RemoveStep,
    RemoveTeam,
    RenamePart,
    RenameSegment,
    RenameTeam,
    Scenario,
    SetArrivals,
    SetDuration,
    SetHandoff,
    SetHours,
    SetRouting,
    SetStaff,
    UpdateHandoff,
    UpdatePart,
    UpdateSegment,
    UpdateTeam,
)
from outsidein_desktop.domain.validate import errors, validate
from outsidein_desktop.errors import MapFileError
from outsidein_desktop.storage import (
    load_map,
    load_scenario,
    map_to_dict,
    save_map,
    save_scenario,
    scenario_base_path,
)

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "models").glob("*.json"))
SCENARIOS = sorted((ROOT / "scenarios").glob("*.json"))
SCHEMAS = ROOT / "docs" / "schema"
TOL_BRIGHT = {"#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"}


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _schema(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def map_schema() -> Draft202012Validator:
    return _schema("map")


@pytest.fixture(scope="module")
def scenario_schema() -> Draft202012Validator:
    return _schema("scenario")


def _schema_errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}"
            for e in validator.iter_errors(data)]


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _base_of(scenario_path: Path) -> Path:
    base = scenario_base_path(load_scenario(scenario_path), scenario_path)
    assert base is not None, f"{scenario_path.name} names no base map"
    return base


# -- the folders are not empty ----------------------------------------------------------


def test_the_example_folders_hold_maps_and_scenarios():
    assert len(MODELS) >= 3, f"expected at least 3 maps in models/, found {len(MODELS)}"
    assert len(SCENARIOS) >= 6, f"expected at least 6 scenarios, found {len(SCENARIOS)}"


def test_every_map_has_at_least_two_scenarios():
    bases = [_base_of(path) for path in SCENARIOS]
    for model in MODELS:
        count = sum(base == model.resolve() for base in bases)
        assert count >= 2, f"{model.name} is the base of {count} scenario(s), not 2 or more"


# -- maps -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MODELS, ids=_ids(MODELS))
def test_map_loads_and_validates_without_errors(path):
    service_map = load_map(path)
    problems = validate(service_map)
    warnings = [str(p) for p in problems if p.severity != "error"]
    assert not errors(problems), (
        f"{path.name}: " + "; ".join(str(p) for p in problems)
        + (f" (warnings: {warnings})" if warnings else ""))


@pytest.mark.parametrize("path", MODELS, ids=_ids(MODELS))
def test_map_matches_the_map_schema(path, map_schema):
    assert _schema_errors(map_schema, _read(path)) == []


@pytest.mark.parametrize("path", MODELS, ids=_ids(MODELS))
def test_map_says_what_it_is_and_where_its_figures_come_from(path):
    service_map = load_map(path)
    assert service_map.title
    assert len(service_map.notes) > 200, "the notes should explain scale, sources, assumptions"
    assert service_map.sources, "a sourced example lists its sources"
    assert all(team.colour.upper() in TOL_BRIGHT for team in service_map.teams())
    positions = [part.position for part in service_map.nodes()]
    assert len(set(positions)) == len(positions), "two parts are drawn on top of each other"


# -- scenarios --------------------------------------------------------------------------


@pytest.mark.parametrize("path", SCENARIOS, ids=_ids(SCENARIOS))
def test_scenario_matches_the_scenario_schema(path, scenario_schema):
    assert _schema_errors(scenario_schema, _read(path)) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=_ids(SCENARIOS))
def test_scenario_applies_to_its_base_map_and_changes_it(path):
    scenario = load_scenario(path)
    assert scenario.name and scenario.description, "say what question the scenario answers"
    base_path = _base_of(path)
    assert base_path.is_file(), f"{path.name}: base map {scenario.base} does not exist"
    assert base_path in {m.resolve() for m in MODELS}
    base = load_map(base_path)

    changed = scenario.apply(base)

    problems = validate(changed)
    assert not errors(problems), f"{path.name}: " + "; ".join(str(p) for p in problems)
    assert changed != base, f"{path.name} does not change its map"
    assert base == load_map(base_path), "applying a scenario must not edit its base map"


# -- the command line -------------------------------------------------------------------

def _declared_base(scenario_path: Path) -> Path:
    """The base a scenario file names, read as plain JSON (safe while collecting tests)."""
    try:
        base = json.loads(scenario_path.read_text(encoding="utf-8")).get("base") or ""
    except (OSError, ValueError, AttributeError):
        base = ""
    return (scenario_path.parent / base).resolve()


CLI_CASES = [(m, None) for m in MODELS] + [(_declared_base(s), s) for s in SCENARIOS]


@pytest.mark.parametrize(
    ("model", "scenario"), CLI_CASES,
    ids=[m.stem if s is None else f"{m.stem}+{s.stem}" for m, s in CLI_CASES])
def test_outsidein_validate_accepts_each_example(model, scenario, capsys):
    argv = ["validate", str(model)] + (["--scenario", str(scenario)] if scenario else [])

    code = cli.main(argv)

    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert ": 0 errors," in out.out


# -- what the code writes matches the schemas -------------------------------------------


def _dist(kind: str, unit: str = "minutes", **params: Any):
    return make_distribution(kind, unit, **params)


def every_feature_map() -> ServiceMap:
    """A small map that uses every part, field and kind of distribution the format has."""
    service_map = ServiceMap(title="Every feature", notes="For the schema tests.",
                             sources=("A made-up source",),
                             run=RunSettings(days=120, warmup_days=14, replications=3, seed=7))
    service_map.add_team(Team(name="Desk", colour="#66CCEE", notes="Front desk", shifts=(
        Shift(days=(0, 1, 2, 3, 4), start=8, end=18, staff=2),
        Shift(days=(0,), start=8, end=10, staff=1),
        Shift(days=(5, 6), start=22, end=6, staff=1))))
    service_map.add_team(Team(name="Back office", shifts=(Shift(staff=3),)))
    service_map.add_segment(Segment(
        name="Urgent", share=0.2, priority=1, notes="Served first",
        patience=_dist("weibull", "hours", shape=1.5, scale=2),
        chase=ChaseRule(after=Duration.parse("2 days"), every=Duration.parse("1 day"),
                        team="Desk", work=_dist("empirical", values=(3, 4, 4, 9)))))
    service_map.add_segment(Segment(
        name="Routine", share=0.8, priority=2,
        patience=_dist("exponential", "days", mean=30),
        chase=ChaseRule(after=Duration.parse("6 weeks"), team="Desk",
                        work=_dist("fixed", value=5))))
    service_map.add(Entry(name="Phone", position=(0, 0), notes="Calls",
                          arrivals=Arrivals(per_day=40, by_weekday=(2, 1, 1, 1, 1, 0, 0),
                                            by_hour=(0,) * 8 + (1,) * 10 + (0,) * 6),
                          segment_mix={"Urgent": 0.5, "Routine": 0.5}))
    service_map.add(Entry(name="Web", position=(0, 120), arrivals=Arrivals(per_day=10)))
    service_map.add(Step(name="Answer", position=(180, 0), team="Desk",
                         duration=_dist("uniform", low=2, high=6), notes="A call"))
    service_map.add(Step(name="Assess", position=(360, 0), team="Back office",
                         duration=_dist("lognormal", mean=20, sd=10), staff_needed=2,
                         customer_present=False,
                         repeat_story_time=_dist("normal", mean=5, sd=1)))
    service_map.add(Decision(name="Sorted?", position=(540, 0), notes="A branch"))
    service_map.add(Delay(name="Letter", position=(540, 120),
                          duration=_dist("gamma", "days", mean=3, sd=1)))
    service_map.add(Exit(name="Done", position=(720, 0), outcome="Resolved"))
    service_map.add(Exit(name="Elsewhere", position=(720, 120)))
    service_map.connect("Phone", "Answer")
    service_map.connect("Web", "Assess", Handoff(info_travels=0.5, notes="Form"))
    service_map.connect("Answer", "Assess", Handoff(
        delay=_dist("triangular", "hours", low=1, mode=2, high=8), info_travels=0.9))
    service_map.connect("Assess", "Sorted?")
    service_map.connect("Sorted?", "Done", Handoff(probability=0.7,
                                                   by_segment={"Urgent": 0.9}))
    service_map.connect("Sorted?", "Letter", Handoff(probability=0.2,
                                                     by_segment={"Urgent": 0.05}))
    service_map.connect("Sorted?", "Elsewhere", Handoff(probability=0.1,
                                                        by_segment={"Urgent": 0.05}))
    service_map.connect("Letter", "Assess")
    return service_map


def every_action_scenario() -> Scenario:
    """A scenario with one change of every kind, which fits :func:`every_feature_map`."""
    new_step = Step(name="Check", position=(270, -120), team="Desk",
                    duration=_dist("fixed", "minutes", value=4), customer_present=False)
    return Scenario(name="Every action", description="For the schema tests.",
                    base="every_feature.json", changes=(
        SetStaff(team="Back office", staff=4),
        SetHours(team="Desk", shifts=(Shift(days=(0, 1, 2, 3, 4), start=7, end=19, staff=2),
                                      Shift(days=(6,), start=20, end=4, staff=1))),
        SetDuration(part="Letter", duration=_dist("exponential", "days", mean=2)),
        SetRouting(part="Sorted?", probabilities={"Done": 0.8, "Letter": 0.1}),
        SetHandoff(source="Answer", target="Assess", no_delay=True, info_travels=1.0),
        SetHandoff(source="Web", target="Assess", delay=_dist("uniform", "hours", low=1,
                                                              high=2)),
        AddStep(step=new_step, after="Phone", before="Answer"),
        RemoveStep(part="Answer"),
        MergeTeams(team="Back office", into="Desk"),
        SetArrivals(entry="Web", per_day=25),
        *_canvas_edits(),
    ))


def _canvas_edits() -> tuple:
    """One change of each kind the editor records (scenario_diff), which keep the map valid
    after the changes above: "Elsewhere" becomes a pharmacy step, "Routine" becomes "Frail"."""
    dispense = Step(name="Dispense", position=(630, 240), team="Pharmacy",
                    duration=_dist("fixed", value=6))
    return (
        AddTeam(team=Team(name="Pharmacy", colour="#228833", shifts=(Shift(staff=1),))),
        RenameTeam(team="Pharmacy", name="Medicines"),
        UpdateTeam(team="Medicines", colour="#AA3377", notes="Run by the hospital"),
        AddTeam(team=Team(name="Agency")),
        RemoveTeam(team="Agency"),
        AddSegment(segment=Segment(name="New", share=0.3, priority=2)),
        RenameSegment(segment="New", name="Frail"),
        UpdateSegment(segment="Frail", share=0.5, patience=_dist("fixed", "days", value=9),
                      chase=ChaseRule(after=Duration.parse("1 week"), team="Desk",
                                      work=_dist("fixed", value=3)), notes="Older people"),
        UpdateSegment(segment="Urgent", no_patience=True, no_chase=True),
        AddPart(part=dispense),
        RenamePart(part="Dispense", name="Dispense medicines"),
        UpdatePart(part="Dispense medicines", team="Medicines", customer_present=False,
                   patience=_dist("exponential", "days", mean=5),
                   repeat_story_time=_dist("fixed", value=2)),
        UpdatePart(part="Dispense medicines", no_repeat_story_time=True, staff_needed=1),
        UpdatePart(part="Phone", segment_mix={"Urgent": 0.5, "Frail": 0.5},
                   arrivals=Arrivals(per_day=30, by_weekday=(1, 1, 1, 1, 1, 0.5, 0.5))),
        UpdatePart(part="Done", outcome="Sorted out", notes="The usual end"),
        RemoveHandoff(source="Sorted?", target="Elsewhere"),
        RemovePart(part="Elsewhere"),
        AddHandoff(source="Sorted?", target="Dispense medicines", probability=0.1,
                   by_segment={"Urgent": 0.05}, delay=_dist("fixed", "hours", value=2),
                   info_travels=0.8, notes="A prescription"),
        AddHandoff(source="Dispense medicines", target="Done"),
        UpdateHandoff(source="Assess", target="Sorted?", by_segment={"Urgent": 1.0},
                      notes="Checked"),
        RemoveSegment(segment="Routine"),
    )


def _distribution_kinds(data: Any) -> set[str]:
    """Every distribution kind used anywhere in a saved file."""
    if isinstance(data, dict):
        found = {data["kind"]} if isinstance(data.get("kind"), str) else set()
        return found.union(*(_distribution_kinds(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_distribution_kinds(v) for v in data))
    return set()


def test_the_fixtures_use_every_kind_of_part_distribution_and_change():
    service_map = every_feature_map()
    assert not errors(validate(service_map))
    assert {type(p) for p in service_map.nodes()} == set(NODE_TYPES.values())
    assert _distribution_kinds(map_to_dict(service_map)) == set(DISTRIBUTIONS)
    assert {c.action for c in every_action_scenario().changes} == set(CHANGES)


def test_a_map_written_by_save_map_matches_the_schema(tmp_path, map_schema):
    path = tmp_path / "every_feature.json"
    save_map(every_feature_map(), path)

    assert _schema_errors(map_schema, _read(path)) == []
    assert load_map(path) == every_feature_map()


def test_a_scenario_written_by_save_scenario_matches_the_schema(tmp_path, scenario_schema):
    path = tmp_path / "every_action.json"
    save_scenario(every_action_scenario(), path)
    save_map(every_feature_map(), tmp_path / "every_feature.json")

    assert _schema_errors(scenario_schema, _read(path)) == []
    scenario = load_scenario(path)
    assert scenario == every_action_scenario()
    changed = scenario.apply(load_map(_base_of(path)))
    assert not errors(validate(changed))


@pytest.mark.parametrize("path", MODELS, ids=_ids(MODELS))
def test_an_example_map_saved_again_matches_the_schema(path, tmp_path, map_schema):
    copy_path = tmp_path / path.name
    save_map(load_map(path), copy_path)

    assert _schema_errors(map_schema, _read(copy_path)) == []
    assert load_map(copy_path) == load_map(path)


def test_the_two_schemas_share_the_same_definitions():
    map_defs = json.loads((SCHEMAS / "map.schema.json").read_text())["$defs"]
    scenario_defs = json.loads((SCHEMAS / "scenario.schema.json").read_text())["$defs"]
    shared = set(map_defs) & set(scenario_defs)
    assert {"distribution", "shift", "step", "unit", "days"} <= shared
    for name in shared:
        assert map_defs[name] == scenario_defs[name], f"$defs/{name} differs between schemas"


# -- the schemas are as strict as the loader, no more and no less ------------------------


def _edit(data: dict, path: tuple, value: Any) -> dict:
    """A copy of ``data`` with the value at ``path`` replaced (DELETE removes the key)."""
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


DELETE = object()
TRIANGULAR = {"kind": "triangular", "low": 1, "mode": 2, "high": 3}

# (what, path into the saved every-feature map, new value). The loader refuses each.
BAD_MAPS = [
    ("unknown top-level key", ("colour",), "#123456"),
    ("no format_version", ("format_version",), DELETE),
    ("future format_version", ("format_version",), 3),
    ("edges in format 2", ("edges",), []),
    ("unknown team key", ("teams", 0, "size"), 3),
    ("colour not #RRGGBB", ("teams", 0, "colour"), "blue"),
    ("name with a space at the end", ("teams", 0, "name"), "Desk "),
    ("empty name", ("nodes", 2, "name"), ""),
    ("unknown day", ("teams", 0, "shifts", 0, "days"), "Mon-Fryday"),
    ("days as null", ("teams", 0, "shifts", 0, "days"), None),
    ("start not on the hour", ("teams", 0, "shifts", 0, "start"), "08:30"),
    ("start at 24:00", ("teams", 0, "shifts", 0, "start"), "24:00"),
    ("end after 24:00", ("teams", 0, "shifts", 0, "end"), 25),
    ("no staff on a shift", ("teams", 0, "shifts", 0, "staff"), 0),
    ("too many staff on a shift", ("teams", 0, "shifts", 0, "staff"), 100_001),
    ("shift without an end", ("teams", 0, "shifts", 0, "end"), DELETE),
    ("priority 0", ("segments", 0, "priority"), 0),
    ("negative share", ("segments", 0, "share"), -1),
    ("chase after no time", ("segments", 0, "chase", "after"), "0 days"),
    ("chase after a word", ("segments", 0, "chase", "after"), "soon"),
    ("chase in fortnights", ("segments", 0, "chase", "every"), "2 fortnights"),
    ("unknown chase key", ("segments", 0, "chase", "by"), "phone"),
    ("unknown kind of part", ("nodes", 2, "type"), "task"),
    ("unknown step key", ("nodes", 2, "owner"), "Desk"),
    ("step without a team", ("nodes", 2, "team"), DELETE),
    ("staff_needed 0", ("nodes", 3, "staff_needed"), 0),
    ("customer_present as text", ("nodes", 3, "customer_present"), "yes"),
    ("position of three numbers", ("nodes", 2, "position"), [1, 2, 3]),
    ("entry without arrivals", ("nodes", 0, "arrivals"), DELETE),
    ("23 hourly weights", ("nodes", 0, "arrivals", "by_hour"), [1] * 23),
    ("weekday weights all zero", ("nodes", 0, "arrivals", "by_weekday"), [0] * 7),
    ("negative arrivals", ("nodes", 0, "arrivals", "per_day"), -5),
    ("a delay with outcome", ("nodes", 5, "outcome"), "x"),
    ("unknown distribution", ("nodes", 2, "duration"), {"kind": "poisson", "mean": 3}),
    ("missing parameter", ("nodes", 2, "duration"), {"kind": "triangular", "low": 1,
                                                     "high": 3}),
    ("extra parameter", ("nodes", 2, "duration"), {**TRIANGULAR, "mean": 2}),
    ("unknown unit", ("nodes", 2, "duration"), {**TRIANGULAR, "unit": "fortnights"}),
    ("negative mean", ("nodes", 2, "duration"), {"kind": "exponential", "mean": -2}),
    ("zero sd", ("nodes", 2, "duration"), {"kind": "gamma", "mean": 2, "sd": 0}),
    ("no observed times", ("nodes", 2, "duration"), {"kind": "empirical", "values": []}),
    ("parameter as text", ("nodes", 2, "duration"), {"kind": "fixed", "value": "5"}),
    ("probability over 1", ("handoffs", 4, "probability"), 1.5),
    ("info_travels below 0", ("handoffs", 2, "info_travels"), -0.1),
    ("by_segment over 1", ("handoffs", 4, "by_segment", "Urgent"), 2),
    ("unknown handoff key", ("handoffs", 0, "weight"), 1),
    ("handoff without to", ("handoffs", 0, "to"), DELETE),
    ("zero replications", ("run", "replications"), 0),
    ("negative seed", ("run", "seed"), -1),
    ("zero days", ("run", "days"), 0),
    ("date not ISO", ("run", "start_date"), "05/01/2026"),
    ("unknown run key", ("run", "jobs"), 4),
]

# Written differently from what save_map writes, but the loader accepts each.
GOOD_MAPS = [
    ("units in capitals", ("nodes", 2, "duration"), {**TRIANGULAR, "unit": " Hours"}),
    ("short unit", ("nodes", 2, "duration"), {**TRIANGULAR, "unit": "min"}),
    ("unit null", ("nodes", 2, "duration"), {**TRIANGULAR, "unit": None}),
    ("days in full, any case", ("teams", 0, "shifts", 0, "days"), "monday - FRIDAY"),
    ("days wrapping the weekend", ("teams", 0, "shifts", 0, "days"), "Fri-Mon"),
    ("days as a list", ("teams", 0, "shifts", 0, "days"), ["Mon", "Wed-Fri"]),
    ("every day", ("teams", 0, "shifts", 0, "days"), "Every day"),
    ("hours as numbers", ("teams", 0, "shifts", 0, "start"), 7),
    ("end at 24:00", ("teams", 0, "shifts", 0, "end"), "24:00"),
    ("hour without minutes", ("teams", 0, "shifts", 0, "end"), "9"),
    ("no days (Mon-Fri)", ("teams", 0, "shifts", 0, "days"), DELETE),
    ("chase in capitals", ("segments", 0, "chase", "after"), "1.5 Weeks"),
    ("optional keys null", ("segments", 0, "patience"), None),
    ("no colour", ("teams", 0, "colour"), None),
    ("no position", ("nodes", 2, "position"), DELETE),
    ("no probability", ("handoffs", 0, "probability"), DELETE),
    ("no run settings", ("run",), DELETE),
]


@pytest.fixture(scope="module")
def saved_map(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("saved") / "every_feature.json"
    save_map(every_feature_map(), path)
    return _read(path)


def _loads(data: dict, tmp_path: Path, loader=load_map) -> bool:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        loader(path)
    except MapFileError:
        return False
    return True


@pytest.mark.parametrize(("what", "path", "value"), BAD_MAPS, ids=[c[0] for c in BAD_MAPS])
def test_the_map_schema_refuses_what_the_loader_refuses(what, path, value, saved_map,
                                                        map_schema, tmp_path):
    data = _edit(saved_map, path, value)
    assert not _loads(data, tmp_path), f"the loader accepts {what}; fix the test case"
    assert _schema_errors(map_schema, data), f"the schema accepts {what}"


@pytest.mark.parametrize(("what", "path", "value"), GOOD_MAPS, ids=[c[0] for c in GOOD_MAPS])
def test_the_map_schema_accepts_what_the_loader_accepts(what, path, value, saved_map,
                                                        map_schema, tmp_path):
    data = _edit(saved_map, path, value)
    assert _loads(data, tmp_path), f"the loader refuses {what}; fix the test case"
    assert _schema_errors(map_schema, data) == []


def test_a_format_1_map_matches_the_schema_and_loads(saved_map, map_schema, tmp_path):
    old = {k: v for k, v in saved_map.items() if k != "handoffs"}
    old["format_version"] = 1
    old["edges"] = [{("p" if k == "probability" else k): v for k, v in h.items()}
                    for h in saved_map["handoffs"]]

    assert _schema_errors(map_schema, old) == []
    assert _loads(old, tmp_path)
    path = tmp_path / "edited.json"
    assert load_map(path) == every_feature_map()


BAD_SCENARIOS = [
    ("unknown action", ("changes", 0, "action"), "hire"),
    ("unknown key", ("changes", 0, "reason"), "budget"),
    ("no staff", ("changes", 0, "staff"), 0),
    ("required field null", ("changes", 0, "team"), None),
    ("probability over 1", ("changes", 3, "probabilities", "Done"), 1.5),
    ("too many staff", ("changes", 0, "staff"), 100_001),
    ("missing field", ("changes", 2, "duration"), DELETE),
    ("shift not on the hour", ("changes", 1, "shifts", 0, "start"), "07:15"),
    ("distribution without kind", ("changes", 2, "duration"), {"mean": 2}),
    ("added step is a delay", ("changes", 6, "step", "type"), "delay"),
    ("no_delay as text", ("changes", 4, "no_delay"), "yes"),
    ("per_day as text", ("changes", 9, "per_day"), "25"),
    ("no name", ("name",), DELETE),
    ("unknown top-level key", ("author",), "me"),
    ("future format", ("format_version",), 3),
]


def test_a_format_1_scenario_matches_the_schema_and_loads(tmp_path, scenario_schema):
    data = {"format_version": 1, "name": "Old", "changes": [
        {"action": "set_arrivals", "entry": "Web", "per_day": 5}]}

    assert _schema_errors(scenario_schema, data) == []
    assert _loads(data, tmp_path, load_scenario)


@pytest.fixture(scope="module")
def saved_scenario(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("saved") / "every_action.json"
    save_scenario(every_action_scenario(), path)
    return _read(path)


@pytest.mark.parametrize(("what", "path", "value"), BAD_SCENARIOS,
                         ids=[c[0] for c in BAD_SCENARIOS])
def test_the_scenario_schema_refuses_what_the_loader_refuses(what, path, value, saved_scenario,
                                                             scenario_schema, tmp_path):
    data = _edit(saved_scenario, path, value)
    assert not _loads(data, tmp_path, load_scenario), f"the loader accepts {what}"
    assert _schema_errors(scenario_schema, data), f"the schema accepts {what}"


# -- the examples in docs/file-format.md work ---------------------------------------------

FORMAT_DOC = ROOT / "docs" / "file-format.md"


def _doc_blocks(kind: str) -> list[str]:
    """The fenced code blocks marked ``<!-- checked: kind -->`` in the format guide."""
    lines = FORMAT_DOC.read_text(encoding="utf-8").splitlines()
    blocks = []
    for i, line in enumerate(lines):
        if line.strip() == f"<!-- checked: {kind} -->":
            assert lines[i + 1].startswith("```"), f"line {i + 2}: a code block should follow"
            end = next(j for j in range(i + 2, len(lines)) if lines[j].startswith("```"))
            blocks.append("\n".join(lines[i + 2:end]))
    return blocks


def test_the_format_guide_has_checked_examples():
    assert len(_doc_blocks("map")) >= 2
    assert len(_doc_blocks("scenario")) >= 1
    assert len(_doc_blocks("python")) >= 1


@pytest.mark.parametrize("number", range(len(_doc_blocks("map"))))
def test_a_map_in_the_format_guide_loads_and_validates(number, tmp_path, map_schema):
    data = json.loads(_doc_blocks("map")[number])
    path = tmp_path / "example.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    problems = validate(load_map(path))

    assert problems == [], [str(p) for p in problems]
    assert _schema_errors(map_schema, data) == []


def test_the_scenario_in_the_format_guide_applies_to_the_first_map(tmp_path, scenario_schema):
    (tmp_path / "blue_badge.json").write_text(_doc_blocks("map")[0], encoding="utf-8")
    path = tmp_path / "scenario.json"
    path.write_text(_doc_blocks("scenario")[0], encoding="utf-8")

    scenario = load_scenario(path)
    base = load_map(_base_of(path))
    changed = scenario.apply(base)

    assert validate(changed) == []
    assert changed != base
    assert _schema_errors(scenario_schema, _read(path)) == []


def test_the_python_example_in_the_format_guide_runs(tmp_path, monkeypatch, map_schema):
    monkeypatch.chdir(tmp_path)

    exec(compile(_doc_blocks("python")[0], "file-format.md", "exec"), {})  # noqa: S102

    saved = tmp_path / "walk_in_clinic.json"
    assert not errors(validate(load_map(saved)))
    assert _schema_errors(map_schema, _read(saved)) == []
