"""Loading and saving map and scenario files.

A failed load raises :class:`MapFileError` naming the file and the element and changes
nothing; a save writes a temporary file beside the target and renames it over the old
one, so a crash or a full disk mid-save leaves the old file whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..domain.scenario import Scenario
from ..domain.service_map import ServiceMap
from ..errors import MapFileError, ScenarioError
from .codec import map_from_dict, map_to_dict
from .migrations import UnknownVersion, migrate
from .reader import FormatProblem
from .scenario_codec import (
    map_scenarios_from_dict,
    map_scenarios_to_list,
    scenario_from_dict,
    scenario_to_dict,
)

T = TypeVar("T")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MapFileError(str(path), "The file does not exist.") from None
    except IsADirectoryError:
        raise MapFileError(str(path), "This is a folder, not a file.") from None
    except PermissionError:
        raise MapFileError(str(path), "You do not have permission to read this file.") from None
    except UnicodeDecodeError:
        raise MapFileError(str(path), "This is not a text file, so it cannot be an OutsideIn "
                           "map (maps are JSON text).") from None
    except OSError as error:
        raise MapFileError(str(path), f"The file cannot be read ({error.strerror}).") from None
    if not text.strip():
        raise MapFileError(str(path), "The file is empty.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MapFileError(str(path), f"This is not valid JSON: {error.msg} (line "
                           f"{error.lineno}, column {error.colno}).") from None


def _load(path: str | os.PathLike[str], parse: Callable[[Any], T]) -> T:
    path = Path(path)
    data = _read_json(path)
    if not isinstance(data, dict):
        raise MapFileError(str(path), "The file should hold one JSON object ({...}) with a "
                           "'format_version', but it holds something else.")
    try:
        return parse(migrate(data))
    except UnknownVersion as error:
        raise MapFileError(str(path), str(error)) from None
    except FormatProblem as problem:
        raise MapFileError(str(path), problem.problem, problem.element) from None


def load_map(path: str | os.PathLike[str]) -> ServiceMap:
    """Read a map file (any known format version)."""
    return _load(path, map_from_dict)


def _map_and_scenarios(data: Any) -> tuple[ServiceMap, list[Scenario]]:
    return map_from_dict(data), map_scenarios_from_dict(data)


def load_map_and_scenarios(path: str | os.PathLike[str]) -> tuple[ServiceMap, list[Scenario]]:
    """Read a map file and the scenarios kept in it (none in a file without
    ``"scenarios"``). Their changes are read and checked as values, not applied: a
    scenario that no longer fits its map says so when it is applied."""
    return _load(path, _map_and_scenarios)


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    """Read a scenario file. Its ``base`` is relative to the scenario file's folder."""
    return _load(path, scenario_from_dict)


def scenario_base_path(scenario: Scenario, scenario_path: str | os.PathLike[str]) -> Path | None:
    """Where the scenario's base map is, or None if it names none."""
    if not scenario.base:
        return None
    return (Path(scenario_path).parent / scenario.base).resolve()


def apply_scenario_file(service_map: ServiceMap, path: str | os.PathLike[str]) -> ServiceMap:
    """Load the scenario at ``path`` and apply it; errors name the scenario file."""
    scenario = load_scenario(path)
    try:
        return scenario.apply(service_map)
    except ScenarioError as error:
        raise MapFileError(str(path), str(error)) from None


def write_json_atomically(data: Any, path: str | os.PathLike[str]) -> None:
    """Write ``data`` as JSON to ``path`` so that the old file survives any failure."""
    path = Path(path)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w", encoding="utf-8", dir=path.parent,
            prefix=f".{path.name}.", suffix=".tmp", delete=False)
    except OSError as error:
        if not path.parent.is_dir():
            raise MapFileError(str(path), f"The folder {path.parent} does not exist, so the "
                               "file could not be saved there.") from None
        raise MapFileError(str(path), f"The file could not be saved "
                           f"({error.strerror or error}). Nothing was changed.") from None
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(handle.name, path.stat().st_mode & 0o777)
        os.replace(handle.name, path)
    except BaseException as error:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise MapFileError(str(path), f"The file could not be saved "
                               f"({error.strerror or error}). The old file is unchanged.") from None
        raise


def save_map(service_map: ServiceMap, path: str | os.PathLike[str],
             scenarios: Sequence[Scenario] = ()) -> None:
    """Write the map, with ``scenarios`` kept in the same file (their ``base`` is not
    written: it is the map). Scenarios without a name, or two with one name, are refused
    before anything is written."""
    data = map_to_dict(service_map)
    if scenarios:
        try:
            data["scenarios"] = map_scenarios_to_list(scenarios)
        except FormatProblem as problem:
            raise MapFileError(str(path), problem.problem, problem.element) from None
    write_json_atomically(data, path)


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    write_json_atomically(scenario_to_dict(scenario), path)
