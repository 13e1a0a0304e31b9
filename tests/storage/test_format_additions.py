"""Format details added after format 2 was first written: they need no migration."""

import json

import pytest

from outsidein_desktop.domain import Exponential, parse_days
from outsidein_desktop.errors import InvalidParameter, MapFileError
from outsidein_desktop.storage import load_map, save_map


def _map_data(tiny_map_path):
    return json.loads(tiny_map_path.read_text())


@pytest.fixture
def tiny_map_path(tmp_path, full_map):
    path = tmp_path / "map.json"
    save_map(full_map, path)
    return path


def test_a_step_s_own_patience_round_trips(tmp_path, full_map):
    step = full_map.steps()[0]
    full_map.update(step.name, patience=Exponential(mean_value=4, unit="minutes"))
    path = tmp_path / "with_patience.json"
    save_map(full_map, path)
    assert json.loads(path.read_text())["nodes"][[n.name for n in full_map.nodes()]
                                                 .index(step.name)]["patience"]["mean"] == 4
    assert load_map(path) == full_map


def test_a_schema_key_is_accepted_and_ignored(tiny_map_path):
    data = _map_data(tiny_map_path)
    data["$schema"] = "../docs/schema/map.schema.json"
    tiny_map_path.write_text(json.dumps(data))
    assert load_map(tiny_map_path).title == data["title"]


def test_a_bad_step_patience_names_the_step(tiny_map_path, full_map):
    data = _map_data(tiny_map_path)
    step = next(n for n in data["nodes"] if n["type"] == "step")
    step["patience"] = {"kind": "exponential", "mean": 0}
    tiny_map_path.write_text(json.dumps(data))
    with pytest.raises(MapFileError, match=f"step '{step['name']}', patience.*mean"):
        load_map(tiny_map_path)


@pytest.mark.parametrize("text", ["Monkey", "Fried", "Mon-Sunday-ish", "Tu"])
def test_day_names_must_be_real_days(text):
    with pytest.raises(InvalidParameter, match="not a set of days"):
        parse_days(text)


@pytest.mark.parametrize(("text", "days"), [("Monday-Friday", (0, 1, 2, 3, 4)),
                                            ("sat,SUN", (5, 6)), ("Thurs", (3,))])
def test_full_and_short_day_names(text, days):
    assert parse_days(text) == days
