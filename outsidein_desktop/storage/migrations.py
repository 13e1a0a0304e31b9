"""Old file formats, brought up to date one version at a time.

Each migration takes the data of version N and returns the data of version N + 1, so a
file of any past version loads through the chain. Files record their ``format_version``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .codec import FORMAT_VERSION


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 called handoffs "edges" and their probability "p"."""
    if "edges" not in data:  # a scenario file, or a map with no handoffs
        return {**data, "format_version": 2}
    out = {k: v for k, v in data.items() if k != "edges"}
    handoffs = []
    for edge in data.get("edges", []):
        if isinstance(edge, dict):
            edge = {("probability" if k == "p" else k): v for k, v in edge.items()}
        handoffs.append(edge)
    out["handoffs"] = handoffs
    out["format_version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class UnknownVersion(Exception):
    pass


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Data of any known format version, brought to :data:`FORMAT_VERSION`.

    Raises UnknownVersion with a user-facing sentence for a missing, malformed or future
    version.
    """
    version = data.get("format_version")
    if version is None:
        raise UnknownVersion("It has no 'format_version', so it does not look like an "
                             "OutsideIn file.")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UnknownVersion(f"Its 'format_version' should be a whole number, not {version!r}.")
    if version > FORMAT_VERSION:
        raise UnknownVersion(f"It was written in file format {version}, by a newer version of "
                             f"OutsideIn; this version reads formats 1 to {FORMAT_VERSION}. "
                             "Please update OutsideIn.")
    if version < 1:
        raise UnknownVersion(f"Its 'format_version' is {version}; known formats are 1 to "
                             f"{FORMAT_VERSION}.")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data)
        version = data["format_version"]
    return data
