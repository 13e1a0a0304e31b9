"""Scenario files (``scenarios/*.json``) in the app: import one into the open map, export
one for sharing or for ``outsidein run --scenario``."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ...domain.scenario import Scenario
from ...errors import MapFileError, ScenarioError
from ...storage.files import load_scenario, save_scenario
from ..document import MapDocument
from .commands import unused_name

SCENARIO_FILTER = "Scenario files (*.json)"


def read_scenario_for(document: MapDocument, path: str | os.PathLike[str]) -> Scenario:
    """The scenario in the file at ``path``, ready to add to ``document``: checked to fit
    its baseline and renamed if a scenario already has its name. Raises MapFileError naming
    the file if it cannot be read or does not fit."""
    path = Path(path)
    scenario = load_scenario(path)
    try:
        scenario.apply(document.baseline)
    except ScenarioError as error:
        raise MapFileError(str(path), f"This scenario does not fit the open map. {error}") \
            from None
    name = unused_name(document, scenario.name.strip() or path.stem)
    return dataclasses.replace(scenario, name=name, base="")


def write_scenario_file(document: MapDocument, name: str,
                        path: str | os.PathLike[str]) -> None:
    """Save the scenario ``name`` to ``path``, naming the map file as its base (relative to
    the scenario file, as the command line expects) when the map has been saved."""
    path = Path(path)
    base = ""
    if document.path is not None:
        base = Path(os.path.relpath(document.path.resolve(), path.parent.resolve())).as_posix()
    save_scenario(dataclasses.replace(document.scenario(name), base=base), path)


def suggested_path(document: MapDocument, name: str, last_folder: str) -> Path:
    """Where to offer to export: the map's ``scenarios`` folder if it has one."""
    folder = Path(last_folder)
    if document.path is not None:
        folder = document.path.parent
        if (folder / "scenarios").is_dir():
            folder = folder / "scenarios"
    stem = "_".join("".join(c if c.isalnum() else " " for c in name.lower()).split()[:6])
    return folder / f"{stem or 'scenario'}.json"
