"""Storage: the versioned JSON file format, migrations and atomic saves. No Qt, no simpy."""

from .codec import FORMAT_VERSION, map_from_dict, map_to_dict
from .files import (
    apply_scenario_file,
    load_map,
    load_map_and_scenarios,
    load_scenario,
    save_map,
    save_scenario,
    scenario_base_path,
    write_json_atomically,
)
from .scenario_codec import scenario_from_dict, scenario_to_dict

__all__ = ["FORMAT_VERSION", "map_from_dict", "map_to_dict", "load_map",
           "load_map_and_scenarios", "load_scenario",
           "save_map", "save_scenario", "scenario_base_path", "apply_scenario_file",
           "write_json_atomically", "scenario_from_dict", "scenario_to_dict"]
